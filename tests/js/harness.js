// A page for the site's classic scripts under Node, with no build step: the scripts are
// `require`d as they are shipped, in main.html's order, against a window whose storage is
// ours (in memory, with a quota, or turned off) and a document that holds nothing, so that
// only their rules run: progress.js gives `window.atlas`, and each widget's script exports
// its rules to Node (`module.exports`, set only where `module` exists).
"use strict";

const path = require("node:path");

const ASSETS = path.join(__dirname, "..", "..", "templates", "theme", "assets", "js");

// localStorage as a browser keeps it, with a quota in UTF-16 code units of keys and values
// (what browsers count); a write past it throws as a full storage does.
class MemoryStorage {
  constructor(quota = Infinity) {
    this.items = new Map();
    this.quota = quota;
  }

  get length() {
    return this.items.size;
  }

  key(index) {
    return [...this.items.keys()][index] ?? null;
  }

  getItem(key) {
    return this.items.has(key) ? this.items.get(key) : null;
  }

  setItem(key, value) {
    const text = String(value);
    const used = [...this.items].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + text.length > this.quota) {
      throw Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" });
    }
    this.items.set(key, text);
  }

  removeItem(key) {
    this.items.delete(key);
  }

  // Everything held, parsed: what a test compares.
  toJSON() {
    return Object.fromEntries([...this.items].map(([key, value]) => [key, JSON.parse(value)]));
  }
}

// A document with nothing in it: the scripts find no widget to start.
const emptyDocument = () => ({
  readyState: "complete",
  querySelector: () => null,
  querySelectorAll: () => [],
  getElementById: () => null,
  addEventListener: () => {},
});

// Load `scripts` (file names, progress.js first) on a fresh page. `storage`: a MemoryStorage,
// or "refused" for a browser whose storage is turned off (reading window.localStorage throws).
// Returns {atlas, storage, <name>: what that script exports}.
const load = (scripts, { storage = new MemoryStorage() } = {}) => {
  const window = {
    location: { href: "https://example.org/atlas/index.html", pathname: "/atlas/index.html", protocol: "https:" },
    addEventListener: () => {},
  };
  Object.defineProperty(window, "localStorage", {
    get() {
      if (storage === "refused") throw Object.assign(new Error("The operation is insecure."), { name: "SecurityError" });
      return storage;
    },
  });
  globalThis.window = window;
  globalThis.document = emptyDocument();
  const page = { storage };
  for (const name of scripts) {
    const file = path.join(ASSETS, name);
    delete require.cache[file]; // a fresh copy of the script for each page
    page[name.replace(/\.js$/, "")] = require(file);
  }
  page.atlas = window.atlas;
  return page;
};

// Storage holding `items` (name -> value, saved as JSON) under an optional quota.
const storageWith = (items = {}, quota = Infinity) => {
  const storage = new MemoryStorage(quota);
  for (const [key, value] of Object.entries(items)) storage.setItem(key, JSON.stringify(value));
  return storage;
};

module.exports = { load, storageWith, MemoryStorage };

/* AI Engineering Atlas: saved progress, the tick boxes and the progress bars.
 *
 * The shared core of the site's scripts. The other files (transfer.js,
 * planner.js, filters.js, page.js) load after it, in that order, as classic
 * scripts: no module system and no build step, because every page must also
 * work when opened from disk (file://). They reach this file only through
 * `window.atlas`:
 *
 *   atlas.whenReady(start)        run `start` once the page is parsed (at once if it is)
 *   atlas.isDone(key)             whether the item `key` ("paper:bert", "phase:path/slug") is ticked
 *   atlas.doneKeys()              every ticked key, sorted
 *   atlas.isProgressKey(text)     whether `text` is a well-formed key
 *   atlas.replaceProgress(keys)   tick exactly `keys`, save, and update the page
 *   atlas.wireBoxes(root)         show and wire the tick boxes under `root` (rows added later)
 *   atlas.refresh()               show saved progress on every box and bar of the page
 *   atlas.onChange(listener)      call `listener()` whenever progress changes: a tick here, in
 *                                 another tab, an import or its undo
 *   atlas.reload()                read saved progress again after another script rewrote storage
 *   atlas.download(name, type, text)  hand the reader a file made in the page
 *
 * Style of all these files: modern but widely supported JavaScript (const and
 * let, arrow functions, template literals, for...of, optional chaining), each
 * file one strict-mode arrow IIFE so that nothing but `window.atlas` is global.
 * Each feature starts only when its element is on the page, so pages without
 * it do no work.
 *
 * Everything the site saves in localStorage is under a key starting with
 * "atlas-": transfer.js undoes an import or a reset by restoring those keys.
 */
(() => {
  "use strict";

  const STORE = "atlas-progress-v1";
  const KEY_RE = /^(phase|paper|project|task):[a-z0-9][a-z0-9\-\/:]*$/;

  // --- storage ---------------------------------------------------------------

  const load = () => {
    try {
      const data = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      return data && typeof data.done === "object" && data.done ? data : { done: {} };
    } catch (error) {
      return { done: {} };
    }
  };

  const save = (data) => {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(data));
    } catch (error) {
      /* storage full or disabled: progress stays for this page view only */
    }
  };

  // Read from storage only when a page has something that shows progress.
  let state = null;
  const current = () => {
    if (state === null) state = load();
    return state;
  };

  const isDone = (key) => current().done[key] === true;

  const setDone = (key, value) => {
    if (value) current().done[key] = true;
    else delete current().done[key];
    save(state);
  };

  // A renamed page lists its old ids: progress saved under them moves to the new key.
  // `pairs` are [oldKey, key]; true when something moved.
  const moveKeys = (pairs) => {
    const done = current().done;
    let moved = false;
    for (const [oldKey, key] of pairs) {
      if (oldKey && key && done[oldKey]) {
        delete done[oldKey];
        done[key] = true;
        moved = true;
      }
    }
    if (moved) save(state);
    return moved;
  };

  const migrate = (input) => {
    const key = input.getAttribute("data-atlas-id");
    moveKeys((input.getAttribute("data-atlas-old") || "").split(/\s+/).map((oldKey) => [oldKey, key]));
  };

  // A bar counts phases that may have been saved under a renamed path's old
  // ids before their pages were opened again: data-atlas-moved holds old>new.
  const migrateBar = (box) =>
    moveKeys((box.getAttribute("data-atlas-moved") || "").split(/\s+/).map((pair) => pair.split(">")));

  // --- boxes and bars --------------------------------------------------------

  const syncBoxes = () => {
    for (const input of document.querySelectorAll("input[data-atlas-id]")) {
      input.checked = isDone(input.getAttribute("data-atlas-id"));
    }
  };

  const updateBars = () => {
    for (const box of document.querySelectorAll(".atlas-progress[data-atlas-items]")) {
      migrateBar(box);
      const items = box.getAttribute("data-atlas-items").trim().split(/\s+/).filter(Boolean);
      const done = items.filter(isDone).length;
      const percent = items.length ? Math.round((100 * done) / items.length) : 0;
      const text = `${done} of ${items.length} phases done`;
      const bar = box.querySelector("progress");
      bar.value = percent;
      bar.setAttribute("aria-valuetext", text);
      box.querySelector(".atlas-progress-text").textContent = text;
      box.hidden = false;
    }
  };

  const listeners = [];

  const refresh = () => {
    syncBoxes();
    updateBars();
    for (const listener of listeners) listener();
  };

  // Show and wire the checkboxes under `root` (rows added later call this too).
  const wireBoxes = (root) => {
    for (const input of root.querySelectorAll("input[data-atlas-id]")) {
      migrate(input);
      input.hidden = false;
      const label = input.closest("label.atlas-done");
      if (label) label.hidden = false;
      input.checked = isDone(input.getAttribute("data-atlas-id"));
      input.addEventListener("change", () => {
        setDone(input.getAttribute("data-atlas-id"), input.checked);
        refresh();
      });
    }
  };

  const replaceProgress = (keys) => {
    state = { done: {} };
    for (const key of keys) state.done[key] = true;
    save(state);
    refresh();
  };

  const doneKeys = () => Object.keys(current().done).filter(isDone).sort();

  const reload = () => {
    state = load();
    refresh();
  };

  // --- shared helpers ----------------------------------------------------------

  const download = (name, type, text) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  // The scripts are deferred (main.html), so the page is usually parsed already.
  const whenReady = (start) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  };

  window.atlas = Object.freeze({
    whenReady,
    isDone,
    doneKeys,
    isProgressKey: (text) => typeof text === "string" && KEY_RE.test(text),
    replaceProgress,
    wireBoxes,
    refresh,
    onChange: (listener) => {
      listeners.push(listener);
    },
    reload,
    download,
  });

  whenReady(() => {
    if (!document.querySelector("input[data-atlas-id], .atlas-progress")) return;
    wireBoxes(document);
    refresh();
    // Another tab changed progress: show it here too.
    window.addEventListener("storage", (event) => {
      if (event.key !== STORE && event.key !== null) return;
      reload();
    });
  });
})();

/* AI Engineering Atlas: Material's search, loaded the first time a reader uses it.
 *
 * Material's bundle starts the search worker and loads the whole search index on
 * every page view, although most views never search: over http(s) together they
 * weigh more than the page itself, and from file:// (the offline copy) the index is
 * a 1.2 MB script, and the worker an iframe on the page's own thread
 * (iframe-worker's shim), which builds the index on every page opened. This script
 * runs just before the bundle and holds both back until the reader reaches for
 * search (focuses the search field, opens search by shortcut or by the header's
 * magnifier), then lets them go; the bundle never notices the wait.
 *
 * It is listed in `extra.polyfills` after the offline shim: Material writes
 * those tags ahead of its bundle, and main.html defers them all, so they run
 * in that order once the page is parsed, with the search form already there.
 * Whenever a case is not the expected one, nothing is held back: search then
 * loads as Material loads it.
 *
 * Checked against mkdocs-material 9.8.1. This relies on Material's internals,
 * not on an API: the bundle reads `base` and `search` from #__config; over
 * http(s) it asks for search/search_index.json with an XMLHttpRequest, from
 * file:// it adds a <script> for search/search_index.js to the document's head;
 * it starts the worker with `new Worker(config.search)` (from file:// the shim's
 * Worker); and the header's search form and toggle carry the attributes queried
 * below. Any release may change these. When the pin in pyproject.toml moves,
 * tests/test_search_on_demand.py fails until the browser tests pass against the
 * new release and the version above is updated.
 */
(() => {
  "use strict";

  const fromDisk = location.protocol === "file:";
  if (!fromDisk && location.protocol !== "http:" && location.protocol !== "https:") return;
  const toggle = document.querySelector("[data-md-toggle=search]");
  const field = document.querySelector("[data-md-component=search-query]");
  if (!document.forms.namedItem("search") || !toggle || !field) return;
  // Opened from a search result (?h=): search.highlight marks the words at once, from the index.
  if (new URL(location.href).searchParams.get("h")) return;
  // Search is already open (a form state the browser restored).
  if (toggle.checked || document.activeElement === field) return;

  let indexUrl, workerUrl;
  try {
    // Where the bundle will look: the same config, resolved the same way.
    const config = JSON.parse(document.getElementById("__config").textContent);
    indexUrl = new URL(fromDisk ? "search/search_index.js" : "search/search_index.json", new URL(config.base, location.href)).href;
    workerUrl = new URL(config.search, document.baseURI).href;
  } catch {
    return;
  }

  // An unparsable URL is simply not one of ours.
  const is = (url, wanted) => {
    try {
      return new URL(String(url), document.baseURI).href === wanted;
    } catch {
      return false;
    }
  };

  let released = false;
  const waiting = [];
  const later = (run) => (released ? run() : waiting.push(run));
  const release = () => {
    if (released) return;
    released = true;
    for (const run of waiting.splice(0)) {
      // One failed start must not keep the other from starting; it is still reported.
      try {
        run();
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  };

  // The index from file://: its <script> is added to the head on release. The
  // bundle listens for the script's load and error, so the wait is invisible to it.
  const holdIndexScript = () => {
    const head = document.head;
    const append = head.appendChild;
    head.appendChild = function (node) {
      if (!released && node instanceof HTMLScriptElement && is(node.src, indexUrl)) {
        later(() => append.call(head, node));
        return node;
      }
      return append.apply(this, arguments);
    };
  };

  // The index over http(s): its request is opened as usual and only sent on
  // release. The bundle listens for load and error, so the wait is invisible to it.
  const { open, send } = XMLHttpRequest.prototype;
  const forIndex = new WeakSet();
  const holdIndex = () => {
    XMLHttpRequest.prototype.open = function (method, url) {
      const result = open.apply(this, arguments);
      if (!released && is(url, indexUrl)) forIndex.add(this);
      else forIndex.delete(this);
      return result;
    };
    XMLHttpRequest.prototype.send = function () {
      if (!forIndex.has(this)) return send.apply(this, arguments);
      forIndex.delete(this);
      const args = arguments;
      later(() => send.apply(this, args));
    };
  };

  // The worker: the bundle gets a stand-in at once, which keeps the messages
  // posted to it and starts the real worker on release. The events of the
  // real worker are re-dispatched as the stand-in's (an event cannot be
  // dispatched twice, hence the copies).
  const RealWorker = window.Worker;
  class SearchWorker extends EventTarget {
    constructor(args) {
      super();
      this.onmessage = this.onerror = this.onmessageerror = null;
      this.queue = [];
      later(() => this.start(args));
    }

    start(args) {
      if (this.queue === null) return; // terminated before it was needed
      try {
        this.real = new RealWorker(...args);
      } catch {
        this.relay(new Event("error"), null);
        return;
      }
      for (const type of ["message", "messageerror", "error"]) {
        this.real.addEventListener(type, (event) => this.relay(event, event));
      }
      for (const message of this.queue.splice(0)) this.real.postMessage(...message);
    }

    relay(event, original) {
      const init = { cancelable: event.cancelable };
      let copy;
      if (event instanceof MessageEvent) copy = new MessageEvent(event.type, { ...init, data: event.data, ports: [...event.ports] });
      else if (event instanceof ErrorEvent) {
        const { message, filename, lineno, colno, error } = event;
        copy = new ErrorEvent("error", { ...init, message, filename, lineno, colno, error });
      } else copy = new Event(event.type, init);
      const handler = this["on" + copy.type];
      if (typeof handler === "function") handler.call(this, copy);
      this.dispatchEvent(copy);
      // A handled error is not reported to the console, as with a real worker.
      if (copy.defaultPrevented && original) original.preventDefault();
    }

    postMessage(...message) {
      if (this.real) this.real.postMessage(...message);
      else if (this.queue) this.queue.push(message);
    }

    terminate() {
      this.queue = null;
      if (this.real) this.real.terminate();
    }
  }

  // Every other worker is built by the browser's own Worker, as before.
  const holdWorker = () => {
    window.Worker = new Proxy(RealWorker, {
      construct(target, args, newTarget) {
        if (!released && is(args[0], workerUrl)) {
          try {
            return new SearchWorker(args);
          } catch {
            release(); // no stand-in (an old browser): the real worker, now
          }
        }
        return Reflect.construct(target, args, newTarget);
      },
    });
  };

  // What comes just before a search: the field gets focus (a click or the
  // / s f shortcuts), search opens (the header's magnifier), or a finger or
  // pointer lands on the magnifier, a little ahead of the click.
  const listen = () => {
    field.addEventListener("focus", release);
    toggle.addEventListener("change", () => toggle.checked && release());
    const magnifier = document.querySelector(".md-header label[for=__search]");
    if (magnifier) {
      for (const type of ["pointerdown", "touchstart"]) magnifier.addEventListener(type, release, { passive: true });
    }
  };

  try {
    if (fromDisk) holdIndexScript();
    else holdIndex();
    holdWorker();
    listen();
  } catch {
    release(); // a browser without what this needs: search loads at once, as before
  }
})();

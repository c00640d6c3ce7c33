/* AI Engineering Atlas: behaviour of every page, whatever it holds.
 *
 * Needs progress.js (window.atlas). Loaded after it, and before the widgets'
 * scripts that templates/theme/main.html adds where their widgets are.
 */
(() => {
  "use strict";

  // The home and What's new pages announce the Atom feed with <link rel="alternate">, as feed
  // readers expect. Material takes every such link for a translation of the page and, once the
  // page is parsed (its DOMContentLoaded listener, added when its bundle ran, before this file),
  // fetches the sitemap.xml beside it: a wasted request, which a copy opened from disk refuses
  // with an error. The feed's link is called "feed" (HTML's word for it) until Material has
  // looked, and "alternate" again right after, by a listener added after Material's.
  // (This file is deferred: it runs before DOMContentLoaded; "load" comes after it in any case.)
  const feeds = [...document.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')];
  const announceFeeds = () => {
    for (const link of feeds) link.rel = "alternate";
  };
  if (feeds.length) {
    for (const link of feeds) link.rel = "feed";
    document.addEventListener("DOMContentLoaded", announceFeeds, { once: true });
    window.addEventListener("load", announceFeeds, { once: true });
  }

  // The widgets further down the page (the planner, the route's tools, import and
  // export) load once the page has loaded and the browser is idle, so that the first
  // view does not wait for them: main.html lists their stylesheets and scripts in
  // #atlas-later. Each stylesheet is in place before the scripts run (a widget stays
  // hidden until its script shows it), and the scripts run in their order. Then the
  // page is marked `data-atlas-ready` (what a test waits for before using a widget).
  const ready = () => document.documentElement.setAttribute("data-atlas-ready", "");
  const load = (tag, props) =>
    new Promise((done) => {
      const el = Object.assign(document.createElement(tag), props);
      el.onload = el.onerror = done;
      (tag === "link" ? document.head : document.body).appendChild(el);
    });
  const loadLater = () => {
    let urls = [];
    try {
      urls = JSON.parse(document.getElementById("atlas-later")?.textContent || "[]");
    } catch {
      /* no list: nothing to load */
    }
    Promise.all(urls.filter((url) => url.endsWith(".css")).map((href) => load("link", { rel: "stylesheet", href })))
      .then(() => Promise.all(urls.filter((url) => url.endsWith(".js")).map((src) => load("script", { src, async: false }))))
      .then(ready);
  };
  const whenIdle = (run) => (window.requestIdleCallback ? window.requestIdleCallback(run, { timeout: 500 }) : setTimeout(run, 0));
  if (document.readyState === "complete") whenIdle(loadLater);
  else window.addEventListener("load", () => whenIdle(loadLater));

  // Printing a phase gives a study sheet: open every model answer first.
  window.addEventListener("beforeprint", () => {
    for (const details of document.querySelectorAll("article details")) details.setAttribute("open", "");
  });

  // A code block or table wider than the screen scrolls sideways; without the
  // focus a keyboard user cannot scroll it, so those (and only those) take it.
  const markScrollable = () => {
    for (const el of document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code")) {
      const wide = el.scrollWidth > el.clientWidth + 1;
      if (wide && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-atlas-scroll", "");
      } else if (!wide && el.hasAttribute("data-atlas-scroll")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-atlas-scroll");
      }
    }
  };

  // The home page offers the offline copy; opened from disk, this is that copy:
  // say so, rather than offer to download it again from the hosted site.
  const offlineCopy = () => {
    const here = document.querySelector(".atlas-offline-here");
    if (!here || window.location.protocol !== "file:") return;
    here.hidden = false;
    const link = document.querySelector(".atlas-offline-link");
    if (link) link.hidden = true;
  };

  // The reader chose a colour scheme with the toggle: keep it (main.html otherwise lets the
  // pages follow the system's). Material changes the scheme's inputs only when asked to.
  const noteSchemeChoice = () => {
    for (const input of document.querySelectorAll("input[name=__palette]")) {
      input.addEventListener("change", () => window.atlas.writeJSON(window.atlas.stores.scheme, { at: new Date().toISOString() }));
    }
  };

  // Tab goes from control to control: each heading's permalink (¶) stays a link for the
  // mouse and for screen readers' lists of links, out of the Tab order.
  const quietTabStops = () => {
    for (const link of document.querySelectorAll("article a.headerlink")) link.tabIndex = -1;
  };

  let resizing = null;
  window.addEventListener("load", markScrollable);
  window.addEventListener("resize", () => {
    clearTimeout(resizing);
    resizing = setTimeout(markScrollable, 150);
  });
  window.atlas.whenReady(() => {
    markScrollable();
    offlineCopy();
    noteSchemeChoice();
    quietTabStops();
  });
})();

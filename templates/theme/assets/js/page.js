/* AI Engineering Atlas: behaviour of every page, whatever it holds.
 *
 * Needs progress.js (window.atlas). Loaded last, so that wide tables are
 * measured after the filters have built their controls.
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

  // The home page offers the offline copy; opened from disk, this is that copy, and
  // the zip beside the hosted pages is not here: say so instead of a dead link.
  const offlineCopy = () => {
    const here = document.querySelector(".atlas-offline-here");
    if (!here || window.location.protocol !== "file:") return;
    here.hidden = false;
    const link = document.querySelector(".atlas-offline-link");
    if (link) link.hidden = true;
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
  });
})();

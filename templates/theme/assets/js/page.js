/* AI Engineering Atlas: behaviour of every page, whatever it holds.
 *
 * Needs progress.js (window.atlas). Loaded last, so that wide tables are
 * measured after the filters have built their controls.
 */
(() => {
  "use strict";

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

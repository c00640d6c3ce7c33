/* AI Engineering Atlas: the filters of the paper index and the project table.
 *
 * The form is in the page (templates/_widgets.md.j2, index_filters), hidden until
 * this script starts it, so readers without JavaScript see the full table and no
 * dead controls. Rows carry ids (data-topic, data-year, data-path...); the menus
 * show names. The choices live in the page's address (?topic=agents&year=2023),
 * so a reload or a shared link shows the same rows.
 *
 * Needs progress.js (window.atlas): "hide what I have read" asks it what is ticked,
 * and rows loaded later get working tick boxes.
 */
(() => {
  "use strict";

  const { whenReady, wireBoxes, refresh, isDone, onChange } = window.atlas;

  // A long table is split over pages (papers/index.html, index-2.html...). Its
  // filter then searches every row: they come from one script beside the pages
  // (rows.js, written by the build), loaded the first time a filter is set (a
  // script, because file:// pages may not fetch files). That script calls the
  // global window.atlasRows(kind, html), a name the build writes.
  const rowsLoaded = new Map(); // kind -> Promise of the rows' HTML (null when the script failed)
  const rowsFound = new Map(); // kind -> what settles its promise
  window.atlasRows = (kind, html) => rowsFound.get(kind)?.(html);

  const loadRows = (url, kind) => {
    if (!rowsLoaded.has(kind)) {
      rowsLoaded.set(kind, new Promise((resolve) => {
        rowsFound.set(kind, resolve);
        const script = document.createElement("script");
        script.src = url;
        // Ran without giving this kind's rows (or did not load): the table stays as it is.
        script.onload = script.onerror = () => resolve(null);
        document.head.appendChild(script);
      }));
    }
    return rowsLoaded.get(kind);
  };

  // Text as the search box compares it: lower case, without accents, so that
  // "lukasz" finds "Łukasz" and "Schölkopf" is found by "scholkopf". Letters that
  // Unicode does not decompose into a base letter and an accent are mapped here.
  const LETTERS = { ł: "l", ø: "o", ß: "ss", æ: "ae", œ: "oe", đ: "d", ð: "d", þ: "th", ı: "i" };
  const fold = (text) =>
    text
      .normalize("NFD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[łøßæœđðþı]/g, (letter) => LETTERS[letter]);

  const ids = (mark, field) => (mark.getAttribute(`data-${field}`) || "").split(/\s+/);

  // What a table lists, for the count and the empty state.
  const NOUNS = { papers: ["paper", "papers"], projects: ["project", "projects"] };

  // --- the choices in the address --------------------------------------------

  const controlsOf = (form) => Array.from(form.querySelectorAll("input[name], select[name]"));

  const valueOf = (control) => (control.type === "checkbox" ? (control.checked ? control.value : "") : control.value.trim());

  // Set each control from the address; a value the menu does not offer (an old or
  // mistyped link) is left out rather than guessed.
  const readAddress = (form) => {
    const params = new URLSearchParams(window.location.search);
    for (const control of controlsOf(form)) {
      const value = params.get(control.name);
      if (value === null) continue;
      if (control.type === "checkbox") control.checked = value === control.value;
      else if (control.tagName === "SELECT") control.value = Array.from(control.options).some((o) => o.value === value) ? value : "";
      else control.value = value;
    }
  };

  // Keep the address in step, so a reload or a shared link restores the choices.
  // Other parameters (Material's ?h= search highlight) and the #anchor stay.
  const writeAddress = (form) => {
    const params = new URLSearchParams(window.location.search);
    for (const control of controlsOf(form)) {
      const value = valueOf(control);
      if (value) params.set(control.name, value);
      else params.delete(control.name);
    }
    const query = params.toString();
    const address = window.location.pathname + (query ? `?${query}` : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", address);
    } catch {
      /* A browser that refuses it for file:// pages: the filters still work, only a reload forgets them. */
    }
  };

  // --- one filter form and its table -----------------------------------------

  const tableAfter = (element) => {
    for (let next = element.nextElementSibling; next; next = next.nextElementSibling) {
      const table = next.matches("table") ? next : next.querySelector("table");
      if (table) return table;
    }
    return null;
  };

  const startFilters = (form) => {
    const kind = form.getAttribute("data-atlas-filter");
    const table = tableAfter(form);
    if (!table) return;
    const [one, many] = NOUNS[kind] || ["row", "rows"];
    const counted = (n) => `${n} ${n === 1 ? one : many}`;
    const ownBody = table.tBodies[0];
    const rowsUrl = form.getAttribute("data-atlas-rows");
    const article = form.parentElement;
    const pager = article.querySelector(".atlas-pager");
    const empty = article.querySelector(".atlas-empty");
    const clear = empty?.querySelector("button");
    const selects = Array.from(form.querySelectorAll("select"));
    const words = form.elements.namedItem("find"); // not "q": Material's search opens on ?q=
    const hide = form.elements.namedItem("hide");
    const count = form.querySelector(".atlas-count");
    let allBody = null; // every row of a split table, once loaded
    let allRows = null;
    let failed = false;

    // A row's words: what its first cells show (title and one-line note) and what
    // its marker adds (short title, every author); folded once, when first searched.
    const rowsOf = (body) =>
      Array.from(body.querySelectorAll(".atlas-row"), (mark) => {
        let text = null;
        return {
          mark,
          tr: mark.closest("tr"),
          key: mark.closest("tr").querySelector("input[data-atlas-id]")?.getAttribute("data-atlas-id"),
          text: () => {
            if (text === null) text = fold(`${mark.closest("td").textContent} ${mark.getAttribute("data-text") || ""}`);
            return text;
          },
        };
      });
    const pageRows = rowsOf(ownBody);

    const filtering = () => controlsOf(form).some((control) => valueOf(control));

    const matcher = () => {
      const chosen = selects.filter((select) => select.value).map((select) => [select.name, select.value]);
      const terms = words ? fold(words.value).split(/\s+/).filter(Boolean) : [];
      const hiding = Boolean(hide?.checked);
      return (row) =>
        chosen.every(([field, value]) => ids(row.mark, field).includes(value)) &&
        terms.every((term) => row.text().includes(term)) &&
        !(hiding && row.key && isDone(row.key));
    };

    const show = (body) => {
      if (table.tBodies[0] !== body) {
        table.replaceChild(body, table.tBodies[0]);
        // Ticks made in the other set of rows while it was shown.
        if (body.querySelector("input[data-atlas-id]")) refresh();
      }
      if (pager) pager.hidden = body !== ownBody;
    };

    const apply = () => {
      const whole = Boolean(rowsUrl && filtering() && allBody);
      show(whole ? allBody : ownBody);
      const rows = whole ? allRows : pageRows;
      const matches = matcher();
      let shown = 0;
      for (const row of rows) {
        const ok = matches(row);
        row.tr.hidden = !ok;
        if (ok) shown += 1;
      }
      const nothing = shown === 0 && filtering();
      table.hidden = nothing;
      if (empty) empty.hidden = !nothing;
      if (rowsUrl && !whole && failed) {
        count.textContent = `${shown} of ${rows.length} on this page shown (the other pages could not be loaded)`;
      } else if (rowsUrl && !whole) {
        count.textContent = `${counted(rows.length)} on this page; a filter searches every page`;
      } else if (!filtering()) {
        count.textContent = counted(rows.length);
      } else {
        count.textContent = nothing ? `No ${many} match` : `${shown} of ${counted(rows.length)} shown`;
      }
    };

    const changed = () => {
      writeAddress(form);
      if (rowsUrl && filtering() && !allBody && !failed) {
        count.textContent = "Loading every page of the table…";
        loadRows(rowsUrl, kind).then((html) => {
          if (html === null) {
            failed = true;
          } else if (!allBody) {
            allBody = document.createElement("tbody");
            allBody.innerHTML = html;
            allRows = rowsOf(allBody);
            wireBoxes(allBody);
          }
          apply();
        });
        return;
      }
      apply();
    };

    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("input", changed); // menus and the tick box fire it too
    clear?.addEventListener("click", () => {
      for (const control of controlsOf(form)) {
        if (control.type === "checkbox") control.checked = false;
        else control.value = "";
      }
      changed();
      (words || selects[0])?.focus(); // the button hides itself: keep the focus in the form
    });
    // A tick here or in another tab, an import or its undo changes what "hide what I have read" hides.
    onChange(() => {
      if (hide?.checked) apply();
    });

    readAddress(form);
    form.hidden = false;
    changed();
  };

  whenReady(() => document.querySelectorAll("form.atlas-filters[data-atlas-filter]").forEach(startFilters));
})();

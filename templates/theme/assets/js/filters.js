/* AI Engineering Atlas: the filters of the paper index and the project table.
 *
 * Needs progress.js (window.atlas): rows loaded later get working tick boxes.
 * Without JavaScript the full tables show; the filters appear only here.
 */
(() => {
  "use strict";

  const { whenReady, wireBoxes, refresh } = window.atlas;

  // A long table is split over pages (papers/index.html, index-2.html...). Its
  // filter then searches every row: they come from one script beside the pages
  // (rows.js, written by the build), loaded the first time a filter is set (a
  // script, because file:// pages may not fetch files). That script calls the
  // global window.atlasRows(kind, html), a name the build writes.
  const rowsLoaded = {}; // kind -> Promise of the rows' HTML (null when the script failed)

  const loadRows = (url, kind) => {
    if (!rowsLoaded[kind]) {
      rowsLoaded[kind] = new Promise((resolve) => {
        window.atlasRows = (got, html) => {
          if (got === kind) resolve(html);
        };
        const script = document.createElement("script");
        script.src = url;
        script.onerror = () => resolve(null);
        document.head.appendChild(script);
      });
    }
    return rowsLoaded[kind];
  };

  const words = (mark, field) => (mark.getAttribute(`data-${field}`) || "").split(/\s+/);

  const parsed = (text, fallback) => {
    try {
      return JSON.parse(text);
    } catch (error) {
      return fallback;
    }
  };

  const startFilters = (box) => {
    const kind = box.getAttribute("data-atlas-filter");
    const table = box.parentElement.querySelector("table");
    const ownBody = table.tBodies[0];
    const rowsUrl = box.getAttribute("data-atlas-rows");
    const pager = box.parentElement.querySelector(".atlas-pager");
    let allBody = null; // every row of a split table, once loaded
    let failed = false;

    const rowsOf = (body) => Array.from(body.querySelectorAll(".atlas-row"), (mark) => ({ mark, tr: mark.closest("tr") }));
    const pageRows = rowsOf(ownBody);
    const labels = parsed(box.getAttribute("data-atlas-labels") || "{}", {});
    const options = parsed(box.getAttribute("data-atlas-options") || "null", null);
    const name = (value) => labels[value] || value;
    const fields =
      kind === "papers"
        ? [["topics", "Topic"], ["year", "Year"]]
        : [["difficulty", "Difficulty"], ["skills", "Skill"]];

    const selects = fields.map(([field, title]) => {
      const given = options?.[field] ?? pageRows.flatMap((row) => words(row.mark, field).filter(Boolean));
      const values = new Set(given.map(String));
      const wrap = document.createElement("span");
      wrap.className = "atlas-field";
      const label = document.createElement("label");
      const select = document.createElement("select");
      select.name = field;
      select.id = `atlas-filter-${field}`;
      label.htmlFor = select.id;
      label.textContent = title;
      const any = document.createElement("option");
      any.value = "";
      any.textContent = "Any";
      select.appendChild(any);
      for (const value of [...values].sort((a, b) => name(a).localeCompare(name(b)))) {
        const option = document.createElement("option");
        option.value = value;
        option.textContent = name(value);
        select.appendChild(option);
      }
      wrap.append(label, select);
      box.appendChild(wrap);
      return { field, select };
    });
    const count = document.createElement("output");
    count.className = "atlas-count";
    count.setAttribute("aria-live", "polite");
    box.appendChild(count);

    const filtering = () => selects.some(({ select }) => select.value);

    const show = (body) => {
      if (table.tBodies[0] !== body) {
        table.replaceChild(body, table.tBodies[0]);
        // Ticks made in the other set of rows while it was shown.
        if (body.querySelector("input[data-atlas-id]")) refresh();
      }
      if (pager) pager.hidden = body !== ownBody;
    };

    const apply = () => {
      const whole = rowsUrl && filtering() && allBody;
      show(whole ? allBody : ownBody);
      const rows = whole ? rowsOf(allBody) : pageRows;
      let shown = 0;
      for (const row of rows) {
        const ok = selects.every(({ field, select }) => !select.value || words(row.mark, field).includes(select.value));
        row.tr.hidden = !ok;
        if (ok) shown += 1;
      }
      if (rowsUrl && !whole) {
        count.textContent = failed
          ? `${shown} of ${rows.length} on this page shown (the other pages could not be loaded)`
          : `${rows.length} on this page; choose a filter to search all pages`;
      } else {
        count.textContent = `${shown} of ${rows.length} shown`;
      }
    };

    const changed = () => {
      if (rowsUrl && filtering() && !allBody && !failed) {
        count.textContent = "Loading every page of the table…";
        loadRows(rowsUrl, kind).then((html) => {
          if (html === null) {
            failed = true;
          } else if (!allBody) {
            allBody = document.createElement("tbody");
            allBody.innerHTML = html;
            wireBoxes(allBody);
          }
          apply();
        });
        return;
      }
      apply();
    };

    for (const { select } of selects) select.addEventListener("change", changed);
    apply();
    box.hidden = false;
  };

  whenReady(() => document.querySelectorAll(".atlas-filters[data-atlas-filter]").forEach(startFilters));
})();

/* AI Engineering Atlas: progress, import/export, planner and filters.
 *
 * Plain browser JavaScript, no library: every feature is a few dozen lines and
 * must work from file:// with no network. Each feature starts only when its
 * element is on the page, so pages without them do no work.
 */
(function () {
  "use strict";

  var STORE = "atlas-progress-v1";
  var FORMAT = "ai-engineering-atlas-progress";
  var KEY_RE = /^(phase|paper|project|task):[a-z0-9][a-z0-9\-\/:]*$/;

  // --- progress storage ----------------------------------------------------

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(STORE) || "{}");
      return data && typeof data.done === "object" && data.done ? data : { done: {} };
    } catch (e) {
      return { done: {} };
    }
  }

  function save(data) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(data));
    } catch (e) {
      /* storage full or disabled: progress stays for this page view only */
    }
  }

  // Read from storage only when a page has something that shows progress.
  var state = null;

  function isDone(key) {
    if (state === null) state = load();
    return state.done[key] === true;
  }

  function setDone(key, value) {
    if (value) state.done[key] = true;
    else delete state.done[key];
    save(state);
  }

  // A renamed page lists its old ids: progress saved under them moves to the new key.
  function migrate(input) {
    var old = (input.getAttribute("data-atlas-old") || "").split(/\s+/);
    var key = input.getAttribute("data-atlas-id");
    var moved = false;
    old.forEach(function (oldKey) {
      if (oldKey && state.done[oldKey]) {
        delete state.done[oldKey];
        state.done[key] = true;
        moved = true;
      }
    });
    if (moved) save(state);
  }

  function inputs() {
    return Array.prototype.slice.call(document.querySelectorAll("input[data-atlas-id]"));
  }

  function syncBoxes() {
    inputs().forEach(function (input) {
      input.checked = isDone(input.getAttribute("data-atlas-id"));
    });
  }

  function updateBars() {
    document.querySelectorAll(".atlas-progress[data-atlas-items]").forEach(function (box) {
      var items = box.getAttribute("data-atlas-items").trim().split(/\s+/).filter(Boolean);
      var done = items.filter(isDone).length;
      var percent = items.length ? Math.round((100 * done) / items.length) : 0;
      var bar = box.querySelector("progress");
      bar.value = percent;
      bar.setAttribute("aria-valuetext", done + " of " + items.length + " phases done");
      box.querySelector(".atlas-progress-text").textContent = done + " of " + items.length + " phases done";
      box.hidden = false;
    });
  }

  // Show and wire the checkboxes under `root` (rows added later call this too).
  function wireBoxes(root) {
    if (state === null) state = load();
    root.querySelectorAll("input[data-atlas-id]").forEach(function (input) {
      migrate(input);
      input.hidden = false;
      var label = input.closest("label.atlas-done");
      if (label) label.hidden = false;
      input.checked = isDone(input.getAttribute("data-atlas-id"));
      input.addEventListener("change", function () {
        setDone(input.getAttribute("data-atlas-id"), input.checked);
        syncBoxes();
        updateBars();
      });
    });
  }

  function startProgress() {
    wireBoxes(document);
    syncBoxes();
    updateBars();
    // Another tab changed progress: show it here too.
    window.addEventListener("storage", function (event) {
      if (event.key !== STORE) return;
      state = load();
      syncBoxes();
      updateBars();
    });
  }

  // --- export and import -----------------------------------------------------

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function exportProgress() {
    var keys = Object.keys(state.done).filter(isDone).sort();
    var data = { format: FORMAT, version: 1, exported: new Date().toISOString(), done: keys };
    download("atlas-progress.json", "application/json", JSON.stringify(data, null, 2) + "\n");
    return keys.length;
  }

  // Returns the keys of a valid progress file, or throws an Error whose message a reader can act on.
  function parseProgress(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error("This file is not JSON. Choose a file made with “Export progress”.");
    }
    if (!data || data.format !== FORMAT) {
      throw new Error("This JSON file is not an Atlas progress file. Choose a file made with “Export progress”.");
    }
    if (data.version !== 1) {
      throw new Error("This progress file has version " + data.version + "; this site reads version 1.");
    }
    if (!Array.isArray(data.done) || !data.done.every(function (k) { return typeof k === "string" && KEY_RE.test(k); })) {
      throw new Error("This progress file is damaged: its list of finished items is not valid.");
    }
    return data.done;
  }

  function startTools() {
    if (state === null) state = load();
    document.querySelectorAll(".atlas-progress-tools").forEach(function (box) {
      var status = box.querySelector(".atlas-status");
      var exportButton = box.querySelector("[data-atlas-action=export]");
      var fileInput = box.querySelector("input[type=file]");
      exportButton.addEventListener("click", function () {
        var count = exportProgress();
        status.textContent = "Exported " + count + " finished item" + (count === 1 ? "" : "s") + " to atlas-progress.json.";
        status.className = "atlas-status atlas-ok";
      });
      fileInput.addEventListener("change", function () {
        var file = fileInput.files && fileInput.files[0];
        if (!file) return;
        file.text().then(function (text) {
          var keys = parseProgress(text);
          state = { done: {} };
          keys.forEach(function (k) { state.done[k] = true; });
          save(state);
          syncBoxes();
          updateBars();
          status.textContent = "Imported " + keys.length + " finished item" + (keys.length === 1 ? "" : "s") + ".";
          status.className = "atlas-status atlas-ok";
        }).catch(function (error) {
          status.textContent = "Nothing was changed. " + error.message;
          status.className = "atlas-status atlas-error";
        }).then(function () {
          fileInput.value = "";
        });
      });
      box.hidden = false;
    });
  }

  // --- planner ---------------------------------------------------------------

  function parseDate(value) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  }

  function addDays(date, days) {
    return new Date(date.getTime() + days * 86400000);
  }

  function isoDate(date) {
    return date.toISOString().slice(0, 10);
  }

  // Weeks are written for the path's own pace; fewer hours a week stretch them.
  function plan(phases, start, baseHours, hours) {
    var scale = baseHours / hours;
    return phases.map(function (phase) {
      var first = addDays(start, Math.round((phase.start - 1) * 7 * scale));
      var after = addDays(start, Math.round(phase.end * 7 * scale));
      if (after <= first) after = addDays(first, 1);
      return { id: phase.id, title: phase.title, first: first, last: addDays(after, -1), after: after };
    });
  }

  function icsText(value) {
    return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  // RFC 5545: lines of at most 75 octets, continued with CRLF and a space.
  function fold(line) {
    var out = [];
    var bytes = new TextEncoder();
    var current = "";
    Array.from(line).forEach(function (ch) {
      if (bytes.encode(current + ch).length > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
      }
      current += ch;
    });
    out.push(current);
    return out.join("\r\n ");
  }

  function calendar(pathTitle, rows) {
    var stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//AI Engineering Atlas//Planner//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    rows.forEach(function (row) {
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + row.id.replace(/[^a-z0-9\-]/g, "-") + "@ai-engineering-atlas",
        "DTSTAMP:" + stamp,
        "DTSTART;VALUE=DATE:" + isoDate(row.first).replace(/-/g, ""),
        "DTEND;VALUE=DATE:" + isoDate(row.after).replace(/-/g, ""),
        "SUMMARY:" + icsText(pathTitle + ": " + row.title),
        "DESCRIPTION:" + icsText("Phase of the " + pathTitle + " path, " + isoDate(row.first) + " to " + isoDate(row.last) + "."),
        "TRANSP:TRANSPARENT",
        "END:VEVENT"
      );
    });
    lines.push("END:VCALENDAR");
    return lines.map(fold).join("\r\n") + "\r\n";
  }

  function startPlanner() {
    document.querySelectorAll(".atlas-planner[data-atlas-phases]").forEach(function (box) {
      var pathId = box.getAttribute("data-atlas-path");
      var pathTitle = box.getAttribute("data-atlas-title") || pathId;
      var baseHours = +box.getAttribute("data-atlas-hours");
      var phases = JSON.parse(box.getAttribute("data-atlas-phases")).map(function (item) {
        return { id: item.id, start: +item.start, end: +item.end, title: String(item.title) };
      });
      var form = box.querySelector("form");
      var startInput = form.querySelector("input[name=start]");
      var hoursInput = form.querySelector("input[name=hours]");
      var body = box.querySelector("tbody");
      var summary = box.querySelector(".atlas-plan-summary");
      var saved = {};
      try { saved = JSON.parse(localStorage.getItem("atlas-plan-" + pathId) || "{}"); } catch (e) { saved = {}; }
      startInput.value = saved.start || isoDate(new Date(Date.UTC(new Date().getFullYear(), new Date().getMonth(), new Date().getDate())));
      hoursInput.value = saved.hours || baseHours;
      var rows = [];

      function render() {
        var start = parseDate(startInput.value);
        var hours = +hoursInput.value;
        body.textContent = "";
        if (!start || !(hours >= 1 && hours <= 80)) {
          summary.textContent = "Enter a start date and between 1 and 80 hours a week.";
          rows = [];
          return;
        }
        try { localStorage.setItem("atlas-plan-" + pathId, JSON.stringify({ start: startInput.value, hours: hours })); } catch (e) { /* private mode */ }
        rows = plan(phases, start, baseHours, hours);
        rows.forEach(function (row) {
          var tr = document.createElement("tr");
          [row.title, isoDate(row.first), isoDate(row.last)].forEach(function (text) {
            var td = document.createElement("td");
            td.textContent = text;
            tr.appendChild(td);
          });
          body.appendChild(tr);
        });
        var last = rows[rows.length - 1];
        summary.textContent = "At " + hours + " hours a week you finish on " + isoDate(last.last) + ".";
      }

      startInput.addEventListener("input", render);
      hoursInput.addEventListener("input", render);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        render();
        if (rows.length) download(pathId + "-plan.ics", "text/calendar", calendar(pathTitle, rows));
      });
      render();
      box.hidden = false;
    });
  }

  // --- filters -----------------------------------------------------------------

  // A long table is split over pages (papers/index.html, index-2.html...). Its
  // filter then searches every row: they come from one script beside the pages,
  // loaded the first time a filter is set (a script, because file:// pages may
  // not fetch files).
  var rowsLoaded = {}; // kind -> Promise of the rows' HTML (null when the script failed)

  function loadRows(url, kind) {
    if (!rowsLoaded[kind]) {
      rowsLoaded[kind] = new Promise(function (resolve) {
        window.atlasRows = function (got, html) { if (got === kind) resolve(html); };
        var script = document.createElement("script");
        script.src = url;
        script.onerror = function () { resolve(null); };
        document.head.appendChild(script);
      });
    }
    return rowsLoaded[kind];
  }

  function startFilters() {
    document.querySelectorAll(".atlas-filters[data-atlas-filter]").forEach(function (box) {
      var kind = box.getAttribute("data-atlas-filter");
      var table = box.parentElement.querySelector("table");
      var ownBody = table.tBodies[0];
      var rowsUrl = box.getAttribute("data-atlas-rows");
      var pager = box.parentElement.querySelector(".atlas-pager");
      var allBody = null; // every row of a split table, once loaded
      var failed = false;

      function rowsOf(body) {
        return Array.prototype.slice.call(body.querySelectorAll(".atlas-row")).map(function (mark) {
          return { mark: mark, tr: mark.closest("tr") };
        });
      }
      var pageRows = rowsOf(ownBody);
      var labels = {};
      try { labels = JSON.parse(box.getAttribute("data-atlas-labels") || "{}"); } catch (e) { labels = {}; }
      var options = null;
      try { options = JSON.parse(box.getAttribute("data-atlas-options") || "null"); } catch (e) { options = null; }
      var fields = kind === "papers"
        ? [["topics", "Topic"], ["year", "Year"]]
        : [["difficulty", "Difficulty"], ["skills", "Skill"]];
      var selects = fields.map(function (field) {
        var values = {};
        if (options && options[field[0]]) {
          options[field[0]].forEach(function (v) { values[v] = true; });
        } else {
          pageRows.forEach(function (row) {
            (row.mark.getAttribute("data-" + field[0]) || "").split(/\s+/).filter(Boolean).forEach(function (v) { values[v] = true; });
          });
        }
        var wrap = document.createElement("span");
        wrap.className = "atlas-field";
        var label = document.createElement("label");
        var select = document.createElement("select");
        select.name = field[0];
        select.id = "atlas-filter-" + field[0];
        label.htmlFor = select.id;
        label.textContent = field[1];
        var any = document.createElement("option");
        any.value = "";
        any.textContent = "Any";
        select.appendChild(any);
        Object.keys(values).sort(function (a, b) {
          return (labels[a] || a).localeCompare(labels[b] || b);
        }).forEach(function (v) {
          var option = document.createElement("option");
          option.value = v;
          option.textContent = labels[v] || v;
          select.appendChild(option);
        });
        wrap.appendChild(label);
        wrap.appendChild(select);
        box.appendChild(wrap);
        return { field: field[0], select: select };
      });
      var count = document.createElement("output");
      count.className = "atlas-count";
      count.setAttribute("aria-live", "polite");
      box.appendChild(count);

      function filtering() {
        return selects.some(function (s) { return s.select.value; });
      }

      function show(body) {
        if (table.tBodies[0] !== body) {
          table.replaceChild(body, table.tBodies[0]);
          // Ticks made in the other set of rows while it was shown.
          if (body.querySelector("input[data-atlas-id]")) syncBoxes();
        }
        if (pager) pager.hidden = body !== ownBody;
      }

      function apply() {
        var whole = rowsUrl && filtering() && allBody;
        var body = whole ? allBody : ownBody;
        show(body);
        var rows = whole ? rowsOf(allBody) : pageRows;
        var shown = 0;
        rows.forEach(function (row) {
          var ok = selects.every(function (s) {
            var want = s.select.value;
            if (!want) return true;
            return (row.mark.getAttribute("data-" + s.field) || "").split(/\s+/).indexOf(want) >= 0;
          });
          row.tr.hidden = !ok;
          if (ok) shown += 1;
        });
        if (rowsUrl && !whole) {
          count.textContent = failed
            ? shown + " of " + rows.length + " on this page shown (the other pages could not be loaded)"
            : rows.length + " on this page; choose a filter to search all pages";
        } else {
          count.textContent = shown + " of " + rows.length + " shown";
        }
      }

      function changed() {
        if (rowsUrl && filtering() && !allBody && !failed) {
          count.textContent = "Loading every page of the table…";
          loadRows(rowsUrl, kind).then(function (html) {
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
      }

      selects.forEach(function (s) { s.select.addEventListener("change", changed); });
      apply();
      box.hidden = false;
    });
  }

  // Printing a phase gives a study sheet: open every model answer first.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("article details").forEach(function (d) { d.setAttribute("open", ""); });
  });

  // --- keyboard scrolling ----------------------------------------------------

  // A code block or table wider than the screen scrolls sideways; without the
  // focus a keyboard user cannot scroll it, so those (and only those) take it.
  function markScrollable() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (el) {
      var wide = el.scrollWidth > el.clientWidth + 1;
      if (wide && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("data-atlas-scroll", "");
      } else if (!wide && el.hasAttribute("data-atlas-scroll")) {
        el.removeAttribute("tabindex");
        el.removeAttribute("data-atlas-scroll");
      }
    });
  }

  var resizing = null;
  window.addEventListener("load", markScrollable);
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(markScrollable, 150);
  });

  function start() {
    if (document.querySelector("input[data-atlas-id], .atlas-progress")) startProgress();
    if (document.querySelector(".atlas-progress-tools")) startTools();
    if (document.querySelector(".atlas-planner")) startPlanner();
    if (document.querySelector(".atlas-filters")) startFilters();
    markScrollable();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

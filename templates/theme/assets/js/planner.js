/* AI Engineering Atlas: the planner of a path, and its calendar (.ics) download.
 *
 * Needs progress.js (window.atlas). The reader's start date and hours a week
 * are kept per path in localStorage ("atlas-plan-<path id>").
 */
(() => {
  "use strict";

  const { whenReady, download } = window.atlas;

  const parseDate = (value) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || "");
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  };

  const addDays = (date, days) => new Date(date.getTime() + days * 86400000);

  const isoDate = (date) => date.toISOString().slice(0, 10);

  const today = () => {
    const now = new Date();
    return new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()));
  };

  // Weeks are written for the path's own pace; fewer hours a week stretch them.
  const plan = (phases, start, baseHours, hours) => {
    const scale = baseHours / hours;
    return phases.map((phase) => {
      const first = addDays(start, Math.round((phase.start - 1) * 7 * scale));
      let after = addDays(start, Math.round(phase.end * 7 * scale));
      if (after <= first) after = addDays(first, 1);
      return { id: phase.id, title: phase.title, first, last: addDays(after, -1), after };
    });
  };

  const icsText = (value) => value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");

  // RFC 5545: lines of at most 75 octets, continued with CRLF and a space.
  const fold = (line) => {
    const out = [];
    const bytes = new TextEncoder();
    let current = "";
    for (const ch of line) {
      if (bytes.encode(current + ch).length > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
      }
      current += ch;
    }
    out.push(current);
    return out.join("\r\n ");
  };

  const icsDate = (date) => isoDate(date).replace(/-/g, "");

  const calendar = (pathTitle, rows) => {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//AI Engineering Atlas//Planner//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
    for (const row of rows) {
      lines.push(
        "BEGIN:VEVENT",
        `UID:${row.id.replace(/[^a-z0-9-]/g, "-")}@ai-engineering-atlas`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${icsDate(row.first)}`,
        `DTEND;VALUE=DATE:${icsDate(row.after)}`,
        `SUMMARY:${icsText(`${pathTitle}: ${row.title}`)}`,
        `DESCRIPTION:${icsText(`Phase of the ${pathTitle} path, ${isoDate(row.first)} to ${isoDate(row.last)}.`)}`,
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      );
    }
    lines.push("END:VCALENDAR");
    return `${lines.map(fold).join("\r\n")}\r\n`;
  };

  const startPlanner = (box) => {
    const pathId = box.getAttribute("data-atlas-path");
    const pathTitle = box.getAttribute("data-atlas-title") || pathId;
    const baseHours = +box.getAttribute("data-atlas-hours");
    const phases = JSON.parse(box.getAttribute("data-atlas-phases")).map((item) => ({
      id: item.id,
      start: +item.start,
      end: +item.end,
      title: String(item.title),
    }));
    const form = box.querySelector("form");
    const startInput = form.querySelector("input[name=start]");
    const hoursInput = form.querySelector("input[name=hours]");
    const body = box.querySelector("tbody");
    const summary = box.querySelector(".atlas-plan-summary");
    const storeKey = `atlas-plan-${pathId}`;
    let saved = {};
    try {
      saved = JSON.parse(localStorage.getItem(storeKey) || "{}");
    } catch (error) {
      saved = {};
    }
    startInput.value = saved.start || isoDate(today());
    hoursInput.value = saved.hours || baseHours;
    let rows = [];

    const render = () => {
      const start = parseDate(startInput.value);
      const hours = +hoursInput.value;
      body.textContent = "";
      if (!start || !(hours >= 1 && hours <= 80)) {
        summary.textContent = "Enter a start date and between 1 and 80 hours a week.";
        rows = [];
        return;
      }
      try {
        localStorage.setItem(storeKey, JSON.stringify({ start: startInput.value, hours }));
      } catch (error) {
        /* private mode */
      }
      rows = plan(phases, start, baseHours, hours);
      for (const row of rows) {
        const tr = document.createElement("tr");
        for (const text of [row.title, isoDate(row.first), isoDate(row.last)]) {
          const td = document.createElement("td");
          td.textContent = text;
          tr.appendChild(td);
        }
        body.appendChild(tr);
      }
      summary.textContent = `At ${hours} hours a week you finish on ${isoDate(rows[rows.length - 1].last)}.`;
    };

    startInput.addEventListener("input", render);
    hoursInput.addEventListener("input", render);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      render();
      if (rows.length) download(`${pathId}-plan.ics`, "text/calendar", calendar(pathTitle, rows));
    });
    render();
    box.hidden = false;
  };

  whenReady(() => document.querySelectorAll(".atlas-planner[data-atlas-phases]").forEach(startPlanner));
})();

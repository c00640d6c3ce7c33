/* AI Engineering Atlas: the planner of a path, where the reader stands in it,
 * and its calendar (.ics) download.
 *
 * Needs progress.js (window.atlas). The build writes each phase of the path
 * into the planner's `data-atlas-phases` (weeks as written, title, milestone,
 * its address on the hosted site and its link from this page).
 *
 * The plan. From the start date, each phase the reader has not finished gets
 * its weeks, stretched or shrunk by their hours a week against the path's own
 * pace, rounded to whole weeks (a week at least), so every phase starts on the
 * weekday the plan starts on. A phase's status is progress.js's (atlas.countPath),
 * so the plan counts the reader's track and what they marked as known like every
 * bar does. A phase marked as known (skipped) is never planned. A phase already
 * finished when the plan was made is left out of it (shown as finished, never
 * given dates again); one finished later keeps its dates, marked finished, so the
 * planner can tell the reader they are ahead. "When the plan was made" is when the
 * reader last changed a setting, or any time before the start date. A plan longer
 * than the weeks its phases take at the path's pace says by how much.
 *
 * Where the reader stands compares today with the dates of the first phase
 * of the plan that is not finished: before them is ahead, inside them on
 * track, after them behind. It shows once the reader has set up a plan.
 *
 * Study sessions. The weekly hours are divided between the weekdays the reader
 * chooses (the start's weekday when none is chosen), to the minute, so that no
 * session is longer than a day's share and the week adds up; each weekday is
 * one calendar event repeating weekly at the chosen time until the plan ends.
 * A session that would run past midnight is said so under the form.
 *
 * Settings are kept per path in localStorage under "atlas-plan-<path id>"
 * (atlas.stores.plans); their shape and the rules of each field (hours a week,
 * a time of day) are progress.js's (atlas.checkPlan, atlas.HOURS), which transfer.js
 * also checks a file's against. A renamed path lists its former ids
 * (`data-atlas-old`): settings saved under one of them move to the new key, their
 * finished phases to the phases' new ids.
 *
 * The rules of the plan (makePlan, standing, sessionMinutes, the calendar) are plain
 * functions, exported to Node for tests/js/planner.test.js.
 */
(() => {
  "use strict";

  const atlas = window.atlas;
  const { whenReady, onChange, download, readJSON, writeJSON, removeKey, countPath, mapOf, plural } = atlas;
  const { DAY, WEEKDAYS, parseDate, isoDate, today, addDays, daysBetween, showDate, HOURS, isWeeklyHours, isClockTime } = atlas;
  const WEEKDAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

  const timeElement = (date) => {
    const time = document.createElement("time");
    time.dateTime = isoDate(date);
    time.textContent = showDate(date);
    return time;
  };

  // --- the reader's settings -----------------------------------------------------

  // The hours a week the reader typed, or the reason they cannot be used. The
  // table and the download both go through here, so they always agree.
  const readHours = (input) => {
    const text = input.value.trim();
    if (input.validity.badInput || (text && !Number.isFinite(Number(text)))) return { error: "Hours a week must be a number, such as 6 or 7.5." };
    if (!text) return { error: `Enter your hours a week: from ${HOURS.min} to ${HOURS.max}, in whole or half hours.` };
    const hours = Number(text);
    if (hours <= 0) return { error: `Hours a week must be more than 0: enter from ${HOURS.min} to ${HOURS.max}.` };
    if (hours > HOURS.max) return { error: `${HOURS.max} hours a week is the most the planner takes: enter from ${HOURS.min} to ${HOURS.max}.` };
    if (!isWeeklyHours(hours)) return { error: "Enter hours a week in whole or half hours, such as 7 or 7.5." };
    return { hours };
  };

  const DAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
  const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0]; // weekdays as the form lists them, Monday first

  // The study days of `settings`, Monday first: those chosen, else the start's weekday.
  const studyDays = (days, start) => {
    const chosen = Array.isArray(days) ? WEEK_ORDER.filter((day) => days.includes(day)) : [];
    return chosen.length ? chosen : [start.getUTCDay()];
  };

  // The weekly minutes shared between `count` sessions to the minute: each gets the floor or
  // the ceiling of its share, never more, and together they make the week.
  const sessionMinutes = (hours, count) => {
    const total = Math.round(hours * 60);
    const base = Math.floor(total / count);
    return Array.from({ length: count }, (_, index) => base + (index < total - base * count ? 1 : 0));
  };

  const duration = (minutes) => {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return [h && `${h} h`, m && `${m} min`].filter(Boolean).join(" ") || "0 min";
  };

  const clock = (minutes) => `${String(Math.floor(minutes / 60) % 24).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

  const loadSettings = (storeKey) => {
    const data = readJSON(storeKey);
    return Array.isArray(data) ? null : data;
  };

  // --- the plan --------------------------------------------------------------------

  // `phases` in path order; `status` each one's (progress.js); `leftOut` the ids finished
  // when the plan was made.
  const makePlan = (phases, status, start, baseHours, hours, leftOut) => {
    const rows = [];
    let written = 0; // weeks of the path's own pace planned so far
    let weeks = 0; // whole weeks of the plan used so far
    for (const phase of phases) {
      const done = status.get(phase.id) === "done";
      if (status.get(phase.id) === "skipped") {
        rows.push({ phase, done, known: true, planned: false });
        continue;
      }
      if (done && leftOut.has(phase.id)) {
        rows.push({ phase, done, planned: false });
        continue;
      }
      written += phase.end - phase.start + 1;
      const end = Math.max(weeks + 1, Math.round((written * baseHours) / hours));
      rows.push({ phase, done, planned: true, first: addDays(start, weeks * 7), last: addDays(start, end * 7 - 1) });
      weeks = end;
    }
    return rows;
  };

  const span = (days) => {
    if (days < 7) return plural(days, "day");
    const weeks = Math.floor(days / 7);
    return weeks === 1 ? "one week" : `${weeks} weeks`;
  };

  // "Week 7 of your plan · one week behind", or null when there is nothing to say.
  const standing = (rows, start, now) => {
    const planned = rows.filter((row) => row.planned);
    const next = planned.find((row) => !row.done);
    if (!next) return rows.length ? "You have finished every phase of this path." : null;
    const where = now < start ? `Your plan starts on ${showDate(start)}` : `Week ${Math.floor(daysBetween(start, now) / 7) + 1} of your plan`;
    if (now < next.first) return next === planned[0] ? where : `${where} · ${span(daysBetween(now, next.first))} ahead`;
    if (now <= next.last) return `${where} · on track`;
    return `${where} · ${span(daysBetween(next.last, now))} behind`;
  };

  // --- the calendar (RFC 5545) -----------------------------------------------------------

  // TEXT values: backslash, semicolon, comma and line breaks escaped; other
  // control characters (RFC 5545's CONTROL: all below a space but the tab, and DEL)
  // are not allowed in a calendar line at all.
  const isControl = (ch) => (ch < " " && ch !== "\t") || ch === "\u007f";
  const icsText = (value) => {
    const escaped = String(value).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
    return [...escaped].filter((ch) => !isControl(ch)).join("");
  };

  // Lines of at most 75 octets, continued with CRLF and a space; a character
  // (a whole UTF-8 sequence) is never split across two lines.
  const encoder = new TextEncoder();
  const fold = (line) => {
    const out = [];
    let current = "";
    let size = 0;
    for (const ch of line) {
      const octets = encoder.encode(ch).length;
      if (size + octets > (out.length ? 74 : 75)) {
        out.push(current);
        current = "";
        size = 0;
      }
      current += ch;
      size += octets;
    }
    out.push(current);
    return out.join("\r\n ");
  };

  const icsDate = (date) => isoDate(date).replace(/-/g, "");
  const uid = (text) => `${text.replace(/[^a-z0-9-]/g, "-")}@ai-engineering-atlas`;

  const calendar = (path, rows, options) => {
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//AI Engineering Atlas//Planner//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      `X-WR-CALNAME:${icsText(`${path.title}: your plan`)}`];
    const event = (fields) => {
      lines.push("BEGIN:VEVENT", ...fields.filter(Boolean), "END:VEVENT");
    };
    rows.forEach((row, index) => {
      if (!row.planned || row.done) return; // a finished phase is not planned again
      const { phase } = row;
      const about = `Phase ${index + 1} of ${rows.length} of ${path.title}, ${showDate(row.first)} to ${showDate(row.last)}, at ${plural(options.hours, "hour")} a week.`;
      event([
        `UID:${uid(phase.id)}`,
        `DTSTAMP:${stamp}`,
        `DTSTART;VALUE=DATE:${icsDate(row.first)}`,
        `DTEND;VALUE=DATE:${icsDate(addDays(row.last, 1))}`,
        `SUMMARY:${icsText(`${path.title}: ${phase.title}`)}`,
        `DESCRIPTION:${icsText(`Milestone: ${phase.milestone}\n\n${about}${phase.url ? `\n${phase.url}` : ""}`)}`,
        phase.url && `URL:${phase.url}`,
        "TRANSP:TRANSPARENT",
      ]);
    });
    const planned = rows.filter((row) => row.planned && !row.done);
    if (options.sessions && planned.length) {
      const first = planned[0].first;
      const last = planned[planned.length - 1].last;
      const days = studyDays(options.days, first);
      const minutes = sessionMinutes(options.hours, days.length);
      const names = days.map((day) => WEEKDAY_NAMES[day]).join(", ");
      // One event a weekday, each repeating every week from its first day in the plan.
      days.forEach((day, index) => {
        const date = addDays(first, (day - first.getUTCDay() + 7) % 7);
        if (date > last) return;
        const length = minutes[index];
        event([
          `UID:${uid(`${path.id}-study-${DAY_CODES[day].toLowerCase()}`)}`,
          `DTSTAMP:${stamp}`,
          `DTSTART:${icsDate(date)}T${options.time.replace(":", "")}00`,
          `DURATION:PT${Math.floor(length / 60) ? `${Math.floor(length / 60)}H` : ""}${length % 60 ? `${length % 60}M` : ""}`,
          `RRULE:FREQ=WEEKLY;BYDAY=${DAY_CODES[day]};UNTIL=${icsDate(last)}T235959`,
          `SUMMARY:${icsText(`Study: ${path.title}`)}`,
          `DESCRIPTION:${icsText(`${duration(length)} of your ${plural(options.hours, "hour")} a week on ${path.title} (${names}), every ${WEEKDAY_NAMES[day]} until ${showDate(last)}.${path.url ? `\n${path.url}` : ""}`)}`,
          path.url && `URL:${path.url}`,
        ]);
      });
    }
    lines.push("END:VCALENDAR");
    return `${lines.map(fold).join("\r\n")}\r\n`;
  };

  // --- the widget ---------------------------------------------------------------------

  const startPlanner = (box) => {
    const path = {
      id: box.getAttribute("data-atlas-path"),
      title: box.getAttribute("data-atlas-title") || box.getAttribute("data-atlas-path"),
      url: box.getAttribute("data-atlas-url") || "",
    };
    const baseHours = +box.getAttribute("data-atlas-hours");
    const phases = JSON.parse(box.getAttribute("data-atlas-phases")).map((item) => ({
      id: String(item.id),
      start: +item.start,
      end: +item.end,
      title: String(item.title),
      milestone: String(item.milestone || ""),
      url: String(item.url || ""),
      href: String(item.href || ""),
      old: Array.isArray(item.old) ? item.old.map(String) : [],
    }));
    const form = box.querySelector("form");
    const startInput = form.elements.start;
    const hoursInput = form.elements.hours;
    Object.assign(hoursInput, HOURS); // min, max and step: the browser's own arrows keep to them
    const sessionsInput = form.elements.sessions;
    const timeInput = form.elements.time;
    const dayInputs = [...form.querySelectorAll("input[name=day]")];
    const daysBox = form.querySelector(".atlas-plan-days");
    const timeBox = form.querySelector(".atlas-plan-time");
    const sessionsLine = box.querySelector(".atlas-plan-sessions");
    const body = box.querySelector("tbody");
    const summary = box.querySelector(".atlas-plan-summary");
    const table = box.querySelector("table");
    const tops = Array.from(document.querySelectorAll(".atlas-standing")).filter((el) => el.getAttribute("data-atlas-path") === path.id);
    const storeKey = atlas.stores.plans + path.id;
    let saved = null; // the settings in storage
    // Settings with `finished` are a plan the reader made. Those without come from the
    // planner before 2026-12, which saved the form on every visit: they fill the form,
    // but no standing is told from a date the reader may never have chosen.
    const madePlan = () => Array.isArray(saved?.finished);
    let rows = [];
    let valid = null; // {start, hours} when the form can make a plan

    // Each phase's status as every bar counts it (progress.js), from the map this page holds.
    const statuses = () => {
      const map = mapOf(path.id);
      return new Map(map ? countPath(map).phases.map((p) => [p.entry.id, p.status]) : []);
    };
    const doneIds = () => {
      const status = statuses();
      return phases.filter((phase) => status.get(phase.id) === "done").map((phase) => phase.id);
    };
    const chosenDays = () => dayInputs.filter((input) => input.checked).map((input) => Number(input.value));

    // Settings saved under a former id of the path move here once, with the finished
    // phases' former ids made current.
    const carryOver = () => {
      if (loadSettings(storeKey)) return;
      for (const oldId of (box.getAttribute("data-atlas-old") || "").split(/\s+/).filter(Boolean)) {
        const old = loadSettings(atlas.stores.plans + oldId);
        if (!old) continue;
        const renamed = new Map(phases.flatMap((phase) => phase.old.map((former) => [former, phase.id])));
        if (Array.isArray(old.finished)) old.finished = old.finished.map((id) => renamed.get(String(id)) || id);
        // Refused (storage full or off): the old copy stays, and this one holds for this page view.
        if (writeJSON(storeKey, old)) removeKey(atlas.stores.plans + oldId);
        return;
      }
    };

    const showSettings = () => {
      carryOver();
      saved = loadSettings(storeKey);
      startInput.value = parseDate(saved?.start) ? saved.start : isoDate(today());
      const hours = Number(saved?.hours);
      hoursInput.value = isWeeklyHours(hours) ? String(hours) : String(baseHours);
      sessionsInput.checked = saved?.sessions === true;
      timeInput.value = isClockTime(saved?.time) ? saved.time : "09:00";
      const days = Array.isArray(saved?.days) ? saved.days : [];
      for (const input of dayInputs) input.checked = days.includes(Number(input.value));
    };

    // The line under the form; `wrong` is the field the text is about, if it is an error.
    const say = (text, wrong) => {
      summary.textContent = text;
      summary.classList.toggle("atlas-error", Boolean(wrong));
      for (const input of [startInput, hoursInput, timeInput]) {
        if (input === wrong) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    };

    // The sessions' days, length and hours, said under the form; past midnight is said plainly.
    const showSessions = (start, hours) => {
      const on = sessionsInput.checked;
      daysBox.hidden = !on;
      timeBox.hidden = !on;
      sessionsLine.hidden = !on || !start || !hours;
      sessionsLine.classList.remove("atlas-error");
      if (sessionsLine.hidden) return;
      const days = studyDays(chosenDays(), start);
      const minutes = sessionMinutes(hours, days.length);
      const longest = Math.max(...minutes);
      const each = Math.min(...minutes) === longest ? duration(longest) : `${duration(Math.min(...minutes))} or ${duration(longest)}`;
      const names = days.map((day) => WEEKDAYS[day]).join(", ");
      const chosen = chosenDays().length ? "" : ` (the weekday your plan starts on: tick the days you study)`;
      if (!isClockTime(timeInput.value)) {
        sessionsLine.textContent = `${plural(days.length, "session")} a week on ${names}${chosen}, ${each} each.`;
        return;
      }
      const [h, m] = timeInput.value.split(":").map(Number);
      const ends = h * 60 + m + longest;
      let text = `${plural(days.length, "session")} a week on ${names}${chosen}: ${each} each, ${timeInput.value} to ${clock(ends)}.`;
      if (ends > 24 * 60) {
        text = `${plural(days.length, "session")} a week on ${names}${chosen}: ${each} each from ${timeInput.value}, which runs past midnight, until ${clock(ends)} the next day. Add days or start earlier for shorter sessions.`;
        sessionsLine.classList.add("atlas-error");
      }
      sessionsLine.textContent = text;
    };

    const row = (item) => {
      const tr = document.createElement("tr");
      const name = document.createElement("th");
      name.scope = "row";
      const link = document.createElement(item.phase.href ? "a" : "span");
      if (item.phase.href) link.href = item.phase.href;
      link.textContent = item.phase.title;
      name.appendChild(link);
      tr.appendChild(name);
      if (!item.planned) {
        const cell = document.createElement("td");
        cell.colSpan = 2;
        cell.textContent = item.known ? "Known: not planned" : "Finished";
        tr.appendChild(cell);
        return tr;
      }
      if (item.done) {
        const mark = document.createElement("span");
        mark.className = "atlas-plan-mark";
        mark.textContent = "finished";
        name.append(" ", mark);
      }
      for (const [label, date] of [["Starts", item.first], ["Ends", item.last]]) {
        const cell = document.createElement("td");
        cell.setAttribute("data-label", label); // shown beside the date on a phone, where the header is not
        cell.appendChild(timeElement(date));
        tr.appendChild(cell);
      }
      return tr;
    };

    const showStanding = (text) => {
      for (const top of tops) {
        top.textContent = "";
        if (text) {
          const link = document.createElement("a");
          link.href = `#${box.getAttribute("aria-labelledby")}`;
          link.textContent = "your dates";
          top.append(`${text} (`, link, ")");
        }
        top.hidden = !text;
      }
    };

    // "That is 40 weeks: 16 more than ..." when the plan is longer than its phases' own weeks.
    const length = (planned) => {
      const weeks = Math.round((planned[planned.length - 1].last - planned[0].first + DAY) / (7 * DAY));
      const stated = planned.reduce((n, item) => n + item.phase.end - item.phase.start + 1, 0);
      if (weeks <= stated) return "";
      const all = planned.length === phases.length;
      return ` Your plan takes ${plural(weeks, "week")}: ${plural(weeks - stated, "week")} more than the ${plural(stated, "week")} ${all ? "the path states" : "its phases still to do take"} at ${plural(baseHours, "hour")} a week.`;
    };

    const render = () => {
      const start = parseDate(startInput.value);
      const hours = readHours(hoursInput);
      body.textContent = "";
      valid = null;
      rows = [];
      showSessions(start, hours.hours);
      if (!start) {
        say("Enter a start date.", startInput);
        table.hidden = true;
        showStanding(null);
        return;
      }
      if (hours.error) {
        say(hours.error, hoursInput);
        table.hidden = true;
        showStanding(null);
        return;
      }
      const now = today();
      // Before the plan starts, what is finished is simply not planned.
      if (madePlan() && now < start && JSON.stringify(saved.finished) !== JSON.stringify(doneIds())) {
        saved = { ...saved, finished: doneIds() };
        writeJSON(storeKey, saved); // refused (storage full or off): the plan holds for this page view
      }
      const leftOut = new Set(madePlan() ? saved.finished : doneIds());
      valid = { start, hours: hours.hours };
      rows = makePlan(phases, statuses(), start, baseHours, hours.hours, leftOut);
      for (const item of rows) body.appendChild(row(item));
      table.hidden = false;
      const where = madePlan() ? standing(rows, start, now) : null;
      showStanding(where);
      const planned = rows.filter((item) => item.planned && !item.done);
      if (!planned.length) {
        say(rows.some((item) => item.known) ? "You have finished or know every phase of this path: there is nothing left to plan." : "You have finished every phase of this path: there is nothing left to plan.");
        return;
      }
      const end = planned[planned.length - 1].last;
      const pace = `At ${plural(hours.hours, "hour")} a week you finish on ${showDate(end)}. Each phase starts on a ${WEEKDAY_NAMES[start.getUTCDay()]}; its weeks are rounded to whole weeks.${length(planned)}`;
      say(where ? `${where}. ${pace}` : pace);
    };

    // The reader changed a setting: this is their plan now, made from today's progress.
    const changed = () => {
      render();
      if (!valid) return;
      saved = {
        start: isoDate(valid.start),
        hours: valid.hours,
        sessions: sessionsInput.checked,
        time: isClockTime(timeInput.value) ? timeInput.value : "09:00",
        days: chosenDays().sort((a, b) => a - b),
        finished: doneIds(),
      };
      writeJSON(storeKey, saved); // refused (storage full or off): the plan holds for this page view
      render();
    };

    for (const input of [startInput, hoursInput, sessionsInput, timeInput, ...dayInputs]) input.addEventListener("input", changed);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      render();
      if (!valid) {
        (parseDate(startInput.value) ? hoursInput : startInput).focus();
        return;
      }
      if (sessionsInput.checked && !isClockTime(timeInput.value)) {
        say("Enter the time your weekly study sessions start, such as 09:00.", timeInput);
        timeInput.focus();
        return;
      }
      if (!rows.some((item) => item.planned && !item.done)) return;
      const options = { hours: valid.hours, sessions: sessionsInput.checked, time: timeInput.value, days: chosenDays() };
      download(`${path.id}-plan.ics`, "text/calendar", calendar(path, rows, options));
    });
    onChange(render);
    // Another tab changed this plan (or an import or its undo did).
    window.addEventListener("storage", (event) => {
      if (event.key !== storeKey && event.key !== null) return;
      showSettings();
      render();
    });
    showSettings();
    render();
    box.hidden = false;
  };

  if (typeof module === "object" && module.exports) module.exports = { readHours, studyDays, sessionMinutes, duration, clock, makePlan, standing, icsText, fold, calendar };

  whenReady(() => document.querySelectorAll(".atlas-planner[data-atlas-phases]").forEach(startPlanner));
})();

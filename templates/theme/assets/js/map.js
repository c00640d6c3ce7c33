/* AI Engineering Atlas: progress drawn on the pages that show a path's: the bars and
 * counts, each phase's status wherever phases are listed (the phase list, the timeline,
 * the navigation, a phase's own line), a guide's checklist line and the home page's
 * "Continue".
 *
 * Needs progress.js (window.atlas), whose countPath is the one rule of every number
 * drawn here; this file only draws, on every change of progress (atlas.onChange).
 * Loaded on pages with a path's map or a checklist (templates/theme/main.html). It
 * also keeps, in this browser, the papers and projects each phase holds as this page's
 * map lists them (atlas.stores.paths), for the phase pages, whose map lists their own
 * phase's only.
 */
(() => {
  "use strict";

  const atlas = window.atlas;
  const { STATUS, statusMark, plural, countText, optionalText, isObject, own } = atlas;
  const PATH_ITEMS = atlas.stores.paths;
  const OLD_PATH_ITEMS = "atlas-paths-v1"; // the same copy before tracks: no longer read
  const LAST = atlas.stores.continue;

  // --- statuses --------------------------------------------------------------------

  const pageOf = (file) => new URL(`${file}.html`, window.location.href).href;

  const markNavigation = (phases) => {
    const byPage = new Map(phases.map((p) => [pageOf(p.entry.file), p.status]));
    for (const link of document.querySelectorAll(".md-nav--primary a.md-nav__link[href]")) {
      const status = byPage.get(link.href.split("#")[0]);
      if (!status) continue;
      // The current page's entry is also a label (it opens the table of contents on a phone).
      const label = link.parentElement?.querySelector(":scope > label.md-nav__link");
      for (const target of [link, label]) {
        if (!target) continue;
        target.querySelector(":scope > .atlas-status")?.remove();
        target.appendChild(statusMark(status, true));
      }
    }
  };

  const markTimeline = (phases) => {
    const byId = new Map(phases.map((p) => [p.entry.id, p]));
    for (const group of document.querySelectorAll(".atlas-svg g.atlas-phase[data-atlas-phase]")) {
      const phase = byId.get(group.getAttribute("data-atlas-phase"));
      if (!phase) continue;
      group.setAttribute("data-status", phase.status);
      const mark = group.querySelector(".atlas-mark");
      if (mark) mark.textContent = phase.status === "new" ? "" : STATUS[phase.status][0];
    }
    // The drawing's text alternative says it too.
    for (const title of document.querySelectorAll(".atlas-svg title[id^='timeline-']")) {
      const base = title.getAttribute("data-atlas-base") || title.textContent;
      title.setAttribute("data-atlas-base", base);
      const started = phases.filter((p) => p.status !== "new");
      title.textContent = started.length
        ? `${base} Your progress: ${started.map((p) => `${p.entry.number}. ${p.entry.title}, ${STATUS[p.status][1].toLowerCase()}`).join("; ")}.`
        : base;
    }
  };

  // What a phase with tracks says of them: the learner's track, or that one is to be chosen.
  const trackLine = (phase, link) => {
    if (!(phase.entry.tracks || []).length) return null;
    const span = document.createElement("span");
    span.className = "atlas-track-note";
    if (phase.track) {
      span.textContent = `Track: ${phase.track.title}`;
      return span;
    }
    const choose = document.createElement(link ? "a" : "span");
    if (link) choose.href = link;
    choose.textContent = "Choose a track";
    span.append(choose, " to count its papers, projects and tasks");
    return span;
  };

  const markPhaseList = (phases) => {
    const byId = new Map(phases.map((p) => [p.entry.id, p]));
    for (const slot of document.querySelectorAll(".atlas-phase-list .atlas-phase-status[data-atlas-phase]")) {
      const phase = byId.get(slot.getAttribute("data-atlas-phase"));
      if (!phase) continue;
      const note = trackLine(phase, `${phase.entry.file}.html#choose-a-track`);
      slot.replaceChildren(statusMark(phase.status, false), ...(note ? [" · ", note] : []));
      slot.hidden = false;
      slot.closest("li")?.setAttribute("data-status", phase.status);
    }
  };

  const showPhaseLine = (line, phase) => {
    const kinds = [[phase.tasks, "task"], [phase.papers, "paper"], [phase.projects, "project"]].filter(([part]) => part?.total);
    let parts = kinds.map(([part, word]) => countText(part, word));
    // A phase the learner knows, with nothing of it ticked: one phrase, not "0 done, 5 skipped of 5" thrice.
    if (phase.status === "skipped" && kinds.every(([part]) => !part.done)) {
      const all = kinds.map(([part, word]) => plural(part.total, word));
      parts = all.length ? [`${all.length > 1 ? `${all.slice(0, -1).join(", ")} and ${all[all.length - 1]}` : all[0]} counted as known`] : [];
    }
    const extra = optionalText(phase.optional);
    if (extra) parts.push(extra);
    line.querySelector(".atlas-phase-status")?.replaceChildren(statusMark(phase.status, false));
    const text = line.querySelector(".atlas-progress-text");
    text.textContent = parts.length ? `· ${parts.join(" · ")}` : "";
    const note = trackLine(phase, "#choose-a-track");
    if (note) text.append(" · ", note);
    line.hidden = false;
  };

  const updateMaps = () => {
    const items = {};
    for (const el of document.querySelectorAll("[data-atlas-map]")) {
      const map = atlas.readMap(el);
      if (!map) continue;
      const counts = atlas.countPath(map);
      if (el.classList.contains("atlas-progress")) {
        const bar = el.querySelector("progress");
        bar.value = counts.percent;
        bar.setAttribute("aria-valuetext", `${counts.percent}% of the path's weeks: ${counts.text}`);
        el.querySelector(".atlas-progress-text").textContent = counts.text;
        el.hidden = false;
      }
      const own = el.getAttribute("data-atlas-phase");
      const held = map.phases.filter((entry) => Array.isArray(entry.items));
      if (held.length) {
        items[map.path] = Object.fromEntries(
          held.map((entry) => [entry.id, { items: entry.items, optional: entry.optional || [], tracks: Object.fromEntries((entry.tracks || []).map((t) => [t.id, t.items || []])) }]),
        );
      }
      if (held.length === map.phases.length || own) {
        markNavigation(counts.phases);
        markTimeline(counts.phases);
        markPhaseList(counts.phases);
        const phase = own && counts.phases.find((p) => p.entry.id === own);
        if (phase && el.classList.contains("atlas-phase-progress")) showPhaseLine(el, phase);
      }
    }
    // Keep the papers and projects this page holds for the pages that do not; write only what
    // changed, and nothing in a browser that holds no progress (there is nothing to count yet,
    // and a reset leaves storage empty).
    const paths = Object.keys(items);
    if (paths.length && Object.values(atlas.saved()).some((part) => Object.keys(part).length)) {
      const kept = atlas.readJSON(PATH_ITEMS) || {};
      const merged = Object.fromEntries(paths.map((path) => [path, { ...(isObject(own(kept, path)) ? own(kept, path) : {}), ...items[path] }]));
      if (paths.some((path) => JSON.stringify(own(kept, path)) !== JSON.stringify(merged[path]))) {
        if (atlas.writeJSON(PATH_ITEMS, { ...kept, ...merged })) atlas.removeKey(OLD_PATH_ITEMS);
      }
    }
  };


  // --- a guide's checklist, and where the learner left off ------------------------------

  const showGuideLine = () => {
    const line = document.querySelector(".atlas-phase-progress[data-atlas-work]:not([data-atlas-map])");
    if (!line) return;
    const boxes = [...document.querySelectorAll("input.atlas-task")];
    line.querySelector(".atlas-progress-text").textContent = `${boxes.filter((b) => b.checked).length} of ${plural(boxes.length, "task")} done`;
    line.hidden = false;
  };

  const safePage = atlas.isSitePage;

  // "Continue" as recorded, moved on when the page it names has since been finished or
  // skipped elsewhere (the home page holds each path's map, so it can tell).
  const continueAt = (record) => {
    const map = typeof record.path === "string" ? atlas.mapOf(record.path) : null;
    if (!map || typeof record.phase !== "string") return record;
    const phases = atlas.countPath(map).phases;
    const here = phases.find((p) => p.entry.id === record.phase);
    if (!here || (here.status !== "done" && here.status !== "skipped")) return record;
    const folder = record.url.slice(0, record.url.lastIndexOf("/") + 1);
    const next = phases.find((p) => p.status !== "done" && p.status !== "skipped");
    if (!next) return { ...record, title: map.title, context: "Path finished: see where to go next", url: `${folder}index.html#where-next`, task: null };
    return { ...record, title: next.entry.title, url: `${folder}${next.entry.file}.html`, task: null };
  };

  const showContinue = () => {
    const box = document.querySelector(".atlas-continue");
    if (!box) return;
    const saved = atlas.readJSON(LAST);
    if (!saved || typeof saved.title !== "string" || !safePage(saved.url)) {
      box.hidden = true;
      return;
    }
    const record = continueAt(saved);
    const link = box.querySelector(".atlas-continue-link");
    link.textContent = `Continue: ${record.title}`;
    link.href = record.url;
    box.querySelector(".atlas-continue-context").textContent = typeof record.context === "string" ? record.context : "";
    const task = box.querySelector(".atlas-continue-task");
    const good = record.task && typeof record.task.text === "string" && safePage(record.task.url);
    task.hidden = !good;
    if (good) {
      const taskLink = task.querySelector("a");
      taskLink.textContent = record.task.text;
      taskLink.href = record.task.url;
    }
    box.hidden = false;
  };

  const draw = () => {
    updateMaps();
    showGuideLine();
    showContinue();
  };

  atlas.onChange(draw);
  atlas.whenReady(draw);
})();

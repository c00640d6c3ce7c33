/* AI Engineering Atlas: saved progress, the tick boxes, phase statuses and progress bars.
 *
 * The shared core of the site's scripts. The other files (transfer.js,
 * planner.js, filters.js, page.js) load after it, in that order, as classic
 * scripts: no module system and no build step, because every page must also
 * work when opened from disk (file://). They reach this file only through
 * `window.atlas`:
 *
 *   atlas.whenReady(start)        run `start` once the page is parsed (at once if it is)
 *   atlas.isDone(key)             whether the item `key` ("paper:bert", "phase:path/slug") is ticked
 *   atlas.doneKeys()              every ticked key, sorted
 *   atlas.isProgressKey(text)     whether `text` is a well-formed key
 *   atlas.replaceProgress(keys)   tick exactly `keys`, save, and update the page; throws, changing
 *                                 nothing, when the browser refuses to save
 *   atlas.wireBoxes(root)         show and wire the tick boxes under `root` (rows added later)
 *   atlas.refresh()               show saved progress on every box, bar and status of the page
 *   atlas.onChange(listener)      call `listener()` whenever progress changes: a tick here, in
 *                                 another tab, an import or its undo
 *   atlas.reload()                read saved progress again after another script rewrote storage
 *   atlas.download(name, type, text)  hand the reader a file made in the page
 *   atlas.readJSON(name), atlas.writeJSON(name, data)
 *                                 an object kept in localStorage (null when absent or
 *                                 unreadable); false when the browser refuses to save
 *   atlas.parseDate(text)         "2027-01-04" as a UTC midnight, or null if it is no such day
 *   atlas.plural(count, word)     "1 path", "3 paths"
 *   atlas.share(name, api), atlas.shared(name)
 *                                 rules one script gives the scripts loaded after it on the page
 *                                 (review.js's to review-session.js); undefined where it is not
 *   atlas.section(name, handlers) register a section of the progress file that another script
 *                                 keeps (review.js: the review schedule): handlers read(), check(value)
 *                                 (throws an Error saying what is wrong; undefined gives an empty one),
 *                                 size(value) and describe(value) (3, "3 questions in review"),
 *                                 merge(mine, theirs) and
 *                                 write(value) (throws when the browser refuses); atlas.section(name)
 *                                 gives them back, atlas.sections() lists the names
 *
 * Keys: `phase:<path>/<slug>`, `paper:<id>`, `project:<id>`, and `task:<scope>:<id>`
 * for a task, the scope being its phase's id or `guide/<id>`. A box lists the keys
 * its item had before (`data-atlas-old`: renamed pages and tasks, and a task's key
 * from before tasks had ids); a tick saved under one of them moves to the new key
 * when the box is first shown.
 *
 * Path and phase pages carry their path's map (`data-atlas-map`, written by
 * hooks/curriculum/progress.py): which phases it has, their weeks, the scopes
 * of their tasks and the keys of their papers and projects. From it come each
 * phase's status (not started, in progress, done: in the phase list, the
 * timeline and the navigation), the counts ("9 of 25 tasks · 3 of 26 papers") and
 * the bar, which fills by weeks: a finished phase counts all its weeks, any other
 * the share of its tasks, papers and projects ticked. Tasks are counted by key
 * prefix, capped at the phase's number of tasks, so the map need not list them:
 * a tick kept for a task since removed from its phase still counts, up to that cap.
 * The home page's maps carry no keys (no page holds every key of the site): a
 * path or phase page keeps its map's papers and projects in this browser
 * ("atlas-paths-v1"), and the home page counts from that copy. Ticking a task
 * also records where the learner is ("atlas-continue-v1") for the home page's
 * "Continue".
 *
 * Style of all these files: modern but widely supported JavaScript (const and
 * let, arrow functions, template literals, for...of, optional chaining), each
 * file one strict-mode arrow IIFE so that nothing but `window.atlas` is global.
 * Each feature starts only when its element is on the page, so pages without
 * it do no work.
 *
 * Everything the site saves in localStorage is under a key starting with
 * "atlas-": transfer.js undoes an import or a reset by restoring those keys.
 */
(() => {
  "use strict";

  const STORE = "atlas-progress-v1";
  const PATH_ITEMS = "atlas-paths-v1";
  const LAST = "atlas-continue-v1";
  const KEY_RE = /^(phase|paper|project|task):[a-z0-9][a-z0-9\-\/:]*$/;
  // A page of the site, relative to its root, with an optional anchor: the only
  // address "Continue" follows, whatever the browser's storage holds.
  const PAGE_RE = /^[a-z0-9][a-z0-9\-\/._]*\.html(#[a-z0-9\-]+)?$/;

  // --- storage ---------------------------------------------------------------

  const readJSON = (name) => {
    try {
      const data = JSON.parse(window.localStorage.getItem(name) || "null");
      return data && typeof data === "object" ? data : null;
    } catch (error) {
      return null;
    }
  };

  // False when the browser refuses (storage full or turned off): a tick then stays for
  // this page view only; an import (replaceProgress) says so instead of claiming success.
  const writeJSON = (name, data) => {
    try {
      window.localStorage.setItem(name, JSON.stringify(data));
      return true;
    } catch (error) {
      return false;
    }
  };

  const load = () => {
    const data = readJSON(STORE);
    return data && typeof data.done === "object" && data.done ? data : { done: {} };
  };

  // Read from storage only when a page has something that shows progress.
  let state = null;
  const current = () => {
    if (state === null) state = load();
    return state;
  };

  const isDone = (key) => current().done[key] === true;

  const setDone = (key, value) => {
    if (value) current().done[key] = true;
    else delete current().done[key];
    writeJSON(STORE, state);
  };

  // A renamed page or task lists its old keys: progress saved under them moves to the new key.
  const migrate = (input) => {
    const done = current().done;
    const key = input.getAttribute("data-atlas-id");
    let moved = false;
    for (const oldKey of (input.getAttribute("data-atlas-old") || "").split(/\s+/)) {
      if (oldKey && done[oldKey]) {
        delete done[oldKey];
        done[key] = true;
        moved = true;
      }
    }
    if (moved) writeJSON(STORE, state);
  };

  // --- counting a path -----------------------------------------------------------

  const readMap = (el) => {
    try {
      const map = JSON.parse(el.getAttribute("data-atlas-map"));
      return map && Array.isArray(map.phases) ? map : null;
    } catch (error) {
      return null;
    }
  };

  const ticksUnder = (scopes) => {
    const prefixes = scopes.map((scope) => `task:${scope}:`);
    return Object.keys(current().done).filter((key) => isDone(key) && prefixes.some((prefix) => key.startsWith(prefix))).length;
  };

  const phaseCounts = (entry, items) => {
    const tasksDone = Math.min(entry.tasks, ticksUnder(entry.scopes));
    const itemsDone = items ? items.filter(isDone).length : 0;
    const done = entry.scopes.some((scope) => isDone(`phase:${scope}`));
    const total = entry.tasks + (items ? items.length : 0);
    return {
      entry,
      items,
      tasksDone,
      itemsDone,
      done,
      status: done ? "done" : tasksDone || itemsDone ? "started" : "new",
      share: done ? 1 : total ? (tasksDone + itemsDone) / total : 0,
    };
  };

  // A phase's papers and projects: from the map where it holds them (a path page holds all,
  // a phase page its own), else from what the path page last kept in this browser.
  const knownItems = (map) => {
    const stored = readJSON(PATH_ITEMS)?.[map.path];
    const kept = stored && typeof stored === "object" ? stored : {};
    return map.phases.map((entry) => {
      if (Array.isArray(entry.items)) return entry.items;
      return Array.isArray(kept[entry.id]) ? kept[entry.id].filter((key) => KEY_RE.test(key)) : null;
    });
  };

  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

  const pathCounts = (map) => {
    const known = knownItems(map);
    const phases = map.phases.map((entry, i) => phaseCounts(entry, known[i]));
    const weeks = phases.reduce((sum, p) => sum + p.entry.weeks, 0);
    const share = weeks ? phases.reduce((sum, p) => sum + p.entry.weeks * p.share, 0) / weeks : 0;
    const parts = [`${phases.reduce((n, p) => n + p.tasksDone, 0)} of ${plural(phases.reduce((n, p) => n + p.entry.tasks, 0), "task")}`];
    if (known.every(Boolean)) {
      const keys = new Set(known.flat());
      for (const [kind, total] of [["paper", map.papers], ["project", map.projects]]) {
        if (!total) continue;
        const done = [...keys].filter((key) => key.startsWith(`${kind}:`) && isDone(key)).length;
        parts.push(`${Math.min(done, total)} of ${plural(total, kind)}`);
      }
    }
    parts.push(`${phases.filter((p) => p.done).length} of ${plural(phases.length, "phase")}`);
    return { phases, percent: Math.round(100 * share), text: parts.join(" · ") };
  };

  // --- statuses --------------------------------------------------------------------

  const STATUS = { done: ["✓", "Done"], started: ["◐", "In progress"], new: ["○", "Not started"] };

  const statusMark = (status, hideWords) => {
    const mark = document.createElement("span");
    mark.className = "atlas-status";
    mark.setAttribute("data-status", status);
    const symbol = document.createElement("span");
    symbol.className = "atlas-status-mark";
    symbol.setAttribute("aria-hidden", "true");
    symbol.textContent = STATUS[status][0];
    const words = document.createElement("span");
    words.textContent = hideWords ? ` (${STATUS[status][1].toLowerCase()})` : ` ${STATUS[status][1]}`;
    if (hideWords) words.className = "atlas-sr-only";
    mark.append(symbol, words);
    return mark;
  };

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

  const markPhaseList = (phases) => {
    const byId = new Map(phases.map((p) => [p.entry.id, p]));
    for (const slot of document.querySelectorAll(".atlas-phase-list .atlas-phase-status[data-atlas-phase]")) {
      const phase = byId.get(slot.getAttribute("data-atlas-phase"));
      if (!phase) continue;
      slot.replaceChildren(statusMark(phase.status, false));
      slot.hidden = false;
      slot.closest("li")?.setAttribute("data-status", phase.status);
    }
  };

  const showPhaseLine = (line, phase) => {
    const [tasks, papers, projects] = [phase.entry.tasks, ...["paper:", "project:"].map((prefix) => (phase.items || []).filter((k) => k.startsWith(prefix)))];
    const parts = [];
    if (tasks) parts.push(`${phase.tasksDone} of ${plural(tasks, "task")}`);
    if (papers.length) parts.push(`${papers.filter(isDone).length} of ${plural(papers.length, "paper")}`);
    if (projects.length) parts.push(`${projects.filter(isDone).length} of ${plural(projects.length, "project")}`);
    line.querySelector(".atlas-phase-status")?.replaceChildren(statusMark(phase.status, false));
    line.querySelector(".atlas-progress-text").textContent = parts.length ? `· ${parts.join(" · ")}` : "";
    line.hidden = false;
  };

  const updateMaps = () => {
    const items = {};
    for (const el of document.querySelectorAll("[data-atlas-map]")) {
      const map = readMap(el);
      if (!map) continue;
      const counts = pathCounts(map);
      if (el.classList.contains("atlas-progress")) {
        const bar = el.querySelector("progress");
        bar.value = counts.percent;
        bar.setAttribute("aria-valuetext", `${counts.percent}% of the path's weeks: ${counts.text}`);
        el.querySelector(".atlas-progress-text").textContent = counts.text;
        el.hidden = false;
      }
      const own = el.getAttribute("data-atlas-phase");
      const held = map.phases.filter((entry) => Array.isArray(entry.items));
      if (held.length) items[map.path] = Object.fromEntries(held.map((entry) => [entry.id, entry.items]));
      if (held.length === map.phases.length || own) {
        markNavigation(counts.phases);
        markTimeline(counts.phases);
        markPhaseList(counts.phases);
        const phase = own && counts.phases.find((p) => p.entry.id === own);
        if (phase && el.classList.contains("atlas-phase-progress")) showPhaseLine(el, phase);
      }
    }
    // Keep the papers and projects this page holds for the pages that do not; write only what changed.
    const paths = Object.keys(items);
    if (paths.length) {
      const kept = readJSON(PATH_ITEMS) || {};
      const merged = Object.fromEntries(paths.map((path) => [path, { ...(kept[path] && typeof kept[path] === "object" ? kept[path] : {}), ...items[path] }]));
      if (paths.some((path) => JSON.stringify(kept[path]) !== JSON.stringify(merged[path]))) writeJSON(PATH_ITEMS, { ...kept, ...merged });
    }
  };

  // --- where the learner is -----------------------------------------------------------

  const siteRoot = () => {
    let base = ".";
    try {
      base = JSON.parse(document.getElementById("__config")?.textContent || "{}").base || ".";
    } catch (error) {
      /* no theme config: the page is at the root */
    }
    return new URL(`${base}/`, window.location.href).href;
  };

  // `target` (relative to this page) as an address relative to the site's root.
  const fromRoot = (target) => {
    const url = new URL(target, window.location.href);
    const root = siteRoot();
    return url.href.startsWith(root) ? url.href.slice(root.length) : null;
  };

  const readWork = () => {
    const el = document.querySelector("[data-atlas-work]");
    if (!el) return null;
    try {
      return JSON.parse(el.getAttribute("data-atlas-work"));
    } catch (error) {
      return null;
    }
  };

  const showGuideLine = () => {
    const line = document.querySelector(".atlas-phase-progress[data-atlas-work]:not([data-atlas-map])");
    if (!line) return;
    const boxes = [...document.querySelectorAll("input.atlas-task")];
    line.querySelector(".atlas-progress-text").textContent = `${boxes.filter((b) => b.checked).length} of ${plural(boxes.length, "task")} done`;
    line.hidden = false;
  };

  const remember = () => {
    const work = readWork();
    if (!work) return;
    const here = window.location.pathname.split("/").pop() || "index.html";
    const next = [...document.querySelectorAll("input.atlas-task")].find((box) => !box.checked);
    const finished = work.phase && isDone(work.phase);
    let record;
    if (finished && work.next) {
      record = { title: work.next.title, context: work.context, url: fromRoot(`${work.next.file}.html`), task: null };
    } else if (finished) {
      record = { title: work.context, context: "Path finished: see where to go next", url: fromRoot("index.html#where-next"), task: null };
    } else {
      const label = next?.closest("label");
      record = { title: work.title, context: work.context, url: fromRoot(here), task: null };
      if (label) record.task = { text: label.textContent.trim().replace(/\s+/g, " ").slice(0, 160), url: fromRoot(`${here}#${label.id}`) };
      else if (work.phase) record.task = { text: "Check the milestone, then tick “I have finished this phase”", url: fromRoot(`${here}#milestone`) };
    }
    record.at = new Date().toISOString();
    writeJSON(LAST, record);
  };

  const showContinue = () => {
    const box = document.querySelector(".atlas-continue");
    if (!box) return;
    const record = readJSON(LAST);
    const safe = (url) => typeof url === "string" && PAGE_RE.test(url);
    if (!record || typeof record.title !== "string" || !safe(record.url)) {
      box.hidden = true;
      return;
    }
    const link = box.querySelector(".atlas-continue-link");
    link.textContent = `Continue: ${record.title}`;
    link.href = record.url;
    box.querySelector(".atlas-continue-context").textContent = typeof record.context === "string" ? record.context : "";
    const task = box.querySelector(".atlas-continue-task");
    const good = record.task && typeof record.task.text === "string" && safe(record.task.url);
    task.hidden = !good;
    if (good) {
      const taskLink = task.querySelector("a");
      taskLink.textContent = record.task.text;
      taskLink.href = record.task.url;
    }
    box.hidden = false;
  };

  // --- boxes and bars --------------------------------------------------------

  const syncBoxes = () => {
    for (const input of document.querySelectorAll("input[data-atlas-id]")) {
      input.checked = isDone(input.getAttribute("data-atlas-id"));
    }
  };

  const listeners = [];

  const refresh = () => {
    syncBoxes();
    updateMaps();
    showGuideLine();
    showContinue();
    for (const listener of listeners) listener();
  };

  // Show and wire the checkboxes under `root` (rows added later call this too).
  const wireBoxes = (root) => {
    for (const input of root.querySelectorAll("input[data-atlas-id]")) {
      migrate(input);
      input.hidden = false;
      const label = input.closest("label.atlas-done");
      if (label) label.hidden = false;
      input.checked = isDone(input.getAttribute("data-atlas-id"));
      input.addEventListener("change", () => {
        setDone(input.getAttribute("data-atlas-id"), input.checked);
        refresh();
        remember();
      });
    }
  };

  const replaceProgress = (keys) => {
    const next = { done: Object.fromEntries(keys.map((key) => [key, true])) };
    if (!writeJSON(STORE, next)) throw new Error("this browser refused to save its progress");
    state = next;
    refresh();
  };

  const doneKeys = () => Object.keys(current().done).filter(isDone).sort();

  const reload = () => {
    state = load();
    refresh();
  };

  // --- shared helpers ----------------------------------------------------------

  const parseDate = (value) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === "string" ? value : "");
    if (!m) return null;
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3] ? date : null;
  };

  const download = (name, type, text) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  // What one script shares with the others, by name.
  const shares = new Map();

  // Sections of the progress file kept by other scripts; transfer.js exports, previews,
  // merges and writes each through its handlers.
  const sections = new Map();
  const section = (name, handlers) => {
    if (handlers) sections.set(name, handlers);
    return sections.get(name);
  };

  // The scripts are deferred (main.html), so the page is usually parsed already.
  const whenReady = (start) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  };

  window.atlas = Object.freeze({
    whenReady,
    isDone,
    doneKeys,
    isProgressKey: (text) => typeof text === "string" && KEY_RE.test(text),
    replaceProgress,
    wireBoxes,
    refresh,
    onChange: (listener) => {
      listeners.push(listener);
    },
    reload,
    download,
    readJSON,
    writeJSON,
    parseDate,
    plural,
    share: (name, api) => {
      shares.set(name, api);
    },
    shared: (name) => shares.get(name),
    section,
    sections: () => [...sections.keys()],
  });

  whenReady(() => {
    if (!document.querySelector("input[data-atlas-id], [data-atlas-map], .atlas-continue")) return;
    wireBoxes(document);
    refresh();
    // Another tab changed progress: show it here too.
    window.addEventListener("storage", (event) => {
      if (event.key !== STORE && event.key !== LAST && event.key !== null) return;
      reload();
    });
  });
})();

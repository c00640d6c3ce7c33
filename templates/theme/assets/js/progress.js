/* AI Engineering Atlas: saved progress, the tick boxes, phase statuses and progress bars.
 *
 * The shared core of the site's scripts: the others (page.js, then each widget's)
 * reach it only through `window.atlas`, a frozen object whose members README.md
 * lists ("Browser code"). Classic scripts with no build step, because every page
 * must also work when opened from disk (file://).
 *
 * What it keeps: "atlas-progress-v1" holds {done, skipped, started} (item keys ->
 * true), {tracks} (phase id -> track id) and {known} (path id -> skill ids); before
 * 2027 it held `done` alone, which still counts as it was. "atlas-continue-v1" is
 * where the learner was, for the home page's "Continue"; "atlas-paths-v2" the keys
 * of each phase as the last path or home page held them, for phase pages, whose
 * map holds their own phase's only. Everything the site saves is under "atlas-":
 * transfer.js undoes an import or a reset by restoring those keys.
 *
 * Counting (`countPath`), the one rule of every bar, line, status, plan and reading
 * list: README.md, "How progress is counted". A page's map (`data-atlas-map`) is
 * written by hooks/curriculum/site/progress.py.
 */
(() => {
  "use strict";

  // --- rules the scripts share: names, dates, hours, storage -------------------------

  const PREFIX = "atlas-"; // of every key the site saves: an undo or a reset (transfer.js) reaches them all
  const STORE = "atlas-progress-v1";
  const PATH_ITEMS = "atlas-paths-v2";
  const LAST = "atlas-continue-v1";
  const SCHEME = "atlas-scheme-chosen"; // main.html's inline script reads it too
  const PLANS = "atlas-plan-"; // and a path id: its planner settings
  const KEY_RE = /^(phase|paper|project|task):[a-z0-9][a-z0-9\-/:]*$/;
  const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
  const PHASE_RE = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
  const MARKS = ["done", "skipped", "started"];
  // A page of the site, relative to its root, with an optional anchor: the only address
  // "Continue" follows, whatever the browser's storage or a progress file holds.
  const PAGE_RE = /^[a-z0-9][a-z0-9\-/._]*\.html(#[a-z0-9-]+)?$/;

  const isObject = (value) => Boolean(value) && typeof value === "object" && !Array.isArray(value);
  const isId = (value) => typeof value === "string" && ID_RE.test(value);
  const isPhaseId = (value) => typeof value === "string" && PHASE_RE.test(value);
  // What `object` holds itself under `name`: a path called "constructor" is no inherited property.
  const own = (object, name) => (isObject(object) && Object.hasOwn(object, name) ? object[name] : undefined);

  const plural = (count, word) => `${count} ${word}${count === 1 ? "" : "s"}`;

  // A calendar day is a Date at UTC midnight, which no change of the clocks moves; an
  // instant (an export, a time due) falls on the learner's own day (dayOf).
  const DAY = 86400000;
  const WEEKDAYS = Object.freeze(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]);
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // "2027-01-04" as a day, or null (2027-02-30 too).
  const parseDate = (value) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === "string" ? value : "");
    if (!m) return null;
    const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return date.getUTCMonth() === +m[2] - 1 && date.getUTCDate() === +m[3] ? date : null;
  };
  const isoDate = (day) => day.toISOString().slice(0, 10);
  const dayOf = (time) => {
    const date = new Date(time);
    return new Date(Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()));
  };
  const today = () => dayOf(Date.now());
  const addDays = (day, count) => new Date(day.getTime() + count * DAY);
  const daysBetween = (from, to) => Math.round((to - from) / DAY);
  // "Mon 4 Jan 2027", or "Mon 4 Jan": the one way the site writes a day.
  const showDate = (day, withYear = true) =>
    `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]}${withYear ? ` ${day.getUTCFullYear()}` : ""}`;

  // A plan's hours a week and time of day (planner.js, and transfer.js's check of a file's).
  const HOURS = Object.freeze({ min: 0.5, max: 80, step: 0.5 });
  const isWeeklyHours = (value) => typeof value === "number" && value >= HOURS.min && value <= HOURS.max && Number.isInteger(value / HOURS.step);
  const isClockTime = (value) => typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
  // Storage may be turned off (even reading window.localStorage throws) or full: reads
  // then find nothing, writes say false, and what they were for holds for this page view.
  const readJSON = (name) => {
    try {
      const data = JSON.parse(window.localStorage.getItem(name) || "null");
      return data && typeof data === "object" ? data : null;
    } catch {
      return null;
    }
  };

  const writeJSON = (name, data) => {
    try {
      window.localStorage.setItem(name, JSON.stringify(data));
      return true;
    } catch {
      return false;
    }
  };

  const removeKey = (name) => {
    try {
      window.localStorage.removeItem(name);
      return true;
    } catch {
      return false;
    }
  };

  // --- saved progress ------------------------------------------------------------

  // Saved progress in its one shape, whatever storage or a file held: unknown fields and
  // malformed entries are left out.
  const normalise = (data) => {
    const state = { done: {}, skipped: {}, started: {}, tracks: {}, known: {} };
    if (!isObject(data)) return state;
    for (const mark of MARKS) {
      if (!isObject(data[mark])) continue;
      for (const [key, value] of Object.entries(data[mark])) if (value === true && KEY_RE.test(key)) state[mark][key] = true;
    }
    for (const key of Object.keys(state.skipped)) if (state.done[key]) delete state.skipped[key]; // done wins
    if (isObject(data.tracks)) {
      for (const [phase, track] of Object.entries(data.tracks)) if (isPhaseId(phase) && isId(track)) state.tracks[phase] = track;
    }
    if (isObject(data.known)) {
      for (const [path, skills] of Object.entries(data.known)) {
        if (isId(path) && Array.isArray(skills)) state.known[path] = [...new Set(skills.filter(isId))].sort();
      }
    }
    return state;
  };

  // Read from storage only when a page has something that shows progress.
  let state = null;
  const current = () => {
    if (state === null) state = normalise(readJSON(STORE));
    return state;
  };
  const save = () => writeJSON(STORE, state);

  const isDone = (key) => current().done[key] === true;
  const isSkipped = (key) => current().skipped[key] === true;

  // --- counting a path -----------------------------------------------------------

  // The JSON an element carries in its data attribute `name`, or null when there is none or
  // it is not JSON: each widget's script reads what the build wrote for it this way.
  const dataOf = (el, name) => {
    try {
      return JSON.parse(el.getAttribute(name));
    } catch {
      return null;
    }
  };

  const readMap = (el) => {
    const map = dataOf(el, "data-atlas-map");
    return map && Array.isArray(map.phases) ? map : null;
  };

  const phaseFlag = (entry, mark) => entry.scopes.some((scope) => current()[mark][`phase:${scope}`] === true);

  const trackOf = (entry) => {
    const tracks = entry.tracks || [];
    for (const scope of entry.scopes) {
      const chosen = current().tracks[scope];
      const track = chosen && tracks.find((t) => t.id === chosen || (t.old || []).includes(chosen));
      if (track) return track;
    }
    return null;
  };

  // The task keys of a phase under `marks` (done or skipped) that count: the phase's own and
  // the chosen track's, never another track's.
  const taskKeys = (entry, track, marks) => {
    const prefixes = entry.scopes.map((scope) => `task:${scope}:`);
    const others = new Set();
    for (const t of entry.tracks || []) {
      if (t === track) continue;
      for (const name of t.names || []) for (const scope of entry.scopes) others.add(`task:${scope}:${name}`);
    }
    return Object.keys(marks).filter((key) => marks[key] === true && prefixes.some((p) => key.startsWith(p)) && !others.has(key));
  };

  // The keys a phase counts (its shared items and its chosen track's), or null when this page
  // does not know them; `kept` is what a path or home page left in this browser.
  const countedItems = (entry, track, kept) => {
    const own = Array.isArray(entry.items) ? entry.items : kept?.items;
    if (!Array.isArray(own)) return null;
    let mine = [];
    if (track) {
      mine = Array.isArray(track.items) ? track.items : kept?.tracks?.[track.id];
      if (!Array.isArray(mine)) return null;
    }
    return [...new Set([...own, ...mine])].filter((key) => KEY_RE.test(key));
  };

  const trackSize = (track, kept) => track.tasks + (Array.isArray(track.items) ? track.items : kept?.tracks?.[track.id] || []).length;

  const phaseCounts = (entry, kept) => {
    const saved = current();
    const track = trackOf(entry);
    const undecided = (entry.tracks || []).length > 0 && !track;
    const finished = phaseFlag(entry, "done");
    const known = !finished && phaseFlag(entry, "skipped");
    const skippedItem = (key) => !isDone(key) && (known || isSkipped(key));
    const taskTotal = entry.tasks + (track ? track.tasks : 0);
    const tasksDone = Math.min(taskTotal, taskKeys(entry, track, saved.done).length);
    const skippedTasks = taskKeys(entry, track, saved.skipped).filter((key) => !isDone(key)).length;
    const tasks = { total: taskTotal, done: tasksDone, skipped: known ? taskTotal - tasksDone : Math.min(taskTotal - tasksDone, skippedTasks) };
    const items = countedItems(entry, track, kept);
    const kind = (prefix) => {
      if (!items) return null;
      const keys = items.filter((key) => key.startsWith(prefix));
      return { keys, total: keys.length, done: keys.filter(isDone).length, skipped: keys.filter(skippedItem).length };
    };
    const papers = kind("paper:");
    const projects = kind("project:");
    const optionalKeys = (Array.isArray(entry.optional) ? entry.optional : kept?.optional || []).filter((key) => !items || !items.includes(key));
    const optional = { keys: optionalKeys, total: optionalKeys.length, done: optionalKeys.filter(isDone).length };
    const parts = [tasks, papers, projects].filter(Boolean);
    const total = parts.reduce((n, part) => n + part.total, 0);
    const complete = parts.reduce((n, part) => n + part.done + part.skipped, 0);
    const anyDone = parts.some((part) => part.done > 0);
    let status;
    if (finished) status = "done";
    else if (known) status = "skipped";
    else if (items && !undecided && total > 0 && complete === total) status = anyDone ? "done" : "skipped";
    else if (complete > 0 || optional.done > 0 || phaseFlag(entry, "started")) status = "started";
    else status = "new";
    let share = 1;
    if (status !== "done" && status !== "skipped") {
      const smallest = undecided ? Math.min(...entry.tracks.map((t) => trackSize(t, kept))) : 0;
      share = total + smallest ? complete / (total + smallest) : 0;
    }
    return { entry, track, undecided, items, tasks, papers, projects, optional, status, share };
  };

  // "3 of 8 tasks", or "3 done, 2 skipped of 8 tasks" once something is skipped.
  const countText = (part, word) =>
    part.skipped ? `${part.done} done, ${part.skipped} skipped of ${plural(part.total, word)}` : `${part.done} of ${plural(part.total, word)}`;

  const optionalText = (optional) => (optional.done ? `${plural(optional.done, "optional project")} built` : "");

  const keptItems = (map) => {
    const kept = own(readJSON(PATH_ITEMS), map.path);
    return isObject(kept) ? kept : {};
  };

  const countPath = (map) => {
    const kept = keptItems(map);
    const phases = map.phases.map((entry) => phaseCounts(entry, isObject(own(kept, entry.id)) ? own(kept, entry.id) : null));
    const weeks = phases.reduce((sum, p) => sum + p.entry.weeks, 0);
    const share = weeks ? phases.reduce((sum, p) => sum + p.entry.weeks * p.share, 0) / weeks : 0;
    const sum = (pick) => phases.reduce((n, p) => n + pick(p), 0);
    const parts = [countText({ total: sum((p) => p.tasks.total), done: sum((p) => p.tasks.done), skipped: sum((p) => p.tasks.skipped) }, "task")];
    const known = phases.every((p) => p.items);
    if (known) {
      // A paper read in two phases is one paper: counted once, skipped if either phase skips it.
      for (const [name, word] of [["papers", "paper"], ["projects", "project"]]) {
        const keys = new Set(phases.flatMap((p) => p[name].keys));
        if (!keys.size) continue;
        const skipped = new Set(phases.filter((p) => p.status === "skipped").flatMap((p) => p[name].keys));
        const done = [...keys].filter(isDone).length;
        parts.push(countText({ total: keys.size, done, skipped: [...keys].filter((key) => !isDone(key) && (isSkipped(key) || skipped.has(key))).length }, word));
      }
    }
    parts.push(countText({ total: phases.length, done: phases.filter((p) => p.status === "done").length, skipped: phases.filter((p) => p.status === "skipped").length }, "phase"));
    // Until a track is chosen its work is not counted: say where one is to be chosen.
    const undecided = phases.filter((p) => p.undecided && p.status !== "done" && p.status !== "skipped");
    if (undecided.length) parts.push(`a track to choose in ${undecided.map((p) => p.entry.title).join(", ")}`);
    if (known) {
      const counted = new Set(phases.flatMap((p) => p.items));
      const optional = [...new Set(phases.flatMap((p) => p.optional.keys))].filter((key) => !counted.has(key));
      const extra = optionalText({ done: optional.filter(isDone).length });
      if (extra) parts.push(extra);
    }
    return { map, phases, percent: Math.round(100 * share), text: parts.join(" · ") };
  };

  const mapOf = (path) => {
    let found = null;
    for (const el of document.querySelectorAll("[data-atlas-map]")) {
      const map = readMap(el);
      if (map?.path !== path) continue;
      if (!found || map.phases.filter((e) => Array.isArray(e.items)).length > found.phases.filter((e) => Array.isArray(e.items)).length) found = map;
    }
    return found;
  };

  // --- statuses --------------------------------------------------------------------

  const STATUS = { done: ["✓", "Done"], skipped: ["↷", "Skipped"], started: ["◐", "In progress"], new: ["○", "Not started"] };

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

  // --- where the learner is -----------------------------------------------------------

  const siteRoot = () => {
    let base = ".";
    try {
      base = JSON.parse(document.getElementById("__config")?.textContent || "{}").base || ".";
    } catch {
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
    return el ? dataOf(el, "data-atlas-work") : null;
  };

  // This phase page's own counts, or null on any other page.
  const ownPhase = () => {
    const line = document.querySelector(".atlas-phase-progress[data-atlas-map][data-atlas-phase]");
    const map = line && readMap(line);
    return map ? countPath(map).phases.find((p) => p.entry.id === line.getAttribute("data-atlas-phase")) || null : null;
  };

  // The first task still to do: not ticked, not skipped, and not of a track the learner has not chosen.
  const nextTask = (phase) =>
    [...document.querySelectorAll("input.atlas-task")].find((box) => {
      const key = box.getAttribute("data-atlas-id");
      if (box.checked || isSkipped(key)) return false;
      const track = box.closest("[data-atlas-track]")?.getAttribute("data-atlas-track");
      return !track || track === phase?.track?.id;
    });

  const remember = () => {
    const work = readWork();
    if (!work) return;
    const here = window.location.pathname.split("/").pop() || "index.html";
    const phase = work.phase ? ownPhase() : null;
    const finished = phase && (phase.status === "done" || phase.status === "skipped");
    let record;
    if (finished && work.next) {
      record = { title: work.next.title, context: work.context, url: fromRoot(`${work.next.file}.html`), task: null };
    } else if (finished) {
      record = { title: work.context, context: "Path finished: see where to go next", url: fromRoot("index.html#where-next"), task: null };
    } else {
      const label = nextTask(phase)?.closest("label");
      record = { title: work.title, context: work.context, url: fromRoot(here), task: null };
      if (label) record.task = { text: label.textContent.trim().replace(/\s+/g, " ").slice(0, 160), url: fromRoot(`${here}#${label.id}`) };
      else if (phase?.undecided) record.task = { text: "Choose your track", url: fromRoot(`${here}#choose-a-track`) };
      else if (work.phase) record.task = { text: "Check the milestone, then tick “I have finished this phase”", url: fromRoot(`${here}#milestone`) };
    }
    if (work.path) record.path = work.path;
    if (work.phase) record.phase = work.phase.replace(/^phase:/, "");
    record.at = new Date().toISOString();
    writeJSON(LAST, record);
  };

  // --- boxes and bars --------------------------------------------------------

  const syncBoxes = () => {
    for (const input of document.querySelectorAll("input[data-atlas-id]")) {
      input.checked = isDone(input.getAttribute("data-atlas-id"));
    }
  };

  const listeners = [];

  // Every box of the page as saved; then whatever draws progress (map.js, the widgets).
  const refresh = () => {
    syncBoxes();
    for (const listener of listeners) listener();
  };

  // A renamed page or task lists its old keys: marks saved under them move to the new key.
  const migrate = (input) => {
    const key = input.getAttribute("data-atlas-id");
    let moved = false;
    for (const oldKey of (input.getAttribute("data-atlas-old") || "").split(/\s+/)) {
      for (const mark of MARKS) {
        if (oldKey && current()[mark][oldKey]) {
          delete current()[mark][oldKey];
          current()[mark][key] = true;
          moved = true;
        }
      }
    }
    if (moved) save();
  };

  // `changes`: [key, mark] pairs, saved at once. A phase's marks are saved under its id; its
  // old ids (a renamed phase) are cleared with them.
  const setMarks = (changes) => {
    const saved = current();
    for (const [key, mark] of changes) {
      const scopes = key.startsWith("phase:") ? mapPhaseScopes(key) : [key];
      for (const name of MARKS) for (const scope of scopes) delete saved[name][scope];
      if (mark) saved[mark][key] = true;
    }
    save();
    refresh();
  };
  const setMark = (key, mark) => setMarks([[key, mark]]);
  const markOf = (key) => MARKS.find((mark) => current()[mark][key] === true) || null;

  const mapPhaseScopes = (key) => {
    const id = key.slice("phase:".length);
    for (const el of document.querySelectorAll("[data-atlas-map]")) {
      const entry = readMap(el)?.phases.find((e) => e.id === id);
      if (entry) return entry.scopes.map((scope) => `phase:${scope}`);
    }
    return [key];
  };

  const chooseTrack = (phase, track) => {
    const saved = current();
    for (const scope of mapPhaseScopes(`phase:${phase}`)) delete saved.tracks[scope.slice("phase:".length)];
    if (track) saved.tracks[phase] = track;
    save();
    refresh();
  };

  const setKnownSkills = (path, ids) => {
    if (ids.length) current().known[path] = [...new Set(ids)].sort();
    else delete current().known[path];
    save();
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
        const key = input.getAttribute("data-atlas-id");
        // Unticking a skipped item (never ticked) leaves its skip; unticking a done one clears it.
        setMark(key, input.checked ? "done" : isSkipped(key) ? "skipped" : null);
        remember();
      });
    }
  };

  const saved = () => JSON.parse(JSON.stringify(current()));

  const replaceSaved = (data) => {
    const next = normalise(data);
    if (!writeJSON(STORE, next)) throw new Error("this browser refused to save its progress");
    state = next;
    refresh();
  };

  const doneKeys = () => Object.keys(current().done).filter(isDone).sort();

  const reload = () => {
    state = normalise(readJSON(STORE));
    refresh();
  };

  // --- shared helpers ----------------------------------------------------------

  // An element with its attributes (`className`, `text` and any other) and children.
  const element = (tag, props = {}, ...children) => {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name === "className") el.className = value;
      else if (name === "text") el.textContent = value;
      else el.setAttribute(name, value);
    }
    el.append(...children);
    return el;
  };

  // A button that is on or off (aria-pressed): its words stay, its state is said.
  const toggleButton = (text, name) => element("button", { type: "button", className: "atlas-toggle", "aria-pressed": "false", "aria-label": name }, text);

  // A line after `anchor` that says what a change did, with an Undo that calls `restore`
  // (once) and gives the focus back to `focusBack`; a screen reader hears it (role=status,
  // in the page from the start). Returns say(text, restore, focusBack).
  const noteAfter = (anchor) => {
    const note = element("p", { className: "atlas-route-note", role: "status" });
    anchor.after(note);
    let undo = null;
    return (text, restore, focusBack) => {
      note.replaceChildren(text);
      undo = restore;
      if (!restore) return;
      const button = element("button", { type: "button", className: "atlas-undo-button" }, "Undo");
      button.addEventListener("click", () => {
        if (undo !== restore) return;
        undo = null;
        restore();
        note.replaceChildren("Undone: it is back as it was.");
        focusBack?.focus();
      });
      note.append(" ", button);
    };
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


  // The scripts are deferred (main.html), so the page is usually parsed already.
  const whenReady = (start) => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
    else start();
  };

  window.atlas = Object.freeze({
    whenReady,
    dataOf,
    isDone,
    isSkipped,
    setMark,
    setMarks,
    markOf,
    chooseTrack,
    trackOf,
    knownSkills: (path) => [...(own(current().known, path) || [])],
    setKnownSkills,
    doneKeys,
    isProgressKey: (text) => typeof text === "string" && KEY_RE.test(text),
    isId,
    isPhaseId,
    isObject,
    own,
    saved,
    replaceSaved,
    normalise,
    wireBoxes,
    refresh,
    onChange: (listener) => {
      listeners.push(listener);
    },
    reload,
    countPath,
    countText,
    optionalText,
    readMap,
    mapOf,
    stores: Object.freeze({ prefix: PREFIX, progress: STORE, continue: LAST, paths: PATH_ITEMS, scheme: SCHEME, plans: PLANS }),
    isSitePage: (url) => typeof url === "string" && PAGE_RE.test(url),
    STATUS,
    statusMark,
    remember,
    element,
    toggleButton,
    noteAfter,
    download,
    plural,
    readJSON,
    writeJSON,
    removeKey,
    DAY,
    WEEKDAYS,
    parseDate,
    isoDate,
    dayOf,
    today,
    addDays,
    daysBetween,
    showDate,
    HOURS,
    isWeeklyHours,
    isClockTime,
    share: (name, api) => {
      shares.set(name, api);
    },
    shared: (name) => shares.get(name),
  });

  if (typeof module === "object" && module.exports) module.exports = window.atlas; // Node: tests/js/

  whenReady(() => {
    if (!document.querySelector("input[data-atlas-id], [data-atlas-map], [data-atlas-work], .atlas-continue")) return;
    wireBoxes(document);
    refresh();
    // Another tab changed progress: show it here too.
    window.addEventListener("storage", (event) => {
      if (event.key !== STORE && event.key !== LAST && event.key !== null) return;
      reload();
    });
  });
})();

/* AI Engineering Atlas: export progress to a file, import it in another browser,
 * and reset it, without ever losing progress by surprise.
 *
 * Needs progress.js (window.atlas). An import first shows what the file holds
 * against what this browser holds, and what Merge (the default) and Replace would
 * change; a reset asks first. Both can be undone until the page is left: the undo
 * puts back every "atlas-" key of localStorage exactly as it was (progress.js keeps
 * all the site saves under such keys). A file that is not a progress file this
 * site can read changes nothing and says why.
 *
 * The file (README, "The progress file"): {"format": "ai-engineering-atlas-progress",
 * "version": 3, "exported": "...", then one field per section}. Each section is
 * read, taken from this browser, merged, written and told by its own entry of
 * SECTIONS: a new kind of saved data is a new entry (and a new version when older
 * sites could not read it). Version 1 files hold `done` only, version 2 add
 * `planner`, and both still import.
 *
 * The `review` section takes its rules from review.js (atlas.shared("review")), which
 * main.html loads before this file wherever the import and export are.
 */
(() => {
  "use strict";

  const atlas = window.atlas;
  const { whenReady, isProgressKey, reload, download, readJSON, plural, mapOf, isObject, isId, isPhaseId, own, parseDate, isWeeklyHours, isClockTime, HOURS, showDate, dayOf } = atlas;
  const FORMAT = "ai-engineering-atlas-progress";
  const VERSION = 3;
  // The most a progress file may weigh, in bytes: the import refuses a larger file, and so
  // anything that would make this browser's export larger. An export of every item of a
  // large site is a few hundred KB at most.
  const MAX_BYTES = 1024 * 1024;
  const { continue: LAST, plans: PLAN_PREFIX, prefix: PREFIX } = atlas.stores;

  // A value from a file, quoted for a message (shown as text, never as markup).
  const quote = (value) => {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  };

  // --- planner settings (planner.js keeps them; progress.js has the rule of each field) ---------

  // One path's settings with only the fields the planner reads, or an Error saying what is wrong.
  const checkPlan = (id, plan) => {
    const where = `Its planner settings for ${quote(id)}`;
    if (!isId(id)) return new Error(`Its planner settings name ${quote(id)}, which is not a path id.`);
    if (!isObject(plan)) return new Error(`${where} are not a set of settings.`);
    if (!parseDate(plan.start)) return new Error(`${where} have start ${quote(plan.start)}; a start is a date such as "2027-01-04".`);
    if (!isWeeklyHours(plan.hours)) return new Error(`${where} have hours ${quote(plan.hours)}; hours are a number from ${HOURS.min} to ${HOURS.max}, in halves.`);
    if (plan.sessions !== undefined && typeof plan.sessions !== "boolean") return new Error(`${where} have sessions ${quote(plan.sessions)}; it is true or false.`);
    if (plan.time !== undefined && !isClockTime(plan.time)) return new Error(`${where} have time ${quote(plan.time)}; a time is such as "09:00".`);
    const days = plan.days ?? [];
    if (!Array.isArray(days) || !days.every((day) => Number.isInteger(day) && day >= 0 && day <= 6)) {
      return new Error(`${where} have days ${quote(plan.days)}; days are a list of weekdays from 0 (Sunday) to 6 (Saturday).`);
    }
    const finished = plan.finished ?? [];
    if (!Array.isArray(finished) || !finished.every(isPhaseId)) {
      return new Error(`${where} have finished ${quote(plan.finished)}; it is a list of phase ids such as "ai-engineer/foundations".`);
    }
    const kept = { start: plan.start, hours: plan.hours, sessions: plan.sessions === true };
    if (plan.time !== undefined) kept.time = plan.time;
    if (days.length) kept.days = [...new Set(days)].sort((a, b) => a - b);
    kept.finished = [...new Set(finished)].sort();
    return kept;
  };

  const damaged = (text) => new Error(`This progress file is damaged: ${text}`);
  const union = (a, b) => [...new Set([...a, ...b])].sort();
  const has = (object, name) => Object.hasOwn(object, name);
  const only = (list, other) => list.filter((item) => !other.includes(item));

  // A phase and a track by name where this page knows them (the home page holds each path's map).
  const phaseName = (id) => {
    const entry = mapOf(id.split("/")[0])?.phases.find((e) => e.id === id);
    return entry ? `“${entry.title}”` : id;
  };
  const trackName = (phase, track) => {
    const entry = mapOf(phase.split("/")[0])?.phases.find((e) => e.id === phase);
    const found = entry?.tracks?.find((t) => t.id === track);
    return found ? `“${found.title}”` : track;
  };
  const pathName = (id) => {
    const map = mapOf(id);
    return map ? `“${map.title}”` : id;
  };

  // --- this browser --------------------------------------------------------------------

  // Every key the site saved in this browser, sorted.
  const siteKeys = () => {
    const keys = [];
    try {
      const storage = window.localStorage;
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i);
        if (key?.startsWith(PREFIX)) keys.push(key);
      }
    } catch {
      return [];
    }
    return keys.sort();
  };

  // Every key the site saved, as its text: what an undo puts back exactly.
  const snapshot = () => {
    const saved = Object.create(null);
    try {
      for (const key of siteKeys()) saved[key] = window.localStorage.getItem(key);
    } catch {
      /* storage turned off: nothing is held, and nothing can be put back either */
    }
    return saved;
  };

  // Every path's planner settings saved here that the planner could read.
  const savedPlans = () => {
    const found = {};
    for (const key of siteKeys()) {
      if (!key.startsWith(PLAN_PREFIX)) continue;
      const plan = checkPlan(key.slice(PLAN_PREFIX.length), readJSON(key));
      if (!(plan instanceof Error)) found[key.slice(PLAN_PREFIX.length)] = plan;
    }
    return found;
  };

  // Storage as `saved` (a snapshot) held it: keys it lacks removed, the others written back,
  // and every part of the page drawn again. False when the browser refused.
  const restore = (saved) => {
    let restored = true;
    try {
      for (const key of siteKeys()) if (!Object.hasOwn(saved, key)) window.localStorage.removeItem(key);
      for (const [key, value] of Object.entries(saved)) window.localStorage.setItem(key, value);
    } catch {
      restored = false;
    }
    reload();
    return restored;
  };

  // --- the sections of the file ----------------------------------------------------------------
  //
  // Each: `since` (the first version with it), `empty` (its value when a file has none),
  // `read(value)` (the file's value checked and in its one shape; throws an Error a reader can
  // act on), `here()` (this browser's), `merge(here, file)`, `put(draft, value)` (into what is
  // written: `draft.progress` for atlas.replaceSaved, `draft.last`, `draft.plans`, `draft.review`), `tell(value)`
  // (a few words for the preview, "" for nothing) and `adds(here, merged)` (what a merge brings).

  const keyList = (name, what, example) => (value) => {
    if (!Array.isArray(value)) throw damaged(`its list of ${what} (“${name}”) is not a list.`);
    const wrong = value.findIndex((key) => !isProgressKey(key));
    if (wrong >= 0) throw damaged(`${what.replace(/s$/, "")} ${wrong + 1}, ${quote(value[wrong])}, is not an item of this site (such as "${example}").`);
    return [...new Set(value)].sort();
  };

  const marks = (name, what, word, example) => ({
    since: 3,
    empty: [],
    read: keyList(name, what, example),
    here: () => Object.keys(atlas.saved()[name]).sort(),
    merge: union,
    put: (draft, value) => {
      draft.progress[name] = Object.fromEntries(value.map((key) => [key, true]));
    },
    tell: (value) => (value.length ? word(value.length) : ""),
    adds: (here, merged) => (only(merged, here).length ? word(only(merged, here).length) : ""),
  });

  const SECTIONS = {
    done: {
      since: 1,
      empty: [],
      read: (value) => {
        if (!Array.isArray(value)) throw damaged("it has no list of finished items (“done”).");
        const wrong = value.findIndex((key) => !isProgressKey(key));
        if (wrong >= 0) throw damaged(`finished item ${wrong + 1}, ${quote(value[wrong])}, is not an item of this site (such as "paper:bert").`);
        return [...new Set(value)].sort();
      },
      here: () => atlas.doneKeys(),
      merge: union,
      put: (draft, value) => {
        draft.progress.done = Object.fromEntries(value.map((key) => [key, true]));
      },
      tell: (value) => plural(value.length, "finished item"),
      adds: (here, merged) => (only(merged, here).length ? plural(only(merged, here).length, "finished item") : ""),
    },
    skipped: marks("skipped", "skipped items", (n) => `${n} marked “I know this”`, "paper:bert"),
    started: marks("started", "started phases", (n) => `${plural(n, "phase")} marked started`, "phase:ai-engineer/foundations"),
    tracks: {
      since: 3,
      empty: {},
      read: (value) => {
        if (!isObject(value)) throw damaged("its tracks (“tracks”) are not a set of tracks by phase.");
        for (const [phase, track] of Object.entries(value)) {
          if (!isPhaseId(phase) || !isId(track)) throw damaged(`its track ${quote(track)} for ${quote(phase)} is not a track of a phase (such as "nlp" for "ai-engineer-career-roadmap/specialization").`);
        }
        return Object.fromEntries(Object.entries(value).sort());
      },
      here: () => atlas.saved().tracks,
      // A phase has one track: this browser's choice stays, the file's fills the phases with none.
      merge: (here, file) => Object.fromEntries(Object.entries({ ...file, ...here }).sort()),
      put: (draft, value) => {
        draft.progress.tracks = value;
      },
      tell: (value) => (Object.keys(value).length ? `a track in ${plural(Object.keys(value).length, "phase")}` : ""),
      adds: (here, merged) => {
        const added = Object.keys(merged).filter((phase) => !has(here, phase));
        return added.length ? added.map((phase) => `the track ${trackName(phase, merged[phase])} in ${phaseName(phase)}`).join(", ") : "";
      },
      kept: (here, file) =>
        Object.keys(file).filter((phase) => has(here, phase) && here[phase] !== file[phase])
          .map((phase) => `this browser's track ${trackName(phase, here[phase])} in ${phaseName(phase)} (the file has ${trackName(phase, file[phase])})`),
    },
    known: {
      since: 3,
      empty: {},
      read: (value) => {
        if (!isObject(value)) throw damaged("its known skills (“known”) are not a set of skills by path.");
        const found = {};
        for (const [path, skills] of Object.entries(value)) {
          if (!isId(path) || !Array.isArray(skills) || !skills.every(isId)) {
            throw damaged(`its known skills for ${quote(path)} are not a list of skill ids (such as "python").`);
          }
          if (skills.length) found[path] = [...new Set(skills)].sort();
        }
        return found;
      },
      here: () => atlas.saved().known,
      merge: (here, file) => {
        const merged = { ...here };
        for (const [path, skills] of Object.entries(file)) merged[path] = union(own(here, path) || [], skills);
        return merged;
      },
      put: (draft, value) => {
        draft.progress.known = value;
      },
      tell: (value) => {
        const count = Object.values(value).reduce((n, skills) => n + skills.length, 0);
        return count ? `${plural(count, "known skill")} on ${plural(Object.keys(value).length, "path")}` : "";
      },
      adds: (here, merged) => {
        const count = Object.entries(merged).reduce((n, [path, skills]) => n + only(skills, own(here, path) || []).length, 0);
        return count ? plural(count, "known skill") : "";
      },
    },
    continue: {
      since: 3,
      empty: null,
      read: (value) => {
        if (value === null) return null;
        if (!isObject(value) || typeof value.title !== "string" || !atlas.isSitePage(value.url)) {
          throw damaged("where to continue (“continue”) is not a page of this site with a title.");
        }
        const task = isObject(value.task) && typeof value.task.text === "string" && atlas.isSitePage(value.task.url) ? { text: value.task.text.slice(0, 160), url: value.task.url } : null;
        const record = { title: value.title.slice(0, 200), context: typeof value.context === "string" ? value.context.slice(0, 200) : "", url: value.url, task };
        if (isId(value.path)) record.path = value.path;
        if (isPhaseId(value.phase)) record.phase = value.phase;
        record.at = typeof value.at === "string" && !Number.isNaN(Date.parse(value.at)) ? value.at : "1970-01-01T00:00:00.000Z";
        return record;
      },
      here: () => {
        try {
          return SECTIONS.continue.read(readJSON(LAST));
        } catch {
          return null;
        }
      },
      // The more recent of the two.
      merge: (here, file) => (!file ? here : !here || Date.parse(file.at) > Date.parse(here.at) ? file : here),
      put: (draft, value) => {
        draft.last = value;
      },
      tell: (value) => (value ? `where to continue (${value.title})` : ""),
      adds: (here, merged) => (merged && merged !== here ? `where to continue (${merged.title}, the more recent)` : ""),
    },
    planner: {
      since: 2,
      empty: {},
      read: (value) => {
        if (!isObject(value)) throw damaged("its planner settings (“planner”) are not a set of settings by path.");
        const found = {};
        for (const [id, plan] of Object.entries(value)) {
          const kept = checkPlan(id, plan);
          if (kept instanceof Error) throw new Error(`This progress file is damaged. ${kept.message}`);
          found[id] = kept;
        }
        return found;
      },
      here: savedPlans,
      // A plan is a whole: this browser's stays, the file's fills the paths with none here.
      merge: (here, file) => ({ ...file, ...here }),
      put: (draft, value) => {
        draft.plans = value;
      },
      tell: (value) => (Object.keys(value).length ? `planner settings for ${plural(Object.keys(value).length, "path")}` : ""),
      adds: (here, merged) => {
        const added = Object.keys(merged).filter((id) => !has(here, id));
        return added.length ? `the planner settings of ${added.map(pathName).join(", ")}` : "";
      },
      kept: (here, file) => Object.keys(file).filter((id) => has(here, id) && JSON.stringify(here[id]) !== JSON.stringify(file[id])).map((id) => `this browser's planner settings for ${pathName(id)}`),
    },
  };

  // The review schedule (review.js keeps it, and gives its rules): a file's is checked card by
  // card and merged card by card, the card reviewed last staying.
  const review = atlas.shared("review");
  const liveCards = (value) => Object.values(value.cards).filter((card) => !card.gone).length;
  if (review) {
    SECTIONS.review = {
      since: 3,
      empty: { phases: {}, cards: {} },
      read: (value) => {
        try {
          return review.checkState(value);
        } catch (error) {
          throw damaged(`${error.message}.`);
        }
      },
      // As saved, less the marks of questions the site no longer has (a page with the deck sets them again).
      here: () => {
        const { phases, cards } = review.load();
        return { phases, cards: Object.fromEntries(Object.entries(cards).map(([key, { gone: _, ...card }]) => [key, card])) };
      },
      merge: review.mergeStates,
      put: (draft, value) => {
        draft.review = value;
      },
      tell: (value) => (liveCards(value) ? `${plural(liveCards(value), "question")} in review` : ""),
      adds: (here, merged) => {
        const added = Object.keys(merged.cards).filter((key) => !(key in here.cards)).length;
        const later = Object.keys(merged.cards).filter((key) => key in here.cards && merged.cards[key] !== here.cards[key]).length;
        return listed([added ? `${plural(added, "question")} to review` : "", later ? `the later reviews of ${plural(later, "question")}` : ""].filter(Boolean));
      },
    };
  }
  const NAMES = Object.keys(SECTIONS);

  const fromBrowser = () => Object.fromEntries(NAMES.map((name) => [name, SECTIONS[name].here()]));

  // "a, b and c"
  const listed = (parts) => (parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0] || "");

  const tellAll = (values) => listed(NAMES.map((name) => SECTIONS[name].tell(values[name])).filter(Boolean)) || "nothing";

  // Write `values` (every section) into this browser; throws, having changed nothing the
  // caller cannot put back, when the browser refuses.
  const writeAll = (values) => {
    const draft = { progress: {}, last: null, plans: {}, review: null };
    for (const name of NAMES) SECTIONS[name].put(draft, values[name]);
    atlas.replaceSaved(draft.progress);
    let written = draft.last ? atlas.writeJSON(LAST, draft.last) : atlas.removeKey(LAST);
    for (const key of siteKeys()) if (key.startsWith(PLAN_PREFIX)) written = atlas.removeKey(key) && written;
    for (const [id, plan] of Object.entries(draft.plans)) written = atlas.writeJSON(PLAN_PREFIX + id, plan) && written;
    if (draft.review) written = review.save(draft.review) && written;
    if (!written) throw new Error("this browser refused to save its progress");
    reload();
  };

  // --- the file --------------------------------------------------------------------------

  // The file's text for `values` (every section), exported at `now`.
  const exportText = (values, now = Date.now()) =>
    `${JSON.stringify({ format: FORMAT, version: VERSION, exported: new Date(now).toISOString(), ...values }, null, 2)}\n`;
  const bytes = (text) => new TextEncoder().encode(text).length;

  const exportProgress = () => {
    const values = fromBrowser();
    download("atlas-progress.json", "application/json", exportText(values));
    return values;
  };

  // What importing `file` (parseProgress) would do: this browser's values now, the merged
  // ones, what a merge adds and what of this browser's it keeps over the file's.
  const compare = (file) => {
    const mine = fromBrowser();
    const merged = Object.fromEntries(NAMES.map((name) => [name, SECTIONS[name].merge(mine[name], file.values[name])]));
    return {
      mine,
      merged,
      adds: NAMES.map((name) => SECTIONS[name].adds(mine[name], merged[name])).filter(Boolean),
      kept: NAMES.flatMap((name) => SECTIONS[name].kept?.(mine[name], file.values[name]) || []),
    };
  };

  // Why this browser may not come to hold `values`, or "": their export must stay a file
  // this site imports (a file of only keys no page has can fill it past the limit).
  const tooLarge = (values) => {
    const size = bytes(exportText(values));
    if (size <= MAX_BYTES) return "";
    return `Nothing was changed: this browser would then hold ${(size / MAX_BYTES).toFixed(2)} MB of progress (${size.toLocaleString("en")} bytes), more than a progress file may hold (1 MB), so that its export could never be imported. ${ADVICE}`;
  };

  const ADVICE = "Choose a file made with “Export progress”.";

  // A file's sections and export date, or throws an Error a reader can act on.
  const parseProgress = (text) => {
    let data;
    try {
      data = JSON.parse(text);
    } catch {
      throw new Error(text.trim() ? `This file is not JSON, or it is cut short. ${ADVICE}` : `This file is empty. ${ADVICE}`);
    }
    if (!isObject(data) || data.format !== FORMAT) throw new Error(`This JSON file is not an Atlas progress file. ${ADVICE}`);
    if (Number.isInteger(data.version) && data.version > VERSION) {
      throw new Error(`This progress file is of version ${data.version}, from a newer version of the site; this one reads versions 1 to ${VERSION}. Import it where it was exported, or on the site as it is now published.`);
    }
    if (!Number.isInteger(data.version) || data.version < 1) {
      throw damaged(`its version is ${quote(data.version)}, where a version from 1 to ${VERSION} was expected.`);
    }
    const values = {};
    for (const name of NAMES) {
      const section = SECTIONS[name];
      const given = data.version >= section.since ? data[name] : undefined;
      values[name] = given === undefined && name !== "done" ? section.empty : section.read(given);
    }
    const exported = typeof data.exported === "string" && /^\d{4}-\d{2}-\d{2}T/.test(data.exported) ? new Date(data.exported) : null;
    return { values, exported: exported && !Number.isNaN(exported.getTime()) ? exported : null };
  };

  // --- the widget ---------------------------------------------------------------------------

  const button = (text, primary) => {
    const el = document.createElement("button");
    el.type = "button";
    el.className = primary ? "md-button md-button--primary" : "md-button";
    el.textContent = text;
    return el;
  };

  const startTools = (box) => {
    const status = box.querySelector(".atlas-status");
    const undoLine = box.querySelector(".atlas-undo");
    const undoButton = undoLine.querySelector("button");
    const panel = box.querySelector(".atlas-confirm");
    const exportButton = box.querySelector("[data-atlas-action=export]");
    const resetButton = box.querySelector("[data-atlas-action=reset]");
    const fileInput = box.querySelector("input[type=file]");
    let undo = null; // what the last import or reset replaced
    let back = null; // the control the open panel returns the focus to

    const say = (text, kind) => {
      status.textContent = text;
      status.className = `atlas-status atlas-${kind}`;
    };

    const offerUndo = (saved) => {
      undo = saved;
      undoLine.hidden = false;
      undoButton.focus();
    };

    const closePanel = (focus) => {
      panel.hidden = true;
      panel.textContent = "";
      undoLine.hidden = !undo;
      if (focus && back) back.focus();
      back = null;
    };

    // An in-page question: a title, what it is about, and its choices (the first is the default).
    const ask = (title, facts, choices, focusIndex, from) => {
      closePanel(false);
      back = from;
      say("", "ok");
      undoLine.hidden = true; // back after a Cancel; a new change brings its own undo
      const heading = document.createElement("p");
      heading.id = "atlas-confirm-title";
      heading.className = "atlas-confirm-title";
      heading.textContent = title;
      const list = document.createElement("ul");
      for (const fact of facts) {
        const li = document.createElement("li");
        li.textContent = fact;
        list.appendChild(li);
      }
      const row = document.createElement("p");
      row.className = "atlas-tool-buttons";
      const buttons = choices.map(([text, primary, act]) => {
        const el = button(text, primary);
        el.addEventListener("click", act);
        row.appendChild(el);
        return el;
      });
      panel.append(heading, list, row);
      panel.hidden = false;
      buttons[focusIndex].focus();
    };

    panel.addEventListener("keydown", (event) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      say("Nothing was changed.", "ok");
      closePanel(true);
    });

    // Storage can refuse a write (full, or turned off): then all goes back as it was.
    const change = (saved, write) => {
      try {
        write();
        return true;
      } catch {
        restore(saved);
        say("Nothing was changed: this browser refused to save (its storage may be full or turned off).", "error");
        return false;
      }
    };

    const cancel = () => {
      say("Nothing was changed.", "ok");
      closePanel(true);
    };

    exportButton.addEventListener("click", () => {
      const values = exportProgress();
      say(`Exported ${tellAll(values)} to atlas-progress.json.`, "ok");
    });

    const preview = (name, file) => {
      const { mine, merged, adds, kept } = compare(file);
      const when = file.exported ? `exported on ${showDate(dayOf(file.exported))}` : "with no export date";
      const facts = [
        `The file, ${when}: ${tellAll(file.values)}.`,
        `This browser: ${tellAll(mine)}.`,
        `Merge keeps both: ${tellAll(merged)}. ${adds.length ? `From the file it adds ${listed(adds)}.` : "The file adds nothing this browser does not hold."}${kept.length ? ` It keeps ${listed(kept)}.` : ""}`,
        `Replace keeps only the file's: ${tellAll(file.values)}.`,
      ];
      const apply = (replace) => () => {
        const saved = snapshot();
        closePanel(false);
        const refused = tooLarge(replace ? file.values : merged);
        if (refused) {
          say(refused, "error");
          return;
        }
        if (!change(saved, () => writeAll(replace ? file.values : merged))) return;
        if (replace) say(`Replaced: this browser now holds the file's ${tellAll(file.values)}.`, "ok");
        else say(`Merged: this browser now holds ${tellAll(merged)}${adds.length ? `; new from the file: ${listed(adds)}` : ""}.`, "ok");
        offerUndo(saved);
      };
      ask(`Import ${name}?`, facts, [["Merge", true, apply(false)], ["Replace", false, apply(true)], ["Cancel", false, cancel]], 0, fileInput);
    };

    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      if (!file) return;
      fileInput.value = "";
      closePanel(false);
      if (file.size > MAX_BYTES) {
        // In bytes too: a file just over the limit would otherwise read as the limit itself.
        const size = (file.size / MAX_BYTES).toFixed(2);
        say(`Nothing was changed. This file is ${size} MB (${file.size.toLocaleString("en")} bytes); a progress file is far smaller, and this site reads files of at most 1 MB (${MAX_BYTES.toLocaleString("en")} bytes). ${ADVICE}`, "error");
        return;
      }
      file
        .text()
        .then((text) => preview(file.name, parseProgress(text)))
        .catch((error) => say(`Nothing was changed. ${error.message}`, "error"));
    });

    resetButton.addEventListener("click", () => {
      if (!siteKeys().length) {
        say("There is no progress in this browser to reset.", "ok");
        return;
      }
      const facts = [
        `This removes ${tellAll(fromBrowser())} from this browser.`,
        "You can undo it until you leave this page. To keep a copy, export your progress first.",
      ];
      const reset = () => {
        const saved = snapshot();
        closePanel(false);
        if (
          !change(saved, () => {
            const removed = siteKeys().every(atlas.removeKey);
            reload();
            if (!removed) throw new Error("this browser refused to remove its progress");
          })
        ) {
          return;
        }
        say("All progress in this browser was removed.", "ok");
        offerUndo(saved);
      };
      ask("Reset all progress?", facts, [["Reset all progress", true, reset], ["Cancel", false, cancel]], 1, resetButton);
    });

    undoButton.addEventListener("click", () => {
      if (!undo) return;
      if (!restore(undo)) {
        say("The undo failed: this browser refused to save (its storage may be full or turned off). Try again, or export what it holds now.", "error");
        return;
      }
      undo = null;
      undoLine.hidden = true;
      say("Undone: this browser holds again what it held before.", "ok");
      exportButton.focus();
    });

    box.hidden = false;
  };

  if (typeof module === "object" && module.exports) module.exports = { MAX_BYTES, checkPlan, siteKeys, snapshot, restore, parseProgress, fromBrowser, compare, tooLarge, writeAll, exportText, tellAll, bytes };

  whenReady(() => document.querySelectorAll(".atlas-progress-tools").forEach(startTools));
})();

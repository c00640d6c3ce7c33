/* AI Engineering Atlas: export progress to a file, import it in another browser,
 * and reset it, without ever losing progress by surprise.
 *
 * Needs progress.js (window.atlas). An import first shows what the file holds
 * against what this browser holds and offers Merge (the default) or Replace;
 * a reset asks first. Both can be undone until the page is left: the undo puts
 * back every "atlas-" key of localStorage exactly as it was (progress.js keeps
 * all the site saves under such keys). A file that is not a progress file this
 * site can read changes nothing and says why.
 *
 * The file (version 2; version 1 had no `planner`, and still imports):
 *   {"format": "ai-engineering-atlas-progress", "version": 2,
 *    "exported": "2027-01-04T09:30:00.000Z",
 *    "done": ["paper:bert", "phase:ai-engineer/foundations", ...],
 *    "planner": {"<path id>": <that path's planner settings, see planner.js>},
 *    "review": <the review schedule, see review.js>}
 * A section such as `review` belongs to the script that keeps it, which registers its
 * handlers with atlas.section (progress.js): it is exported, checked, counted, merged and
 * written through them. Where that script is not on the page, the section is left alone.
 */
(() => {
  "use strict";

  const atlas = window.atlas;
  const { whenReady, doneKeys, isProgressKey, replaceProgress, reload, download, readJSON, parseDate, plural } = atlas;
  const FORMAT = "ai-engineering-atlas-progress";
  const VERSION = 2;
  const MAX_BYTES = 1024 * 1024; // an export of every item of a large site is a few hundred KB at most
  const PLAN_PREFIX = "atlas-plan-";
  const ID_RE = /^[a-z0-9][a-z0-9-]*$/;
  const PHASE_RE = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
  const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

  const items = (count) => plural(count, "finished item");
  const plans = (count) => (count ? `planner settings for ${plural(count, "path")}` : "no planner settings");
  const joined = (parts) => (parts.length < 2 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`);
  const showDate = (date) => `${WEEKDAYS[date.getDay()]} ${date.getDate()} ${MONTHS[date.getMonth()]} ${date.getFullYear()}`;
  // A value from a file, quoted for a message (shown as text, never as markup).
  const quote = (value) => {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}…` : text;
  };

  // --- planner settings (the format planner.js keeps) --------------------------------

  // One path's settings with only the fields the planner reads, or an Error saying what is wrong.
  const checkPlan = (id, plan) => {
    const where = `Its planner settings for ${quote(id)}`;
    if (!ID_RE.test(id)) return new Error(`Its planner settings name ${quote(id)}, which is not a path id.`);
    if (!plan || typeof plan !== "object" || Array.isArray(plan)) return new Error(`${where} are not a set of settings.`);
    if (!parseDate(plan.start)) return new Error(`${where} have start ${quote(plan.start)}; a start is a date such as "2027-01-04".`);
    const hours = plan.hours;
    if (typeof hours !== "number" || !(hours >= 0.5 && hours <= 80) || !Number.isInteger(hours * 2)) {
      return new Error(`${where} have hours ${quote(hours)}; hours are a number from 0.5 to 80, in halves.`);
    }
    if (plan.sessions !== undefined && typeof plan.sessions !== "boolean") return new Error(`${where} have sessions ${quote(plan.sessions)}; it is true or false.`);
    if (plan.time !== undefined && !TIME_RE.test(plan.time)) return new Error(`${where} have time ${quote(plan.time)}; a time is such as "09:00".`);
    const finished = plan.finished ?? [];
    if (!Array.isArray(finished) || !finished.every((phase) => typeof phase === "string" && PHASE_RE.test(phase))) {
      return new Error(`${where} have finished ${quote(plan.finished)}; it is a list of phase ids such as "ai-engineer/foundations".`);
    }
    const kept = { start: plan.start, hours, sessions: plan.sessions === true };
    if (plan.time !== undefined) kept.time = plan.time;
    kept.finished = [...new Set(finished)].sort();
    return kept;
  };

  // --- this browser --------------------------------------------------------------------

  const atlasKeys = () => {
    const keys = [];
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key && key.startsWith("atlas-")) keys.push(key);
    }
    return keys.sort();
  };

  // Every path's planner settings saved here that the planner could read.
  const savedPlans = () => {
    const found = {};
    for (const key of atlasKeys()) {
      if (!key.startsWith(PLAN_PREFIX)) continue;
      const plan = checkPlan(key.slice(PLAN_PREFIX.length), readJSON(key));
      if (!(plan instanceof Error)) found[key.slice(PLAN_PREFIX.length)] = plan;
    }
    return found;
  };

  // What an undo puts back: every key the site saved, exactly as it was.
  const snapshot = () => Object.fromEntries(atlasKeys().map((key) => [key, localStorage.getItem(key)]));

  const restore = (saved) => {
    for (const key of atlasKeys()) if (!(key in saved)) localStorage.removeItem(key);
    for (const [key, value] of Object.entries(saved)) localStorage.setItem(key, value);
    reload();
  };

  const writePlans = (found, replace) => {
    if (replace) for (const key of atlasKeys()) if (key.startsWith(PLAN_PREFIX)) localStorage.removeItem(key);
    for (const [id, plan] of Object.entries(found)) localStorage.setItem(PLAN_PREFIX + id, JSON.stringify(plan));
  };

  // --- the file --------------------------------------------------------------------------

  // The sections other scripts keep (atlas.section), by name, with their handlers.
  const kept = () => atlas.sections().map((name) => [name, atlas.section(name)]);

  const exportProgress = () => {
    const data = { format: FORMAT, version: VERSION, exported: new Date().toISOString(), done: doneKeys(), planner: savedPlans() };
    for (const [name, handlers] of kept()) data[name] = handlers.read();
    download("atlas-progress.json", "application/json", `${JSON.stringify(data, null, 2)}\n`);
    return data;
  };

  const ADVICE = "Choose a file made with “Export progress”.";

  // A file's progress ({done, planner, exported}), or throws an Error a reader can act on.
  const parseProgress = (text) => {
    let data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error(text.trim() ? `This file is not JSON, or it is cut short. ${ADVICE}` : `This file is empty. ${ADVICE}`);
    }
    if (!data || typeof data !== "object" || Array.isArray(data) || data.format !== FORMAT) {
      throw new Error(`This JSON file is not an Atlas progress file. ${ADVICE}`);
    }
    if (Number.isInteger(data.version) && data.version > VERSION) {
      throw new Error(`This progress file is of version ${data.version}, from a newer version of the site; this one reads versions 1 and ${VERSION}. Import it where it was exported, or on the site as it is now published.`);
    }
    if (data.version !== 1 && data.version !== VERSION) {
      throw new Error(`This progress file is damaged: its version is ${quote(data.version)}, where 1 or ${VERSION} was expected.`);
    }
    if (!Array.isArray(data.done)) throw new Error("This progress file is damaged: it has no list of finished items (“done”).");
    const wrong = data.done.findIndex((key) => !isProgressKey(key));
    if (wrong >= 0) {
      throw new Error(`This progress file is damaged: finished item ${wrong + 1}, ${quote(data.done[wrong])}, is not an item of this site (such as "paper:bert").`);
    }
    const planner = {};
    if (data.version >= 2 && data.planner !== undefined) {
      if (!data.planner || typeof data.planner !== "object" || Array.isArray(data.planner)) {
        throw new Error("This progress file is damaged: its planner settings (“planner”) are not a set of settings by path.");
      }
      for (const [id, plan] of Object.entries(data.planner)) {
        const kept = checkPlan(id, plan);
        if (kept instanceof Error) throw new Error(`This progress file is damaged. ${kept.message}`);
        planner[id] = kept;
      }
    }
    const sections = {};
    for (const [name, handlers] of kept()) {
      if (data[name] === undefined) continue;
      try {
        sections[name] = handlers.check(data[name]);
      } catch (error) {
        throw new Error(`This progress file is damaged: ${error.message}.`);
      }
    }
    const exported = typeof data.exported === "string" && /^\d{4}-\d{2}-\d{2}T/.test(data.exported) ? new Date(data.exported) : null;
    return { done: [...new Set(data.done)].sort(), planner, sections, exported: exported && !Number.isNaN(exported.getTime()) ? exported : null };
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
      } catch (error) {
        try {
          restore(saved);
        } catch (ignored) {
          /* nothing more can be done */
        }
        say("Nothing was changed: this browser refused to save (its storage may be full or turned off).", "error");
        return false;
      }
    };

    const cancel = () => {
      say("Nothing was changed.", "ok");
      closePanel(true);
    };

    exportButton.addEventListener("click", () => {
      const data = exportProgress();
      say(`Exported ${items(data.done.length)} and ${plans(Object.keys(data.planner).length)} to atlas-progress.json.`, "ok");
    });

    const preview = (name, file) => {
      const mine = doneKeys();
      const myPlans = savedPlans();
      const merged = new Set([...mine, ...file.done]);
      const newPlans = Object.keys(file.planner).filter((id) => !(id in myPlans));
      const when = file.exported ? `exported on ${showDate(file.exported)}` : "with no export date";
      const filePlans = Object.keys(file.planner).length;
      // What each kept section (the review schedule...) holds in the file and here, and merged.
      const others = kept().map(([section, handlers]) => {
        const here = handlers.read();
        const there = file.sections[section] ?? handlers.check(undefined);
        return { handlers, here, there, merged: handlers.merge(here, there) };
      });
      // A section neither side uses is not mentioned.
      const shown = others.filter((other) => other.handlers.size(other.here) || other.handlers.size(other.there));
      const also = (pick) => shown.map((other) => other.handlers.describe(pick(other)));
      const facts = [
        `The file, ${when}: ${[items(file.done.length), plans(filePlans), ...also((o) => o.there)].join(", ")}.`,
        `This browser: ${[items(mine.length), plans(Object.keys(myPlans).length), ...also((o) => o.here)].join(", ")}.`,
        `Merge keeps both: ${items(merged.size)}${filePlans ? `, and the file's planner settings for ${plural(newPlans.length, "path")} with none here` : ""}${also((o) => o.merged).map((part) => `, ${part}`).join("")}.`,
        `Replace keeps only the file's: ${joined([items(file.done.length), plans(filePlans), ...also((o) => o.there)])}.`,
      ];
      const apply = (replace) => () => {
        const saved = snapshot();
        closePanel(false);
        if (
          !change(saved, () => {
            for (const other of others) other.handlers.write(replace ? other.there : other.merged);
            if (replace) {
              replaceProgress(file.done);
              writePlans(file.planner, true);
            } else {
              replaceProgress([...merged]);
              writePlans(Object.fromEntries(newPlans.map((id) => [id, file.planner[id]])), false);
            }
          })
        ) {
          return;
        }
        if (replace) say(`Replaced: this browser now holds the file's ${items(file.done.length)} and ${plans(Object.keys(file.planner).length)}.`, "ok");
        else say(`Merged: this browser now holds ${items(merged.size)}, ${merged.size - mine.length} of them new from the file.`, "ok");
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
        say(`Nothing was changed. This file is ${(file.size / 1048576).toFixed(1)} MB; a progress file is far smaller, and this site reads files of at most 1 MB. ${ADVICE}`, "error");
        return;
      }
      file
        .text()
        .then((text) => preview(file.name, parseProgress(text)))
        .catch((error) => say(`Nothing was changed. ${error.message}`, "error"));
    });

    resetButton.addEventListener("click", () => {
      const count = doneKeys().length;
      const planCount = Object.keys(savedPlans()).length;
      if (!atlasKeys().length) {
        say("There is no progress in this browser to reset.", "ok");
        return;
      }
      const also = [];
      for (const [, handlers] of kept()) {
        const value = handlers.read();
        if (handlers.size(value)) also.push(handlers.describe(value));
      }
      const facts = [
        `This removes ${joined([items(count), plans(planCount), ...also])} from this browser.`,
        "You can undo it until you leave this page. To keep a copy, export your progress first.",
      ];
      const reset = () => {
        const saved = snapshot();
        closePanel(false);
        if (
          !change(saved, () => {
            for (const key of atlasKeys()) localStorage.removeItem(key);
            reload();
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
      restore(undo);
      undo = null;
      undoLine.hidden = true;
      say("Undone: this browser holds again what it held before.", "ok");
      exportButton.focus();
    });

    box.hidden = false;
  };

  whenReady(() => document.querySelectorAll(".atlas-progress-tools").forEach(startTools));
})();

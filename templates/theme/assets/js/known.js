/* AI Engineering Atlas: the learner's route on a path page (route.js does a phase page's).
 * "I know this" on each phase of the list, "What do you already know?", and a reading
 * list of the papers of the learner's route.
 *
 * Needs progress.js (window.atlas): the marks are saved and counted there (one rule:
 * atlas.countPath), and the plan follows them (planner.js). Loaded on path pages once
 * the page has loaded (templates/theme/main.html); readers without JavaScript see none
 * of it. Every change says what it did beside its control, with an Undo.
 *
 * The rule of "What do you already know?": a phase is known when the learner knows
 * every skill it teaches; its tasks, papers and projects are then known with it.
 * Confirming marks those phases "I know this" (skipped): they count as finished on
 * the bar and leave the plan. Phases that the skills saved before had made known, and
 * the new ones no longer do, are unmarked; a phase marked by hand stays as it is.
 */
(() => {
  "use strict";

  const atlas = window.atlas;
  const { whenReady, plural, element, noteAfter } = atlas;
  const toggle = atlas.toggleButton;
  const setPressed = (button, pressed) => button.setAttribute("aria-pressed", String(pressed));
  // The marks of `keys` now, to put back with atlas.setMarks.
  const marksOf = (keys) => keys.map((key) => [key, atlas.markOf(key)]);

  // --- a path page: a phase known from its row ------------------------------------------------

  const phaseRows = (map) => {
    for (const item of document.querySelectorAll(".atlas-phase-list > li")) {
      const slot = item.querySelector(".atlas-phase-status[data-atlas-phase]");
      const entry = slot && map.phases.find((e) => e.id === slot.getAttribute("data-atlas-phase"));
      if (!entry) continue;
      const key = `phase:${entry.id}`;
      const button = toggle("I know this", `I know this phase: ${entry.title}`);
      button.classList.add("atlas-skip");
      const head = item.querySelector(".atlas-phase-head") || item;
      head.append(" ", button);
      const say = noteAfter(head);
      button.addEventListener("click", () => {
        const before = marksOf([key]);
        const was = atlas.countPath(map).percent;
        const next = atlas.markOf(key) === "skipped" ? null : "skipped";
        atlas.setMarks([[key, next]]);
        const now = atlas.countPath(map).percent;
        say(next ? `Marked “${entry.title}” as known: your path is ${now}% done (was ${was}%).` : `“${entry.title}” is no longer marked as known: your path is ${now}% done.`,
          () => atlas.setMarks(before), button);
      });
      const show = () => setPressed(button, atlas.markOf(key) === "skipped");
      atlas.onChange(show);
      show();
    }
  };

  // --- "What do you already know?" ---------------------------------------------------------

  const knownSkills = (section, map) => {
    const data = atlas.dataOf(section, "data-atlas-skills");
    if (!data) return;
    const path = section.getAttribute("data-atlas-path");
    const form = section.querySelector(".atlas-known-form");
    // One group of boxes per priority (must-have, important...), then the skills only the phases name.
    const boxes = [];
    const fieldsets = data.groups.map(([title, skills]) => {
      const inputs = skills.map(([id]) => element("input", { type: "checkbox", value: id }));
      boxes.push(...inputs);
      return element("fieldset", { className: "atlas-known-skills" }, element("legend", { text: title }),
        ...inputs.map((box, index) => element("label", {}, box, ` ${skills[index][1]}`)));
    });
    const preview = element("div", { className: "atlas-known-preview", id: `atlas-known-preview-${path}`, "aria-live": "polite" });
    const confirm = element("button", { type: "button", className: "md-button md-button--primary" }, "Mark these as known");
    const clear = element("button", { type: "button", className: "md-button" }, "Clear my choices");
    const actions = element("p", { className: "atlas-tool-buttons" }, confirm, " ", clear);
    form.replaceChildren(...fieldsets, preview, actions);
    const say = noteAfter(actions);
    section.hidden = false;

    const chosen = () => boxes.filter((box) => box.checked).map((box) => box.value);
    const coveredBy = (skills) => {
      const set = new Set(skills);
      return data.phases.filter((id, index) => data.taught[index].length && data.taught[index].every((skill) => set.has(skill)));
    };

    // What confirming would do: phases to mark, phases to unmark, the weeks the path loses.
    const plan = () => {
      const skills = chosen();
      const saved = atlas.knownSkills(path);
      const now = new Set(coveredBy(skills));
      const before = new Set(coveredBy(saved));
      const counts = atlas.countPath(map);
      const byId = new Map(counts.phases.map((p) => [p.entry.id, p]));
      const mark = [...now].filter((id) => atlas.markOf(`phase:${id}`) !== "skipped" && byId.get(id)?.status !== "done");
      const unmark = [...before].filter((id) => !now.has(id) && atlas.markOf(`phase:${id}`) === "skipped");
      const weeks = (ids) => ids.reduce((n, id) => n + (byId.get(id)?.entry.weeks || 0), 0);
      const partly = data.phases
        .map((id, index) => [id, data.taught[index].filter((skill) => skills.includes(skill)).length, data.taught[index].length])
        .filter(([id, known, all]) => known && known < all && !now.has(id));
      return { skills, saved, mark, unmark, partly, byId, lost: weeks(mark) - weeks(unmark), same: JSON.stringify(skills) === JSON.stringify(saved) };
    };

    const describe = (phase) => {
      const parts = [[phase.tasks, "task"], [phase.papers, "paper"], [phase.projects, "project"]].filter(([part]) => part?.total).map(([part, word]) => plural(part.total, word));
      return `${phase.entry.number}. ${phase.entry.title} (${plural(phase.entry.weeks, "week")}${parts.length ? `: ${parts.join(", ")}` : ""})`;
    };

    const list = (title, items) => (items.length ? [element("p", { text: title }), element("ul", {}, ...items.map((text) => element("li", { text })))] : []);

    const showPreview = () => {
      const next = plan();
      const total = map.phases.reduce((n, e) => n + e.weeks, 0);
      const left = total - [...next.byId.values()].filter((p) => p.status === "skipped" || p.status === "done").reduce((n, p) => n + p.entry.weeks, 0);
      const parts = [
        ...list("Would be marked as known, with all their tasks, papers and projects:", next.mark.map((id) => describe(next.byId.get(id)))),
        ...list("Would no longer be marked as known:", next.unmark.map((id) => describe(next.byId.get(id)))),
        ...list("Would stay in your route (you know some of their skills, not all):",
          next.partly.map(([id, known, all]) => `${next.byId.get(id).entry.number}. ${next.byId.get(id).entry.title}: ${known} of its ${all} skills`)),
      ];
      if (next.mark.length || next.unmark.length) {
        const change = next.lost >= 0 ? `The path would lose ${plural(next.lost, "week")}` : `The path would gain ${plural(-next.lost, "week")}`;
        parts.push(element("p", { className: "atlas-known-weeks", text: `${change}: ${plural(left, "week")} still to study become ${plural(left - next.lost, "week")} at its pace. Nothing changes until you confirm.` }));
      } else if (next.skills.length) {
        parts.push(element("p", { text: "No phase would change: none has all its skills among those you ticked." }));
      }
      preview.replaceChildren(...parts);
      preview.hidden = !parts.length;
      confirm.textContent = next.mark.length || next.unmark.length ? "Mark these as known" : "Save my skills";
      actions.hidden = next.same && !next.mark.length && !next.unmark.length;
      clear.hidden = !next.skills.length;
    };

    const showSaved = () => {
      const saved = new Set(atlas.knownSkills(path));
      for (const box of boxes) box.checked = saved.has(box.value);
      showPreview();
    };

    for (const box of boxes) box.addEventListener("change", showPreview);
    clear.addEventListener("click", () => {
      for (const box of boxes) box.checked = false;
      showPreview();
      boxes[0]?.focus();
    });
    confirm.addEventListener("click", () => {
      const next = plan();
      const keys = [...next.mark, ...next.unmark].map((id) => `phase:${id}`);
      const before = marksOf(keys);
      const beforeSkills = next.saved;
      const was = atlas.countPath(map).percent;
      atlas.setKnownSkills(path, next.skills);
      atlas.setMarks([...next.mark.map((id) => [`phase:${id}`, "skipped"]), ...next.unmark.map((id) => [`phase:${id}`, null])]);
      const now = atlas.countPath(map).percent;
      const words = [];
      if (next.mark.length) words.push(`${plural(next.mark.length, "phase")} marked as known`);
      if (next.unmark.length) words.push(`${plural(next.unmark.length, "phase")} no longer known`);
      say(`${words.length ? words.join(", ") : "Your skills are saved"}: your path is ${now}% done${was !== now ? ` (was ${was}%)` : ""}.`, () => {
        atlas.setKnownSkills(path, beforeSkills);
        atlas.setMarks(before);
        showSaved();
      }, confirm);
      showSaved();
    });
    atlas.onChange(showPreview);
    showSaved();
  };

  // --- my reading list ----------------------------------------------------------------------

  let entries = null; // a Promise of the path's BibTeX entries by paper id (null when the script failed)
  const loadEntries = (src) => {
    if (!entries) {
      entries = new Promise((resolve) => {
        window.atlasReadingList = (path, got) => resolve(got);
        const script = document.createElement("script");
        script.src = src;
        script.onerror = () => resolve(null);
        document.head.appendChild(script);
      });
    }
    return entries;
  };

  // The papers of the learner's route: each phase's counted papers (its shared ones and its
  // chosen track's), leaving out phases and papers they know.
  const routePapers = (map) => {
    const ids = [];
    for (const phase of atlas.countPath(map).phases) {
      if (phase.status === "skipped" || !phase.papers) continue;
      for (const key of phase.papers.keys) if (!atlas.isSkipped(key) && !ids.includes(key)) ids.push(key);
    }
    return ids.map((key) => key.slice("paper:".length));
  };

  const readingList = (slot, map) => {
    const button = element("button", { type: "button", className: "md-button" }, "Download my reading list (.bib)");
    const about = element("span", { className: "atlas-my-list-about" });
    slot.replaceChildren(button, " ", about);
    slot.hidden = false;
    const show = () => {
      const count = routePapers(map).length;
      const undecided = atlas.countPath(map).phases.filter((p) => p.undecided).length;
      const tracks = map.phases.some((entry) => entry.tracks?.length)
        ? ` with your tracks' own${undecided ? ` (${plural(undecided, "phase")} still without a track)` : ""}`
        : "";
      about.textContent = `Only the papers of your route: ${plural(count, "paper")}${tracks}, leaving out what you marked as known.`;
    };
    button.addEventListener("click", () => {
      loadEntries(slot.getAttribute("data-atlas-entries")).then((got) => {
        if (!got) {
          about.textContent = "The reading list could not be loaded: the file beside this page is missing. Take the whole path's list instead.";
          return;
        }
        const ids = routePapers(map).filter((id) => typeof got[id] === "string");
        const text = `% My reading list for ${map.title}, from AI Engineering Atlas: the papers of my tracks, in reading order. UTF-8.\n\n${ids.map((id) => got[id]).join("\n")}`;
        atlas.download(`${map.path}-my-reading-list.bib`, "application/x-bibtex", text);
      });
    });
    atlas.onChange(show);
    show();
  };

  whenReady(() => {
    const known = document.querySelector(".atlas-known[data-atlas-path]");
    const map = known && atlas.mapOf(known.getAttribute("data-atlas-path"));
    if (!map) return;
    phaseRows(map);
    knownSkills(known, map);
    const list = document.querySelector(".atlas-my-list[data-atlas-path]");
    if (list) readingList(list, map);
  });
})();

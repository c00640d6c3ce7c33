/* AI Engineering Atlas: the learner's own route through a phase. Choosing a track,
 * "I know this" on a task, paper, project or whole phase, and "I have started" on a
 * phase. On a path page known.js adds the rest: "I know this" on each phase of the
 * list, "What do you already know?" and the reading list of the learner's route.
 *
 * Needs progress.js (window.atlas), which saves these marks with the ticks and counts
 * them everywhere (one rule: atlas.countPath). This file only draws the controls, from
 * what the page holds: its path's map (tracks and their ids) and its tick boxes.
 * Readers without JavaScript see none of them. Every change says what it did beside
 * its control, with an Undo that puts back exactly what the change replaced (the
 * marks it changed, not the ticks made since).
 */
(() => {
  "use strict";

  const atlas = window.atlas;
  const { whenReady, plural, element, noteAfter } = atlas;
  const toggle = atlas.toggleButton;
  const setPressed = (button, pressed) => button.setAttribute("aria-pressed", String(pressed));

  // The marks of `keys` now, to put back with atlas.setMarks.
  const marksOf = (keys) => keys.map((key) => [key, atlas.markOf(key)]);

  const ownMap = () => {
    const line = document.querySelector(".atlas-phase-progress[data-atlas-map][data-atlas-phase]");
    const map = line && atlas.mapOf(atlas.readMap(line)?.path);
    return map ? { map, phaseId: line.getAttribute("data-atlas-phase"), line } : null;
  };

  const phaseOf = (map, id) => atlas.countPath(map).phases.find((p) => p.entry.id === id);

  // --- "I know this" on a task, paper or project ------------------------------------------

  const itemName = (input) => {
    const label = input.getAttribute("aria-label");
    if (label) return label.slice(label.indexOf(": ") + 2);
    return input.closest("label")?.textContent.trim().replace(/\s+/g, " ").slice(0, 120) || "this item";
  };

  const addSkips = (root) => {
    const buttons = [];
    for (const input of root.querySelectorAll("input[data-atlas-id]")) {
      const key = input.getAttribute("data-atlas-id");
      if (key.startsWith("phase:")) continue;
      const label = input.closest("label");
      if (!label) continue;
      const button = toggle("I know this", `I know this: ${itemName(input)}`);
      button.classList.add("atlas-skip");
      button.addEventListener("click", () => {
        atlas.setMark(key, atlas.isSkipped(key) ? null : "skipped");
        atlas.remember();
      });
      const row = label.closest("li, tr") || label;
      if (label.classList.contains("atlas-done")) {
        // A Read or Built box and its "I know this" on a line of their own, under the item.
        const actions = element("span", { className: "atlas-item-actions" });
        label.replaceWith(actions);
        actions.append(label, button);
      } else {
        label.after(" ", button);
      }
      buttons.push([key, button, row]);
    }
    const show = () => {
      for (const [key, button, row] of buttons) {
        const skipped = atlas.isSkipped(key);
        setPressed(button, skipped);
        row.classList.toggle("atlas-is-skipped", skipped);
      }
    };
    atlas.onChange(show);
    show();
  };

  // --- a phase: started, known ---------------------------------------------------------

  // The two marks the template draws in the phase's progress line, disabled until now.
  const phaseToggles = (own) => {
    const key = `phase:${own.phaseId}`;
    const row = own.line.querySelector(".atlas-phase-actions");
    const buttons = [...row.querySelectorAll("button[data-atlas-mark]")];
    const say = noteAfter(row);
    const words = { started: "Marked as started.", skipped: "Marked as known: it counts as finished on your bar and leaves your plan." };
    for (const button of buttons) {
      const mark = button.getAttribute("data-atlas-mark");
      button.addEventListener("click", () => {
        const before = marksOf([key]);
        const next = atlas.markOf(key) === mark ? null : mark;
        atlas.setMarks([[key, next]]);
        atlas.remember();
        const phase = phaseOf(own.map, own.phaseId);
        const text = next ? `${words[mark]} The phase now reads “${atlas.STATUS[phase.status][1]}”.` : `The mark is off: the phase reads “${atlas.STATUS[phase.status][1]}”.`;
        say(text, () => atlas.setMarks(before), button);
      });
      button.disabled = false;
    }
    const show = () => {
      for (const button of buttons) setPressed(button, atlas.markOf(key) === button.getAttribute("data-atlas-mark"));
    };
    atlas.onChange(show);
    show();
  };

  // --- tracks ---------------------------------------------------------------------------

  const trackChoice = (slot, own) => {
    const entry = own.map.phases.find((e) => e.id === own.phaseId);
    if (!entry?.tracks?.length) return;
    const name = `atlas-track-${entry.id.replace(/[^a-z0-9]/g, "-")}`;
    const radios = [];
    const fieldset = element("fieldset", { className: "atlas-track-fieldset" }, element("legend", { text: "Your track" }));
    for (const [value, title] of [["", "Undecided"], ...entry.tracks.map((t) => [t.id, t.title])]) {
      const radio = element("input", { type: "radio", name, value });
      radios.push(radio);
      fieldset.append(element("label", {}, radio, ` ${title}`));
    }
    slot.replaceChildren(fieldset);
    slot.hidden = false;
    const say = noteAfter(slot);
    for (const radio of radios) {
      radio.addEventListener("change", () => {
        if (!radio.checked) return;
        const before = atlas.trackOf(entry)?.id || null;
        atlas.chooseTrack(entry.id, radio.value || null);
        atlas.remember();
        const phase = phaseOf(own.map, entry.id);
        const back = () => atlas.chooseTrack(entry.id, before);
        if (!phase.track) {
          say("No track chosen: the phase counts only what every track shares. Your ticks are kept.", before && back, radio);
          return;
        }
        const counted = [
          phase.tasks.total && plural(phase.tasks.total, "task"),
          phase.papers?.total && plural(phase.papers.total, "paper"),
          phase.projects?.total && plural(phase.projects.total, "project"),
        ].filter(Boolean);
        say(`Your track: ${phase.track.title}. The phase now counts ${counted.join(", ") || "nothing yet"}, and no other track's; every tick is kept.`, back, radio);
      });
    }

    // Each track says whether it is the learner's; the others fold away, one button from view.
    const sections = [...document.querySelectorAll(".atlas-track[data-atlas-track]")].map((section, index) => {
      const heading = section.querySelector("h3");
      const body = section.querySelector(".atlas-track-body");
      if (body && !body.id) body.id = `atlas-track-body-${index}`;
      const state = element("p", { className: "atlas-track-state" });
      heading?.after(state);
      const more = element("button", { type: "button", className: "atlas-toggle", "aria-expanded": "true", "aria-controls": body?.id || "" }, "");
      more.addEventListener("click", () => {
        const open = more.getAttribute("aria-expanded") !== "true";
        more.setAttribute("aria-expanded", String(open));
        more.textContent = open ? "Hide this track" : "Show this track";
        if (body) body.hidden = !open;
      });
      return { id: section.getAttribute("data-atlas-track"), section, body, state, more };
    });

    let shownFor = undefined; // the track the sections were last laid out for
    const show = () => {
      const chosen = atlas.trackOf(entry)?.id || "";
      for (const radio of radios) radio.checked = radio.value === chosen;
      if (chosen === shownFor) return;
      shownFor = chosen;
      for (const track of sections) {
        const mine = track.id === chosen;
        track.section.setAttribute("data-chosen", chosen ? String(mine) : "");
        track.state.replaceChildren();
        if (!chosen) {
          if (track.body) track.body.hidden = false;
          continue;
        }
        if (mine) {
          track.state.append(atlas.statusMark("done", false));
          track.state.querySelector(".atlas-status > span:last-child").textContent = " Your track: counted";
          if (track.body) track.body.hidden = false;
        } else {
          track.state.append("Not your track: not counted. ", track.more);
          track.more.setAttribute("aria-expanded", "false");
          track.more.textContent = "Show this track";
          if (track.body) track.body.hidden = true;
        }
      }
    };
    atlas.onChange(show);
    show();
  };

  // --- start -----------------------------------------------------------------------------

  whenReady(() => {
    const own = ownMap();
    if (own) {
      phaseToggles(own);
      document.querySelectorAll(".atlas-track-choice").forEach((slot) => trackChoice(slot, own));
    }
    addSkips(document.querySelector("article") || document);
  });
})();

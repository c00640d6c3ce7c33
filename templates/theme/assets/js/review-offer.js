/* AI Engineering Atlas: a phase's "Check yourself" section and the review.
 *
 * Needs progress.js (window.atlas) and review.js, whose rules and storage it takes from
 * atlas.shared("review"). The section (.atlas-review-offer, templates/_widgets.md.j2)
 * carries its phase's deck (hooks/curriculum/review.py) and says whether its questions
 * are in the learner's review: since the phase was begun (they join by themselves, as
 * soon as anything of it is ticked or marked, here or elsewhere: review.js), or added by hand; a button adds
 * them by hand, or takes them out again.
 */
(() => {
  "use strict";

  const { whenReady, onChange, shared } = window.atlas;

  const startOffer = (box) => {
    const review = shared("review");
    if (!review) return;
    const { STORE, load, save, readDeck, show, plural, markedKeys, isKnown, migrate, isStarted, withCards, addPhase, removePhase, isDue, summarize, nextText } = review;
    const entry = readDeck(box);
    if (!entry) return;
    const text = box.querySelector(".atlas-review-offer-text");
    const add = box.querySelector("[data-atlas-action=review-add]");
    const remove = box.querySelector("[data-atlas-action=review-remove]");
    const open = box.querySelector("a");
    const questions = plural(entry.questions.length, "question");
    let refused = false;

    const update = () => {
      let state = load();
      const migrated = migrate(state, [entry]);
      state = migrated.state;
      const started = isStarted(entry, markedKeys());
      let changed = migrated.moved;
      if (started) {
        const made = withCards(state, entry, Date.now());
        state = made.state;
        changed ||= made.added > 0;
      }
      if (changed && !save(state)) refused = true;
      const listed = started || entry.phase in state.phases;
      const cards = entry.questions.map((q) => state.cards[q.key]).filter(Boolean);
      const now = Date.now();
      if (refused) {
        text.textContent = "This browser does not save anything for this site (its storage is full or turned off), so these questions cannot be kept for review. You can still practise them on the Review page.";
      } else if (listed && cards.length) {
        const due = cards.filter((card) => isDue(card, now)).length;
        const { next } = summarize(cards, now);
        const when = due ? `${due === cards.length ? "all" : due} due today` : `the next comes back ${nextText(next.date, now)}`;
        text.textContent = started
          ? `These ${questions} are in your review since you ${isKnown(entry) ? "marked this phase “I know this”" : "started this phase"}: ${when}.`
          : `You added these ${questions} to your review: ${when}.`;
      } else {
        text.textContent = `Bring these ${questions} back on the Review page, each shortly before you would forget it.`;
      }
      show(add, !listed && !refused);
      show(remove, listed && !started && !refused);
      show(open, listed || refused);
    };

    add.addEventListener("click", () => {
      if (!save(addPhase(load(), entry, Date.now()))) refused = true;
      update();
      (open.hidden ? text : open).focus?.();
    });
    remove.addEventListener("click", () => {
      if (!save(removePhase(load(), entry))) refused = true;
      update();
      add.focus();
    });
    onChange(update);
    window.addEventListener("storage", (event) => {
      if (event.key === STORE || event.key === null) update();
    });
    update();
    box.hidden = false;
  };

  whenReady(() => document.querySelectorAll(".atlas-review-offer").forEach(startOffer));
})();

/* AI Engineering Atlas: the Review page's session: one due question at a time.
 *
 * Needs progress.js (window.atlas) and review.js, whose rules and storage it takes
 * from atlas.shared("review"). The page (templates/review.md.j2) holds the deck:
 * every question, grouped by phase, with the keys review.js needs; without
 * JavaScript the deck is what the page shows. The model answers and FSRS, the
 * scheduler, are not part of the page's first view: both load the first time the
 * learner asks for an answer, from two scripts named on the session's element
 * (a script, because a page opened from file:// may not fetch a file):
 * `review-answers.js`, which the build writes from the answers it took out of
 * this page (it calls window.atlasAnswers({key: html})), and the vendored
 * ts-fsrs, which defines window.FSRS.
 *
 * The learner answers from memory, shows the model answer (Space or Enter, or the
 * button), and rates it (1 Again, 2 Hard, 3 Good, 4 Easy, each button saying when
 * the question comes back). States: nothing in the review yet (what to do), the
 * first question, the answer shown, all done for today, nothing due (when the next
 * comes), and a browser that saves nothing (every question to practise, nothing
 * kept).
 */
(() => {
  "use strict";

  const { whenReady, shared } = window.atlas;

  const loadScript = (src) =>
    new Promise((resolve) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(true);
      script.onerror = () => resolve(false);
      document.head.appendChild(script);
    });

  // The model answers, by question key, from the build's script (null when it cannot load).
  let answersLoaded = null;
  const loadAnswers = (src) => {
    answersLoaded ??= new Promise((resolve) => {
      window.atlasAnswers = resolve;
      loadScript(src).then((loaded) => loaded || resolve(null));
    });
    return answersLoaded;
  };

  const startSession = (box) => {
    const review = shared("review");
    if (!review) return;
    const { load, save, readDeck, show, plural, RATINGS } = review;
    const els = {
      status: box.querySelector(".atlas-review-status"),
      storage: box.querySelector(".atlas-review-storage"),
      card: box.querySelector(".atlas-review-card"),
      count: box.querySelector(".atlas-review-count"),
      phase: box.querySelector("a.atlas-review-phase"),
      question: box.querySelector(".atlas-review-question"),
      reveal: box.querySelector("[data-atlas-action=reveal]"),
      revealRow: box.querySelector(".atlas-review-reveal"),
      hint: box.querySelector(".atlas-review-hint"),
      answer: box.querySelector(".atlas-review-answer"),
      answerTitle: box.querySelector(".atlas-review-answer-title"),
      answerBody: box.querySelector(".atlas-review-answer-body"),
      ratings: [...box.querySelectorAll("[data-atlas-rating]")],
      next: box.querySelector(".atlas-review-next"),
      nextText: box.querySelector(".atlas-review-next-text"),
    };
    const phases = [...document.querySelectorAll(".atlas-review-phase")].map((el) => ({ el, entry: readDeck(el) })).filter((p) => p.entry);
    const deck = phases.map((p) => p.entry);
    if (!deck.length) return; // the deck stays as the page
    const order = deck.flatMap((entry) => entry.questions.map((q) => q.key));
    const items = new Map();
    // A phase's questions are listed in its deck's order.
    for (const { el, entry } of phases) {
      const link = el.querySelector(".atlas-review-phase-title a");
      const listed = el.querySelectorAll(".atlas-review-item");
      entry.questions.forEach((question, index) => listed[index] && items.set(question.key, { item: listed[index], link }));
    }

    // The scheduler and the answers, loaded once, on the first reveal.
    let needed = null;
    const ready = () => {
      needed ??= Promise.all([window.FSRS || loadScript(box.getAttribute("data-atlas-scheduler")), loadAnswers(box.getAttribute("data-atlas-answers"))]).then(
        ([, answers]) => (window.FSRS && answers ? answers : null),
      );
      return needed;
    };

    const now = () => Date.now();
    let state = review.migrate(load(), deck).state;
    state = review.markGone(state, new Set(order)).state;
    const marked = review.markedKeys();
    for (const entry of deck) if (review.inReview(entry, state, marked)) state = review.withCards(state, entry, now()).state;
    // A browser that saves nothing: practise every question, with nothing kept.
    const practice = !save(state);
    if (practice) for (const entry of deck) state = review.withCards(state, entry, now()).state;
    const inDeck = practice ? order : order.filter((key) => state.cards[key] && !state.cards[key].gone);
    const queue = practice ? [...order] : review.dueKeys(state, now(), inDeck);
    const total = queue.length;
    let answered = 0;
    let current = null;
    let revealing = false;

    const say = (text) => {
      els.status.textContent = text;
    };

    const standing = () => {
      const left = total - answered;
      if (practice) return `${plural(left, "question")} to practise`;
      if (!inDeck.length) return "";
      const today = answered ? `${left} of ${total} left today` : `${plural(total, "question")} due today`;
      return left ? `${today} · ${inDeck.length} in your review` : `${plural(inDeck.length, "question")} in your review`;
    };

    const comesBack = (count) => (count === 1 ? "question comes" : `${count} questions come`);

    // Nothing to answer now: say why, and when the next question comes.
    const finish = () => {
      current = null;
      show(els.card, false);
      const { next } = review.summary(state, now());
      let text;
      if (!inDeck.length) {
        text =
          "Nothing is in your review yet. Start a phase (tick one of its tasks, papers or projects, or mark it started or “I know this”) and its self-check questions join your review; or add a phase’s questions by hand from its “Check yourself” section.";
      } else if (answered) {
        text = `All done for today: you answered ${plural(answered, "question")}.`;
        if (!practice && next) text += ` The next ${comesBack(next.count)} back ${review.nextText(next.date, now())}.`;
      } else {
        text = `Nothing is due today. The next ${comesBack(next.count)} back ${review.nextText(next.date, now())}.`;
      }
      els.nextText.textContent = text;
      show(els.next.querySelector(".atlas-tool-buttons"), !inDeck.length);
      show(els.next, true);
      say(standing());
    };

    const showCard = () => {
      if (!queue.length) {
        finish();
        if (answered) els.nextText.focus();
        return;
      }
      current = queue.shift();
      const { item, link } = items.get(current);
      els.count.textContent = `Question ${answered + 1} of ${total}`;
      els.phase.textContent = link.textContent;
      els.phase.href = link.href;
      els.question.textContent = item.querySelector(".atlas-review-item-question").textContent;
      els.answerBody.replaceChildren();
      show(els.answer, false);
      show(els.revealRow, true);
      show(els.hint, true);
      show(els.next, false);
      show(els.card, true);
      say(standing());
    };

    const reveal = () => {
      if (!current || !els.answer.hidden || revealing) return;
      revealing = true;
      ready().then((answers) => {
        revealing = false;
        if (!answers) {
          say("The model answers could not be loaded. Reload the page to try again.");
          return;
        }
        // The build's own HTML of the answer, as the page would have shown it.
        els.answerBody.innerHTML = answers[current] ?? "";
        const when = review.previews(state.cards[current], now(), window.FSRS);
        for (const button of els.ratings) {
          const rating = Number(button.getAttribute("data-atlas-rating"));
          button.querySelector(".atlas-review-when").textContent = practice ? "" : review.whenText(when[rating], now());
        }
        show(els.revealRow, false);
        show(els.hint, false);
        show(els.answer, true);
        els.answerTitle.focus();
      });
    };

    const rateWith = (rating) => {
      if (!current || els.answer.hidden || !RATINGS[rating]) return;
      const key = current;
      const card = review.rate(state.cards[key], now(), rating, window.FSRS);
      answered += 1;
      if (!practice) {
        state = { phases: state.phases, cards: { ...state.cards, [key]: card } };
        if (!save(state)) show(els.storage, true);
      }
      showCard();
      if (current) {
        say(`${practice ? "" : `Saved: that question comes back ${review.nextText(card.due, now())}. `}${standing()}`);
        els.question.focus();
      }
    };

    els.reveal.addEventListener("click", reveal);
    for (const button of els.ratings) button.addEventListener("click", () => rateWith(Number(button.getAttribute("data-atlas-rating"))));

    // Space or Enter shows the answer, 1 to 4 rate it; a focused control, a field and an open
    // search keep their own keys.
    document.addEventListener("keydown", (event) => {
      if (!current || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const target = event.target;
      if (target instanceof HTMLElement && target.closest("input, textarea, select, button, a, summary, [contenteditable]")) return;
      if (document.getElementById("__search")?.checked) return;
      if ((event.key === " " || event.key === "Enter") && els.answer.hidden) {
        event.preventDefault();
        reveal();
      } else if (/^[1-4]$/.test(event.key) && !els.answer.hidden) {
        event.preventDefault();
        rateWith(Number(event.key));
      }
    });

    show(els.storage, practice);
    show(document.querySelector(".atlas-review-deck"), false);
    box.hidden = false;
    showCard();
  };

  whenReady(() => document.querySelectorAll(".atlas-review-session").forEach(startSession));
})();

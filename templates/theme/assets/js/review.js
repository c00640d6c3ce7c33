/* AI Engineering Atlas: the review of self-check questions on a spaced-repetition schedule:
 * its rules and its storage.
 *
 * Needs progress.js (window.atlas). Its widget here is the home page's box
 * (.atlas-review-due): how many questions are due, and when the next come. The Review
 * page's session (review-session.js) and a phase's "Check yourself" offer
 * (review-offer.js) take the rules below from atlas.shared("review"), and so does the
 * `review` section of the progress file (transfer.js): main.html loads this file before
 * each of them.
 *
 * Which questions: those of every phase the learner has begun, in the sense of the
 * phase's status (README, "How progress is counted": anything but "not started"): a task,
 * paper, project or the phase ticked, marked "I know this", or the phase marked "I have
 * started"; and those of the phases added by hand. A phase marked "I know this" is in:
 * its questions are how a learner checks that they do know it. A phase's questions become
 * cards when it joins the review (on its page, or on the Review page); a card is due on
 * its day (local time) and stays due until answered. FSRS (the npm package ts-fsrs)
 * schedules in days here (no same-day learning steps, no fuzz), so one rating always
 * gives the same next date.
 *
 * Saved in localStorage under "atlas-review-v1" (an "atlas-" key, so that the import's
 * undo and the reset of transfer.js cover it): the phases added by hand, and a card per
 * question keyed by `<phase id>/<question id>` (README, "The progress file"). A reworded
 * question keeps its card; one saved under an old key (a renamed question, phase or
 * path: the deck lists them, from hooks/curriculum/review.py) moves to the new key when
 * a page that holds the question is opened.
 *
 * The rules are plain functions of their arguments (the clock and the FSRS library
 * included), exported to Node for tests/js/review.test.js. Days, dates and words are
 * progress.js's, as everywhere on the site.
 */
(() => {
  "use strict";

  const atlas = window.atlas;
  const { isPhaseId, plural, showDate, dayOf, DAY } = atlas;

  // --- rules ---------------------------------------------------------------------------

  const STORE = "atlas-review-v1";
  const VERSION = 1;
  const KEY_RE = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
  const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
  const NUMBERS = ["stability", "difficulty", "scheduled_days", "elapsed_days", "learning_steps", "reps", "lapses"];
  const COUNTS = ["scheduled_days", "elapsed_days", "learning_steps", "reps", "lapses"];
  const RATINGS = { 1: "Again", 2: "Hard", 3: "Good", 4: "Easy" };
  // Days, not minutes: a learner meets these questions a few at a time, once a day.
  const SCHEDULER = { enable_short_term: false, enable_fuzz: false };

  const isTime = (value) => typeof value === "string" && ISO_RE.test(value) && !Number.isNaN(Date.parse(value));
  const iso = (date) => new Date(date).toISOString();
  const emptyState = () => ({ phases: {}, cards: {} });

  // A saved card with only the fields a card has, or an Error saying what is wrong with it.
  const checkCard = (key, card) => {
    const where = `its review of ${JSON.stringify(key)}`;
    if (!KEY_RE.test(key)) return new Error(`its review names ${JSON.stringify(key).slice(0, 80)}, which is not a question of this site (such as "ai-engineer/transformers/why-scale")`);
    if (!card || typeof card !== "object" || Array.isArray(card)) return new Error(`${where} is not a review card`);
    if (!isTime(card.due)) return new Error(`${where} has no due date such as "2027-01-07T09:00:00.000Z"`);
    const kept = { added: isTime(card.added) ? card.added : card.due, due: card.due };
    for (const name of NUMBERS) {
      const value = card[name] ?? 0;
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || (COUNTS.includes(name) && !Number.isInteger(value))) {
        return new Error(`${where} has ${name} ${JSON.stringify(card[name])}, where a number of 0 or more was expected`);
      }
      kept[name] = value;
    }
    const state = card.state ?? 0;
    if (![0, 1, 2, 3].includes(state)) return new Error(`${where} has state ${JSON.stringify(card.state)}, where 0 to 3 was expected`);
    kept.state = state;
    if (card.last_review !== undefined && card.last_review !== null) {
      if (!isTime(card.last_review)) return new Error(`${where} has last_review ${JSON.stringify(card.last_review)}, which is not a time`);
      kept.last_review = card.last_review;
    } else if (kept.reps > 0) {
      return new Error(`${where} counts ${kept.reps} reviews but has no last_review`);
    }
    if (card.gone === true) kept.gone = true;
    return kept;
  };

  // The review state in `data` (as saved, or as a file holds it): {phases, cards}, or throws an
  // Error a reader can act on. `lenient` drops what cannot be read instead (storage written by
  // another version of the site must never stop the page).
  const checkState = (data, lenient = false) => {
    const state = emptyState();
    if (data === undefined || data === null) return state;
    if (typeof data !== "object" || Array.isArray(data)) {
      if (lenient) return state;
      throw new Error("its review schedule (“review”) is not a set of phases and cards");
    }
    const phases = data.phases ?? {};
    const cards = data.cards ?? {};
    for (const [what, value] of [["phases", phases], ["cards", cards]]) {
      if (!value || typeof value !== "object" || Array.isArray(value)) {
        if (lenient) return state;
        throw new Error(`its review schedule's ${what} are not a set keyed by id`);
      }
    }
    for (const [phase, when] of Object.entries(phases)) {
      if (isPhaseId(phase) && isTime(when)) state.phases[phase] = when;
      else if (!lenient) throw new Error(`its review schedule adds the phase ${JSON.stringify(phase).slice(0, 80)} at ${JSON.stringify(when)}, which is not a phase id with a time`);
    }
    for (const [key, card] of Object.entries(cards)) {
      const kept = checkCard(key, card);
      if (!(kept instanceof Error)) state.cards[key] = kept;
      else if (!lenient) throw kept;
    }
    return state;
  };

  const reviewedAt = (card) => (card.last_review ? Date.parse(card.last_review) : -Infinity);

  // Of two cards of one question, the one with the latest review (the other one's history is older).
  const newer = (a, b) => {
    if (reviewedAt(b) !== reviewedAt(a)) return reviewedAt(b) > reviewedAt(a) ? b : a;
    return Date.parse(b.added) < Date.parse(a.added) ? b : a;
  };

  // One state from two: each card as last reviewed in either, each phase added by hand in either.
  const mergeStates = (mine, theirs) => {
    const merged = { phases: { ...mine.phases }, cards: { ...mine.cards } };
    for (const [phase, when] of Object.entries(theirs.phases)) {
      merged.phases[phase] = phase in merged.phases && Date.parse(merged.phases[phase]) <= Date.parse(when) ? merged.phases[phase] : when;
    }
    for (const [key, card] of Object.entries(theirs.cards)) merged.cards[key] = key in merged.cards ? newer(merged.cards[key], card) : card;
    return merged;
  };

  // Cards and phases saved under old keys moved to the keys `deck` gives them now (a deck is a
  // list of phases as hooks/curriculum/review.py describes them). Where both keys hold a card,
  // the newer one stays.
  const migrate = (state, deck) => {
    const phases = { ...state.phases };
    const cards = { ...state.cards };
    let moved = false;
    for (const entry of deck) {
      for (const old of entry.old) {
        if (!(old in phases)) continue;
        phases[entry.phase] = entry.phase in phases && Date.parse(phases[entry.phase]) <= Date.parse(phases[old]) ? phases[entry.phase] : phases[old];
        delete phases[old];
        moved = true;
      }
      for (const question of entry.questions) {
        for (const old of question.old) {
          if (!(old in cards)) continue;
          cards[question.key] = question.key in cards ? newer(cards[question.key], cards[old]) : cards[old];
          delete cards[old];
          moved = true;
        }
      }
    }
    return { state: { phases, cards }, moved };
  };

  // Cards of questions the site no longer has are kept (a question may come back) but marked
  // gone, so that nothing counts them; `live` is every question key of the site.
  const markGone = (state, live) => {
    const cards = {};
    let changed = false;
    for (const [key, card] of Object.entries(state.cards)) {
      const gone = !live.has(key);
      changed ||= gone !== (card.gone === true);
      const { gone: _, ...rest } = card;
      cards[key] = gone ? { ...rest, gone: true } : rest;
    }
    return { state: { phases: state.phases, cards }, changed };
  };

  // Whether the learner has begun the phase `entry`: any key of it among `marked` (the keys
  // ticked, marked "I know this" or marked started).
  const isStarted = (entry, marked) => {
    for (const key of marked) {
      if (entry.items.includes(key)) return true;
      for (const scope of entry.scopes) if (key === `phase:${scope}` || key.startsWith(`task:${scope}:`)) return true;
    }
    return false;
  };

  const inReview = (entry, state, marked) => entry.phase in state.phases || isStarted(entry, marked);

  // `state` with a new card, due at once, for each question of `entry` that has none.
  const withCards = (state, entry, now) => {
    const cards = { ...state.cards };
    let added = 0;
    for (const { key } of entry.questions) {
      if (cards[key]) continue;
      cards[key] = { added: iso(now), due: iso(now), state: 0, reps: 0, lapses: 0, stability: 0, difficulty: 0, scheduled_days: 0, elapsed_days: 0, learning_steps: 0 };
      added += 1;
    }
    return { state: { phases: state.phases, cards }, added };
  };

  const addPhase = (state, entry, now) => withCards({ phases: { ...state.phases, [entry.phase]: iso(now) }, cards: state.cards }, entry, now).state;

  // `state` without the phase `entry` added by hand, nor the cards of its questions.
  const removePhase = (state, entry) => {
    const phases = { ...state.phases };
    delete phases[entry.phase];
    const cards = { ...state.cards };
    for (const { key } of entry.questions) delete cards[key];
    return { phases, cards };
  };

  // Calendar days in local time: a card is due on its day, whatever the hour.
  const dayNumber = (time) => dayOf(time).getTime() / DAY;

  const isDue = (card, now) => dayNumber(card.due) <= dayNumber(now);

  // The keys of the cards due at `now` (among `keys`, every live card by default), oldest due
  // first, then in the order of `keys`.
  const dueKeys = (state, now, keys = Object.keys(state.cards)) => {
    const order = new Map(keys.map((key, index) => [key, index]));
    return keys
      .filter((key) => state.cards[key] && !state.cards[key].gone && isDue(state.cards[key], now))
      .sort((a, b) => dayNumber(state.cards[a].due) - dayNumber(state.cards[b].due) || order.get(a) - order.get(b));
  };

  // How `cards` stand at `now`: how many count, how many are due, and the next day that has some.
  const summarize = (cards, now) => {
    const live = cards.filter((card) => !card.gone);
    const due = live.filter((card) => isDue(card, now)).length;
    let next = null;
    for (const card of live) {
      if (isDue(card, now)) continue;
      const day = dayNumber(card.due);
      if (!next || day < next.day) next = { day, date: card.due, count: 1 };
      else if (day === next.day) next.count += 1;
    }
    return { total: live.length, due, next: next && { date: next.date, count: next.count } };
  };

  const summary = (state, now) => summarize(Object.values(state.cards), now);

  // --- scheduling, with FSRS (`lib`: the ts-fsrs module) ----------------------------------------

  const scheduler = (lib) => lib.fsrs(SCHEDULER);

  const toFsrs = (card, lib) => {
    if (!card.reps) return lib.createEmptyCard(new Date(card.due));
    const { added: _, gone: __, ...fields } = card;
    return { ...fields, due: new Date(card.due), last_review: new Date(card.last_review) };
  };

  const fromFsrs = (card, added) => {
    const saved = { added, due: iso(card.due) };
    for (const name of NUMBERS) saved[name] = card[name];
    saved.state = card.state;
    if (card.last_review) saved.last_review = iso(card.last_review);
    return saved;
  };

  // When the card would come back after each rating, given at `now`: {1: Date, 2: ..., 3: ..., 4: ...}.
  const previews = (card, now, lib) => {
    const outcomes = scheduler(lib).repeat(toFsrs(card, lib), new Date(now));
    return Object.fromEntries([1, 2, 3, 4].map((rating) => [rating, outcomes[rating].card.due]));
  };

  // The card once rated `rating` (1 Again, 2 Hard, 3 Good, 4 Easy) at `now`.
  const rate = (card, now, rating, lib) => fromFsrs(scheduler(lib).next(toFsrs(card, lib), new Date(now), rating).card, card.added);

  // --- words ---------------------------------------------------------------------------------

  // "Thu 7 Jan", with its year when that is not this year's.
  const dayText = (time, now) => showDate(dayOf(time), dayOf(time).getUTCFullYear() !== dayOf(now).getUTCFullYear());

  // "today", "tomorrow", "in 3 days", "in about 2 months", "in about 3 years"
  const whenText = (time, now) => {
    const days = dayNumber(time) - dayNumber(now);
    if (days <= 0) return "today";
    if (days === 1) return "tomorrow";
    if (days < 45) return `in ${days} days`;
    if (days < 548) return `in about ${Math.round(days / 30.44)} months`;
    return `in about ${Math.round(days / 365.25)} years`;
  };

  // What comes next: "Thu 7 Jan (in 3 days)", or "tomorrow (Tue 5 Jan)".
  const nextText = (time, now) => {
    const when = whenText(time, now);
    return when === "tomorrow" || when === "today" ? `${when} (${dayText(time, now)})` : `on ${dayText(time, now)} (${when})`;
  };

  const rules = {
    STORE, VERSION, RATINGS, checkCard, checkState, mergeStates, migrate, markGone, isStarted, inReview, withCards, addPhase,
    removePhase, isDue, dueKeys, summarize, summary, previews, rate, dayText, whenText, nextText, plural,
  };

  if (typeof module === "object" && module.exports) module.exports = rules; // Node: tests/js/review.test.js

  // --- this browser ------------------------------------------------------------------------

  const { whenReady, readJSON, writeJSON, onChange } = atlas;

  // Every key the learner ticked, marked "I know this" or marked started: what begins a phase.
  const markedKeys = () => {
    const { done, skipped, started } = atlas.saved();
    return [...new Set([...Object.keys(done), ...Object.keys(skipped), ...Object.keys(started)])];
  };
  // Whether the learner said they know the phase `entry` (for the words of its offer).
  const isKnown = (entry) => entry.scopes.some((scope) => atlas.isSkipped(`phase:${scope}`));

  const load = () => checkState(readJSON(STORE), true);
  const save = (state) => writeJSON(STORE, { version: VERSION, phases: state.phases, cards: state.cards });
  const readDeck = (el) => {
    const entry = atlas.dataOf(el, "data-atlas-deck");
    return entry && Array.isArray(entry.questions) ? entry : null;
  };
  const show = (el, visible) => {
    if (el) el.hidden = !visible;
  };

  // For review-session.js, review-offer.js and transfer.js (the "review" section of the progress file).
  atlas.share("review", { ...rules, load, save, readDeck, show, markedKeys, isKnown });

  // --- the home page ---------------------------------------------------------------------------

  const startDue = (box) => {
    const text = box.querySelector(".atlas-review-due-text");
    const update = () => {
      const now = Date.now();
      const { total, due, next } = summary(load(), now);
      box.hidden = total === 0;
      if (!total) return;
      const later = next ? `${next.count === 1 ? "the next question comes" : `the next ${next.count} questions come`} back ${nextText(next.date, now)}` : "";
      if (!due) text.textContent = `Nothing is due today; ${later}.`;
      else if (due === total) text.textContent = total === 1 ? "The one question in your review is due today." : `All ${total} questions in your review are due today.`;
      else text.textContent = `${plural(due, "question")} ${due === 1 ? "is" : "are"} due today, of ${total} in your review; after them, ${later}.`;
    };
    onChange(update);
    window.addEventListener("storage", (event) => {
      if (event.key === STORE || event.key === null) update();
    });
    update();
  };

  whenReady(() => {
    document.querySelectorAll(".atlas-review-due").forEach(startDue);
  });
})();

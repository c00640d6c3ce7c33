// The review schedule's rules (templates/theme/assets/js/review.js), run by Node's own test runner
// (`make test-js`). The browser side is tested in tests/test_review.py.
"use strict";

process.env.TZ = "UTC"; // days are local days: one zone for every run

const test = require("node:test");
const assert = require("node:assert/strict");
const fsrs = require("ts-fsrs");
const { load } = require("./harness.js");

const { review } = load(["progress.js", "review.js"]); // as main.html loads them

const MONDAY = Date.parse("2027-01-04T09:00:00.000Z");
const DAY = 86400000;
const transformers = {
  phase: "ai-engineer/transformers",
  old: ["ai-engineer/attention"],
  scopes: ["ai-engineer/transformers", "ai-engineer/attention"],
  items: ["paper:attention-is-all-you-need", "project:transformer-from-scratch"],
  questions: [
    { key: "ai-engineer/transformers/why-scale", old: ["ai-engineer/transformers/scaling", "ai-engineer/attention/why-scale"] },
    { key: "ai-engineer/transformers/heads", old: [] },
  ],
};
const empty = () => review.checkState(undefined);

test("a phase joins the review once anything of it is ticked, and its questions are due at once", () => {
  assert.equal(review.isStarted(transformers, []), false);
  assert.equal(review.isStarted(transformers, ["task:ai-engineer/foundations:numpy"]), false);
  for (const done of [["task:ai-engineer/transformers:self-attention"], ["task:ai-engineer/attention:x"], ["phase:ai-engineer/transformers"], ["paper:attention-is-all-you-need"]]) {
    assert.equal(review.isStarted(transformers, done), true, done[0]);
  }
  const { state, added } = review.withCards(empty(), transformers, MONDAY);
  assert.equal(added, 2);
  assert.deepEqual(review.dueKeys(state, MONDAY), ["ai-engineer/transformers/why-scale", "ai-engineer/transformers/heads"]);
  assert.equal(review.withCards(state, transformers, MONDAY + DAY).added, 0, "a card is made once");
});

test("adding a phase by hand puts it in the review; taking it out removes it and its cards", () => {
  const added = review.addPhase(empty(), transformers, MONDAY);
  assert.equal(review.inReview(transformers, added, []), true);
  assert.equal(Object.keys(added.cards).length, 2);
  const removed = review.removePhase(added, transformers);
  assert.equal(review.inReview(transformers, removed, []), false);
  assert.deepEqual(removed.cards, {});
});

test("the next date moves with the rating: Again before Hard before Good before Easy", () => {
  const card = review.withCards(empty(), transformers, MONDAY).state.cards["ai-engineer/transformers/why-scale"];
  const when = review.previews(card, MONDAY, fsrs);
  const days = [1, 2, 3, 4].map((rating) => Math.round((when[rating] - MONDAY) / DAY));
  assert.deepEqual(days, [1, 2, 3, 8]);
  assert.equal(review.whenText(when[1], MONDAY), "tomorrow");
  assert.equal(review.whenText(when[3], MONDAY), "in 3 days");
  const good = review.rate(card, MONDAY, 3, fsrs);
  assert.equal(good.due, new Date(when[3]).toISOString());
  assert.equal(good.reps, 1);
  assert.equal(good.last_review, new Date(MONDAY).toISOString());
  assert.equal(good.added, card.added);
  // Known again on its day, it stays away far longer; forgotten, it comes back the next day.
  const later = Date.parse(good.due);
  assert.ok(Date.parse(review.rate(good, later, 3, fsrs).due) - later > 7 * DAY);
  assert.equal(Math.round((Date.parse(review.rate(good, later, 1, fsrs).due) - later) / DAY), 1);
});

test("a card is due on its day, whatever the hour, and the summary says when the next ones come", () => {
  let { state } = review.withCards(empty(), transformers, MONDAY);
  state.cards["ai-engineer/transformers/why-scale"] = review.rate(state.cards["ai-engineer/transformers/why-scale"], MONDAY, 3, fsrs);
  assert.deepEqual(review.summary(state, MONDAY), { total: 2, due: 1, next: { date: "2027-01-07T09:00:00.000Z", count: 1 } });
  const thursdayMorning = Date.parse("2027-01-07T00:30:00.000Z");
  assert.equal(review.summary(state, thursdayMorning).due, 2);
  assert.equal(review.nextText("2027-01-07T09:00:00.000Z", MONDAY), "on Thu 7 Jan (in 3 days)");
  assert.equal(review.nextText("2027-01-05T09:00:00.000Z", MONDAY), "tomorrow (Tue 5 Jan)");
  assert.equal(review.dayText("2028-02-01T09:00:00.000Z", MONDAY), "Tue 1 Feb 2028");
  assert.equal(review.whenText(MONDAY + 90 * DAY, MONDAY), "in about 3 months");
});

test("a reworded question keeps its card; a renamed id or phase brings its card along", () => {
  const reviewed = review.rate(review.withCards(empty(), transformers, MONDAY).state.cards["ai-engineer/transformers/why-scale"], MONDAY, 4, fsrs);
  const saved = { phases: { "ai-engineer/attention": new Date(MONDAY).toISOString() }, cards: { "ai-engineer/transformers/scaling": reviewed } };
  const { state, moved } = review.migrate(saved, [transformers]);
  assert.equal(moved, true);
  assert.deepEqual(Object.keys(state.cards), ["ai-engineer/transformers/why-scale"]);
  assert.deepEqual(state.cards["ai-engineer/transformers/why-scale"], reviewed);
  assert.deepEqual(Object.keys(state.phases), ["ai-engineer/transformers"]);
  assert.equal(review.migrate(state, [transformers]).moved, false, "nothing moves twice");
  // Under both keys (a card made before the old one moved): the one reviewed last stays.
  const fresh = review.withCards(empty(), transformers, MONDAY + DAY).state.cards["ai-engineer/transformers/why-scale"];
  const both = review.migrate({ phases: {}, cards: { "ai-engineer/transformers/why-scale": fresh, "ai-engineer/attention/why-scale": reviewed } }, [transformers]);
  assert.deepEqual(both.state.cards, { "ai-engineer/transformers/why-scale": reviewed });
});

test("merging keeps each question as last reviewed, and each phase added on either side", () => {
  const start = review.withCards(empty(), transformers, MONDAY).state;
  const mine = { phases: {}, cards: { ...start.cards, "ai-engineer/transformers/why-scale": review.rate(start.cards["ai-engineer/transformers/why-scale"], MONDAY, 3, fsrs) } };
  const theirs = {
    phases: { "ai-engineer/foundations": new Date(MONDAY).toISOString() },
    cards: {
      "ai-engineer/transformers/why-scale": review.rate(start.cards["ai-engineer/transformers/why-scale"], MONDAY - DAY, 1, fsrs),
      "ai-engineer/transformers/heads": review.rate(start.cards["ai-engineer/transformers/heads"], MONDAY + DAY, 4, fsrs),
    },
  };
  const merged = review.mergeStates(mine, theirs);
  assert.equal(merged.cards["ai-engineer/transformers/why-scale"], mine.cards["ai-engineer/transformers/why-scale"]);
  assert.equal(merged.cards["ai-engineer/transformers/heads"], theirs.cards["ai-engineer/transformers/heads"]);
  assert.deepEqual(Object.keys(merged.phases), ["ai-engineer/foundations"]);
  assert.deepEqual(review.mergeStates(merged, merged), merged);
});

test("a file's review is checked field by field, saying what is wrong; storage is read leniently", () => {
  const good = review.withCards(empty(), transformers, MONDAY).state;
  assert.deepEqual(review.checkState(JSON.parse(JSON.stringify(good))), good);
  const broken = [
    [[], "not a set of phases and cards"],
    [{ cards: { "not a key": {} } }, "not a question of this site"],
    [{ cards: { "a/b/c": { due: "soon" } } }, "no due date"],
    [{ cards: { "a/b/c": { due: "2027-01-04T09:00:00.000Z", reps: -1 } } }, "reps -1"],
    [{ cards: { "a/b/c": { due: "2027-01-04T09:00:00.000Z", reps: 2 } } }, "no last_review"],
    [{ cards: { "a/b/c": { due: "2027-01-04T09:00:00.000Z", state: 7 } } }, "state 7"],
    [{ phases: { "../x": "2027-01-04T09:00:00.000Z" } }, "not a phase id"],
    [{ cards: { ["__proto__"]: {} } }, "not a question"],
  ];
  for (const [data, words] of broken) {
    assert.throws(() => review.checkState(data), (error) => error.message.includes(words), words);
    assert.doesNotThrow(() => review.checkState(data, true));
  }
  const lenient = review.checkState({ cards: { "a/b/c": { due: "soon" }, ...good.cards } }, true);
  assert.deepEqual(Object.keys(lenient.cards), Object.keys(good.cards));
});

test("a question that left the site is kept but no longer counted", () => {
  const { state } = review.withCards(empty(), transformers, MONDAY);
  const { state: marked, changed } = review.markGone(state, new Set(["ai-engineer/transformers/heads"]));
  assert.equal(changed, true);
  assert.equal(marked.cards["ai-engineer/transformers/why-scale"].gone, true);
  assert.deepEqual(review.summary(marked, MONDAY), { total: 1, due: 1, next: null });
  assert.deepEqual(review.dueKeys(marked, MONDAY), ["ai-engineer/transformers/heads"]);
  const back = review.markGone(marked, new Set(transformers.questions.map((q) => q.key)));
  assert.equal(back.state.cards["ai-engineer/transformers/why-scale"].gone, undefined);
});

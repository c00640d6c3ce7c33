// The rules every script shares (progress.js, window.atlas): dates, hours, the planner's
// settings, storage that refuses, and the one rule that counts a path (README, "How
// progress is counted"). Run by `make test-js` (Node's own test runner).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { load, storageWith } = require("./harness.js");

const atlasWith = (items, quota) => load(["progress.js"], { storage: storageWith(items, quota) }).atlas;

// --- dates ---------------------------------------------------------------------------------

test("a date is a real calendar day written as YYYY-MM-DD, and the site writes it one way", () => {
  const atlas = atlasWith();
  for (const bad of ["2027-02-29", "2027-13-01", "2027-1-4", "04/01/2027", "", null, 20270104]) assert.equal(atlas.parseDate(bad), null, String(bad));
  assert.equal(atlas.isoDate(atlas.parseDate("2028-02-29")), "2028-02-29");
  const monday = atlas.parseDate("2027-01-04");
  assert.equal(atlas.showDate(monday), "Mon 4 Jan 2027");
  assert.equal(atlas.showDate(monday, false), "Mon 4 Jan");
});

test("days are counted in whole days across a change of the clocks", () => {
  const previous = process.env.TZ;
  process.env.TZ = "Europe/London"; // clocks go forward on 28 March 2027
  try {
    const atlas = atlasWith();
    const saturday = atlas.parseDate("2027-03-27");
    assert.equal(atlas.isoDate(atlas.addDays(saturday, 2)), "2027-03-29");
    assert.equal(atlas.daysBetween(saturday, atlas.parseDate("2027-04-03")), 7);
    assert.equal(atlas.showDate(atlas.addDays(saturday, 7)), "Sat 3 Apr 2027");
  } finally {
    process.env.TZ = previous;
  }
});

test("an instant falls on the learner's own calendar day, wherever they are", () => {
  const previous = process.env.TZ;
  try {
    process.env.TZ = "Pacific/Auckland";
    assert.equal(atlasWith().isoDate(atlasWith().dayOf("2027-01-03T20:00:00.000Z")), "2027-01-04");
    process.env.TZ = "America/Los_Angeles";
    const atlas = atlasWith();
    assert.equal(atlas.isoDate(atlas.dayOf("2027-01-04T05:00:00.000Z")), "2027-01-03");
    assert.equal(atlas.showDate(atlas.dayOf(Date.parse("2027-01-04T05:00:00.000Z"))), "Sun 3 Jan 2027");
  } finally {
    process.env.TZ = previous;
  }
});

// --- hours, times and the planner's settings ---------------------------------------------------

test("hours a week are from 0.5 to 80 in halves; a time of day is HH:MM", () => {
  const atlas = atlasWith();
  for (const good of [0.5, 1, 7.5, 80]) assert.equal(atlas.isWeeklyHours(good), true, String(good));
  for (const bad of [0, 0.25, 7.25, 80.5, -1, "7", NaN, Infinity, null]) assert.equal(atlas.isWeeklyHours(bad), false, String(bad));
  for (const good of ["00:00", "09:00", "23:59"]) assert.equal(atlas.isClockTime(good), true, good);
  for (const bad of ["24:00", "9:00", "09:60", "09:00:00", 900, undefined]) assert.equal(atlas.isClockTime(bad), false, String(bad));
});

// --- storage -------------------------------------------------------------------------------

test("storage that holds something else, or that is turned off, reads as nothing and refuses writes", () => {
  const storage = storageWith();
  storage.setItem("atlas-progress-v1", "{not json");
  const atlas = load(["progress.js"], { storage }).atlas;
  assert.equal(atlas.readJSON("atlas-progress-v1"), null);
  assert.deepEqual(atlas.doneKeys(), []);

  const off = load(["progress.js"], { storage: "refused" }).atlas;
  assert.equal(off.readJSON("atlas-progress-v1"), null);
  assert.equal(off.writeJSON("atlas-progress-v1", {}), false);
  assert.equal(off.removeKey("atlas-progress-v1"), false);
  assert.throws(() => off.replaceSaved({ done: { "paper:bert": true } }), /refused to save/);
  // A tick still shows for this page view.
  off.setMark("paper:bert", "done");
  assert.equal(off.isDone("paper:bert"), true);
});

test("a full storage keeps what it held: the write says so, and the tick holds for this page view", () => {
  const before = { done: { "paper:bert": true } };
  const { atlas, storage } = load(["progress.js"], { storage: storageWith({ "atlas-progress-v1": before }, 60) });
  atlas.setMark("paper:attention-is-all-you-need", "done");
  assert.equal(atlas.isDone("paper:attention-is-all-you-need"), true);
  assert.deepEqual(storage.toJSON()["atlas-progress-v1"], before);
  assert.equal(atlas.writeJSON("atlas-continue-v1", { title: "x".repeat(100) }), false);
  assert.equal(storage.getItem("atlas-continue-v1"), null);
});

test("saved progress is read in its one shape, and a path called constructor is a path like any other", () => {
  const atlas = atlasWith({
    "atlas-progress-v1": {
      done: { "paper:bert": true, "not a key": true, "paper:gpt": "yes" },
      skipped: { "paper:bert": true, "paper:t5": true },
      tracks: { "demo/advanced": "nlp", nophase: "x" },
      known: { constructor: ["python", "python", "Bad Id"], "": ["x"] },
    },
  });
  assert.deepEqual(atlas.saved(), {
    done: { "paper:bert": true },
    skipped: { "paper:t5": true }, // done wins
    started: {},
    tracks: { "demo/advanced": "nlp" },
    known: { constructor: ["python"] },
  });
  assert.deepEqual(atlas.knownSkills("constructor"), ["python"]);
  assert.deepEqual(atlas.knownSkills("tostring"), []);
  assert.deepEqual(atlasWith().knownSkills("constructor"), [], "nothing known: no property of every object");
});

// --- counting a path -----------------------------------------------------------------------------

const MAP = {
  path: "demo",
  title: "Demo",
  phases: [
    { id: "demo/basics", scopes: ["demo/basics"], title: "Basics", number: 1, weeks: 2, tasks: 2, items: ["paper:bert", "project:toy"], optional: ["project:extra"] },
    {
      id: "demo/advanced",
      scopes: ["demo/advanced", "demo/old-advanced"],
      title: "Advanced",
      number: 2,
      weeks: 4,
      tasks: 1,
      items: ["paper:gpt"],
      optional: [],
      tracks: [
        { id: "nlp", title: "NLP", tasks: 2, names: ["tokens", "parse"], items: ["paper:bert-nlp"] },
        { id: "vision", title: "Vision", tasks: 1, names: ["pixels"], items: ["paper:vit", "project:cnn"] },
      ],
    },
  ],
};

const countWith = (progress) => atlasWith({ "atlas-progress-v1": progress }).countPath(MAP);

test("before a track is chosen a phase counts the work every track shares, and says a track is to be chosen", () => {
  const counts = countWith({});
  assert.equal(counts.text, "0 of 3 tasks · 0 of 2 papers · 0 of 1 project · 0 of 2 phases · a track to choose in Advanced");
  assert.deepEqual(counts.phases.map((p) => p.status), ["new", "new"]);
  assert.equal(counts.percent, 0);
  // Half of the first phase (2 of its 4 items): its 2 weeks half done; the second counts the
  // smallest track's work (3) with its shared work (2), none of it done.
  const half = countWith({ done: { "task:demo/basics:a": true, "paper:bert": true } });
  assert.equal(half.percent, Math.round((100 * (2 * 0.5)) / 6));
  assert.equal(half.phases[0].status, "started");
});

test("a chosen track counts its own tasks and papers, never another track's; ticks are kept", () => {
  const done = { "task:demo/advanced:tokens": true, "task:demo/advanced:pixels": true, "paper:vit": true };
  const nlp = countWith({ done, tracks: { "demo/advanced": "nlp" } });
  const advanced = nlp.phases[1];
  assert.equal(advanced.track.id, "nlp");
  assert.deepEqual(advanced.tasks, { total: 3, done: 1, skipped: 0 });
  assert.deepEqual(advanced.papers.keys, ["paper:gpt", "paper:bert-nlp"]);
  assert.equal(nlp.text, "1 of 5 tasks · 0 of 3 papers · 0 of 1 project · 0 of 2 phases");
  // The same ticks under the other track (chosen under the phase's old id) count there.
  const vision = countWith({ done, tracks: { "demo/old-advanced": "vision" } }).phases[1];
  assert.equal(vision.track.id, "vision");
  assert.deepEqual(vision.tasks, { total: 2, done: 1, skipped: 0 });
  assert.equal(vision.papers.done, 1);
});

test("skipped counts toward the bar like done and is said apart; a phase known counts all its work as known", () => {
  const counts = countWith({
    done: { "task:demo/basics:a": true, "task:demo/basics:b": true, "project:toy": true, "project:extra": true },
    skipped: { "paper:bert": true, "phase:demo/old-advanced": true },
  });
  assert.deepEqual(counts.phases.map((p) => p.status), ["done", "skipped"]);
  assert.equal(counts.percent, 100);
  assert.deepEqual(counts.phases[0].papers, { keys: ["paper:bert"], total: 1, done: 0, skipped: 1 });
  assert.equal(counts.text, "2 done, 1 skipped of 3 tasks · 0 done, 2 skipped of 2 papers · 1 of 1 project · 1 done, 1 skipped of 2 phases · 1 optional project built");
  // All skipped and nothing done: the phase is skipped, not done.
  const skippedOnly = countWith({ skipped: { "task:demo/basics:a": true, "task:demo/basics:b": true, "paper:bert": true, "project:toy": true } });
  assert.equal(skippedOnly.phases[0].status, "skipped");
  // Ticks saved under task keys beyond the phase's number of tasks do not count twice.
  const extra = countWith({ done: { "task:demo/basics:a": true, "task:demo/basics:b": true, "task:demo/basics:old-b": true } });
  assert.equal(extra.phases[0].tasks.done, 2);
});

test("a phase marked started is in progress with nothing ticked", () => {
  assert.equal(countWith({ started: { "phase:demo/basics": true } }).phases[0].status, "started");
});

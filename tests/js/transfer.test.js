// The progress file's rules (transfer.js): what an import refuses and why, what a merge
// keeps, and what it writes. The widget itself is tested in a browser by tests/test_transfer.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { load, storageWith } = require("./harness.js");

const FORMAT = "ai-engineering-atlas-progress";
const pageWith = (items = {}, quota = Infinity) => load(["progress.js", "transfer.js"], { storage: storageWith(items, quota) });
const file = (fields) => JSON.stringify({ format: FORMAT, version: 3, exported: "2027-01-04T09:00:00.000Z", ...fields });

test("planner settings keep only the fields the planner reads, or say which field is wrong and what would do", () => {
  const { transfer } = pageWith();
  assert.deepEqual(transfer.checkPlan("ai-engineer", { start: "2027-01-04", hours: 7.5, days: [6, 1, 1], finished: ["ai-engineer/b", "ai-engineer/a"], extra: 1 }), {
    start: "2027-01-04",
    hours: 7.5,
    sessions: false,
    days: [1, 6],
    finished: ["ai-engineer/a", "ai-engineer/b"],
  });
  const wrong = [
    ["../x", {}, "not a path id"],
    ["p", [], "not a set of settings"],
    ["p", { start: "2027-02-30", hours: 6 }, 'a start is a date such as "2027-01-04"'],
    ["p", { start: "2027-01-04", hours: 7.25 }, "hours are a number from 0.5 to 80, in halves"],
    ["p", { start: "2027-01-04", hours: 6, sessions: "yes" }, "it is true or false"],
    ["p", { start: "2027-01-04", hours: 6, time: "9am" }, 'a time is such as "09:00"'],
    ["p", { start: "2027-01-04", hours: 6, days: [7] }, "from 0 (Sunday) to 6 (Saturday)"],
    ["p", { start: "2027-01-04", hours: 6, finished: ["foundations"] }, "a list of phase ids"],
  ];
  for (const [id, plan, words] of wrong) {
    const error = transfer.checkPlan(id, plan);
    assert.ok(error instanceof Error && error.message.includes(words), `${words}: ${error.message}`);
  }
});

test("an undo puts back every key under atlas- exactly as it was, or says it could not", () => {
  const { transfer, storage } = load(["progress.js", "transfer.js"], { storage: storageWith({ "atlas-plan-b": { hours: 6 }, "atlas-progress-v1": { done: {} }, "other-site": 1 }) });
  assert.deepEqual(transfer.siteKeys(), ["atlas-plan-b", "atlas-progress-v1"]);
  const saved = transfer.snapshot();
  storage.setItem("atlas-plan-c", "{}");
  storage.setItem("atlas-plan-b", '{"hours":8}');
  storage.removeItem("atlas-progress-v1");
  assert.equal(transfer.restore(saved), true);
  assert.deepEqual(storage.toJSON(), { "atlas-plan-b": { hours: 6 }, "atlas-progress-v1": { done: {} }, "other-site": 1 });
  storage.quota = 10;
  storage.removeItem("atlas-plan-b");
  assert.equal(transfer.restore(saved), false);
});

test("a file this site cannot read is refused with the reason", () => {
  const { transfer } = pageWith();
  const refusals = [
    ["", "This file is empty"],
    ['{"format": "ai-engineering', "not JSON, or it is cut short"],
    ['{"format": "something-else", "version": 1}', "not an Atlas progress file"],
    [file({ version: 4 }), "of version 4, from a newer version of the site; this one reads versions 1 to 3"],
    [file({ version: 0, done: [] }), "its version is 0"],
    [file({ done: ["paper:bert", "Paper BERT"] }), 'finished item 2, "Paper BERT", is not an item of this site'],
    [file({ done: [], tracks: { "demo/advanced": "NLP!" } }), 'its track "NLP!" for "demo/advanced"'],
    [file({ done: [], planner: { demo: { start: "2027-01-04", hours: 100 } } }), "hours are a number from 0.5 to 80"],
    [file({ done: [], known: { demo: "python" } }), 'its known skills for "demo"'],
  ];
  for (const [text, words] of refusals) assert.throws(() => transfer.parseProgress(text), (error) => error.message.includes(words), words);
});

test("files of versions 1 and 2 still import, with what they did not hold left empty", () => {
  const { transfer } = pageWith();
  const v1 = transfer.parseProgress(JSON.stringify({ format: FORMAT, version: 1, done: ["paper:bert", "paper:bert"], skipped: ["paper:t5"] }));
  assert.deepEqual(v1.values.done, ["paper:bert"]);
  assert.deepEqual(v1.values.skipped, [], "version 1 had no skipped items: a field of that name is not read");
  assert.equal(v1.exported, null);
  const v2 = transfer.parseProgress(JSON.stringify({ format: FORMAT, version: 2, done: [], planner: { demo: { start: "2027-01-04", hours: 6 } } }));
  assert.deepEqual(v2.values.planner, { demo: { start: "2027-01-04", hours: 6, sessions: false, finished: [] } });
});

test("a merge keeps both, this browser's choice winning where the two differ", () => {
  const { transfer } = pageWith({
    "atlas-progress-v1": { done: { "paper:bert": true }, tracks: { "demo/advanced": "nlp" }, known: { demo: ["python"] } },
    "atlas-plan-demo": { start: "2027-01-04", hours: 6, finished: [] },
  });
  const incoming = transfer.parseProgress(
    file({
      done: ["paper:gpt"],
      tracks: { "demo/advanced": "vision", "demo/extra": "rl" },
      known: { demo: ["linear-algebra"] },
      planner: { demo: { start: "2028-01-03", hours: 8 }, other: { start: "2027-02-01", hours: 4 } },
    }),
  );
  const { merged, adds, kept } = transfer.compare(incoming);
  assert.deepEqual(merged.done, ["paper:bert", "paper:gpt"]);
  assert.deepEqual(merged.tracks, { "demo/advanced": "nlp", "demo/extra": "rl" });
  assert.deepEqual(merged.known, { demo: ["linear-algebra", "python"] });
  assert.equal(merged.planner.demo.start, "2027-01-04");
  assert.deepEqual(Object.keys(merged.planner).sort(), ["demo", "other"]);
  assert.deepEqual(adds, ["1 finished item", "the track rl in demo/extra", "1 known skill", "the planner settings of other"]);
  assert.deepEqual(kept, ["this browser's track nlp in demo/advanced (the file has vision)", "this browser's planner settings for demo"]);
});

test("a path called constructor is a path: its plan and skills are merged, told and saved", () => {
  const { atlas, transfer, storage } = pageWith({ "atlas-plan-demo": { start: "2027-01-04", hours: 6, finished: [] } });
  const incoming = transfer.parseProgress(file({ done: [], known: { constructor: ["python"] }, planner: { constructor: { start: "2027-03-01", hours: 5 } } }));
  const { merged, adds, kept } = transfer.compare(incoming);
  assert.deepEqual(adds, ["1 known skill", "the planner settings of constructor"]);
  assert.deepEqual(kept, []);
  transfer.writeAll(merged);
  assert.deepEqual(storage.toJSON()["atlas-plan-constructor"], { start: "2027-03-01", hours: 5, sessions: false, finished: [] });
  assert.deepEqual(atlas.knownSkills("constructor"), ["python"]);
  assert.deepEqual(Object.keys(transfer.fromBrowser().planner), ["constructor", "demo"]);
  // And once this browser holds it, the file's is this browser's to keep.
  const again = transfer.compare(transfer.parseProgress(file({ done: [], planner: { constructor: { start: "2027-04-05", hours: 5 } } })));
  assert.deepEqual(again.kept, ["this browser's planner settings for constructor"]);
});

test("a file of 60,000 keys no page has fits the import limit, yet is refused: its export would not", () => {
  const { transfer, atlas } = pageWith({ "atlas-progress-v1": { done: { "paper:bert": true } } });
  const keys = Array.from({ length: 60000 }, (_, index) => `paper:x${String(index).padStart(5, "0")}`);
  const text = file({ done: keys });
  assert.ok(Buffer.byteLength(text) <= transfer.MAX_BYTES, "the file itself is under 1 MB");
  const incoming = transfer.parseProgress(text);
  const { merged } = transfer.compare(incoming);
  for (const values of [merged, incoming.values]) {
    assert.match(transfer.tooLarge(values), /more than a progress file may hold \(1 MB\)/);
    assert.ok(transfer.bytes(transfer.exportText(values)) > transfer.MAX_BYTES);
  }
  // What a real export holds stays well inside it.
  assert.equal(transfer.tooLarge(transfer.compare(transfer.parseProgress(file({ done: keys.slice(0, 1000) }))).merged), "");
  assert.deepEqual(atlas.doneKeys(), ["paper:bert"]);
});

test("when storage refuses an import part way, the write says so and an undo puts everything back", () => {
  const before = { "atlas-progress-v1": { done: { "paper:bert": true } }, "atlas-plan-demo": { start: "2027-01-04", hours: 6, finished: [] } };
  const { transfer, storage } = pageWith(before, 250);
  const saved = transfer.snapshot();
  const incoming = transfer.parseProgress(file({ done: ["paper:bert"], planner: { a: { start: "2027-01-04", hours: 6 }, b: { start: "2027-01-04", hours: 6 }, c: { start: "2027-01-04", hours: 6 } } }));
  assert.throws(() => transfer.writeAll(transfer.compare(incoming).merged), /refused/);
  assert.equal(transfer.restore(saved), true);
  assert.deepEqual(storage.toJSON(), before);
  const off = load(["progress.js", "transfer.js"], { storage: "refused" });
  assert.equal(off.transfer.tellAll(off.transfer.fromBrowser()), "0 finished items");
  assert.deepEqual(off.transfer.siteKeys(), []);
  assert.deepEqual({ ...off.transfer.snapshot() }, {});
  assert.equal(off.transfer.restore({ "atlas-progress-v1": "{}" }), false);
  assert.throws(() => off.transfer.writeAll(off.transfer.compare(incoming).merged), /refused/);
});

test("an export is a file this site imports again, holding the same", () => {
  const { transfer } = pageWith({
    "atlas-progress-v1": { done: { "paper:bert": true }, skipped: { "paper:t5": true }, started: { "phase:demo/basics": true }, tracks: { "demo/advanced": "nlp" }, known: { demo: ["python"] } },
    "atlas-continue-v1": { title: "Basics", context: "Demo", url: "paths/demo/01-basics.html", task: null, at: "2027-01-04T09:00:00.000Z" },
    "atlas-plan-demo": { start: "2027-01-04", hours: 6, sessions: true, time: "07:30", days: [1, 3], finished: ["demo/basics"] },
  });
  const values = transfer.fromBrowser();
  const back = transfer.parseProgress(transfer.exportText(values, Date.parse("2027-01-04T09:00:00.000Z")));
  assert.deepEqual(back.values, values);
  assert.equal(back.exported.toISOString(), "2027-01-04T09:00:00.000Z");
  assert.equal(transfer.tellAll(values), "1 finished item, 1 marked “I know this”, 1 phase marked started, a track in 1 phase, 1 known skill on 1 path, where to continue (Basics) and planner settings for 1 path");
});

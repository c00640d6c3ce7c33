// The planner's rules (planner.js): the hours typed, the plan's dates, where the learner
// stands, study sessions spread over the week, and the calendar file. The widget itself is
// tested in a browser by tests/test_planner.py.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./harness.js");

const { atlas, planner } = load(["progress.js", "planner.js"]);
const day = atlas.parseDate;
const MONDAY = day("2027-01-04");
const typed = (value, badInput = false) => ({ value, validity: { badInput } });

test("hours a week are read from the form with a reason for each refusal", () => {
  assert.deepEqual(planner.readHours(typed(" 7.5 ")), { hours: 7.5 });
  assert.deepEqual(planner.readHours(typed("80")), { hours: 80 });
  const refusals = [
    [typed(""), "Enter your hours a week: from 0.5 to 80"],
    [typed("six"), "must be a number"],
    [typed("", true), "must be a number"],
    [typed("0"), "must be more than 0"],
    [typed("81"), "80 hours a week is the most"],
    [typed("7.25"), "whole or half hours"],
    [typed("0.25"), "whole or half hours"],
  ];
  for (const [input, words] of refusals) assert.match(planner.readHours(input).error, new RegExp(words), input.value);
});

test("the week's minutes are shared between the study days to the minute, Monday first", () => {
  assert.deepEqual(planner.sessionMinutes(7.5, 3), [150, 150, 150]);
  assert.deepEqual(planner.sessionMinutes(7.5, 4), [113, 113, 112, 112]);
  assert.deepEqual(planner.sessionMinutes(0.5, 7), [5, 5, 4, 4, 4, 4, 4]);
  for (let hours = 0.5; hours <= 80; hours += 0.5) {
    for (let count = 1; count <= 7; count += 1) {
      const minutes = planner.sessionMinutes(hours, count);
      assert.equal(minutes.reduce((a, b) => a + b, 0), hours * 60);
      assert.ok(Math.max(...minutes) - Math.min(...minutes) <= 1);
    }
  }
  assert.deepEqual(planner.studyDays([0, 6, 1], MONDAY), [1, 6, 0]);
  assert.deepEqual(planner.studyDays([], day("2027-01-06")), [3], "none chosen: the start's weekday");
  assert.deepEqual(planner.studyDays(undefined, MONDAY), [1]);
  assert.equal(planner.duration(90), "1 h 30 min");
  assert.equal(planner.duration(60), "1 h");
  assert.equal(planner.duration(45), "45 min");
  assert.equal(planner.clock(9 * 60 + 5), "09:05");
  assert.equal(planner.clock(25 * 60), "01:00", "past midnight: the next day's time");
});

// Weeks as the path states them (start and end week), at 10 hours a week.
const PHASES = [
  { id: "p/one", start: 1, end: 4, title: "One" },
  { id: "p/two", start: 5, end: 10, title: "Two" },
];
const plan = (status, hours, leftOut = []) => planner.makePlan(PHASES, new Map(Object.entries(status)), MONDAY, 10, hours, new Set(leftOut));
const dates = (rows) => rows.map((row) => (row.planned ? [atlas.isoDate(row.first), atlas.isoDate(row.last)] : null));

test("each phase gets its weeks stretched by the learner's pace, from the start's weekday", () => {
  assert.deepEqual(dates(plan({}, 10)), [["2027-01-04", "2027-01-31"], ["2027-02-01", "2027-03-14"]]);
  assert.deepEqual(dates(plan({}, 5)), [["2027-01-04", "2027-02-28"], ["2027-03-01", "2027-05-23"]]);
  // However fast, a phase takes a week at least.
  assert.deepEqual(dates(plan({}, 80)), [["2027-01-04", "2027-01-10"], ["2027-01-11", "2027-01-17"]]);
});

test("a known phase is never planned; one finished when the plan was made is left out, one finished since keeps its dates", () => {
  const known = plan({ "p/one": "skipped" }, 10);
  assert.equal(known[0].known, true);
  assert.deepEqual(dates(known), [null, ["2027-01-04", "2027-02-14"]]);
  assert.deepEqual(dates(plan({ "p/one": "done" }, 10, ["p/one"])), [null, ["2027-01-04", "2027-02-14"]]);
  const since = plan({ "p/one": "done" }, 10);
  assert.equal(since[0].done, true);
  assert.deepEqual(dates(since), [["2027-01-04", "2027-01-31"], ["2027-02-01", "2027-03-14"]]);
});

test("where the learner stands: before the plan, on track, behind or ahead, in words", () => {
  const rows = plan({}, 10);
  assert.equal(planner.standing(rows, MONDAY, day("2027-01-01")), "Your plan starts on Mon 4 Jan 2027");
  assert.equal(planner.standing(rows, MONDAY, day("2027-01-20")), "Week 3 of your plan · on track");
  assert.equal(planner.standing(rows, MONDAY, day("2027-02-03")), "Week 5 of your plan · 3 days behind");
  assert.equal(planner.standing(rows, MONDAY, day("2027-02-16")), "Week 7 of your plan · 2 weeks behind");
  const ahead = plan({ "p/one": "done" }, 10);
  assert.equal(planner.standing(ahead, MONDAY, day("2027-01-18")), "Week 3 of your plan · 2 weeks ahead");
  assert.equal(planner.standing(plan({ "p/one": "done", "p/two": "done" }, 10), MONDAY, MONDAY), "You have finished every phase of this path.");
});

test("calendar text is escaped and folded as RFC 5545 says, never splitting a character", () => {
  assert.equal(planner.icsText("a,b;c\\d\r\nnext\u0007bell\ttab\u007f"), "a\\,b\\;c\\\\d\\nnextbell\ttab");
  const line = `SUMMARY:${"é".repeat(60)}${"x".repeat(100)}`;
  const folded = planner.fold(line);
  const parts = folded.split("\r\n");
  for (const [index, part] of parts.entries()) assert.ok(Buffer.byteLength(part) <= 75, `line ${index}: ${Buffer.byteLength(part)} octets`);
  assert.ok(parts.slice(1).every((part) => part.startsWith(" ")));
  assert.equal(parts.map((part, index) => (index ? part.slice(1) : part)).join(""), line);
});

test("the calendar holds a phase's dates and a weekly event a study day, each its share of the week", () => {
  const path = { id: "p", title: "Path, the first", url: "https://example.org/atlas/p/" };
  const rows = plan({}, 7.5).map((row) => ({ ...row, phase: { ...row.phase, milestone: "A model", url: "" } }));
  const text = planner.calendar(path, rows, { hours: 7.5, sessions: true, time: "18:30", days: [3, 1] });
  assert.ok(text.endsWith("END:VCALENDAR\r\n"));
  const unfolded = text.replace(/\r\n /g, "");
  assert.match(unfolded, /X-WR-CALNAME:Path\\, the first: your plan\r\n/);
  assert.equal(unfolded.match(/BEGIN:VEVENT/g).length, 4);
  assert.match(unfolded, /DTSTART;VALUE=DATE:20270104\r\nDTEND;VALUE=DATE:20270208\r\n/);
  assert.match(unfolded, /DTSTART:20270104T183000\r\nDURATION:PT3H45M\r\nRRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270404T235959\r\n/);
  assert.match(unfolded, /DTSTART:20270106T183000\r\nDURATION:PT3H45M\r\nRRULE:FREQ=WEEKLY;BYDAY=WE;/);
  assert.match(unfolded, /every Wednesday until Sun 4 Apr 2027/);
});

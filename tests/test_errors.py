"""Broken content gives errors a contributor can act on: file, line, field, what is valid.

Each case breaks one thing in a copy of the fixture curriculum. The loader must
report it (with the others of the same run), the build must stop with the same
message, and `mkdocs build --strict` must exit non-zero with no Python traceback.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from curriculum import ContentError, load
from sitebuild import build_site, failed_build, mkdocs_build

PHASE1 = "paths/demo-path/01-basics.md"
PHASE2 = "paths/demo-path/02-advanced.md"
PAPER = "papers/transformer.md"


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(content: Path):
    with pytest.raises(ContentError) as caught:
        load(content)
    return caught.value.problems


# (id, how to break the copy, file, line or None, field, words the message must contain)
CASES = [
    ("unparseable-yaml", lambda c: edit(c, PAPER, "year: 2017", "year: [2017"), PAPER, 6, "", ["YAML cannot be read"]),
    ("not-a-mapping", lambda c: (c / PAPER).write_text("---\n- just\n- a list\n---\nbody\n", encoding="utf-8"), PAPER, 2, "", ["must be a mapping"]),
    ("missing-field", lambda c: edit(c, PAPER, "contribution: Attention alone, no recurrence.\n", ""), PAPER, 1, "contribution", ["required"]),
    ("wrong-type", lambda c: edit(c, PAPER, "year: 2017", "year: soon"), PAPER, 6, "year", ["integer", "'soon'"]),
    ("unknown-field", lambda c: edit(c, PHASE1, "skills: [mathematics, math]", "skils: [mathematics]"), PHASE1, 6, "skils", ["not a field of a phase", "Did you mean 'skills'?"]),
    ("unknown-skill", lambda c: edit(c, PHASE1, "skills: [mathematics, math]", "skills: [mathematics, pytorh]"), PHASE1, 6, "skills[1]", ["unknown skill 'pytorh'", "Did you mean 'pytorch'?"]),
    ("unknown-paper", lambda c: edit(c, PHASE1, "papers: [transformer]", "papers: [transfomer]"), PHASE1, 7, "papers[0]", ["unknown paper 'transfomer'", "Did you mean 'transformer'?"]),
    ("unknown-project", lambda c: edit(c, PHASE1, "projects: [toy-project]", "projects: [toy-projet]"), PHASE1, 8, "projects[0]", ["unknown project 'toy-projet'", "Did you mean 'toy-project'?"]),
    ("unknown-path", lambda c: edit(c, "paths/demo-path/index.md", "{id: llm-engineer, title: LLM Engineer, planned: true, why: Ship it.}", "{id: demo-pth}"), "paths/demo-path/index.md", 12, "next_paths[0].id", ["unknown path 'demo-pth'", "Did you mean 'demo-path'?"]),
    ("duplicate-id", lambda c: edit(c, "papers/bert-like.md", "topics:", "old_ids: [transformer]\ntopics:"), "papers/bert-like.md", 7, "old_ids", ["'transformer' is the id of another paper"]),
    ("duplicate-key", lambda c: edit(c, PAPER, "year: 2017", "year: 2017\nyear: 2017"), PAPER, 7, "year", ["given twice"]),
    ("duplicate-key-nested", lambda c: edit(c, "paths/demo-path/index.md", "planned: true,", "planned: true, title: Again,"), "paths/demo-path/index.md", 12, "next_paths[0].title", ["given twice"]),
    ("weeks-malformed", lambda c: edit(c, PHASE2, 'weeks: "3-10"', 'weeks: "three to ten"'), PHASE2, 4, "weeks", ["not a week range", "3-10"]),
    ("weeks-reversed", lambda c: edit(c, PHASE2, 'weeks: "3-10"', 'weeks: "10-3"'), PHASE2, 4, "weeks", ["reversed"]),
    ("weeks-overlap", lambda c: edit(c, PHASE2, 'weeks: "3-10"', 'weeks: "2-10"'), PHASE2, 4, "weeks", ["overlaps", "start at week 3"]),
    ("weeks-gap", lambda c: edit(c, PHASE2, 'weeks: "3-10"', 'weeks: "5-10"'), PHASE2, 4, "weeks", ["gap", "weeks 3-4"]),
    ("weeks-not-from-1", lambda c: edit(c, PHASE1, 'weeks: "1-2"', 'weeks: "2-2"'), PHASE1, 4, "weeks", ["starts at week 1"]),
    ("path-duration", lambda c: edit(c, "paths/demo-path/index.md", "weeks: 10", "weeks: 12"), "paths/demo-path/index.md", 10, "weeks", ["lasts 12 weeks", "end at week 10"]),
    ("lineage-cycle", lambda c: edit(c, PAPER, "topics: [transformers]", "topics: [transformers]\nbuilds_on: [bert-like]"), "papers/bert-like.md", 8, "builds_on", ["cycle", "bert-like -> transformer -> bert-like"]),
    ("arxiv-malformed", lambda c: edit(c, PAPER, 'arxiv: "1706.03762"', 'arxiv: "17-06.03762"'), PAPER, 7, "arxiv", ["not an arXiv id", "1706.03762"]),
    ("arxiv-unquoted", lambda c: edit(c, PAPER, 'arxiv: "1706.03762"', "arxiv: 1706.03762"), PAPER, 7, "arxiv", ["in quotes"]),
    ("arxiv-year", lambda c: edit(c, PAPER, "year: 2017", "year: 2016"), PAPER, 6, "year", ["disagrees", "2017"]),
    ("link-scheme-front-matter", lambda c: edit(c, "papers/gpt-like.md", "url: https://example.org/gpt.pdf", "url: javascript:alert(1)"), "papers/gpt-like.md", 6, "url", ["scheme 'javascript:'"]),
    ("link-scheme-body", lambda c: edit(c, PHASE1, "[the transformer](../../papers/transformer.md)", "[the transformer](data:text/html,hi)"), PHASE1, 14, "body", ["scheme 'data:'"]),
    ("not-utf8", lambda c: (c / PAPER).write_bytes((c / PAPER).read_bytes().replace(b"Attention alone", b"Attention \xff alone")), PAPER, 9, "", ["not valid UTF-8"]),
    ("empty-file", lambda c: (c / PAPER).write_bytes(b""), PAPER, None, "", ["empty"]),
    ("bad-difficulty", lambda c: edit(c, "projects/toy-project.md", "difficulty: beginner", "difficulty: beginer"), "projects/toy-project.md", 4, "difficulty", ["Did you mean 'beginner'?", "intermediate"]),
    ("start-here-empty", lambda c: edit(c, "projects/toy-project.md", (c / "projects/toy-project.md").read_text(encoding="utf-8").split("start_here:")[1].split("---")[0], " []\n"), "projects/toy-project.md", 8, "start_here", ["at least 1 entry", "data set"]),
    ("start-here-kind", lambda c: edit(c, "projects/toy-project.md", "kind: reference", "kind: refrence"), "projects/toy-project.md", 10, "start_here[1].kind", ["Did you mean 'reference'?", "starter"]),
    ("projects-over-budget", lambda c: edit(c, "projects/toy-project.md", 'weeks: "1-2"', 'weeks: "3-4"'), PHASE1, 8, "projects",
     ["take at least 30 hours", "'toy-project' 3", "has 20 hours", "2 weeks at the path's 10 hours a week", "move 'toy-project' to optional_projects"]),
    ("project-required-and-optional", lambda c: edit(c, PHASE1, "projects: [toy-project]", "projects: [toy-project]\noptional_projects: [toy-project]"), PHASE1, 9, "optional_projects", ["also in projects"]),
    ("bad-level", lambda c: edit(c, "paths/demo-path/index.md", "levels: [mid, senior]", "levels: [mid, expert]"), "paths/demo-path/index.md", 4, "levels[1]", ["'expert'", "senior"]),
]

GUIDE = "guides/seed-guide.md"
TASK = '{id: backprop, text: "Derive backpropagation"}'

# Tasks and the facts of a path that learners compare paths by.
CASES += [
    ("task-without-id", lambda c: edit(c, PHASE1, TASK, '"Derive backpropagation"'), PHASE1, 10, "practice[0]",
     ["needs an id of its own", "{id: derive-backpropagation, text:"]),
    ("task-id-twice", lambda c: edit(c, PHASE1, TASK, TASK + ', {id: backprop, text: "Derive it again"}'), PHASE1, 10, "practice[1].id",
     ["'backprop' is already taken by practice item 1 (line 10)", "own id"]),
    ("task-id-across-lists", lambda c: edit(c, PHASE2, "build: [", "practice: [{id: reproduction, text: Read}]\nbuild: ["), PHASE2, 14, "build[0].id",
     ["'reproduction' is already taken by practice item 1 (line 13)"]),
    ("task-old-id-taken", lambda c: edit(c, PHASE1, TASK, TASK + ", {id: chain-rule, text: Use the chain rule, old_ids: [backprop]}"), PHASE1, 10,
     "practice[1].old_ids[0]", ["'backprop' is already taken"]),
    ("task-id-malformed", lambda c: edit(c, PHASE1, "{id: backprop,", "{id: Back_Prop,"), PHASE1, 10, "practice[0].id", ["lower-case letters"]),
    ("task-text-missing", lambda c: edit(c, PHASE1, TASK, "{id: backprop}"), PHASE1, 10, "practice[0].text", ["required", "label of its tick box"]),
    ("guide-task-id-twice", lambda c: edit(c, GUIDE, "links:", "tasks: [{id: start, text: Begin}, {id: start, text: Again}]\nlinks:"), GUIDE, 6, "tasks[1].id",
     ["'start' is already taken by tasks item 1", "guide"]),
    ("path-without-prerequisites", lambda c: edit(c, "paths/demo-path/index.md", "prerequisites: [Some Python]\n", ""), "paths/demo-path/index.md", 1, "prerequisites",
     ["required", "before you start"]),
    ("path-outcome-too-long", lambda c: edit(c, "paths/demo-path/index.md", "outcomes: [Reproduce a paper]", f"outcomes: [{'very ' * 30}long]"), "paths/demo-path/index.md", 14, "outcomes[0]",
     ["at most 120 characters"]),
]


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_loader_reports_the_problem(mini: Path, case) -> None:
    _, breaking, rel, line, field, words = case
    breaking(mini)
    problems = problems_of(mini)
    matching = [p for p in problems if p.file.endswith(rel) and p.field == field]
    assert matching, f"no problem for {rel} field {field!r}; got: {[str(p) for p in problems]}"
    problem = matching[0]
    for word in words:
        assert word in problem.message, f"{word!r} not in {problem}"
    if line is not None:
        assert problem.line == line, str(problem)


def test_all_problems_are_reported_together(mini: Path) -> None:
    edit(mini, PHASE1, "skills: [mathematics, math]", "skils: [mathematics]")
    edit(mini, PAPER, "year: 2017", "year: 2016")
    edit(mini, "projects/toy-project.md", "difficulty: beginner", "difficulty: expert")
    problems = problems_of(mini)
    files = {p.file.rsplit("content/", 1)[-1] for p in problems}
    assert {PHASE1, PAPER, "projects/toy-project.md"} <= files


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c[0] in {"unparseable-yaml", "not-a-mapping", "missing-field", "unknown-skill", "weeks-gap", "lineage-cycle", "arxiv-year", "not-utf8", "empty-file", "link-scheme-body"}],
    ids=lambda c: c[0],
)
def test_the_build_stops_with_the_problem(mini: Path, tmp_path: Path, case) -> None:
    _, breaking, rel, _line, _field, words = case
    breaking(mini)
    output = failed_build(mini, tmp_path)
    assert rel in output
    for word in words:
        assert word in output


@pytest.mark.parametrize("case", [c for c in CASES if c[0] in {"unparseable-yaml", "unknown-skill"}], ids=lambda c: c[0])
def test_the_strict_build_command_fails_cleanly(mini: Path, tmp_path: Path, case) -> None:
    """`mkdocs build --strict`, as a contributor runs it: non-zero, our message with the file, no traceback."""
    _, breaking, rel, _line, _field, words = case
    breaking(mini)
    result = mkdocs_build(mini, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert rel in output
    for word in words:
        assert word in output


def test_every_error_kind_in_one_build(mini: Path, tmp_path: Path) -> None:
    """All defects of one run are listed by one build, not one per run."""
    for name in ("unknown-field", "bad-difficulty", "link-scheme-front-matter", "duplicate-key"):
        next(c for c in CASES if c[0] == name)[1](mini)
    output = failed_build(mini, tmp_path)
    match = re.search(r"(\d+) problems in content", output)
    assert match and int(match[1]) >= 4, output


def test_valid_oddities_build(mini: Path, tmp_path: Path) -> None:
    """CRLF line ends, a UTF-8 byte-order mark and non-ASCII titles are fine."""
    paper = mini / PAPER
    text = paper.read_text(encoding="utf-8").replace("title: Attention Is All You Need", "title: Attention Is All You Need — Überblick 注意")
    paper.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    curriculum = load(mini)
    assert curriculum.papers["transformer"].title.endswith("Überblick 注意")
    site = build_site(mini, tmp_path)
    html = (site / "papers" / "transformer.html").read_text(encoding="utf-8")
    assert "Überblick 注意" in html


def test_a_guide_link_with_a_title_is_still_checked_as_a_link(mini: Path, tmp_path: Path) -> None:
    """Further reading may carry titles; a relative link among them must still lead to a page."""
    edit(mini, "guides/seed-guide.md", 'links: ["https://www.youtube.com/watch?v=L4NnV_YpS2o&t=2105s"]',
         'links: [{title: "The demo path", url: "../paths/demo-path/index.md"}, {title: "Nowhere", url: "../paths/nowhere.md"}]')
    result = mkdocs_build(mini, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "guides/seed-guide.md" in output and "nowhere.md" in output


def test_a_guide_link_that_is_neither_a_url_nor_a_mapping_is_refused(mini: Path) -> None:
    edit(mini, "guides/seed-guide.md", 'links: ["https://www.youtube.com/watch?v=L4NnV_YpS2o&t=2105s"]', "links: [3, {url: https://example.org}]")
    problems = {p.field: p for p in problems_of(mini) if p.file.endswith("guides/seed-guide.md")}
    assert "a URL or a mapping" in problems["links[0]"].message
    assert "required" in problems["links[1].title"].message and problems["links[1].title"].line == 6

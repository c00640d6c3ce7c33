"""Broken content gives errors a contributor can act on: file, line, field, what is valid.

Each case breaks one thing in a copy of the fixture curriculum: one case for each
rule of the engine (schema.py, checks.py, links.py, content_policy.py,
placeholders.py, files.py). The loader must report it (with the others of the
same run), `python -m curriculum validate` must refuse it, the build must stop
with the same message, and `mkdocs build --strict` must exit non-zero with no
Python traceback.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from curriculum import ContentError, load
from curriculum.read.files import VOCABULARIES
from sitebuild import build_site, failed_build, mkdocs_build
from test_cli import cli

PHASE1 = "paths/demo-path/01-basics.md"
PHASE2 = "paths/demo-path/02-advanced.md"
PATH = "paths/demo-path/index.md"
PAPER = "papers/transformer.md"
GUIDE = "guides/seed-guide.md"
PROJECT = "projects/toy-project.md"
LINK = "[the transformer](../../papers/transformer.md)"  # in the body of PHASE1, on line 16
KEY_POINT = "\nA point worth keeping.\n{: #key-point }\n\nThe original trained on WMT.[^wmt]\n\n[^wmt]: A translation benchmark.\n"


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(content: Path, rel: str, text: str) -> None:
    path = content / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def write(content: Path, rel: str, text: str) -> None:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def keep_questions(content: Path, rel: str, count: int) -> None:
    """Keep only the first `count` self-check questions of a phase written one per line (none: no `questions:` at all)."""
    path = content / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("questions:")
    end = start + 1
    while lines[end].startswith("  - "):
        end += 1
    kept = lines[start + 1 : start + 1 + count]
    path.write_text("\n".join(lines[:start] + (["questions:", *kept] if count else []) + lines[end:]), encoding="utf-8")


def rename_paper(content: Path, old: str, new: str) -> None:
    (content / f"papers/{old}.md").rename(content / f"papers/{new}.md")
    edit(content, f"papers/{new}.md", "topics:", f"old_ids: [{old}]\ntopics:")


def problems_of(content: Path):
    with pytest.raises(ContentError) as caught:
        load(content)
    return caught.value.problems


# (id, how to break the copy, file, line or None, field, words the message must contain)
CASES = [
    ("unparseable-yaml", lambda c: edit(c, PAPER, "year: 2017", "year: [2017"), PAPER, 6, "", ["YAML cannot be read"]),
    ("not-a-mapping", lambda c: (c / PAPER).write_text("---\n- just\n- a list\n---\nbody\n", encoding="utf-8"), PAPER, 2, "", ["must be a mapping"]),
    ("missing-field", lambda c: edit(c, PAPER, "contribution: Attention alone, no recurrence.\n", ""), PAPER, 1, "contribution", ["required"]),
    ("wrong-type", lambda c: edit(c, PAPER, "year: 2017", "year: soon"), PAPER, 6, "year", ["whole number such as 2017", "'soon'"]),
    ("unknown-field", lambda c: edit(c, PHASE1, "skills: [mathematics, math]", "skils: [mathematics]"), PHASE1, 6, "skils", ["not a field of a phase", "Did you mean 'skills'?"]),
    ("unknown-skill", lambda c: edit(c, PHASE1, "skills: [mathematics, math]", "skills: [mathematics, pytorh]"), PHASE1, 6, "skills[1]", ["unknown skill 'pytorh'", "Did you mean 'pytorch'?"]),
    ("unknown-paper", lambda c: edit(c, PHASE1, "papers: [transformer]", "papers: [transfomer]"), PHASE1, 7, "papers[0]", ["unknown paper 'transfomer'", "Did you mean 'transformer'?"]),
    ("unknown-topic", lambda c: edit(c, PAPER, "topics: [transformers]", "topics: [transfomers]"), PAPER, 8, "topics[0]", ["unknown topic 'transfomers'", "Did you mean 'transformers'?"]),
    ("new-topic", lambda c: edit(c, PAPER, "topics: [transformers]", "topics: [quantum-chemistry]"), PAPER, 8, "topics[0]", ["unknown topic 'quantum-chemistry'", "topics.yml"]),
    ("topic-without-title", lambda c: edit(c, "topics.yml", "  title: Transformers\n", ""), "topics.yml", 6, "transformers.title", ["required"]),
    ("topic-alias-is-an-id", lambda c: edit(c, "topics.yml", "aliases: [pre-training]", "aliases: [pre-training, transformers]"), "topics.yml", 5, "pretraining.aliases", ["already a topic id"]),
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
    ("lineage-cycle", lambda c: edit(c, PAPER, "topics: [transformers]", "topics: [transformers]\nbuilds_on: [bert-like]"), "papers/bert-like.md", 8, "builds_on[0]", ["cycle", "bert-like -> transformer -> bert-like"]),
    ("arxiv-malformed", lambda c: edit(c, PAPER, 'arxiv: "1706.03762"', 'arxiv: "17-06.03762"'), PAPER, 7, "arxiv", ["not an arXiv id", "1706.03762"]),
    ("arxiv-unquoted", lambda c: edit(c, PAPER, 'arxiv: "1706.03762"', "arxiv: 1706.03762"), PAPER, 7, "arxiv", ["in quotes"]),
    ("arxiv-year", lambda c: edit(c, PAPER, "year: 2017", "year: 2016"), PAPER, 6, "year", ["disagrees", "2017"]),
    ("link-scheme-front-matter", lambda c: edit(c, "papers/gpt-like.md", "url: https://example.org/gpt.pdf", "url: javascript:alert(1)"), "papers/gpt-like.md", 6, "url", ["scheme 'javascript:'"]),
    ("link-scheme-body", lambda c: edit(c, PHASE1, "[the transformer](../../papers/transformer.md)", "[the transformer](data:text/html,hi)"), PHASE1, 16, "body", ["scheme 'data:'"]),
    ("not-utf8", lambda c: (c / PAPER).write_bytes((c / PAPER).read_bytes().replace(b"Attention alone", b"Attention \xff alone")), PAPER, 9, "", ["not valid UTF-8"]),
    ("empty-file", lambda c: (c / PAPER).write_bytes(b""), PAPER, None, "", ["empty"]),
    ("bad-difficulty", lambda c: edit(c, "projects/toy-project.md", "difficulty: beginner", "difficulty: beginer"), "projects/toy-project.md", 4, "difficulty", ["Did you mean 'beginner'?", "intermediate"]),
    ("start-here-empty", lambda c: edit(c, "projects/toy-project.md", (c / "projects/toy-project.md").read_text(encoding="utf-8").split("start_here:")[1].split("---")[0], " []\n"), "projects/toy-project.md", 8, "start_here", ["at least 1 entry", "data set"]),
    ("start-here-kind", lambda c: edit(c, "projects/toy-project.md", "kind: reference", "kind: refrence"), "projects/toy-project.md", 10, "start_here[1].kind", ["Did you mean 'reference'?", "starter"]),
    ("projects-over-budget", lambda c: edit(c, "projects/toy-project.md", 'weeks: "1-2"', 'weeks: "3-4"'), PHASE1, 8, "projects",
     ["take at least 30 hours", "'toy-project' 3", "has 20 hours", "2 weeks at the path's 10 hours a week", "move 'toy-project' to optional_projects"]),
    ("project-required-and-optional", lambda c: edit(c, PHASE1, "projects: [toy-project]", "projects: [toy-project]\noptional_projects: [toy-project]"), PHASE1, 9, "optional_projects", ["also in projects"]),
    ("bad-level", lambda c: edit(c, "paths/demo-path/index.md", "levels: [mid, senior]", "levels: [mid, expert]"), "paths/demo-path/index.md", 4, "levels[1]", ["'expert'", "senior"]),
    # Stable ids of questions and tracks, like tasks': a learner's review and choice are saved under them.
    ("question-without-id", lambda c: edit(c, PHASE1, "{id: what-is-a-gradient, question:", "{question:"), PHASE1, 12, "questions[0].id", ["required"]),
    ("question-id-taken", lambda c: edit(c, PHASE1, "{id: chain-rule,", "{id: what-is-a-gradient,"),
     PHASE1, 12, "questions[1].id", ["'what-is-a-gradient' is already taken by questions item 1 (line 12)", "each question of a phase"]),
    ("question-without-answer", lambda c: edit(c, PHASE2, ', answer: "A simple method to compare against: an improvement means something only against it."', ""),
     PHASE2, 22, "questions[1].answer", ["required"]),
    # Questions are content: every phase has some, with model answers (a phase with fewer than three: below, --strict).
    ("phase-without-questions", lambda c: keep_questions(c, PHASE2, 0), PHASE2, 1, "questions", ["no self-check questions", "at least 3", "{id, question, answer}"]),
    ("track-without-id", lambda c: edit(c, PHASE2, "{id: alignment, title: Alignment", "{title: Alignment"), PHASE2, 14, "options[0].id", ["required"]),
    ("track-id-taken", lambda c: edit(c, PHASE2, "options:\n", "options:\n  - {id: alignment, title: Other, papers: [gpt-like]}\n"),
     PHASE2, 15, "options[1].id", ["'alignment' is already taken", "each track of a phase"]),
    # A track's tasks share their phase's keys; what every track does is the phase's own.
    ("track-task-id-taken", lambda c: edit(c, PHASE2, '{id: reward-model,', '{id: reproduction,'),
     PHASE2, 15, "options[0].tasks[0].id", ["'reproduction' is already taken by build item 1 (line 11)", "each task of a phase"]),
    ("track-task-id-taken-by-another-track", lambda c: edit(c, PHASE2, '{id: profile-memory,', '{id: reward-model,'),
     PHASE2, 16, "options[1].tasks[0].id", ["'reward-model' is already taken by task 1 of the track 'alignment'"]),
    ("paper-shared-and-in-a-track", lambda c: edit(c, PHASE2, "papers: [gpt-like]", "papers: [transformer]"),
     PHASE2, 14, "options[0].papers[0]", ["'transformer' is also in the phase's own papers (line 7)", "list it once"]),
    ("project-shared-and-in-a-track", lambda c: edit(c, PHASE1, "projects: [toy-project]", "projects: [toy-project]\noptions:\n"
     "  - {id: one, title: One, projects: [toy-project]}\n  - {id: two, title: Two, papers: [transformer]}"),
     PHASE1, 10, "options[0].projects[0]", ["'toy-project' is also in the phase's own projects (line 8)"]),
    ("empty-track", lambda c: edit(c, PHASE2, "{id: efficiency, title: Efficiency, topics: [Quantisation], tasks: [{id: profile-memory, text: \"Profile a model's memory\"}]}",
     "{id: efficiency, title: Efficiency, topics: [Quantisation]}"),
     PHASE2, 16, "options[1]", ["the track 'efficiency' has no papers, projects or tasks of its own"]),
    ("one-track", lambda c: edit(c, PHASE2, "  - {id: efficiency, title: Efficiency, topics: [Quantisation], tasks: [{id: profile-memory, text: \"Profile a model's memory\"}]}\n", ""),
     PHASE2, 13, "options", ["the phase has one track ('alignment')", "at least two"]),
    ("checked-not-a-month", lambda c: edit(c, PAPER, 'checked: "2026-12"', 'checked: "2026-13"'), PAPER, 10, "checked", ["not a year and month", "YYYY-MM"]),
    ("checked-a-date", lambda c: edit(c, PAPER, 'checked: "2026-12"', "checked: 2026-12-01"), PAPER, 10, "checked", ["'2026-12-01'", "not a year and month", '"2026-12"']),
    # A page's dates tell one story: added, then changed, then checked, and none in a month to come.
    ("checked-in-the-future", lambda c: edit(c, PAPER, 'checked: "2026-12"', 'checked: "2099-01"'), PAPER, 10, "checked",
     ["2099-01 (January 2099) has not come yet", "or earlier"]),
    ("added-after-checked", lambda c: edit(c, PAPER, 'checked: "2026-12"', 'checked: "2026-10"'), PAPER, 11, "added",
     ["added in 2026-11 but last checked in 2026-10", 'set checked: "2026-11" or later']),
    ("change-after-checked", lambda c: edit(c, PHASE2, 'checked: "2026-12"', 'checked: "2026-11"'), PHASE2, 19, "changes[0].date",
     ["changed in 2026-12 but says it was last checked in 2026-11", 'set checked: "2026-12"']),
    ("change-before-added", lambda c: edit(c, PHASE2, '{date: "2026-12", note:', '{date: "2026-10", note:'), PHASE2, 19, "changes[0].date",
     ["older than the page (added: 2026-11)"]),
    ("change-in-the-future", lambda c: edit(c, PHASE2, '{date: "2026-12", note:', '{date: "2101-02", note:'), PHASE2, 19, "changes[0].date",
     ["has not come yet"]),
    ("change-without-note", lambda c: edit(c, PHASE2, '{date: "2026-12", note: "Adds a track on alignment, with its own paper and project"}', '{date: "2026-12"}'),
     PHASE2, 19, "changes[0].note", ["required"]),
    ("change-note-too-long", lambda c: edit(c, PHASE2, 'note: "Adds a track', 'note: "' + "Adds more. " * 15 + 'Adds a track'), PHASE2, 19, "changes[0].note",
     ["at most 120"]),
    ("added-not-a-month", lambda c: edit(c, PAPER, 'added: "2026-11"', 'added: "November 2026"'), PAPER, 11, "added", ["not a year and month", "YYYY-MM"]),
    ("skill-topic-unknown", lambda c: edit(c, "skills.yml", "topics: [transformers]", "topics: [transfomers]"), "skills.yml", 24, "pytorch.topics[0]",
     ["unknown topic 'transfomers'", "Did you mean 'transformers'?"]),
    # A planned next path may name the written path to follow meanwhile.
    ("meanwhile-unknown", lambda c: edit(c, PATH, "why: Ship it.}", "why: Ship it., meanwhile: demo-pth}"), PATH, 12, "next_paths[0].meanwhile",
     ["unknown path 'demo-pth'", "Did you mean 'demo-path'?"]),
    ("meanwhile-this-path", lambda c: edit(c, PATH, "why: Ship it.}", "why: Ship it., meanwhile: demo-path}"), PATH, 12, "next_paths[0].meanwhile",
     ["is on it already"]),
    # Two pages with one title: each side is told, with the other named.
    ("title-of-a-skill", lambda c: edit(c, "guides/seed-guide.md", 'title: "How to Get Started with AI Research"', 'title: "Paper reading"'),
     "guides/seed-guide.md", 2, "title", ["'Paper reading' is also the title of the page of the skill 'paper-reading'", "skills.yml, line 12", "give each page its own"]),
    ("title-of-a-guide", lambda c: edit(c, "guides/seed-guide.md", 'title: "How to Get Started with AI Research"', 'title: "Paper reading"'),
     "skills.yml", 12, "paper-reading.title", ["'Paper reading' is also the title of", "guides/seed-guide.md"]),
    ("title-of-a-phase-of-the-path", lambda c: edit(c, PHASE2, "title: Advanced", "title: basics"), PHASE2, 2, "title",
     ["'basics · Demo Path' (the phase's title with its path's) is also the title of", PHASE1]),
    ("title-of-a-generated-page", lambda c: edit(c, PAPER, "title: Attention Is All You Need", "title: Papers"), PAPER, 2, "title",
     ["'Papers' is also the title of the page the build makes at papers/index.md"]),
    # --- links in bodies and prose, as the build resolves them (links.py) ----------------
    ("link-missing-page", lambda c: edit(c, PHASE1, LINK, "[the transformer](../../papers/transfomer.md)"), PHASE1, 16, "body",
     ["'../../papers/transfomer.md' leads to no page", "Did you mean 'transformer.md'?"]),
    ("link-renamed-page", lambda c: rename_paper(c, "transformer", "attention"), PHASE1, 16, "body",
     ["was renamed to", "papers/attention.md", "link to '../../papers/attention.md'"]),
    ("link-missing-anchor", lambda c: edit(c, PHASE1, LINK, "[the transformer](../../papers/transformer.md#the-solution)"), PHASE1, 16, "body",
     ["has no heading or element with the id 'the-solution'"]),
    ("link-missing-anchor-here", lambda c: edit(c, PHASE1, LINK, "[above](#basic)"), PHASE1, 16, "body", ["this page has no heading", "'basic'"]),
    ("link-missing-attr-list-anchor", lambda c: (append(c, PAPER, KEY_POINT), edit(c, PHASE1, LINK, "[the point](../../papers/transformer.md#key-pont)")),
     PHASE1, 16, "body", ["has no heading or element with the id 'key-pont'", "Did you mean 'key-point'?"]),
    ("link-missing-footnote", lambda c: append(c, PHASE1, "\nSee [the note](#fn:2).[^1]\n\n[^1]: A note.\n"), PHASE1, 18, "body",
     ["this page has no heading or element with the id 'fn:2'", "Did you mean 'fn:1'?"]),
    ("link-built-page", lambda c: edit(c, PHASE1, LINK, "[the transformer](../../papers/transformer.html)"), PHASE1, 16, "body",
     ["not the built page", "write '../../papers/transformer.md'"]),
    ("link-no-extension", lambda c: edit(c, PHASE1, LINK, "[the transformer](../../papers/transformer)"), PHASE1, 16, "body",
     ["write '../../papers/transformer.md'"]),
    ("link-from-root", lambda c: edit(c, PHASE1, LINK, "[the transformer](/papers/transformer.md)"), PHASE1, 16, "body",
     ["root of the site", "/atlas/", "'../../papers/transformer.md'"]),
    ("link-outside-content", lambda c: edit(c, PHASE1, LINK, "[the readme](../../../README.md)"), PHASE1, 16, "body", ["outside the content folder"]),
    ("link-reference-definition", lambda c: append(c, PHASE1, "\nSee [the paper][p].\n\n[p]: ../../papers/nope.md\n"), PHASE1, 20, "body",
     ["'../../papers/nope.md' leads to no page"]),
    ("link-in-prose-field", lambda c: edit(c, PHASE1, "milestone: You can multiply matrices.", "milestone: You can read [this](../../papers/nope.md)."),
     PHASE1, 9, "milestone", ["'../../papers/nope.md' leads to no page"]),
    ("link-in-url-field", lambda c: edit(c, GUIDE, 'links: ["https://www.youtube.com/watch?v=L4NnV_YpS2o&t=2105s"]', 'links: [{title: Gone, url: "../paths/gone.md"}]'),
     GUIDE, 6, "links[0].url", ["'../paths/gone.md' leads to no page"]),
    ("link-in-raw-html", lambda c: edit(c, PHASE1, LINK, '<a href="../../papers/transformer.md">the transformer</a>'), PHASE1, 16, "body",
     ["raw HTML", "[text](page.md)"]),
    ("table-empty-header", lambda c: append(c, GUIDE, "\n| Step | |\n|---|---|\n| one | two |\n"), GUIDE, 12, "body",
     ["column 2 of this table has an empty header"]),
    # --- rules across files (checks.py) -------------------------------------------------------
    ("lineage-later-paper", lambda c: (edit(c, "papers/gpt-like.md", "year: 2018", "year: 2019"),
                                       edit(c, "papers/bert-like.md", "builds_on: [transformer]", "builds_on: [transformer, gpt-like]")),
     "papers/bert-like.md", 8, "builds_on[1]", ["'gpt-like' is from 2019, later than this paper (2018)", "earlier work"]),
    ("arxiv-id-twice", lambda c: edit(c, "papers/gpt-like.md", "url: https://example.org/gpt.pdf", 'arxiv: "1810.04805"'),
     "papers/gpt-like.md", 6, "arxiv", ["arXiv 1810.04805 is also the paper", "bert-like.md", "one file per paper"]),
    ("paper-read-nowhere", lambda c: edit(c, PHASE2, "papers: [gpt-like], ", ""), "papers/gpt-like.md", 2, "", ["no phase reads this paper"]),
    ("project-used-nowhere", lambda c: edit(c, PHASE2, "optional_projects: [stretch-project]", "optional_projects: []"),
     "projects/stretch-project.md", 2, "", ["no phase lists this project"]),
    ("skill-used-nowhere", lambda c: append(c, "skills.yml", "unused-skill:\n  title: Unused\n  description: Nobody teaches it.\n"),
     "skills.yml", 31, "unused-skill", ["no path, phase, project or guide names this skill"]),
    ("author-et-al", lambda c: edit(c, PAPER, "authors: [Ashish Vaswani, Noam Shazeer]", "authors: [Ashish Vaswani, et al.]"), PAPER, 4, "authors[1]",
     ["not an author's name", "et_al: true"]),
    ("author-and-others", lambda c: edit(c, PAPER, "authors: [Ashish Vaswani, Noam Shazeer]", "authors: [Ashish Vaswani, and others]"), PAPER, 4, "authors[1]",
     ["not an author's name"]),
    ("resource-without-link", lambda c: edit(c, PHASE1, "practice:", "resources:\n  - {title: A book, type: book}\npractice:"), PHASE1, 11, "resources[0]",
     ["neither a url nor a paper"]),
    ("phase-number-twice", lambda c: write(c, "paths/demo-path/02-extra.md", '---\ntitle: Extra\norder: 3\nweeks: "11"\ndescription: More.\n'
                                               "skills: [pytorch]\nmilestone: Done.\n---\nBody.\n"),
     "paths/demo-path/02-extra.md", None, "", ["file number 02 is also that of", "02-advanced.md"]),
    ("listed-twice", lambda c: edit(c, PHASE2, "papers: [bert-like, transformer]", "papers: [bert-like, transformer, bert-like]"), PHASE2, 7, "papers[2]",
     ["'bert-like' is listed twice (first as papers[0])"]),
    ("old-id-is-own-id", lambda c: edit(c, PAPER, "topics:", "old_ids: [transformer]\ntopics:"), PAPER, 8, "old_ids", ["this paper's own id"]),
    ("weeks-gap-of-one", lambda c: edit(c, PHASE2, 'weeks: "3-10"', 'weeks: "4-10"'), PHASE2, 4, "weeks", ["week 3 belongs to no phase"]),
    # --- the scaffolder's placeholders (placeholders.py), in any case -----------------------------
    ("placeholder-todo", lambda c: edit(c, PAPER, "contribution: Attention alone, no recurrence.", "contribution: \"TODO: the key contribution\""),
     PAPER, 9, "contribution", ["is a placeholder"]),
    ("placeholder-todo-lower", lambda c: edit(c, PHASE1, 'text: "Derive backpropagation"', 'text: "todo"'), PHASE1, 10, "practice[0].text",
     ["'todo' is a placeholder"]),
    ("placeholder-todo-mixed", lambda c: edit(c, PHASE1, "milestone: You can multiply matrices.", "milestone: \"ToDo: say what\""), PHASE1, 9, "milestone",
     ["'ToDo: say what' is a placeholder"]),
    ("placeholder-topic", lambda c: edit(c, PAPER, "topics: [transformers]", "topics: [transformers, todo]"), PAPER, 8, "topics[1]",
     ["placeholder topic"]),
    ("placeholder-link", lambda c: edit(c, PROJECT, "https://example.org/toy-data", "https://example.org/replace-with-the-real-link"), PROJECT, 9,
     "start_here[0].url", ["placeholder link"]),
    ("placeholder-in-body", lambda c: append(c, PAPER, "\nTODO: explain the key idea.\n"), PAPER, 16, "body", ["is a placeholder", "write this part"]),
    ("placeholder-in-vocabulary", lambda c: edit(c, "skills.yml", "description: The deep learning framework.", "description: TODO"),
     "skills.yml", 24, "pytorch.description", ["'TODO' is a placeholder"]),
    # --- hostile markup: one allow-list of attributes (content_policy.py) --------------------------
    ("attr-list-handler-on-heading", lambda c: append(c, PAPER, '\n## Hover {onmouseover="alert(1)"}\n'), PAPER, 16, "body",
     ["'onmouseover='", "runs code"]),
    ("attr-list-style-on-heading", lambda c: append(c, PAPER, '\n## Hover {style="position:fixed;inset:0"}\n'), PAPER, 16, "body",
     ["'style'", "not allowed", "allowed there: id, class"]),
    ("attr-list-handler-on-link", lambda c: edit(c, PHASE1, LINK, LINK + '{: onclick="alert(2)" }'), PHASE1, 16, "body", ["'onclick='"]),
    ("attr-list-href", lambda c: edit(c, PHASE1, LINK, LINK + '{: href="data:text/html;base64,PHNjcmlwdD4=" }'), PHASE1, 16, "body",
     ["may not set 'href'"]),
    ("attr-list-on-block", lambda c: append(c, PAPER, '\nA paragraph.\n{: formaction="https://evil.example" }\n'), PAPER, 17, "body", ["'formaction'"]),
    ("attr-list-srcdoc", lambda c: append(c, PAPER, '\nText `code`{srcdoc="x"}\n'), PAPER, 16, "body", ["'srcdoc'"]),
    ("attr-list-script-data", lambda c: append(c, PAPER, '\n## Done {data-atlas-id="paper:bert-like"}\n'), PAPER, 16, "body", ["read by the site's own scripts"]),
    ("attr-list-in-prose", lambda c: edit(c, PHASE1, "milestone: You can multiply matrices.", 'milestone: "Done.\\n{: onclick=alert(1) }"'), PHASE1, 9,
     "milestone", ["'onclick='"]),
    ("raw-html-style", lambda c: append(c, PAPER, '\n<div style="position:fixed;inset:0">x</div>\n'), PAPER, 16, "body", ["'style' (on <div>)"]),
    # --- files that are not where their kind lives (files.py) ---------------------------------------
    ("paper-in-subfolder", lambda c: (c / "papers/2023").mkdir() or (c / PAPER).rename(c / "papers/2023/transformer.md"),
     "papers/2023/transformer.md", None, "", ["papers live in content/papers/<id>.md", "move this file to content/papers/transformer.md"]),
    ("phase-outside-its-path", lambda c: (c / PHASE2).rename(c / "paths/02-advanced.md"), "paths/02-advanced.md", None, "",
     ["a phase lives in its path's folder"]),
    ("phase-too-deep", lambda c: (c / "paths/demo-path/extra").mkdir() or (c / PHASE2).rename(c / "paths/demo-path/extra/02-advanced.md"),
     "paths/demo-path/extra/02-advanced.md", None, "", ["directly in their path's folder", "content/paths/demo-path/02-advanced.md"]),
    # --- YAML mistakes, on the line of the mistake (source.py) -------------------------------------
    ("yaml-unclosed-quote", lambda c: edit(c, PAPER, "short_title: Transformer", 'short_title: "Transformer'), PAPER, 3, "", ["quote"]),
    ("yaml-bad-indent", lambda c: edit(c, PAPER, "year: 2017", " year: 2017"), PAPER, 6, "", ["indented differently"]),
    ("yaml-bad-indent-nested", lambda c: edit(c, PATH, "  important: [paper-reading]", "   important: [paper-reading]"), PATH, 7, "", ["indented more"]),
    ("yaml-tab", lambda c: edit(c, PAPER, "year: 2017", "\tyear: 2017"), PAPER, 6, "", ["a tab"]),
    ("duplicate-key-value-checked-where-given", lambda c: edit(c, PAPER, "year: 2017", "year: 2017\nyear: 2016"), PAPER, 7, "year",
     ["2016 disagrees with arXiv id 1706.03762"]),
    # --- our own words for wrong types, as strict as the published schema (validation.py) -------------
    ("type-year-text", lambda c: edit(c, PAPER, "year: 2017", 'year: "2017"'), PAPER, 6, "year", ["whole number such as 2017", "without quotes"]),
    ("type-year-words", lambda c: edit(c, PAPER, "year: 2017", "year: twenty seventeen"), PAPER, 6, "year", ["must be a whole number such as 2017"]),
    ("type-et-al-text", lambda c: edit(c, PAPER, "et_al: true", 'et_al: "yes"'), PAPER, 5, "et_al", ["must be true or false, got 'yes'"]),
    ("type-order-text", lambda c: edit(c, PHASE1, "order: 1", 'order: "1"'), PHASE1, 3, "order", ["whole number"]),
    ("type-order-bool", lambda c: edit(c, PHASE1, "order: 1", "order: true"), PHASE1, 3, "order", ["whole number", "got true"]),
    ("type-list", lambda c: edit(c, PHASE1, "skills: [mathematics, math]", "skills: mathematics"), PHASE1, 6, "skills",
     ["must be a list such as skills: [mathematics]"]),
    ("type-text", lambda c: edit(c, PAPER, "short_title: Transformer", "short_title: 2017"), PAPER, 3, "short_title", ["must be text", "in quotes"]),
    ("nested-unknown-field", lambda c: edit(c, PHASE1, "practice:", 'resources:\n  - {title: A book, typ: book, url: "https://example.org/b"}\npractice:'),
     PHASE1, 11, "resources[0].typ", ["is not a field of a resource", "Did you mean 'type'?"]),
    ("date-format", lambda c: edit(c, "index.md", "description: A fixture site.", 'description: A fixture site.\nmilestones:\n  - {date: "2024/01", title: X}'),
     "index.md", 5, "milestones[0].date", ["must be YYYY, YYYY-MM or YYYY-MM-DD, got '2024/01'"]),
]

GUIDE = "guides/seed-guide.md"
TASK = '{id: backprop, text: "Derive backpropagation"}'

# Tasks and the facts of a path that learners compare paths by.
CASES += [
    ("task-without-id", lambda c: edit(c, PHASE1, TASK, '"Derive backpropagation"'), PHASE1, 10, "practice[0]",
     ["needs an id of its own", "{id: derive-backpropagation, text:"]),
    ("task-id-twice", lambda c: edit(c, PHASE1, TASK, TASK + ', {id: backprop, text: "Derive it again"}'), PHASE1, 10, "practice[1].id",
     ["'backprop' is already taken by practice item 1 (line 10)", "own id"]),
    ("task-id-across-lists", lambda c: edit(c, PHASE2, "build: [", "practice: [{id: reproduction, text: Read}]\nbuild: ["), PHASE2, 12, "build[0].id",
     ["'reproduction' is already taken by practice item 1 (line 11)"]),
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
    said = [p for p in matching if all(word in p.message for word in words)]
    assert said, f"no problem for {rel} field {field!r} says {words}; got: {[str(p) for p in matching]}"
    if line is not None:
        assert said[0].line == line, str(said[0])


def test_all_problems_are_reported_together(mini: Path) -> None:
    edit(mini, PHASE1, "skills: [mathematics, math]", "skils: [mathematics]")
    edit(mini, PAPER, "year: 2017", "year: 2016")
    edit(mini, "projects/toy-project.md", "difficulty: beginner", "difficulty: expert")
    problems = problems_of(mini)
    files = {p.file.rsplit("content/", 1)[-1] for p in problems}
    assert {PHASE1, PAPER, "projects/toy-project.md"} <= files


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_validate_refuses_the_problem_with_file_and_line(mini: Path, case) -> None:
    """The fast check refuses every defect the build refuses, in both output formats, without --strict."""
    _, breaking, rel, line, _field, words = case
    breaking(mini)
    for args in ((), ("--format", "github")):
        result = cli(mini.parent, "validate", "content", *args)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        where = f"file=content/{rel}" + (f",line={line}" if line else "") if args else f"content/{rel}" + (f":{line}:" if line else ":")
        assert where in result.stdout, f"{where} not in\n{result.stdout}"
        assert all(word.replace("%", "%25") in result.stdout for word in words), result.stdout


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c[0] in {
        "unparseable-yaml", "not-a-mapping", "missing-field", "unknown-skill", "weeks-gap", "lineage-cycle", "arxiv-year", "not-utf8", "empty-file",
        "link-scheme-body", "link-missing-anchor", "link-from-root", "lineage-later-paper", "arxiv-id-twice", "paper-read-nowhere", "author-et-al",
        "placeholder-topic", "attr-list-handler-on-link", "paper-in-subfolder", "type-year-text", "title-of-a-skill",
    }],
    ids=lambda c: c[0],
)
def test_the_build_stops_with_the_problem(mini: Path, tmp_path: Path, case) -> None:
    _, breaking, rel, _line, _field, words = case
    breaking(mini)
    output = failed_build(mini, tmp_path)
    assert rel in output
    for word in words:
        assert word in output


@pytest.mark.parametrize("case", [c for c in CASES if c[0] in {"unparseable-yaml", "unknown-skill", "link-missing-page", "attr-list-href"}],
                         ids=lambda c: c[0])
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


@pytest.mark.parametrize("name", ["link-missing-anchor", "link-missing-anchor-here", "link-missing-attr-list-anchor", "link-missing-footnote"])
def test_the_build_names_a_missing_anchor_with_its_file_and_line(mini: Path, tmp_path: Path, name: str) -> None:
    """A build looks for anchors among the ids its own conversion of the pages found (it converts no
    page twice): the message is the fast check's, with the link's file and line."""
    _, breaking, rel, line, _field, words = next(c for c in CASES if c[0] == name)
    breaking(mini)
    output = failed_build(mini, tmp_path)
    assert f"{rel}:{line}: body:" in output, output
    for word in words:
        assert word in output


def test_a_missing_anchor_is_listed_with_the_other_problems_of_a_build(mini: Path, tmp_path: Path) -> None:
    """A build that stops before converting any page still names the broken anchor, with the rest."""
    for name in ("link-missing-anchor", "unknown-skill"):
        next(c for c in CASES if c[0] == name)[1](mini)
    output = failed_build(mini, tmp_path)
    assert "has no heading or element with the id 'the-solution'" in output
    assert "unknown skill" in output, output


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


def test_every_anchor_the_build_makes_can_be_linked(mini: Path, tmp_path: Path) -> None:
    """An id set with attr_list on a paragraph, a footnote and its back-reference, and an id in raw
    HTML are anchors of the built page: the fast check takes links to them, and so does the strict
    build (MkDocs' own anchor validation)."""
    append(mini, PAPER, KEY_POINT + '\n<div id="raw-block" markdown>\nInside.\n</div>\n')
    targets = ["key-point", "fn:wmt", "fnref:wmt", "raw-block", "the-problem"]
    edit(mini, PHASE1, LINK, " ".join(f"[{t}](../../papers/transformer.md#{t})" for t in targets))
    load(mini)  # no ContentError
    result = cli(mini.parent, "validate", "content")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (build_site(mini, tmp_path) / "papers" / "transformer.html").read_text(encoding="utf-8")
    assert all(f'id="{t}"' in html for t in targets)


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


# --- odd files: symlinks, pipes and unreadable entries are problems, never tracebacks ---------

ODD_FILES = [
    ("dangling-symlink", lambda c: (c / "papers/dangling.md").symlink_to("/nonexistent/file.md"), "papers/dangling.md", ["symlink", "does not exist"]),
    ("symlink-loop", lambda c: (c / "papers/loop").symlink_to(".."), "papers/loop", ["symlink", "a loop"]),
    ("symlink-to-itself", lambda c: (c / "papers/self.md").symlink_to("self.md"), "papers/self.md", ["symlink", "loop"]),
    ("symlink-outside-content", lambda c: (c / "guides/outside.md").symlink_to(Path(__file__).resolve()), "guides/outside.md", ["symlink", "outside content/"]),
    ("symlink-inside-content", lambda c: (c / "papers/copy.md").symlink_to("transformer.md"), "papers/copy.md", ["content may not contain symlinks"]),
    ("symlinked-vocabulary", lambda c: ((c / "skills.yml").rename(c / "skills-real.yml"), (c / "skills.yml").symlink_to("skills-real.yml")),
     "skills.yml", ["symlink"]),
    ("named-pipe", lambda c: os.mkfifo(c / "papers/pipe.md"), "papers/pipe.md", ["not a regular file"]),
]


@pytest.mark.parametrize("name, making, rel, words", ODD_FILES, ids=[c[0] for c in ODD_FILES])
def test_odd_entries_are_named_by_validate_in_both_formats(mini: Path, name, making, rel, words) -> None:
    making(mini)
    for args in ((), ("--format", "github")):
        result = cli(mini.parent, "validate", "content", *args)
        assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
        shown = [line for line in result.stdout.splitlines() if f"content/{rel}" in line]
        assert shown, result.stdout
        assert all(word in shown[0] for word in words), shown
    if name == "symlinked-vocabulary":  # the cause, said first; no reference to a skill is reported one by one
        first, second = result.stdout.splitlines()[:2]
        assert first.startswith("::error file=content/skills.yml") and "symlink" in first
        assert "references to skills could not be checked" in second
        assert "unknown skill" not in result.stdout


@pytest.mark.parametrize("name", ["dangling-symlink", "symlink-loop"])
def test_odd_entries_stop_the_strict_build_cleanly(mini: Path, tmp_path: Path, name: str) -> None:
    _, making, rel, words = next(c for c in ODD_FILES if c[0] == name)
    making(mini)
    result = mkdocs_build(mini, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert rel in output and words[0] in output


def refuse_reading(monkeypatch: pytest.MonkeyPatch, what: str) -> None:
    """Reading `what` (a file or folder name) fails as it does without permission (the tests run as root,
    who may read anything: chmod 000 would not stop them)."""
    real_read, real_scandir = Path.read_bytes, os.scandir

    def read_bytes(self):
        if self.name == what:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)

    def scandir(path="."):
        if Path(path).name == what:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)


@pytest.mark.parametrize("what, rel", [("transformer.md", "papers/transformer.md"), ("guides", "guides"), ("skills.yml", "skills.yml")])
def test_unreadable_files_and_folders_are_named(mini: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, what: str, rel: str) -> None:
    refuse_reading(monkeypatch, what)
    for args in ((), ("--format", "github")):
        result = cli(mini.parent, "validate", "content", *args)
        assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
        assert f"content/{rel}" in result.stdout and "cannot be read (permission denied)" in result.stdout
    assert "cannot be read (permission denied)" in failed_build(mini, tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_a_file_without_read_permission_is_named(mini: Path) -> None:
    (mini / PAPER).chmod(0)
    try:
        assert any("transformer.md" in str(p) and "permission denied" in p.message for p in problems_of(mini))
    finally:
        (mini / PAPER).chmod(0o644)


# --- the cause first ------------------------------------------------------------------------------------


@pytest.mark.parametrize("breaking", [
    lambda c: edit(c, "skills.yml", "title: PyTorch", 'title: "PyTorch'),
    lambda c: (c / "skills.yml").write_text("", encoding="utf-8"),
    lambda c: (c / "skills.yml").unlink(),
], ids=["yaml", "empty", "missing"])
def test_a_broken_vocabulary_is_reported_first_with_the_references_it_left_unchecked(mini: Path, breaking) -> None:
    breaking(mini)
    edit(mini, PAPER, "year: 2017", "year: 2016")  # another problem, in a file that sorts first
    problems = problems_of(mini)
    assert problems[0].file.endswith("skills.yml"), [str(p) for p in problems]
    assert not any("unknown skill" in p.message for p in problems), [str(p) for p in problems]
    unchecked = [p for p in problems if "could not be checked" in p.message]
    assert len(unchecked) == 1 and re.search(r"\d+ references to skills could not be checked", unchecked[0].message)
    assert unchecked[0].file.endswith("skills.yml")
    assert len(problems) <= 4, [str(p) for p in problems]


def test_problems_are_listed_cause_first_then_by_file_and_line(mini: Path) -> None:
    edit(mini, PHASE1, "skills: [mathematics, math]", "skills: [mathematics, pytorh]")  # a reference
    edit(mini, PAPER, "year: 2017", "year: soon")  # a field
    edit(mini, "projects/toy-project.md", "difficulty: beginner", "difficulty: [beginner")  # a file that cannot be read
    edit(mini, "papers/bert-like.md", "year: 2018", "year: 2017")  # a rule across fields
    problems = problems_of(mini)
    files = [p.file.rsplit("content/", 1)[1] for p in problems]
    assert files.index("projects/toy-project.md") < files.index(PAPER) < files.index(PHASE1), files
    assert files.index(PAPER) < files.index("papers/bert-like.md"), files


# --- --strict: quality warnings -----------------------------------------------------------------------


def test_a_quality_warning_is_shown_by_validate_and_refused_by_strict_and_the_build(mini: Path, tmp_path: Path) -> None:
    edit(mini, PATH, "description: A two-phase path for tests.", "description: A 12-week path for tests.")
    plain = cli(mini.parent, "validate", "content")
    assert plain.returncode == 0, plain.stdout
    line = f"warning: content/{PATH}:3: description: says '12-week', but the path lasts 10 weeks (weeks 1-10)"
    assert line in plain.stdout and "1 warning, which --strict and the build refuse" in plain.stdout
    github = cli(mini.parent, "validate", "content", "--format", "github")
    assert github.returncode == 0 and f"::warning file=content/{PATH},line=3,title=description::says '12-week'" in github.stdout
    strict = cli(mini.parent, "validate", "content", "--strict")
    assert strict.returncode == 1 and line.removeprefix("warning: ") in strict.stdout and strict.stdout.splitlines()[-1] == "1 problem found."
    assert "says '12-week'" in failed_build(mini, tmp_path)


@pytest.mark.parametrize("field, value", [("description", "Eight weeks of going deep."), ("description", "A 2-month push.")])
def test_a_stated_length_that_agrees_is_no_warning(mini: Path, field: str, value: str) -> None:
    edit(mini, PHASE2, "description: Go deep.", f"description: {value}")
    assert not load(mini, strict=True).warnings


def test_a_long_description_is_a_quality_warning(mini: Path) -> None:
    edit(mini, PAPER, "contribution: Attention alone, no recurrence.", "contribution: " + "Attention alone. " * 20)
    assert [w.field for w in load(mini).warnings] == ["contribution"]
    assert any(p.field == "contribution" and "characters long" in p.message for p in problems_of_strict(mini))


def test_a_phase_with_fewer_than_three_questions_is_a_quality_warning(mini: Path) -> None:
    keep_questions(mini, PHASE2, 2)
    assert [(w.field, w.line) for w in load(mini).warnings] == [("questions", 20)]
    (said,) = [p for p in problems_of_strict(mini) if p.field == "questions"]
    assert said.file.endswith(PHASE2) and "2 self-check questions" in said.message and "at least 3" in said.message


def test_a_page_not_checked_for_a_year_is_a_warning_against_the_builds_date(mini: Path, monkeypatch) -> None:
    """Stale means more than twelve months before the build's date: SOURCE_DATE_EPOCH (the last
    commit's, in `make`), so that a build of an old commit says what it said then."""
    edit(mini, PAPER, 'checked: "2026-12"\nadded: "2026-11"', 'checked: "2025-11"\nadded: "2025-11"')
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797292800")  # 2026-12-15
    [warning] = load(mini).warnings
    assert (warning.file.endswith(PAPER), warning.line, warning.field) == (True, 10, "checked")
    assert "last checked against its sources in November 2025, more than 12 months before this build (December 2026)" in warning.message
    assert 'set checked: "2026-12"' in warning.message
    strict = cli(mini.parent, "validate", "content", "--strict")
    assert strict.returncode == 1 and f"content/{PAPER}:10: checked: this paper was last checked" in strict.stdout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")  # 2025-12-01: within a year of November 2025
    assert not load(mini, strict=True).warnings


def test_a_page_that_does_not_say_when_it_was_added_is_a_warning(mini: Path) -> None:
    edit(mini, "projects/toy-project.md", 'added: "2026-11"\n', "")
    [warning] = load(mini).warnings
    assert warning.field == "added" and "What's new cannot list it" in warning.message and 'added: "YYYY-MM"' in warning.message
    assert any(p.field == "added" for p in problems_of_strict(mini))


def problems_of_strict(content: Path):
    with pytest.raises(ContentError) as caught:
        load(content, strict=True)
    return caught.value.problems


# --- placeholders: refused by validate and the build; previewed by mkdocs serve -----------------


def test_placeholders_are_refused_by_validate_and_the_build_and_listed_by_a_preview(mini: Path, tmp_path: Path) -> None:
    edit(mini, PAPER, "contribution: Attention alone, no recurrence.", 'contribution: "TODO: one line"')
    assert cli(mini.parent, "validate", "content").returncode == 1
    assert "is a placeholder" in failed_build(mini, tmp_path)
    preview = load(mini, preview=True)
    assert [(w.field, w.severity) for w in preview.warnings] == [("contribution", "warning")]


def test_a_todo_in_prose_or_code_is_no_placeholder(mini: Path) -> None:
    edit(mini, "projects/toy-project.md", "Project body.", "Build a todo list app.\n\n```python\n# TODO: in code, a comment is fine\n```\n\nA `TODO` in code.")
    edit(mini, "projects/toy-project.md", "description: A small build.", "description: A small todo list app.")
    load(mini)


# --- topics: a vocabulary like the skills' (issue 16 adds it; these run once it is there) ----------

needs_topics = pytest.mark.skipif("topic" not in VOCABULARIES, reason="the topic vocabulary (content/topics.yml) is not in this tree yet")


@needs_topics
def test_a_topic_outside_the_vocabulary_is_refused_with_the_closest_one(mini: Path) -> None:
    edit(mini, PAPER, "topics: [transformers]", "topics: [transfomers]")
    result = cli(mini.parent, "validate", "content")
    assert result.returncode == 1
    assert f"content/{PAPER}:8: topics[0]: unknown topic 'transfomers'. Did you mean 'transformers'?" in result.stdout


@needs_topics
def test_the_placeholder_topic_is_said_once_and_previews(mini: Path) -> None:
    edit(mini, PAPER, "topics: [transformers]", "topics: [todo]")
    problems = [p for p in problems_of(mini) if p.field == "topics[0]"]
    assert len(problems) == 1 and "placeholder topic" in problems[0].message
    load(mini, preview=True)


@needs_topics
def test_a_broken_topic_vocabulary_is_reported_first(mini: Path) -> None:
    (mini / VOCABULARIES["topic"]).write_text("transformers: [\n", encoding="utf-8")
    problems = problems_of(mini)
    assert problems[0].file.endswith(VOCABULARIES["topic"]) and not any("unknown topic" in p.message for p in problems)
    assert any("references to topics could not be checked" in p.message for p in problems)


# --- our own words, for every field ---------------------------------------------------------------

PYDANTIC_WORDS = ("Input should", "should be a valid", "Value error", "String should", "List should", "after validation",
                  "unable to parse", "should match pattern", "^\\d")


def test_every_field_speaks_our_words_for_every_wrong_type() -> None:
    """No message leaves pydantic's wording or a raw pattern, whatever a field is given."""
    from curriculum.problems import Problems
    from curriculum.read import schema
    from curriculum.read.source import Source
    from curriculum.read.validation import validate_model

    wrong = [5, "x", [], {}, None, 1.5, True, [{"zz": 1}], [5], -5, 10**6, "2024/01", ["x", 3]]
    for kind, model in schema.KINDS.items():
        for name in model.model_fields:
            for value in wrong:
                problems = Problems()
                validate_model(model, {name: value}, Source(rel="x.md", display="x.md"), problems, kind)
                for problem in problems.items:
                    assert not any(word in problem.message for word in PYDANTIC_WORDS), f"{kind}.{name} = {value!r}: {problem}"

"""`python -m curriculum new paper|project|phase`: start a content file that already validates.

Everything that can be derived is filled in (a paper's year from its arXiv id, a
phase's file number, order and the week it must start at); the rest gets a
placeholder (`placeholders.py`) of the right type, so the page previews at once
under `mkdocs serve`, while `validate` and the build refuse it until every
placeholder is replaced. The command prints each placeholder with its line, and
what else to do (cite a new paper in a phase...). Nothing is ever overwritten.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from pydantic import TypeAdapter, ValidationError

from ..problems import Problems, did_you_mean, field_name
from ..read import field_types, schema
from ..read.files import PHASE_FILE, VOCABULARIES
from ..read.source import read_markdown
from ..rules import placeholders
from ..rules.placeholders import PLACEHOLDER_URL, TODO
from ..rules.quality import stated_weeks
from .yaml_style import front_matter


class ScaffoldError(Exception):
    """A request that cannot be carried out; the message says what to do instead."""


@dataclass
class Created:
    path: Path
    todo: list[str] = field(default_factory=list)  # what else the contributor has to do
    notes: list[str] = field(default_factory=list)  # what was derived, worth checking

    @property
    def placeholders(self) -> list[str]:
        """'field, line N: value' for each placeholder left in the new file, as the validator finds them."""
        source = read_markdown(self.path.name, str(self.path), self.path.read_bytes(), Problems(), require_front_matter=True)
        found = [(source.line(loc), field_name(loc), _value_at(source.meta, loc)) for loc, _ in placeholders.in_fields(source.meta)]
        lines = source.body.split("\n")
        found += [(source.body_line + offset, "body", lines[offset].strip()) for offset, _ in placeholders.in_body(source.body)]
        return [f"{name}, line {line}: {value}" for line, name, value in found]


def _value_at(meta: Any, loc: tuple) -> str:
    for key in loc:
        meta = meta[key]
    return str(meta)


# --- checking the arguments -------------------------------------------------


def _valid(annotation: Any, value: Any, what: str) -> Any:
    try:
        return TypeAdapter(annotation).validate_python(value)
    except ValidationError as error:
        message = error.errors()[0]["msg"].removeprefix("Value error, ")
        raise ScaffoldError(f"{what} {value!r}: {message}") from None


def check_id(value: str, what: str = "id") -> str:
    if not re.match(field_types.ID_PATTERN, value or ""):
        fixed = field_types.slug(value or "")
        hint = f"; try '{fixed}'" if fixed else ""
        raise ScaffoldError(
            f"{what} {value!r} is not a valid id: use lower-case letters, digits and single hyphens, "
            f"such as 'attention-is-all-you-need'{hint}"
        )
    return value


def id_from_title(title: str) -> str:
    """The title as an id of whole words, at most 60 characters. A title with a colon
    is named by its part before the colon, as people name the paper ('Mamba: ...')."""
    name = title.split(":", 1)[0] if ":" in title and field_types.slug(title.split(":", 1)[0]) else title
    words = field_types.slug(name).split("-")
    kept = 0
    while kept < len(words) and len("-".join(words[: kept + 1])) <= 60:
        kept += 1
    return "-".join(words[:kept])


def _content(content: str | Path) -> Path:
    root = Path(content)
    if not root.is_dir():
        raise ScaffoldError(f"the content folder {root} does not exist; run the command from the repository root or pass --content")
    return root


def _refuse_existing(path: Path) -> None:
    if path.exists():
        raise ScaffoldError(f"{path} already exists; it is never overwritten. Edit it, or choose another id")


def _front_matter(root: Path, rel: str) -> dict:
    """The front-matter of an existing file, or {} when it cannot be read (the validator reports that)."""
    try:
        meta = frontmatter.loads((root / rel).read_text(encoding="utf-8-sig")).metadata
    except (OSError, ValueError, yaml.YAMLError):  # a broken file: the validator reports it
        return {}
    return meta if isinstance(meta, dict) else {}


def _entries(root: Path, folder: str) -> dict[str, dict]:
    """id -> front-matter of every Markdown file in a kind folder."""
    return {p.stem: _front_matter(root, f"{folder}/{p.name}") for p in sorted((root / folder).glob("*.md"))}


def _refuse_taken(root: Path, folder: str, entity_id: str, what: str) -> None:
    _refuse_existing(root / folder / f"{entity_id}.md")
    for other, meta in _entries(root, folder).items():
        if entity_id in (meta.get("old_ids") or []):
            raise ScaffoldError(
                f"'{entity_id}' is an old id of the {what} {root / folder / (other + '.md')} (links and saved progress use it); choose another id"
            )


def vocabulary_ids(root: Path, kind: str) -> dict[str, str]:
    """Every id a reference to a `kind` ('skill', 'topic') may use (ids and aliases) -> its id."""
    path = root / VOCABULARIES[kind]
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, yaml.YAMLError) as error:
        raise ScaffoldError(f"cannot read the {kind} vocabulary {path}: {error}") from None
    if not isinstance(data, dict):
        raise ScaffoldError(f"{path} is not a mapping of {kind} ids; run `python -m curriculum validate` to see why")
    known: dict[str, str] = {}
    for entry_id, entry in data.items():
        known[str(entry_id)] = str(entry_id)
        for alias in (entry or {}).get("aliases", []) if isinstance(entry, dict) else []:
            known.setdefault(str(alias), str(entry_id))
    return known


def check_vocabulary(root: Path, kind: str, values: list[str]) -> list[str]:
    """`values` (given with --skills or --topics), each once, once all are known ids or aliases."""
    known = vocabulary_ids(root, kind)
    file = root / VOCABULARIES[kind]
    if not values:
        raise ScaffoldError(
            f"give at least one {kind} with --{kind}s (comma-separated ids from {file}): {', '.join(sorted(s for s, t in known.items() if s == t))}"
        )
    for value in values:
        if value not in known:
            hint = did_you_mean(value, list(known)) or f" They are listed in {file}; add it there if it is new."
            raise ScaffoldError(f"unknown {kind} '{value}'.{hint}")
    return list(dict.fromkeys(values))


def check_skills(root: Path, skills: list[str]) -> list[str]:
    return check_vocabulary(root, "skill", skills)


# --- writing ----------------------------------------------------------------


def _write(kind: str, path: Path, meta: dict[str, Any], body: str) -> None:
    try:  # the same model the validator uses: what is written always reads
        schema.KINDS[kind].model_validate(meta)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ScaffoldError(f"{where}: {first['msg'].removeprefix('Value error, ')}") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    # 'x' refuses to replace a file that appeared since the check.
    with open(path, "x", encoding="utf-8", newline="\n") as handle:
        handle.write(front_matter(meta) + body)


PAPER_BODY = f"""## The problem

{TODO}: what was hard or missing before this paper, in a few sentences of your own.

## The key idea

{TODO}: the method, explained so that a reader could sketch it on paper.

## What to look at first

{TODO}: the section, figure or algorithm to read first, and what to skip.

## What to reproduce

{TODO}: a small experiment a learner can run, and what result to expect.
"""

PROJECT_BODY = f"""## Why build it

{TODO}: what the learner gets out of it and where it leads.

## Steps

1. {TODO}: the first concrete step.

## Stretch goals

- {TODO}: one way to take it further.
"""

PHASE_BODY = f"""{TODO}: a short introduction in your own words: what this phase covers, why it comes at this
point of the path, and how to spend its weeks.
"""


def this_month() -> str:
    """A new page is added, and checked against its sources, as it is written: this month, as YYYY-MM."""
    return datetime.date.today().strftime("%Y-%m")


def new_paper(
    content: str | Path,
    *,
    arxiv: str | None = None,
    paper_id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    year: int | None = None,
    topics: list[str] | None = None,
) -> Created:
    root = _content(content)
    notes: list[str] = []
    if arxiv is not None:
        arxiv = _valid(field_types.ArxivId, arxiv, "arXiv id")
        derived = field_types.arxiv_year(arxiv)
        if year is not None and year != derived:
            raise ScaffoldError(f"--year {year} disagrees with arXiv id {arxiv}, first posted in {derived}; leave --year out")
        year = derived
        notes.append(f"year {year} comes from the arXiv id (the year of its first version)")
        for other, meta in _entries(root, "papers").items():
            if str(meta.get("arxiv", "")).strip() == arxiv:
                raise ScaffoldError(f"arXiv {arxiv} is already the paper {root / 'papers' / (other + '.md')}")
    else:
        if not url or year is None:
            raise ScaffoldError("give the paper's --arxiv id, or, for a paper that has none, both --url and --year")
    if url is not None:
        url = _valid(field_types.SafeUrl, url, "url")
    if paper_id is None:
        if title:
            paper_id = id_from_title(title)
            notes.append(f"the id '{paper_id}' comes from the title; rename the file now if a shorter id reads better")
        elif arxiv:
            paper_id = "arxiv-" + field_types.slug(arxiv)
            notes.append(f"the id '{paper_id}' is a stand-in: rename the file to a readable id, e.g. 'attention-is-all-you-need'")
        else:
            raise ScaffoldError("give --id (or --title to derive it from)")
    check_id(paper_id, "paper id")
    _refuse_taken(root, "papers", paper_id, "paper")
    topics = check_vocabulary(root, "topic", topics or [])

    meta: dict[str, Any] = {
        "title": title or f"{TODO}: the paper's full title",
        "checked": this_month(),
        "added": this_month(),
        "short_title": None,
        "authors": [f"{TODO}: first author", f"{TODO}: second author"],
        "year": year,
        "arxiv": arxiv,
        "url": url,
        "topics": topics,
        "builds_on": [],
        "contribution": f"{TODO}: the key contribution in one line",
    }
    meta = {k: v for k, v in meta.items() if v is not None}
    path = root / "papers" / f"{paper_id}.md"
    _write("paper", path, meta, PAPER_BODY)
    todo = [f"cite it: add '{paper_id}' to papers: of each phase where it should be read, in reading order",
            "add short_title if people call it by a name, venue if it was published, builds_on with the papers it extends"]
    return Created(path, todo, notes)


def new_project(
    content: str | Path,
    project_id: str,
    *,
    difficulty: str,
    skills: list[str],
    title: str | None = None,
    weeks: str = "1-2",
) -> Created:
    root = _content(content)
    check_id(project_id, "project id")
    _valid(field_types.Difficulty, difficulty, "difficulty")
    weeks_range = _valid(field_types.Weeks, weeks, "--weeks")
    skills = check_skills(root, skills)
    _refuse_taken(root, "projects", project_id, "project")
    meta: dict[str, Any] = {
        "title": title or f"{TODO}: project title",
        "checked": this_month(),
        "added": this_month(),
        "description": f"{TODO}: one or two sentences on what the learner builds",
        "difficulty": difficulty,
        "skills": skills,
        "weeks": _weeks(weeks_range),
        "deliverables": [f"{TODO}: something the learner hands in"],
        "good_looks_like": [f"{TODO}: how to tell a strong result"],
        # One entry to replace: the validator requires at least one real link to start from.
        "start_here": [{
            "title": f"{TODO}: a data set, environment, starter code or reference implementation, and whose it is",
            "url": PLACEHOLDER_URL,
            "kind": "data",
            "note": f"{TODO}: how to use it for this project (or delete this line)",
        }],
        "papers": [],
    }
    path = root / "projects" / f"{project_id}.md"
    _write("project", path, meta, PROJECT_BODY)
    notes = [f"weeks is {meta['weeks']}: adjust it to the effort you expect"]
    todo = [f"use it: add '{project_id}' to projects: (or optional_projects:) of each phase where it fits"]
    return Created(path, todo, notes)


def _weeks(weeks: field_types.WeekRange) -> str | int:
    return weeks.start if weeks.start == weeks.end else f"{weeks.start}-{weeks.end}"


def _phases(folder: Path) -> list[tuple[int, Path]]:
    found = []
    for file in sorted(folder.glob("*.md")):
        match = PHASE_FILE.match(file.name)
        if match:
            found.append((int(match["nn"]), file))
    return found


def new_phase(
    content: str | Path,
    path_id: str,
    slug: str,
    *,
    weeks: str,
    skills: list[str],
    title: str | None = None,
) -> Created:
    root = _content(content)
    check_id(path_id, "path id")
    check_id(slug, "phase slug")
    folder = root / "paths" / path_id
    if not (folder / "index.md").is_file():
        existing = sorted(p.name for p in (root / "paths").glob("*") if (p / "index.md").is_file())
        hint = did_you_mean(path_id, existing) or (f" Existing paths: {', '.join(existing)}." if existing else "")
        raise ScaffoldError(f"there is no path '{path_id}' (no {folder / 'index.md'}).{hint}")
    weeks_range = _valid(field_types.Weeks, weeks, "--weeks")
    skills = check_skills(root, skills)
    phases = _phases(folder)
    for _, file in phases:
        if PHASE_FILE.match(file.name)["slug"] == slug:
            raise ScaffoldError(f"the path already has a phase '{slug}': {file}; choose another slug")
    number = max((nn for nn, _ in phases), default=0) + 1
    if number > 99:
        raise ScaffoldError(f"{folder} already uses phase number 99; phase files are numbered 01 to 99")
    metas = [_front_matter(root, f"paths/{path_id}/{file.name}") for _, file in phases]
    orders = [m["order"] for m in metas if isinstance(m.get("order"), int) and not isinstance(m.get("order"), bool)]
    order = max(orders, default=0) + 1
    last = next((m for m in reversed(metas) if m.get("weeks") is not None), None)
    if last is not None:
        try:
            before = TypeAdapter(field_types.Weeks).validate_python(last["weeks"])
        except ValidationError:
            before = None
        if before is not None and weeks_range.start != before.end + 1:
            raise ScaffoldError(
                f"the path's last phase ends at week {before.end}, so the new phase starts at week {before.end + 1}: "
                f"use --weeks {before.end + 1}-{before.end + weeks_range.length}"
            )
    elif weeks_range.start != 1:
        raise ScaffoldError(f"this is the path's first phase, so it starts at week 1: use --weeks 1-{weeks_range.length}")
    meta: dict[str, Any] = {
        "title": title or f"{TODO}: phase title",
        "checked": this_month(),
        "added": this_month(),
        "order": order,
        "weeks": _weeks(weeks_range),
        "description": f"{TODO}: one or two sentences on what this phase is for",
        "skills": skills,
        "papers": [],
        "projects": [],
        "milestone": f"{TODO}: what the learner can do when the phase is done",
        "learn": [f"{TODO}: a topic to learn"],
        "practice": [{"id": "first-exercise", "text": f"{TODO}: an exercise"}],
        "build": [{"id": "first-build", "text": f"{TODO}: something to build"}],
        # Three, the fewest validate --strict accepts: the Review page brings them back to learners.
        "questions": [
            {"id": f"question-{n}", "question": f"{TODO}: a question a learner should answer after the phase",
             "answer": f"{TODO}: its model answer, in a few sentences"}
            for n in (1, 2, 3)
        ],
    }
    path = folder / f"{number:02d}-{slug}.md"
    _write("phase", path, meta, PHASE_BODY)
    notes = [f"file number {number:02d} and order {order} follow the path's other phases"]
    todo = ["papers: and projects: (ids; papers in reading order)"]
    path_meta = _front_matter(root, f"paths/{path_id}/index.md")
    stated = path_meta.get("weeks")
    if stated is not None and stated != weeks_range.end:
        if _set_path_weeks(folder / "index.md", weeks_range.end):
            notes.append(f"{folder / 'index.md'}: the path's weeks went from {stated} to {weeks_range.end}, to include the new phase")
        else:
            todo.append(f"weeks in {folder / 'index.md'}: the path now lasts {weeks_range.end} weeks")
    said = stated_weeks(str(path_meta.get("description", "")))
    if said is not None and round(said[1]) != weeks_range.end:
        todo.append(f"description in {folder / 'index.md'}: it says '{said[0]}', but the path now lasts {weeks_range.end} weeks "
                    "(validate --strict refuses the difference); say the new length, or leave the number out")
    return Created(path, todo, notes)


_WEEKS_LINE = re.compile(r"^(weeks:[ \t]*)\d+([ \t]*(?:#[^\r\n]*)?)(?=\r?$)", re.MULTILINE)


def _set_path_weeks(index: Path, end: int) -> bool:
    """Change `weeks: N` in a path's front-matter, touching nothing else of the file
    (its line ends included: a CRLF file stays CRLF)."""
    text = index.read_bytes().decode("utf-8")
    match = re.match(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(?:\r?\n|\Z)", text, re.DOTALL)
    if not match:
        return False
    block = match.group(1)
    updated, count = _WEEKS_LINE.subn(lambda m: f"{m[1]}{end}{m[2]}", block, count=1)
    if count != 1:
        return False
    index.write_bytes((text[: match.start(1)] + updated + text[match.end(1) :]).encode("utf-8"))
    return True

"""Load `content/` into one Curriculum, collecting every problem before giving up.

`load(content_dir)` returns the curriculum or raises ContentError listing all
problems of the run, each with file, line, field and what would be valid.
"""

from __future__ import annotations

import functools
import gc
import os
import posixpath
import re
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from . import models
from .links import check_body_links
from .model import (
    PRIORITIES,
    Curriculum,
    Guide,
    NextPath,
    Option,
    Page,
    Paper,
    Path,
    Phase,
    Project,
    Skill,
)
from .problems import ContentError, Problems, suggest
from .source import Source, decode, parse_yaml, read_markdown

SKILLS_FILE = "skills.yml"
PHASE_FILE = re.compile(r"^(?P<nn>\d{2})-(?P<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
_ID = re.compile(models.ID_PATTERN)

# Folders whose Markdown files are of one kind; everything else is a plain page.
KIND_FOLDERS = {"papers": "paper", "projects": "project", "guides": "guide"}
GENERATED = {"papers/index.md", "projects/index.md", "skills/index.md", "guides/index.md", "paths/index.md", "contribute.md"}


# More pages of a long paper or project table, and the paper topic pages: the
# build writes them, so a content file there would be overwritten.
_GENERATED_MORE = re.compile(r"(papers|projects)/index-[0-9]+\.md|papers/topics/.*")


def kind_of(rel: str) -> str:
    parts = rel.split("/")
    if parts[0] == "paths" and len(parts) == 3:
        return "path" if parts[2] == "index.md" else "phase"
    if len(parts) == 2 and parts[0] in KIND_FOLDERS:
        return KIND_FOLDERS[parts[0]]
    return "page"


def display_path(content_dir: FsPath, rel: str = "") -> str:
    """The file as contributors know it: relative to the working directory when possible."""
    full = (content_dir / rel).resolve()
    try:
        shown = os.path.relpath(full)
    except ValueError:  # another drive on Windows
        return str(full)
    return str(full) if shown.startswith("..") else shown


def field_name(loc: tuple[Any, ...]) -> str:
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fields_of(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names valid at `loc` (for suggestions on unknown fields)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(current.model_fields) if current is not None and hasattr(current, "model_fields") else []


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def validate_model(model: type[BaseModel], data: Any, source: Source, problems: Problems, kind: str, prefix: tuple = ()) -> Any:
    """Validate `data` with `model`, turning each pydantic error into a Problem."""
    try:
        return model.model_validate(data)
    except ValidationError as err:
        errors = err.errors()
        # A misspelt field shows up twice: as unknown ('skils') and as missing
        # ('skills'). Say it once, where the typo is.
        misspelt = {
            prefix + tuple(e["loc"][:-1]) + (close,)
            for e in errors if e["type"] == "extra_forbidden"
            for close in [suggest(str(e["loc"][-1]), _fields_of(model, tuple(e["loc"][:-1]))).split("'")[1:2]]
            for close in close
        }
        for error in errors:
            if error["type"] == "missing" and prefix + tuple(error["loc"]) in misspelt:
                continue
            loc = prefix + tuple(error["loc"])
            rel_loc = tuple(error["loc"])
            name = field_name(loc)
            line = source.line(loc)
            kind_ = error["type"]
            value = error.get("input")
            if kind_ == "missing":
                parent = loc[:-1]
                line = source.line(parent) if parent else 1
                message = f"is required for a {kind} but missing"
                info = _field_info(model, rel_loc)
                if info is not None and info.description:
                    message += f" ({info.description})"
            elif kind_ == "extra_forbidden":
                valid = _fields_of(model, rel_loc[:-1])
                message = f"is not a field of a {kind}.{suggest(str(rel_loc[-1]), valid)} Valid fields: {', '.join(valid)}"
            elif kind_ == "literal_error":
                expected = error.get("ctx", {}).get("expected", "")
                choices = re.findall(r"'([^']*)'", expected)
                message = f"{_describe(value)} is not allowed.{suggest(str(value), choices)} Valid values: {', '.join(choices)}"
            elif kind_ == "too_short":
                least = error.get("ctx", {}).get("min_length", 1)
                message = f"needs at least {least} {'entry' if least == 1 else 'entries'}, got {len(value) if isinstance(value, list) else 0}"
                info = _field_info(model, rel_loc)
                if info is not None and info.description:
                    message += f" ({info.description})"
            elif kind_ in ("value_error", "assertion_error"):
                message = f"{_describe(value)}: {error['msg'].removeprefix('Value error, ')}"
            elif kind_ == "string_pattern_mismatch" and loc and "id" in name.split(".")[-1]:
                message = f"{_describe(value)} is not a valid id; use lower-case letters, digits and hyphens"
            else:
                message = f"{error['msg'].rstrip('.')}, got {_describe(value)}"
            problems.add(source.display, line, name, message)
        return None


def _field_info(model: type[BaseModel], loc: tuple[Any, ...]) -> Any:
    current: Any = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None or not hasattr(current, "model_fields"):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return info


class Loader:
    def __init__(self, content_dir: str | os.PathLike):
        self.root = FsPath(content_dir)
        self.problems = Problems()
        self.curriculum = Curriculum()
        self.sources: dict[str, Source] = {}
        self.skill_alias: dict[str, str] = {}
        self.paper_alias: dict[str, str] = {}
        self.project_alias: dict[str, str] = {}
        self.path_alias: dict[str, str] = {}
        # Ids of files that exist but could not be read: references to them are
        # not reported again, and a path with a broken phase skips the week checks.
        self.broken: dict[str, set[str]] = {"paper": set(), "project": set(), "path": set(), "guide": set(), "phase": set()}

    # --- reading ---------------------------------------------------------

    def files(self) -> list[str]:
        found = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
            # Once per folder, not per file: relpath asks the OS for the working
            # directory each time it is called.
            prefix = os.path.relpath(folder, self.root).replace(os.sep, "/")
            prefix = "" if prefix == "." else prefix + "/"
            found += [prefix + name for name in sorted(names) if name.endswith(".md") and not name.startswith(".")]
        return found

    @functools.cached_property
    def shown_root(self) -> str:
        """The content folder as messages show it, worked out once: resolving every
        file's path cost a tenth of loading at ten times today's content."""
        return display_path(self.root).replace(os.sep, "/")

    def show(self, rel: str) -> str:
        return rel if self.shown_root == "." else posixpath.join(self.shown_root, rel)

    def read_all(self) -> list[tuple[str, Source, Any]]:
        loaded = []
        for rel in self.files():
            kind = kind_of(rel)
            display = self.show(rel)
            if rel in GENERATED:
                self.problems.add(display, None, "", f"'{rel}' is generated by the build; remove this file (its content comes from the other pages)")
                continue
            if _GENERATED_MORE.fullmatch(rel):
                self.problems.add(display, None, "", f"'{rel}' is a name the build keeps for the pages of its indexes; rename this file")
                continue
            source = read_markdown(rel, display, (self.root / rel).read_bytes(), self.problems, require_front_matter=kind != "page")
            self.sources[rel] = source
            meta = None
            if source.ok:
                check_body_links(source, self.problems)
                meta = validate_model(models.KINDS[kind], source.meta, source, self.problems, kind)
            if meta is not None:
                loaded.append((kind, source, meta))
            elif kind in ("phase", "path"):
                self.broken["path"].add(rel.split("/")[1])
            elif kind in self.broken:
                self.broken[kind].add(rel.rsplit("/", 1)[-1][:-3])
        return loaded

    def read_skills(self) -> None:
        path = self.root / SKILLS_FILE
        display = self.show(SKILLS_FILE)
        if not path.exists():
            self.problems.add(display, None, "", "the skill vocabulary is missing; create it as a mapping of skill id -> {title, description, aliases}")
            return
        text = decode(path.read_bytes(), display, self.problems)
        if text is None:
            return
        source = Source(rel=SKILLS_FILE, display=display, fm_line=1)
        data = parse_yaml(text, source, self.problems)
        if not source.ok:
            return
        if not isinstance(data, dict) or not data:
            self.problems.add(display, 1, "", "must be a mapping of skill id -> {title, description, aliases}")
            return
        for skill_id, entry in data.items():
            line = source.line((skill_id,))
            if not isinstance(skill_id, str) or not _ID.match(skill_id):
                self.problems.add(display, line, str(skill_id), "is not a valid skill id; use lower-case letters, digits and hyphens")
                continue
            meta = validate_model(models.Skill, entry, source, self.problems, "skill", prefix=(skill_id,))
            if meta is None:
                continue
            self.curriculum.skills[skill_id] = Skill(id=skill_id, meta=meta, line=line)
        for skill in self.curriculum.skills.values():
            for alias in skill.meta.aliases:
                line = source.line((skill.id, "aliases"))
                if alias in self.curriculum.skills:
                    self.problems.add(display, line, f"{skill.id}.aliases", f"'{alias}' is already a skill id of its own; an alias must not be one")
                elif alias in self.skill_alias and self.skill_alias[alias] != skill.id:
                    self.problems.add(display, line, f"{skill.id}.aliases", f"'{alias}' is already an alias of '{self.skill_alias[alias]}'")
                else:
                    self.skill_alias[alias] = skill.id
        self.skills_source = source

    # --- building --------------------------------------------------------

    def build_entities(self, loaded: list[tuple[str, Source, Any]]) -> None:
        c = self.curriculum
        phase_files: list[tuple[Source, models.Phase]] = []
        for kind, source, meta in loaded:
            rel = source.rel
            stem = rel.rsplit("/", 1)[-1][:-3]
            if kind == "path":
                entity_id = rel.split("/")[1]
            elif kind == "phase":
                phase_files.append((source, meta))
                continue
            elif kind == "page":
                c.pages[rel] = Page(meta=meta, source=source)
                continue
            else:
                entity_id = stem
            if not _ID.match(entity_id):
                self.problems.add(source.display, None, "", f"the {'folder' if kind == 'path' else 'file'} name '{entity_id}' is not a valid id; rename it with lower-case letters, digits and hyphens")
                continue
            if kind == "paper":
                c.papers[entity_id] = Paper(id=entity_id, meta=meta, source=source)
            elif kind == "project":
                c.projects[entity_id] = Project(id=entity_id, meta=meta, source=source)
            elif kind == "guide":
                c.guides[entity_id] = Guide(id=entity_id, meta=meta, source=source)
            elif kind == "path":
                c.paths[entity_id] = Path(id=entity_id, meta=meta, source=source)
        for source, meta in phase_files:
            path_id, name = source.rel.split("/")[1:]
            match = PHASE_FILE.match(name)
            if not match:
                self.problems.add(source.display, None, "", f"a phase file is named '<nn>-<slug>.md' with a two-digit number, such as '01-foundations.md'; '{name}' is not")
                continue
            path = c.paths.get(path_id)
            if path is None:
                if (self.root / "paths" / path_id / "index.md").exists():
                    continue  # the path itself is broken and already reported
                self.problems.add(source.display, None, "", f"the folder 'paths/{path_id}/' has no index.md describing the path")
                continue
            phase_id = f"{path_id}/{match['slug']}"
            if phase_id in c.phases:
                self.problems.add(source.display, None, "", f"another phase of this path is also called '{match['slug']}' ({c.phases[phase_id].source.display}); phase slugs must differ")
                continue
            phase = Phase(id=phase_id, slug=match["slug"], path=path, meta=meta, source=source)
            c.phases[phase_id] = phase
            path.phases.append(phase)
        for path in c.paths.values():
            path.phases.sort(key=lambda p: (p.meta.order, p.src))

    def build_aliases(self) -> None:
        c = self.curriculum
        for group, alias, what in (
            (c.papers, self.paper_alias, "paper"),
            (c.projects, self.project_alias, "project"),
            (c.paths, self.path_alias, "path"),
            (c.guides, {}, "guide"),
        ):
            for entity in group.values():
                for old in entity.meta.old_ids:
                    line = entity.source.line(("old_ids",))
                    if old in group:
                        self.problems.add(entity.source.display, line, "old_ids", f"'{old}' is the id of another {what} ({group[old].source.display}); an old id must be free")
                    elif old in alias and alias[old] != entity.id:
                        self.problems.add(entity.source.display, line, "old_ids", f"'{old}' is already an old id of '{alias[old]}'")
                    else:
                        alias[old] = entity.id

    def _resolve(self, kind: str, value: str, source: Source, loc: tuple, table: dict, alias: dict) -> Any:
        if value in table:
            return table[value]
        if value in alias:
            return table[alias[value]]
        if value in self.broken.get(kind, ()):
            return None  # the file exists but is broken, and that is reported already
        choices = list(table) + list(alias)
        hint = suggest(value, choices)
        if not hint and kind in ("skill",):
            hint = f" Add it to {self.show(SKILLS_FILE)} if it is new."
        self.problems.add(source.display, source.line(loc), field_name(loc), f"unknown {kind} '{value}'.{hint}")
        return None

    def skill(self, value: str, source: Source, loc: tuple) -> Skill | None:
        return self._resolve("skill", value, source, loc, self.curriculum.skills, self.skill_alias)

    def paper(self, value: str, source: Source, loc: tuple) -> Paper | None:
        return self._resolve("paper", value, source, loc, self.curriculum.papers, self.paper_alias)

    def project(self, value: str, source: Source, loc: tuple) -> Project | None:
        return self._resolve("project", value, source, loc, self.curriculum.projects, self.project_alias)

    def _many(self, resolve, values: list[str], source: Source, name: str) -> list:
        found = []
        for index, value in enumerate(values):
            entity = resolve(value, source, (name, index))
            if entity is not None and entity not in found:
                found.append(entity)
        return found

    def resolve_references(self) -> None:
        c = self.curriculum
        for paper in c.papers.values():
            paper.builds_on = self._many(self.paper, paper.meta.builds_on, paper.source, "builds_on")
        for project in c.projects.values():
            project.skills = self._many(self.skill, project.meta.skills, project.source, "skills")
            project.papers = self._many(self.paper, project.meta.papers, project.source, "papers")
        for guide in c.guides.values():
            guide.skills = self._many(self.skill, guide.meta.skills, guide.source, "skills")
        for path in c.paths.values():
            for priority in PRIORITIES:
                names = getattr(path.meta.skills, priority)
                path.skills[priority] = [
                    s for i, v in enumerate(names) if (s := self.skill(v, path.source, ("skills", priority, i)))
                ]
            for index, nxt in enumerate(path.meta.next_paths):
                loc = ("next_paths", index)
                target = c.paths.get(nxt.id) or c.paths.get(self.path_alias.get(nxt.id, ""))
                if target is None and nxt.id in self.broken["path"]:
                    continue
                if target is None and not nxt.planned:
                    hint = suggest(nxt.id, list(c.paths))
                    self.problems.add(path.source.display, path.source.line(loc + ("id",)), field_name(loc + ("id",)),
                                      f"unknown path '{nxt.id}'.{hint or ' If it is not written yet, add planned: true and a title.'}")
                    continue
                if target is None and not nxt.title:
                    self.problems.add(path.source.display, path.source.line(loc), field_name(loc + ("title",)),
                                      "a planned path has no page yet, so it needs a title to show")
                    continue
                if target is path:
                    self.problems.add(path.source.display, path.source.line(loc + ("id",)), field_name(loc + ("id",)), "a path cannot be its own next path")
                    continue
                path.next_paths.append(NextPath(meta=nxt, path=target))
        for phase in c.phases.values():
            src = phase.source
            phase.skills = self._many(self.skill, phase.meta.skills, src, "skills")
            phase.reading = self._many(self.paper, phase.meta.papers, src, "papers")
            phase.projects = self._many(self.project, phase.meta.projects, src, "projects")
            phase.optional_projects = self._many(self.project, phase.meta.optional_projects, src, "optional_projects")
            for index, option in enumerate(phase.meta.options):
                phase.options.append(Option(
                    meta=option,
                    papers=[p for i, v in enumerate(option.papers) if (p := self.paper(v, src, ("options", index, "papers", i)))],
                    projects=[p for i, v in enumerate(option.projects) if (p := self.project(v, src, ("options", index, "projects", i)))],
                ))
            for index, resource in enumerate(phase.meta.resources):
                if resource.paper:
                    paper = self.paper(resource.paper, src, ("resources", index, "paper"))
                    if paper is not None:
                        phase.resource_papers[index] = paper

    def derive(self) -> None:
        """Back-references: who cites a paper, who builds on it, what teaches a skill."""
        c = self.curriculum
        for paper in c.papers.values():
            for parent in paper.builds_on:
                parent.built_upon_by.append(paper)
        for path in sorted(c.paths.values(), key=lambda p: (p.meta.order, p.id)):
            for priority in PRIORITIES:
                for skill in path.skills.get(priority, []):
                    skill.priorities.setdefault(path.id, priority)
            previous = None
            for phase in path.phases:
                phase.previous = previous
                if previous is not None:
                    previous.next = phase
                previous = phase
                for paper in phase.papers:
                    paper.cited_in.append(phase)
                for project in phase.all_projects:
                    project.used_in.append(phase)
                for skill in phase.skills:
                    skill.phases.append(phase)
        for project in sorted(c.projects.values(), key=lambda p: p.id):
            for skill in project.skills:
                skill.projects.append(project)
        for guide in sorted(c.guides.values(), key=lambda g: (g.meta.order, g.id)):
            for skill in guide.skills:
                skill.guides.append(guide)
        for paper in c.papers.values():
            paper.built_upon_by.sort(key=lambda p: (p.meta.year, p.id))

    def load(self) -> Curriculum:
        from .checks import run_checks

        if not self.root.is_dir():
            raise ContentError([self._missing_root()])
        self.read_skills()
        loaded = self.read_all()
        self.build_entities(loaded)
        self.build_aliases()
        self.resolve_references()
        run_checks(self.curriculum, self.problems, skip_weeks=self.broken["path"])
        if self.problems:
            raise ContentError(self.problems.items)
        self.derive()
        self.sort()
        # The YAML node trees only give problems their line numbers, and every
        # problem has been found: let them go. Kept, they were a third of all the
        # objects the cyclic GC rescanned through the rest of the build.
        for source in (*self.sources.values(), getattr(self, "skills_source", None)):
            if source is not None:
                source.node = None
        return self.curriculum

    def sort(self) -> None:
        c = self.curriculum
        c.paths = dict(sorted(c.paths.items(), key=lambda kv: (kv[1].meta.order, kv[0])))
        c.papers = dict(sorted(c.papers.items()))
        c.projects = dict(sorted(c.projects.items()))
        c.skills = dict(sorted(c.skills.items()))
        c.guides = dict(sorted(c.guides.items(), key=lambda kv: (kv[1].meta.order, kv[0])))
        c.phases = {p.id: p for path in c.paths.values() for p in path.phases}

    def _missing_root(self):
        from .problems import Problem

        return Problem(str(self.root), None, "", "the content folder does not exist")


def load(content_dir: str | os.PathLike) -> Curriculum:
    # Loading keeps each file's YAML node tree (for line numbers): ~200 objects a
    # file, none of them garbage. While they pile up, every full collection of the
    # cyclic GC rescans them all, so the load took 4x as long for 3x the content.
    # The GC waits until the load is over.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return Loader(content_dir).load()
    finally:
        if enabled:
            gc.enable()

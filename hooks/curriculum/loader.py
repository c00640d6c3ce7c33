"""Load `content/` into one Curriculum, collecting every problem before giving up.

`load(content_dir)` returns the curriculum or raises ContentError listing all
problems of the run, each with file, line, field and what would be valid.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from pathlib import Path
from typing import Any

from .plan.pages import reserved
from .problems import FIELDS, READING, RULES, UNCHECKED, VOCABULARY, ContentError, Problem, Problems, count, did_you_mean, field_name
from .read import field_types, schema
from .read.entities import ENTITIES, PRIORITIES, Curriculum, NextPath, Option, Page, Phase, Question, Task
from .read.files import PHASE_FILE, VOCABULARIES, asset_problem, display_path, kind_of, misplaced, unreadable, walk
from .read.source import Source, read_markdown
from .read.validation import validate_model
from .read.vocabulary import read_vocabulary
from .repository import read_config
from .rules.checks import run_checks
from .rules.content_policy import check_body_links
from .rules.links import AnchorLink, PagesOf, check_anchors
from .rules.placeholders import PLACEHOLDER_TOPIC

_ID = re.compile(field_types.ID_PATTERN)


class Loader:
    """One load of a content folder. `strict` refuses quality warnings too (validate
    --strict, the strict build); `preview` (mkdocs serve) lets placeholders through;
    `later_anchors` (a build, which converts every page anyway) leaves the links to
    anchors in the curriculum's `anchor_links`, for the build to check (links.check_anchors)."""

    def __init__(self, content_dir: str | os.PathLike, pages: PagesOf, *, strict: bool = False, preview: bool = False,
                 later_anchors: bool = False):
        self.pages = pages
        self.later_anchors = later_anchors
        self.root = Path(content_dir)
        self.problems = Problems(strict=strict, preview=preview)
        self.curriculum = Curriculum()
        # Vocabularies that could not be read, and how many references to each were
        # left unchecked: one problem says so, instead of one per reference.
        self.unread_vocabularies: dict[str, int] = {}
        self.sources: dict[str, Source] = {}
        # Other ids that mean an entity, by kind: a vocabulary's aliases, a file's old ids.
        self.aliases: dict[str, dict[str, str]] = {kind: {} for kind in ("skill", "topic", "paper", "project", "path", "guide")}
        # Ids of files that exist but could not be read: references to them are
        # not reported again, and a path with a broken phase skips the week checks.
        self.broken: dict[str, set[str]] = {"paper": set(), "project": set(), "path": set(), "guide": set(), "phase": set()}

    # --- reading ---------------------------------------------------------

    @functools.cached_property
    def shown_root(self) -> str:
        """The content folder as messages show it: files are shown relative to it."""
        return display_path(self.root).replace(os.sep, "/")

    def show(self, rel: str) -> str:
        return rel if self.shown_root == "." else posixpath.join(self.shown_root, rel)

    def read_all(self) -> list[tuple[str, Source, Any]]:
        loaded = []
        found = self.found
        vocabularies = set(VOCABULARIES.values())
        for rel, why in found.odd:
            self.problems.add(self.show(rel), None, "", why, stage=VOCABULARY if rel in vocabularies else READING)
            self.mark_broken(rel)
        for rel in found.files:
            why = None if rel in vocabularies else asset_problem(rel)
            if why is not None:
                self.problems.add(self.show(rel), None, "", why, stage=READING)
        for rel in found.markdown:
            kind = kind_of(rel)
            display = self.show(rel)
            why = reserved(rel) or misplaced(rel)
            if why is not None:
                self.problems.add(display, None, "", why, stage=READING)
                continue
            try:
                raw = (self.root / rel).read_bytes()
            except OSError as error:
                self.problems.add(display, None, "", unreadable(error), stage=READING)
                self.mark_broken(rel)
                continue
            self.problems.stage = READING
            source = read_markdown(rel, display, raw, self.problems, require_front_matter=kind != "page")
            self.problems.stage = FIELDS
            self.sources[rel] = source
            meta = None
            if source.ok:
                check_body_links(source, self.problems)
                meta = validate_model(schema.KINDS[kind], source.meta, source, self.problems, kind)
            if meta is not None:
                loaded.append((kind, source, meta))
            else:
                self.mark_broken(rel)
        return loaded

    def mark_broken(self, rel: str) -> None:
        """A file at `rel` exists but did not load: references to it are not reported again."""
        if not rel.endswith(".md"):
            return
        kind = kind_of(rel)
        if kind in ("phase", "path"):
            self.broken["path"].add(rel.split("/")[1])
        elif kind in self.broken:
            self.broken[kind].add(rel.rsplit("/", 1)[-1][:-3])

    def read_vocabularies(self) -> None:
        self.problems.stage = VOCABULARY
        odd = {rel for rel, _ in self.found.odd}
        for kind, file in VOCABULARIES.items():
            self.curriculum.vocabulary_files[kind] = self.show(file)
            if file in odd:  # a symlink or worse: reported with the other odd entries, never followed
                self.unread_vocabularies[kind] = 0
                continue
            before = len(self.problems.items)
            entries, self.aliases[kind] = read_vocabulary(self.root / file, self.show(file), kind, schema.KINDS[kind], self.problems)
            if not entries and len(self.problems.items) > before:
                self.unread_vocabularies[kind] = 0
            entity = ENTITIES[kind]
            self.curriculum.of_kind(kind).update({key: entity(id=key, meta=meta, line=line) for key, (meta, line) in entries.items()})
        self.problems.stage = FIELDS

    def report_unread_vocabularies(self) -> None:
        for kind, unchecked in self.unread_vocabularies.items():
            if unchecked:
                self.problems.add(self.show(VOCABULARIES[kind]), None, "",
                                  f"{count(unchecked, 'reference')} to {kind}s could not be checked until this file reads; fix it first",
                                  stage=UNCHECKED)

    # --- building --------------------------------------------------------

    def build_entities(self, loaded: list[tuple[str, Source, Any]]) -> None:
        c = self.curriculum
        phase_files: list[tuple[Source, schema.Phase]] = []
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
                self.problems.add(source.display, None, "", f"the {'folder' if kind == 'path' else 'file'} name '{field_types.visible(entity_id)}' is not a valid id; rename it: it "
                                  + field_types.id_problem(entity_id))
                continue
            c.of_kind(kind)[entity_id] = ENTITIES[kind](id=entity_id, meta=meta, source=source)
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
            phase.tasks = [Task(meta=task, owner=phase, list_name=name) for name in ("practice", "build") for task in getattr(meta, name)]
            phase.questions = [Question(meta=question, phase=phase) for question in meta.questions]
            c.phases[phase_id] = phase
            path.phases.append(phase)
        for path in c.paths.values():
            path.phases.sort(key=lambda p: (p.meta.order, p.src))
        for guide in c.guides.values():
            guide.tasks = [Task(meta=task, owner=guide, list_name="tasks") for task in guide.meta.tasks]

    def build_aliases(self) -> None:
        for what in ("paper", "project", "path", "guide"):
            group, alias = self.curriculum.of_kind(what), self.aliases[what]
            for entity in group.values():
                for old in entity.meta.old_ids:
                    line = entity.source.line(("old_ids",))
                    if old == entity.id:
                        self.problems.add(entity.source.display, line, "old_ids",
                                          f"'{old}' is this {what}'s own id; old_ids lists only the ids it had before a rename, so remove it")
                    elif old in group:
                        self.problems.add(entity.source.display, line, "old_ids", f"'{old}' is the id of another {what} ({group[old].source.display}); an old id must be free")
                    elif old in alias and alias[old] != entity.id:
                        self.problems.add(entity.source.display, line, "old_ids", f"'{old}' is already an old id of '{alias[old]}'")
                    else:
                        alias[old] = entity.id

    def resolve(self, kind: str, value: str, source: Source, loc: tuple) -> Any:
        """The entity of `kind` that `value` (an id, alias or old id) names, at `loc` of
        `source`; None, with a problem that suggests the closest id, when there is none."""
        table, alias = self.curriculum.of_kind(kind), self.aliases[kind]
        if value in table:
            return table[value]
        if value in alias:
            return table[alias[value]]
        if value in self.broken.get(kind, ()):
            return None  # the file exists but is broken, and that is reported already
        if kind in self.unread_vocabularies:
            self.unread_vocabularies[kind] += 1  # the vocabulary is broken: said once, with the count
            return None
        if kind == "topic" and value == PLACEHOLDER_TOPIC:
            return None  # the scaffolder's placeholder: reported as one (placeholders.py), and a preview shows the page
        latin = field_types.lookalike(value)
        if latin is not None and (latin in table or latin in alias):
            hint = f" It holds letters of another script that look Latin ({field_types.visible(value)}); did you mean '{latin}'?"
        else:
            hint = did_you_mean(value, list(table) + list(alias))
        if not hint and kind in VOCABULARIES:
            hint = f" Add it to {self.show(VOCABULARIES[kind])} if it is new."
        self.problems.add(source.display, source.line(loc), field_name(loc), f"unknown {kind} '{field_types.visible(value)}'.{hint}")
        return None

    def resolve_all(self, kind: str, values: list[str], source: Source, name: str) -> list:
        """The entities a list field `name` names, each once, in order."""
        found = []
        for index, value in enumerate(values):
            entity = self.resolve(kind, value, source, (name, index))
            if entity is not None and entity not in found:
                found.append(entity)
        return found

    def resolve_skill_topics(self) -> None:
        """A skill's `topics`, in the skill vocabulary, name topics of the topic vocabulary."""
        c, aliases = self.curriculum, self.aliases["topic"]
        file = self.show(VOCABULARIES["skill"])
        for skill in c.skills.values():
            for index, value in enumerate(skill.meta.topics):
                topic = c.topics.get(value) or c.topics.get(aliases.get(value, ""))
                if topic is not None:
                    if topic not in skill.topics:
                        skill.topics.append(topic)
                elif "topic" in self.unread_vocabularies:
                    self.unread_vocabularies["topic"] += 1
                else:
                    hint = did_you_mean(value, list(c.topics) + list(aliases)) or f" Add it to {self.show(VOCABULARIES['topic'])} if it is new."
                    self.problems.add(file, skill.line, f"{skill.id}.topics[{index}]", f"unknown topic '{value}'.{hint}")

    def resolve_meanwhile(self, path: Any, index: int, nxt: schema.NextPath, target: Any) -> Any:
        """The written path a planned next path offers until it is written (`meanwhile`), or None."""
        if nxt.meanwhile is None:
            return None
        loc = ("next_paths", index, "meanwhile")
        if target is not None:
            self.problems.add(path.source.display, path.source.line(loc), field_name(loc),
                              f"'{nxt.id}' is written already, so its card links to it; meanwhile is only for a planned path: remove it")
            return None
        found = self.resolve("path", nxt.meanwhile, path.source, loc)
        if found is path:
            self.problems.add(path.source.display, path.source.line(loc), field_name(loc),
                              "a learner reading this path is on it already; name another written path, or leave meanwhile out")
            return None
        return found

    def resolve_references(self) -> None:
        c = self.curriculum
        self.resolve_skill_topics()
        for paper in c.papers.values():
            paper.topics = self.resolve_all("topic", paper.meta.topics, paper.source, "topics")
            paper.builds_on = self.resolve_all("paper", paper.meta.builds_on, paper.source, "builds_on")
        for project in c.projects.values():
            project.skills = self.resolve_all("skill", project.meta.skills, project.source, "skills")
            project.papers = self.resolve_all("paper", project.meta.papers, project.source, "papers")
        for guide in c.guides.values():
            guide.skills = self.resolve_all("skill", guide.meta.skills, guide.source, "skills")
        for path in c.paths.values():
            for priority in PRIORITIES:
                names = getattr(path.meta.skills, priority)
                path.skills[priority] = [
                    s for i, v in enumerate(names) if (s := self.resolve("skill", v, path.source, ("skills", priority, i)))
                ]
            for index, nxt in enumerate(path.meta.next_paths):
                loc = ("next_paths", index)
                target = c.paths.get(nxt.id) or c.paths.get(self.aliases["path"].get(nxt.id, ""))
                if target is None and nxt.id in self.broken["path"]:
                    continue
                if target is None and not nxt.planned:
                    hint = did_you_mean(nxt.id, list(c.paths))
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
                path.next_paths.append(NextPath(meta=nxt, path=target, meanwhile=self.resolve_meanwhile(path, index, nxt, target)))
        for phase in c.phases.values():
            src = phase.source
            phase.skills = self.resolve_all("skill", phase.meta.skills, src, "skills")
            phase.papers = self.resolve_all("paper", phase.meta.papers, src, "papers")
            phase.projects = self.resolve_all("project", phase.meta.projects, src, "projects")
            phase.optional_projects = self.resolve_all("project", phase.meta.optional_projects, src, "optional_projects")
            for index, option in enumerate(phase.meta.options):
                track = Option(
                    meta=option,
                    papers=[p for i, v in enumerate(option.papers) if (p := self.resolve("paper", v, src, ("options", index, "papers", i)))],
                    projects=[p for i, v in enumerate(option.projects) if (p := self.resolve("project", v, src, ("options", index, "projects", i)))],
                )
                track.tasks = [Task(meta=task, owner=phase, list_name="tasks", track=track) for task in option.tasks]
                phase.options.append(track)
            for index, resource in enumerate(phase.meta.resources):
                if resource.paper:
                    paper = self.resolve("paper", resource.paper, src, ("resources", index, "paper"))
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
                for paper in phase.all_papers:
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
        for paper in sorted(c.papers.values(), key=lambda p: (p.meta.year, p.id)):
            for topic in paper.topics:
                topic.papers.append(paper)
        for paper in c.papers.values():
            paper.built_upon_by.sort(key=lambda p: (p.meta.year, p.id))

    def load(self) -> Curriculum:
        if not self.root.is_dir():
            raise ContentError([Problem(str(self.root), None, "", "the content folder does not exist")])
        for line, name, why in read_config().problems:  # every page is read with its settings: the cause first
            self.problems.add("mkdocs.yml", line, name, why, stage=VOCABULARY)
        self.found = walk(self.root)
        self.curriculum.files = frozenset(self.found.markdown + self.found.files)
        self.read_vocabularies()
        loaded = self.read_all()
        self.problems.stage = RULES
        self.build_entities(loaded)
        self.build_aliases()
        self.resolve_references()
        self.report_unread_vocabularies()
        self.derive()
        self.sort()
        later: list[AnchorLink] | None = [] if self.later_anchors else None
        run_checks(self.curriculum, self.problems, self.broken, self.pages, later)
        if self.problems and later:  # the build will not run: list every problem now, these too
            check_anchors(self.curriculum, later, {}, self.pages, self.problems)
        if self.problems:
            raise ContentError(self.problems.errors, self.problems.warnings)
        self.curriculum.anchor_links = later or []
        self.curriculum.warnings = self.problems.warnings
        return self.curriculum

    def sort(self) -> None:
        c = self.curriculum
        c.paths = dict(sorted(c.paths.items(), key=lambda kv: (kv[1].meta.order, kv[0])))
        c.papers = dict(sorted(c.papers.items()))
        c.projects = dict(sorted(c.projects.items()))
        c.skills = dict(sorted(c.skills.items()))
        c.topics = dict(sorted(c.topics.items(), key=lambda kv: (kv[1].title.casefold(), kv[0])))
        c.guides = dict(sorted(c.guides.items(), key=lambda kv: (kv[1].meta.order, kv[0])))
        c.phases = {p.id: p for path in c.paths.values() for p in path.phases}


def load(content_dir: str | os.PathLike, pages: PagesOf, *, strict: bool = False, preview: bool = False,
         later_anchors: bool = False) -> Curriculum:
    """The curriculum in `content_dir`, or ContentError listing every problem of it.

    `pages` renders the Markdown of a curriculum's pages, which the link rule reads for their
    anchors (the site passes its renderer: see site.load). Quality warnings are errors when
    `strict`; otherwise they are left in the curriculum's `warnings`. Placeholders are
    errors unless `preview`. `later_anchors`: see Loader."""
    return Loader(content_dir, pages, strict=strict, preview=preview, later_anchors=later_anchors).load()

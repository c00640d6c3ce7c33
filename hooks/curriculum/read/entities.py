"""The loaded curriculum: typed entities with their references resolved and derived facts computed.

Each entity holds its validated front-matter (`meta`, a model from `schema.py`)
and links to the entities it names. Its `kind` says what it is wherever that
matters outside Python: the template its page is rendered with
(`<kind>.md.j2`), and the key a learner's progress on it is saved under
(`<kind>:<id>`, in their browser: it must never change).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import ClassVar

from ..problems import Problem
from . import field_types, schema
from .field_types import slug
from .source import Source

PRIORITIES = ("must", "important", "nice")
PRIORITY_TITLES = {"must": "Must-have", "important": "Important", "nice": "Nice to have"}


class Entity:
    """What every entity has: its kind, its page (`src`), its title, its progress keys,
    and a short repr (entities point at each other, paper -> phase -> path ->
    phases ..., so a dataclass repr would walk the whole graph)."""

    kind: ClassVar[str]

    @property
    def src(self) -> str:
        """Its page, as a path in the content folder: its file's, for an entity read from one."""
        return self.source.rel

    @property
    def title(self) -> str:
        return self.meta.title

    def __repr__(self) -> str:
        key = getattr(self, "id", None) or getattr(self, "src", "?")
        return f"<{self.kind} {key}>"

    @property
    def progress_key(self) -> str:
        """The key a learner's progress on this entity is saved under."""
        return f"{self.kind}:{self.id}"

    @property
    def old_ids(self) -> list[str]:
        """The ids it had before a rename: its `old_ids` (a phase's combine its path's, see Phase)."""
        return list(self.meta.old_ids)

    @property
    def old_progress_keys(self) -> list[str]:
        """The keys it was saved under before a rename: progress under them moves to `progress_key`."""
        return [f"{self.kind}:{old}" for old in self.old_ids]


@dataclass(eq=False, repr=False)
class Skill(Entity):
    kind: ClassVar[str] = "skill"
    id: str
    meta: schema.Skill
    line: int
    phases: list[Phase] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    priorities: dict[str, str] = field(default_factory=dict)  # path id -> must/important/nice
    topics: list[Topic] = field(default_factory=list)  # the paper topics that teach it

    @property
    def src(self) -> str:
        return f"skills/{self.id}.md"

    @property
    def group(self) -> str:
        """The heading it is listed under; `group` is optional."""
        return self.meta.group or "Other"

    @property
    def papers(self) -> list[Paper]:
        """The papers its phases read (a track's too) on its topics, oldest first: a phase teaches
        several skills, and its whole reading list would give each papers on other subjects."""
        topics = {topic.id for topic in self.topics}
        seen: dict[str, Paper] = {}
        for phase in self.phases:
            for paper in phase.all_papers:
                if topics.intersection(topic.id for topic in paper.topics):
                    seen.setdefault(paper.id, paper)
        return sorted(seen.values(), key=lambda p: (p.meta.year, p.id))

    @property
    def phase_counts(self) -> dict[str, int]:
        """Path id -> how many of this skill's phases it has, counted in one pass over them."""
        counts: dict[str, int] = {}
        for phase in self.phases:
            counts[phase.path.id] = counts.get(phase.path.id, 0) + 1
        return counts


@dataclass(eq=False, repr=False)
class Topic(Entity):
    """A topic of papers, from the vocabulary `topics.yml`; its page lists its papers."""

    kind: ClassVar[str] = "topic"
    id: str
    meta: schema.Topic
    line: int
    papers: list[Paper] = field(default_factory=list)  # oldest first

    @property
    def src(self) -> str:
        return f"papers/topics/{self.id}.md"


@dataclass(eq=False, repr=False)
class Paper(Entity):
    kind: ClassVar[str] = "paper"
    id: str
    meta: schema.Paper
    source: Source
    topics: list[Topic] = field(default_factory=list)
    builds_on: list[Paper] = field(default_factory=list)
    built_upon_by: list[Paper] = field(default_factory=list)
    cited_in: list[Phase] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.meta.short_title or self.meta.title

    @property
    def link(self) -> str:
        if self.meta.arxiv:
            return f"https://arxiv.org/abs/{self.meta.arxiv}"
        return self.meta.url or ""

    @property
    def author_line(self) -> str:
        names = self.meta.authors
        if self.meta.et_al or len(names) > 3:
            return f"{names[0]} et al."
        return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


@dataclass(eq=False, repr=False)
class Project(Entity):
    kind: ClassVar[str] = "project"
    id: str
    meta: schema.Project
    source: Source
    skills: list[Skill] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    used_in: list[Phase] = field(default_factory=list)

    @property
    def paths(self) -> list[LearningPath]:
        seen: dict[str, LearningPath] = {}
        for phase in self.used_in:
            seen.setdefault(phase.path.id, phase.path)
        return sorted(seen.values(), key=lambda p: (p.meta.order, p.id))


def legacy_task_slug(text: str) -> str:
    """How a task's key ended before tasks had ids: its wording as a slug of at most
    60 characters. Ticks saved under such keys move to the task's id (see Task)."""
    return slug(text)[:60] or "item"


@dataclass(eq=False, repr=False)
class Task:
    """A practice or build item of a phase, or a step of a guide's checklist.

    A learner's tick is saved under `task:<scope>:<id>`, the scope being the phase's
    id (`<path-id>/<slug>`) or `guide/<guide-id>`. Its old keys are those of its old
    ids, under the scope and every old scope of its phase or guide (a renamed path,
    phase or guide), and, for a phase's task, the key it had before tasks had ids:
    the list's name and a slug of the current wording.
    """

    meta: schema.Task
    owner: Phase | Guide
    list_name: str  # "practice", "build" (a phase's own), "tasks" (a guide's or a track's)
    track: Option | None = None  # the track of the phase it belongs to, or None when every track does it

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.text

    @property
    def progress_key(self) -> str:
        return f"task:{self.owner.task_scope}:{self.id}"

    @property
    def old_progress_keys(self) -> list[str]:
        names = [self.id, *self.meta.old_ids]
        if isinstance(self.owner, Phase):
            # A track's task was one of its phase's practice or build items before tracks had tasks.
            lists = ("practice", "build") if self.track is not None else (self.list_name,)
            names += [f"{name}-{legacy_task_slug(self.meta.text)}" for name in lists]
        keys = [f"task:{scope}:{name}" for scope in (self.owner.task_scope, *self.owner.old_task_scopes) for name in names]
        return [key for key in dict.fromkeys(keys) if key != self.progress_key]

    @property
    def anchor(self) -> str:
        """The id of its tick box's label on the page, for links to it."""
        return f"task-{self.id}"


@dataclass(eq=False, repr=False)
class Question:
    """A self-check question of a phase, which the Review page brings back on a schedule.

    A learner's review of it is saved in their browser under `<phase-id>/<id>`. Like a
    task's tick, it moves there from each old key: the question's old ids, under the
    phase's id and each of its old ids (a renamed phase or path), so that rewording a
    question, renaming its id or moving its phase keeps its review history.
    """

    meta: schema.Question
    phase: Phase

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def review_key(self) -> str:
        return f"{self.phase.id}/{self.id}"

    @property
    def old_review_keys(self) -> list[str]:
        keys = [f"{scope}/{name}" for scope in (self.phase.id, *self.phase.old_ids) for name in (self.id, *self.meta.old_ids)]
        return [key for key in dict.fromkeys(keys) if key != self.review_key]


@dataclass(eq=False)
class Option:
    """A track of a phase: a learner chooses one, and is then counted on the phase's own
    papers, projects and tasks and on the track's."""

    meta: schema.Option
    papers: list[Paper] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.meta.id

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass(eq=False, repr=False)
class Phase(Entity):
    kind: ClassVar[str] = "phase"
    id: str  # "<path-id>/<slug>"
    slug: str
    path: LearningPath
    meta: schema.Phase
    source: Source
    skills: list[Skill] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)  # its own reading list, in order
    projects: list[Project] = field(default_factory=list)  # its own required projects
    optional_projects: list[Project] = field(default_factory=list)  # alternatives and stretch builds
    options: list[Option] = field(default_factory=list)
    resource_papers: dict[int, Paper] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)  # its own practice, then build, in order (every track's)
    questions: list[Question] = field(default_factory=list)  # its self-check questions, in order
    previous: Phase | None = None
    next: Phase | None = None

    @property
    def weeks(self) -> field_types.WeekRange:
        return self.meta.weeks

    @property
    def file_number(self) -> str:
        """The two digits its file name starts with ('03' for 03-transformers.md)."""
        return self.src.rpartition("/")[2][:2]

    @property
    def old_ids(self) -> list[str]:
        """Every id it had: "<path-id>/<slug>" with each old id of its path and each old
        slug of its own (`old_ids` in a phase's file are slugs within its path).

        Anything saved under a phase's id moves with it: the phase's own progress
        (`phase:<id>`), and whatever is keyed by it, such as a task's
        (`task:<id>:<task-id>`): build those old keys from these ids.
        """
        paths = [self.path.id, *self.path.meta.old_ids]
        slugs = [self.slug, *self.meta.old_ids]
        return [f"{path}/{slug}" for path in paths for slug in slugs if (path, slug) != (self.path.id, self.slug)]

    @property
    def task_scope(self) -> str:
        return self.id

    @property
    def old_task_scopes(self) -> list[str]:
        """The scopes its tasks' ticks may be saved under: its old ids, so that a rename
        of the phase or of its path carries its tasks' ticks too."""
        return self.old_ids

    @property
    def practice(self) -> list[Task]:
        return [task for task in self.tasks if task.list_name == "practice"]

    @property
    def build(self) -> list[Task]:
        return [task for task in self.tasks if task.list_name == "build"]

    @property
    def number(self) -> int:
        """Its number wherever phases are numbered (navigation, timeline, pages): its `order`."""
        return self.meta.order

    @property
    def all_tasks(self) -> list[Task]:
        """Its own tasks, then each track's."""
        return [*self.tasks, *(task for option in self.options for task in option.tasks)]

    @property
    def all_papers(self) -> list[Paper]:
        """Every paper the phase cites: its reading list, then its options' papers."""
        seen: dict[str, Paper] = {p.id: p for p in self.papers}
        for option in self.options:
            for paper in option.papers:
                seen.setdefault(paper.id, paper)
        return list(seen.values())

    @property
    def reading_lists(self) -> list[tuple[Option | None, list[Paper]]]:
        """Its reading order, then each track's: (None or the track, its papers in order)."""
        return [(None, self.papers), *((option, option.papers) for option in self.options)]

    @property
    def required_projects(self) -> list[Project]:
        """What the phase asks you to build: its own projects, then its tracks' (you take one track)."""
        seen: dict[str, Project] = {p.id: p for p in self.projects}
        for option in self.options:
            for project in option.projects:
                seen.setdefault(project.id, project)
        return list(seen.values())

    @property
    def all_projects(self) -> list[Project]:
        """Every project the phase names, optional ones last: where a project is used."""
        seen: dict[str, Project] = {p.id: p for p in self.required_projects}
        for project in self.optional_projects:
            seen.setdefault(project.id, project)
        return list(seen.values())


@dataclass(eq=False)
class NextPath:
    meta: schema.NextPath
    path: LearningPath | None
    meanwhile: LearningPath | None = None  # for a planned path: the closest written one

    @property
    def title(self) -> str:
        return self.path.title if self.path else (self.meta.title or self.meta.id)


@dataclass(eq=False, repr=False)
class LearningPath(Entity):
    """A learning path (not a file path): its phases in order, skills by priority, next paths."""

    kind: ClassVar[str] = "path"
    id: str
    meta: schema.LearningPath
    source: Source
    phases: list[Phase] = field(default_factory=list)
    skills: dict[str, list[Skill]] = field(default_factory=dict)
    next_paths: list[NextPath] = field(default_factory=list)

    @property
    def weeks(self) -> field_types.WeekRange | None:
        if not self.phases:
            return None
        return field_types.WeekRange(start=self.phases[0].weeks.start, end=self.phases[-1].weeks.end)

    @property
    def hours(self) -> int:
        """The hours of study the path asks for: its weeks at its pace."""
        return (self.weeks.end if self.weeks else 0) * self.meta.hours_per_week

    @property
    def tasks(self) -> list[Task]:
        return [task for phase in self.phases for task in phase.all_tasks]

    @property
    def papers(self) -> list[Paper]:
        seen: dict[str, Paper] = {}
        for phase in self.phases:
            for paper in phase.all_papers:
                seen.setdefault(paper.id, paper)
        return list(seen.values())

    @property
    def projects(self) -> list[Project]:
        seen: dict[str, Project] = {}
        for phase in self.phases:
            for project in phase.all_projects:
                seen.setdefault(project.id, project)
        return list(seen.values())


@dataclass(eq=False, repr=False)
class Guide(Entity):
    kind: ClassVar[str] = "guide"
    id: str
    meta: schema.Guide
    source: Source
    skills: list[Skill] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)

    @property
    def task_scope(self) -> str:
        return f"guide/{self.id}"

    @property
    def old_task_scopes(self) -> list[str]:
        return [f"guide/{old}" for old in self.meta.old_ids]


@dataclass(eq=False, repr=False)
class Page(Entity):
    kind: ClassVar[str] = "page"
    meta: schema.Page
    source: Source


@dataclass(eq=False, repr=False)
class Curriculum:
    paths: dict[str, LearningPath] = field(default_factory=dict)
    phases: dict[str, Phase] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    guides: dict[str, Guide] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)  # by rel path
    files: frozenset[str] = frozenset()  # every file of the content folder, relative to it: what a link may lead to
    vocabulary_files: dict[str, str] = field(default_factory=dict)  # kind -> its vocabulary file, as messages show it
    warnings: list[Problem] = field(default_factory=list)  # quality warnings of a load that was not strict
    # Links to anchors a build checks against its own conversion of the pages (loader.Loader's later_anchors).
    anchor_links: list = field(default_factory=list)

    def of_kind(self, kind: str) -> dict:
        """The entities of one kind, by id (plain pages by their path)."""
        return {
            "path": self.paths, "phase": self.phases, "paper": self.papers, "project": self.projects,
            "skill": self.skills, "topic": self.topics, "guide": self.guides, "page": self.pages,
        }[kind]

    @functools.cached_property
    def by_src(self) -> dict[str, object]:
        """Every content page's entity, keyed by its path relative to the content folder
        (asked for once the curriculum is loaded, which then does not change)."""
        groups = (self.paths, self.phases, self.papers, self.projects, self.guides, self.pages)
        return {entity.src: entity for group in groups for entity in group.values()}


# The entity class of each kind of content (the same kinds as schema.KINDS).
ENTITIES: dict[str, type[Entity]] = {cls.kind: cls for cls in (LearningPath, Phase, Paper, Project, Guide, Page, Skill, Topic)}

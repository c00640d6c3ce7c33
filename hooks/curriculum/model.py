"""The loaded curriculum: typed entities with their references resolved and derived facts computed."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import models
from .source import Source

PRIORITIES = ("must", "important", "nice")


class _ShortRepr:
    """Entities point at each other (paper -> phase -> path -> phases ...): a default
    dataclass repr would walk the whole graph, so show just the kind and id."""

    def __repr__(self) -> str:
        key = getattr(self, "id", None) or getattr(self, "src", "?")
        return f"<{type(self).__name__} {key}>"
PRIORITY_TITLES = {"must": "Must-have", "important": "Important", "nice": "Nice to have"}


@dataclass(eq=False, repr=False)
class Skill(_ShortRepr):
    id: str
    meta: models.Skill
    line: int
    phases: list[Phase] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    priorities: dict[str, str] = field(default_factory=dict)  # path id -> must/important/nice

    @property
    def src(self) -> str:
        return f"skills/{self.id}.md"

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def papers(self) -> list[Paper]:
        seen: dict[str, Paper] = {}
        for phase in self.phases:
            for paper in phase.papers:
                seen.setdefault(paper.id, paper)
        return sorted(seen.values(), key=lambda p: (p.meta.year, p.id))

    @property
    def phase_counts(self) -> dict[str, int]:
        """Path id -> how many of this skill's phases it has, in one pass (the skills matrix
        asks for every path; filtering the phases once per path made it skills x paths x phases)."""
        counts: dict[str, int] = {}
        for phase in self.phases:
            counts[phase.path.id] = counts.get(phase.path.id, 0) + 1
        return counts


@dataclass(eq=False, repr=False)
class Paper(_ShortRepr):
    id: str
    meta: models.Paper
    source: Source
    builds_on: list[Paper] = field(default_factory=list)
    built_upon_by: list[Paper] = field(default_factory=list)
    cited_in: list[Phase] = field(default_factory=list)

    @property
    def src(self) -> str:
        return self.source.rel

    @property
    def title(self) -> str:
        return self.meta.title

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
class Project(_ShortRepr):
    id: str
    meta: models.Project
    source: Source
    skills: list[Skill] = field(default_factory=list)
    papers: list[Paper] = field(default_factory=list)
    used_in: list[Phase] = field(default_factory=list)

    @property
    def src(self) -> str:
        return self.source.rel

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def paths(self) -> list[Path]:
        seen: dict[str, Path] = {}
        for phase in self.used_in:
            seen.setdefault(phase.path.id, phase.path)
        return sorted(seen.values(), key=lambda p: (p.meta.order, p.id))


@dataclass(eq=False, repr=False)
class Option(_ShortRepr):
    meta: models.Option
    papers: list[Paper] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)


@dataclass(eq=False, repr=False)
class Phase(_ShortRepr):
    id: str  # "<path-id>/<slug>"
    slug: str
    path: Path
    meta: models.Phase
    source: Source
    skills: list[Skill] = field(default_factory=list)
    reading: list[Paper] = field(default_factory=list)  # the phase's own reading list, in order
    projects: list[Project] = field(default_factory=list)
    optional_projects: list[Project] = field(default_factory=list)  # alternatives and stretch builds
    options: list[Option] = field(default_factory=list)
    resource_papers: dict[int, Paper] = field(default_factory=dict)
    previous: Phase | None = None
    next: Phase | None = None

    @property
    def src(self) -> str:
        return self.source.rel

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def weeks(self) -> models.WeekRange:
        return self.meta.weeks

    @property
    def papers(self) -> list[Paper]:
        """Every paper the phase cites: its reading list, then its options' papers."""
        seen: dict[str, Paper] = {p.id: p for p in self.reading}
        for option in self.options:
            for paper in option.papers:
                seen.setdefault(paper.id, paper)
        return list(seen.values())

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


@dataclass(eq=False, repr=False)
class NextPath(_ShortRepr):
    meta: models.NextPath
    path: Path | None

    @property
    def title(self) -> str:
        return self.path.title if self.path else (self.meta.title or self.meta.id)


@dataclass(eq=False, repr=False)
class Path(_ShortRepr):
    id: str
    meta: models.Path
    source: Source
    phases: list[Phase] = field(default_factory=list)
    skills: dict[str, list[Skill]] = field(default_factory=dict)
    next_paths: list[NextPath] = field(default_factory=list)

    @property
    def src(self) -> str:
        return self.source.rel

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def weeks(self) -> models.WeekRange | None:
        if not self.phases:
            return None
        return models.WeekRange(start=self.phases[0].weeks.start, end=self.phases[-1].weeks.end)

    @property
    def papers(self) -> list[Paper]:
        seen: dict[str, Paper] = {}
        for phase in self.phases:
            for paper in phase.papers:
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
class Guide(_ShortRepr):
    id: str
    meta: models.Guide
    source: Source
    skills: list[Skill] = field(default_factory=list)

    @property
    def src(self) -> str:
        return self.source.rel

    @property
    def title(self) -> str:
        return self.meta.title


@dataclass(eq=False, repr=False)
class Page(_ShortRepr):
    meta: models.Page
    source: Source

    @property
    def src(self) -> str:
        return self.source.rel


@dataclass(eq=False, repr=False)
class Curriculum(_ShortRepr):
    paths: dict[str, Path] = field(default_factory=dict)
    phases: dict[str, Phase] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    skills: dict[str, Skill] = field(default_factory=dict)
    guides: dict[str, Guide] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)  # by rel path
    skills_file: str = "skills.yml"
    _by_src: dict[str, object] | None = field(default=None, init=False)

    def by_src(self) -> dict[str, object]:
        """Every content page's entity, keyed by its path relative to the content folder.

        Built on first use and kept: a loaded curriculum does not change during a
        build, and every page's render looks its entity up here.
        """
        if self._by_src is None:
            index: dict[str, object] = {}
            for group in (self.paths, self.phases, self.papers, self.projects, self.guides, self.pages):
                for entity in group.values():
                    index[entity.src] = entity
            self._by_src = index
        return self._by_src

    @property
    def topics(self) -> dict[str, list[Paper]]:
        found: dict[str, list[Paper]] = {}
        for paper in sorted(self.papers.values(), key=lambda p: (p.meta.year, p.id)):
            for topic in paper.meta.topics:
                found.setdefault(topic, []).append(paper)
        return dict(sorted(found.items()))

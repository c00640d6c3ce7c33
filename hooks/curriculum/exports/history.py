"""What moved in the curriculum, month by month: the What's new page and its Atom feed.

Made from the pages' own dates (`added`, `changes`, `checked` of every paper, phase,
project and guide), never from git: CI's checkouts are shallow and the offline zip
has no history, and every checkout must build the same site. A month lists

- the pages added that month (`added`);
- the changes a page notes for that month (`changes`);
- the pages re-checked against their sources that month (`checked`), unless they
  were added or changed that month too, which says more.

The page shows the newest MONTHS_SHOWN months that have any of these, and at most
LINKS_SHOWN links of one kind in one list, counting the rest, so that it does not
grow with the content; older months are summed up in one line. The feed carries
the newest FEED_ENTRIES entries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..read.dates import in_words
from ..read.entities import Curriculum, Entity

KINDS = ("phase", "paper", "project", "guide")  # the order each month lists them in
NOUNS = {"phase": ("phase", "phases"), "paper": ("paper", "papers"), "project": ("project", "projects"), "guide": ("guide", "guides")}
MONTHS_SHOWN = 12
LINKS_SHOWN = 40
FEED_ENTRIES = 50


def noun(kind: str, n: int) -> str:
    """'1 paper', '12 papers'."""
    return f"{n:,} {NOUNS[kind][0 if n == 1 else 1]}"


def and_list(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _order(entity: Entity) -> tuple:
    """Phases in their paths' order; other pages by the name lists show (a paper's common name)."""
    path = getattr(entity, "path", None)
    if path is not None:
        return (path.meta.order, path.id, entity.meta.order, entity.id)
    return (getattr(entity, "label", entity.title).casefold(), entity.id)


def by_path(phases: list) -> list[tuple]:
    """Phases grouped under their paths, in the order given: [(path, [phase, ...]), ...]."""
    groups: dict[str, tuple] = {}
    for phase in phases:
        groups.setdefault(phase.path.id, (phase.path, []))[1].append(phase)
    return list(groups.values())


@dataclass(frozen=True)
class Noted:
    """A change a page notes: its page and what changed."""

    entity: Entity
    note: str


@dataclass
class MonthOfChanges:
    """What moved in one month ('YYYY-MM')."""

    month: str
    added: dict[str, list[Entity]] = field(default_factory=dict)  # kind -> pages, in KINDS order
    changed: list[Noted] = field(default_factory=list)
    checked: dict[str, list[Entity]] = field(default_factory=dict)

    @property
    def words(self) -> str:
        return in_words(self.month)

    @property
    def added_count(self) -> int:
        return sum(len(pages) for pages in self.added.values())

    @property
    def checked_count(self) -> int:
        return sum(len(pages) for pages in self.checked.values())

    def changed_pages(self) -> list[tuple[Entity, list[str]]]:
        """Each changed page once, with its notes: [(page, [note, ...]), ...]."""
        pages: dict[int, tuple[Entity, list[str]]] = {}
        for item in self.changed:
            pages.setdefault(id(item.entity), (item.entity, []))[1].append(item.note)
        return list(pages.values())

    @staticmethod
    def counted(pages: dict[str, list[Entity]]) -> str:
        """'12 papers and 2 projects'."""
        return and_list([noun(kind, len(found)) for kind, found in pages.items()])

    def summary(self) -> str:
        """One sentence: '12 papers and 2 projects added; 1 change to pages; 104 pages re-checked against their sources.'"""
        parts = []
        if self.added:
            parts.append(self.counted(self.added) + " added")
        if self.changed:
            parts.append(f"{len(self.changed):,} change{'s' if len(self.changed) != 1 else ''} to pages")
        if self.checked:
            count = self.checked_count
            parts.append(f"{count:,} page{'s' if count != 1 else ''} re-checked against {'their' if count != 1 else 'its'} sources")
        return "; ".join(parts) + "."

    def paper_topics(self, most: int = 3) -> list:
        """The topics most of the month's new papers are on, most papers first (at most `most`),
        for a line such as 'mostly on reasoning, serving and safety'; none for fewer than 3 papers."""
        papers = self.added.get("paper", [])
        if len(papers) < 3:
            return []
        counts = Counter(topic.id for paper in papers for topic in paper.topics)
        topics = {topic.id: topic for paper in papers for topic in paper.topics}
        ranked = sorted(counts, key=lambda topic_id: (-counts[topic_id], topics[topic_id].title.casefold()))
        return [topics[topic_id] for topic_id in ranked[:most]]


def months(curriculum: Curriculum) -> list[MonthOfChanges]:
    """Every month in which a page was added, changed or re-checked, newest first."""
    found: dict[str, MonthOfChanges] = {}

    def month(key: str) -> MonthOfChanges:
        return found.setdefault(key, MonthOfChanges(key))

    c = curriculum
    for kind in KINDS:
        for entity in sorted(c.of_kind(kind).values(), key=_order):
            meta = entity.meta
            if meta.added:
                month(meta.added).added.setdefault(kind, []).append(entity)
            for change in sorted(meta.changes, key=lambda change: change.date, reverse=True):
                month(change.date).changed.append(Noted(entity, change.note))
            changed_then = {change.date for change in meta.changes}
            if meta.checked and meta.checked != meta.added and meta.checked not in changed_then:
                month(meta.checked).checked.setdefault(kind, []).append(entity)
    for entry in found.values():
        entry.added = {kind: entry.added[kind] for kind in KINDS if kind in entry.added}
        entry.checked = {kind: entry.checked[kind] for kind in KINDS if kind in entry.checked}
    return [found[key] for key in sorted(found, reverse=True)]


@dataclass(frozen=True)
class WhatsNew:
    """What the What's new page shows: the newest months, and a line for the older ones."""

    shown: list[MonthOfChanges]
    earlier: list[MonthOfChanges]

    def earlier_summary(self) -> str:
        """'Before December 2025: 120 pages added and 15 changes noted.'; '' when nothing is older."""
        if not self.earlier:
            return ""
        added = sum(m.added_count for m in self.earlier)
        changed = sum(len(m.changed) for m in self.earlier)
        parts = [f"{added:,} page{'s' if added != 1 else ''} added"] if added else []
        if changed:
            parts.append(f"{changed:,} change{'s' if changed != 1 else ''} noted")
        what = and_list(parts) if parts else "pages re-checked"
        return f"Before {self.shown[-1].words}: {what}."


def whats_new(curriculum: Curriculum) -> WhatsNew:
    every = months(curriculum)
    return WhatsNew(every[:MONTHS_SHOWN], every[MONTHS_SHOWN:])

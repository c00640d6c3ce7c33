"""Rules that need more than one field or more than one file, each reported with file, line and field.

Every rule is a function `(curriculum, problems, broken)` listed in `CHECKS`;
`broken` holds, by kind, the ids of files that exist but did not load, so a
rule can leave alone what is already reported. To add a rule, write it here,
add it to `CHECKS`, and give it a case in tests/test_errors.py.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

from ..problems import Broken, Problems, field_name
from ..read.dates import CalendarMonth, in_words, latest_possible_month
from ..read.entities import Curriculum, Paper, Phase, Project
from ..read.field_types import PROJECT_WEEK_HOURS, arxiv_year
from ..read.files import PHASE_FILE
from ..read.source import Source
from . import placeholders
from .content_policy import mask_code
from .identity import check_old_ids, check_unique_titles
from .links import AnchorLink, PagesOf, check_links
from .quality import check_checked_dates, check_stated_lengths, check_summary_lengths, dated_pages, written_range
from .structure import check_page_structure, check_pages_are_linked


def check_papers(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A paper has an arXiv id or a url, and the year of its first arXiv version."""
    for paper in curriculum.papers.values():
        meta, source = paper.meta, paper.source
        if not meta.arxiv and not meta.url:
            problems.add(source.display, source.line(), "arxiv", "a paper needs an arXiv id (arxiv: \"1706.03762\") or, when it has none, a url")
        if meta.arxiv:
            expected = arxiv_year(meta.arxiv)
            if meta.year != expected:
                problems.add(
                    source.display, source.line(("year",)), "year",
                    f"{meta.year} disagrees with arXiv id {meta.arxiv}, first posted in {expected}; use year: {expected} (the year of the first arXiv version)",
                )


def check_arxiv_ids(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """One file per paper: no two files give the same arXiv id."""
    by_id: dict[str, list[Paper]] = {}
    for paper in curriculum.papers.values():
        if paper.meta.arxiv:
            by_id.setdefault(paper.meta.arxiv, []).append(paper)
    for arxiv, papers in by_id.items():
        if len(papers) == 1:
            continue
        for paper in papers:
            others = ", ".join(p.source.display for p in papers if p is not paper)
            problems.add(paper.source.display, paper.source.line(("arxiv",)), "arxiv",
                         f"arXiv {arxiv} is also the paper {others}; keep one file per paper (list the other's id under "
                         "old_ids of the one you keep)")


def check_lineage(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A paper builds only on papers of its year or earlier, and `builds_on` forms no cycle."""
    for paper in curriculum.papers.values():
        for index, parent_id in enumerate(paper.meta.builds_on):
            parent = next((p for p in paper.builds_on if parent_id in (p.id, *p.meta.old_ids)), None)
            if parent is not None and parent.meta.year > paper.meta.year:
                problems.add(paper.source.display, paper.source.line(("builds_on", index)), f"builds_on[{index}]",
                             f"'{parent.id}' is from {parent.meta.year}, later than this paper ({paper.meta.year}); a paper can only "
                             "build on earlier work. Remove it, or list this paper under the other's builds_on if it is the other way round")
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done
    reported: set[frozenset[str]] = set()

    def visit(paper: Paper, stack: list[Paper]) -> None:
        state[paper.id] = 1
        stack.append(paper)
        for parent in paper.builds_on:
            if state.get(parent.id) == 1:
                cycle = stack[stack.index(parent):] + [parent]
                key = frozenset(p.id for p in cycle)
                if key not in reported:
                    reported.add(key)
                    chain = " -> ".join(p.id for p in cycle)
                    files = ", ".join(p.source.display for p in cycle[:-1])
                    for child, parent_of_child in itertools.pairwise(cycle):  # each file of the cycle, at its edge in it
                        index = next((i for i, v in enumerate(child.meta.builds_on) if v in (parent_of_child.id, *parent_of_child.meta.old_ids)), None)
                        loc = ("builds_on",) if index is None else ("builds_on", index)
                        problems.add(child.source.display, child.source.line(loc), field_name(loc),
                                     f"the lineage has a cycle: {chain} (in {files}); a paper can only build on earlier work, "
                                     f"so remove one of these edges")
            elif parent.id not in state:
                visit(parent, stack)
        stack.pop()
        state[paper.id] = 2

    for paper in sorted(curriculum.papers.values(), key=lambda p: p.id):
        if paper.id not in state:
            visit(paper, [])


def check_weeks(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A path's phases have numbers of their own, start at week 1 and follow each other
    with no gap and no overlap."""
    for path in curriculum.paths.values():
        numbers: dict[str, str] = {}
        for phase in sorted(path.phases, key=lambda p: p.src):
            number = PHASE_FILE.match(phase.src.rsplit("/", 1)[-1])["nn"]
            if number in numbers:
                problems.add(phase.source.display, None, "",
                             f"the phase file number {number} is also that of {numbers[number]}; give each phase file of a path "
                             "its own number, in the order of the phases")
            numbers.setdefault(number, phase.source.display)
        if path.id in broken.get("path", ()):
            continue  # one of its phases is broken; its weeks are checked once it reads
        if not path.phases:
            problems.add(path.source.display, None, "", "the path has no phases; add files such as 01-foundations.md next to index.md")
            continue
        orders: dict[int, str] = {}
        for phase in path.phases:
            line = phase.source.line(("order",))
            if phase.meta.order in orders:
                problems.add(phase.source.display, line, "order", f"{phase.meta.order} is also the order of {orders[phase.meta.order]}; each phase needs its own")
            orders.setdefault(phase.meta.order, phase.source.display)
        first = path.phases[0]
        if first.weeks.start != 1:
            problems.add(first.source.display, first.source.line(("weeks",)), "weeks",
                         f"the first phase of a path starts at week 1, not week {first.weeks.start}; use '1-{first.weeks.end - first.weeks.start + 1}'")
        last = path.phases[-1]
        stated = path.meta.weeks
        if stated is not None and last.weeks.end != stated:
            problems.add(path.source.display, path.source.line(("weeks",)), "weeks",
                         f"the path says it lasts {stated} weeks, but its phases end at week {last.weeks.end} ({last.source.display}); "
                         f"make them agree")
        for before, after in zip(path.phases, path.phases[1:]):
            expected = before.weeks.end + 1
            got = after.weeks.start
            if got == expected:
                continue
            line = after.source.line(("weeks",))
            if got <= before.weeks.end:
                why = f"overlaps the previous phase ({before.source.display}, weeks {written_range(before.weeks)})"
            else:
                missing = f"week {expected} belongs" if got - 1 == expected else f"weeks {expected}-{got - 1} belong"
                why = f"leaves a gap after the previous phase ({before.source.display}, weeks {written_range(before.weeks)}): {missing} to no phase"
            problems.add(after.source.display, line, "weeks", f"'{written_range(after.weeks)}' {why}; this phase should start at week {expected}")


def _check_unique_ids(source: Source, owner_kind: str, what: str, items: list[tuple[str, list[str], tuple, str]],
                      problems: Problems) -> None:
    """Each id and old id in `items` (id, old ids, where the item is in the front-matter,
    how a reader names it) is used once: a learner's saved data is keyed by it."""
    seen: dict[str, str] = {}  # an id or old id -> the item that has it, as a reader finds it
    for item_id, old_ids, where, label in items:
        names = [(item_id, (*where, "id"))]
        names += [(old, (*where, "old_ids", j)) for j, old in enumerate(old_ids)]
        for name, loc in names:
            line = source.line(loc)
            if name in seen:
                problems.add(source.display, line, field_name(loc),
                             f"'{name}' is already taken by {seen[name]}; each {what} of a {owner_kind} needs its own id and old ids, "
                             f"because learners' progress is saved under them")
            else:
                seen[name] = f"{label} (line {line})"


def check_task_ids(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A task's id, and each of its old ids, is used once among the tasks of its phase or
    guide: a learner's tick is saved under it."""
    for owner in (*curriculum.phases.values(), *curriculum.guides.values()):
        counts: dict[str, int] = {}
        items = []
        for task in owner.tasks:
            index = counts.get(task.list_name, 0)
            counts[task.list_name] = index + 1
            items.append((task.id, task.meta.old_ids, (task.list_name, index), f"{task.list_name} item {index + 1}"))
        # A track's tasks share their phase's keys (task:<phase>:<id>), so their ids are unique with the phase's own.
        for number, option in enumerate(getattr(owner, "options", ())):
            items += [(task.id, task.meta.old_ids, ("options", number, "tasks", index), f"task {index + 1} of the track '{option.id}'")
                      for index, task in enumerate(option.tasks)]
        _check_unique_ids(owner.source, owner.kind, "task", items, problems)


def check_tracks(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A phase's tracks are a choice: two at least, each with something of its own to do, and
    nothing both shared by every track (the phase's own lists) and in a track, where a learner
    would count it twice or, on another track, not at all."""
    for phase in curriculum.phases.values():
        source = phase.source
        options = phase.meta.options
        if len(options) == 1:
            problems.add(source.display, source.line(("options",)), "options",
                         f"the phase has one track ('{options[0].id}'); tracks are a choice, so give it at least two, or move the "
                         "track's papers, projects and tasks into the phase's own lists")
        for index, option in enumerate(options):
            if not (option.papers or option.projects or option.tasks):
                problems.add(source.display, source.line(("options", index)), f"options[{index}]",
                             f"the track '{option.id}' has no papers, projects or tasks of its own; a learner who chooses it would "
                             "have nothing to tick, so give it some, or remove the track")
            for list_name, shared in (("papers", phase.meta.papers), ("projects", phase.meta.projects)):
                for position, value in enumerate(getattr(option, list_name)):
                    if value in shared:
                        loc = ("options", index, list_name, position)
                        problems.add(source.display, source.line(loc), field_name(loc),
                                     f"'{value}' is also in the phase's own {list_name} (line {source.line((list_name, shared.index(value)))}), "
                                     f"which every track counts; list it once: there for every track, or in the tracks that need it")


def check_question_and_track_ids(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """Within a phase, each self-check question's id and each track's id (with their old ids)
    is used once: a learner's review of a question and choice of a track are saved under them."""
    for phase in curriculum.phases.values():
        for list_name, what in (("questions", "question"), ("options", "track")):
            entries = getattr(phase.meta, list_name)
            items = [(entry.id, entry.old_ids, (list_name, i), f"{list_name} item {i + 1}") for i, entry in enumerate(entries)]
            _check_unique_ids(phase.source, phase.kind, what, items, problems)


FEWEST_QUESTIONS = 3  # self-check questions a phase should have


def check_self_check_questions(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """Every phase lets its learners check themselves, with questions and model answers (the schema
    requires an answer), which the Review page brings back on a schedule: a phase with none is not
    finished; one with fewer than FEWEST_QUESTIONS is a warning that --strict refuses."""
    for phase in curriculum.phases.values():
        count = len(phase.meta.questions)
        source = phase.source
        if count == 0:
            problems.unfinished(source.display, 1, "questions",
                                f"this phase has no self-check questions; add at least {FEWEST_QUESTIONS} under questions:, each "
                                "{id, question, answer}, that a learner should answer once the phase is done (the Review page "
                                "brings them back until they stick)")
        elif count < FEWEST_QUESTIONS:
            problems.quality(source.display, source.line(("questions",)), "questions",
                             f"has {count} self-check question{'s' if count > 1 else ''}; give a phase at least {FEWEST_QUESTIONS}, "
                             "so that a learner can check the whole of it and the Review page has enough to bring back")


def _hours(projects: list[Project]) -> int:
    """The least work a set of projects takes: each one's minimum weeks, in hours."""
    return sum(project.meta.weeks.start for project in projects) * PROJECT_WEEK_HOURS


def _heaviest_track(phase: Phase) -> tuple[str | None, list[Project]]:
    """The phase's own projects with those of its most demanding track (a learner takes
    one track, so the phase must leave room for the largest); a project counts once."""
    tracks = [(option.meta.title, option.projects) for option in phase.options] or [(None, [])]
    best: tuple[str | None, list[Project]] = (None, list(phase.projects))
    for title, projects in tracks:
        merged = list({p.id: p for p in [*phase.projects, *projects]}.values())
        if _hours(merged) > _hours(best[1]):
            best = (title, merged)
    return best


def check_project_budgets(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A phase's required projects fit in its weeks at its path's pace.

    Hours needed: the sum of the minimum weeks of the phase's `projects` and of its
    largest track's, times PROJECT_WEEK_HOURS. Hours available: the phase's weeks times
    the path's hours_per_week. Optional projects are not counted.
    """
    for phase in curriculum.phases.values():
        source = phase.source
        line = source.line(("projects",))
        optional = {p.id for p in phase.optional_projects}
        for project in phase.projects:
            if project.id in optional:
                problems.add(source.display, source.line(("optional_projects",)), "optional_projects",
                             f"'{project.id}' is also in projects; a project is either required or optional, so keep it in one list")
        pace = phase.path.meta.hours_per_week
        available = phase.weeks.length * pace
        track, needed = _heaviest_track(phase)
        if _hours(needed) <= available:
            continue
        counted = ", ".join(f"'{p.id}' {p.meta.weeks.start}" for p in needed)
        track_note = f" (with the track '{track}', the largest)" if track else ""
        message = (
            f"the required projects{track_note} take at least {_hours(needed)} hours (minimum weeks {counted}, "
            f"at {PROJECT_WEEK_HOURS} hours a project week), but the phase has {available} hours "
            f"({phase.weeks.length} weeks at the path's {pace} hours a week)"
        )
        # Suggest moving the phase's own projects, last listed first, until the rest fits.
        kept = list(phase.projects)
        moved: list[Project] = []
        rest = [p for p in needed if p not in phase.projects]
        while kept and _hours(kept + rest) > available:
            moved.insert(0, kept.pop())
        if _hours(kept + rest) <= available and moved:
            names = " and ".join(f"'{p.id}'" for p in moved)
            message += f"; move {names} to optional_projects"
        else:
            message += f"; the track '{track}' alone does not fit: move some of its projects to optional_projects" if track else ""
        problems.add(source.display, line, "projects", message)


def check_everything_is_used(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """Every paper is read in some phase, every project is built in some phase, and every
    skill is named somewhere: a page that only its index links to teaches nobody."""
    if broken.get("path"):
        return  # a phase that did not load may be the one that uses them
    for paper in curriculum.papers.values():
        if not paper.cited_in:
            problems.unfinished(paper.source.display, paper.source.line(), "",
                         "no phase reads this paper; add its id to papers: of the phase where it should be read "
                         "(or to a track's papers: under options:)")
    for project in curriculum.projects.values():
        if not project.used_in:
            problems.unfinished(project.source.display, project.source.line(), "",
                         "no phase lists this project; add its id to projects: or optional_projects: of a phase where it fits")
    if broken.get("project") or broken.get("guide"):
        return
    vocabulary = curriculum.vocabulary_files.get("skill", "skills.yml")
    for skill in curriculum.skills.values():
        if not (skill.phases or skill.projects or skill.guides or skill.priorities):
            problems.unfinished(vocabulary, skill.line, skill.id,
                         "no path, phase, project or guide names this skill; name it where it is taught, or remove it")


def check_resources(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A phase's resource says where to find it: a url, or a paper of ours."""
    for phase in curriculum.phases.values():
        for index, resource in enumerate(phase.meta.resources):
            if not resource.url and not resource.paper:
                loc = ("resources", index)
                problems.add(phase.source.display, phase.source.line(loc), field_name(loc),
                             f"the resource '{resource.title}' has neither a url nor a paper; give one of them "
                             "(url: https://..., or paper: a paper id from content/papers/)")


_LISTED_FREELY = {"authors"}  # two authors may share a name


def _lists(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, list]]:
    """Every list in a front-matter value, with where it is."""
    if isinstance(value, list):
        yield loc, value
        items = enumerate(value)
    elif isinstance(value, dict):
        items = value.items()
    else:
        return
    for key, child in items:
        yield from _lists(child, loc + (key,))


def check_listed_once(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A list names each thing once: a paper read twice in a phase, a practice item given
    twice (its progress key would be taken twice) are mistakes."""
    groups = (curriculum.paths, curriculum.phases, curriculum.papers, curriculum.projects, curriculum.guides, curriculum.pages)
    for entity in (e for group in groups for e in group.values()):
        source = entity.source
        for loc, values in _lists(source.meta):
            if loc and loc[-1] in _LISTED_FREELY:
                continue
            first: dict[str, int] = {}
            for index, value in enumerate(values):
                if not isinstance(value, str):
                    continue
                if value in first:
                    where = loc + (index,)
                    problems.add(source.display, source.line(where), field_name(where),
                                 f"'{value[:60]}' is listed twice (first as {field_name(loc + (first[value],))}); list it once")
                first.setdefault(value, index)


def check_placeholders(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """No placeholder of the scaffolder is left, in any field or body, nor in a vocabulary."""
    groups = (curriculum.paths, curriculum.phases, curriculum.papers, curriculum.projects, curriculum.guides, curriculum.pages)
    for entity in (e for group in groups for e in group.values()):
        source = entity.source
        for loc, message in placeholders.in_fields(source.meta):
            problems.unfinished(source.display, source.line(loc), field_name(loc), message)
        for offset, message in placeholders.in_body(source.body):
            problems.unfinished(source.display, source.body_line + offset, "body", message)
    for kind, file in curriculum.vocabulary_files.items():
        for entry in curriculum.of_kind(kind).values():
            for loc, message in placeholders.in_fields(entry.meta.model_dump()):
                problems.unfinished(file, entry.line, field_name((entry.id, *loc)), message)


_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")  # the line under a table's header: |---|:--:|


def check_table_headers(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """Every column of a table in a body has a header: screen readers name each cell by it."""
    for entity in curriculum.by_src.values():
        source = entity.source
        if "|" not in source.body:
            continue
        lines = mask_code(source.body).split("\n")
        for offset, (header, rule) in enumerate(itertools.pairwise(lines)):
            if "|" not in header or "|" not in rule or not _TABLE_RULE.match(rule):  # '---' alone underlines a heading
                continue
            cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", header.strip().removeprefix("|").removesuffix("|"))]
            for number, cell in enumerate(cells, 1):
                if not cell:
                    problems.add(source.display, source.body_line + offset, "body",
                                 f"column {number} of this table has an empty header; screen readers name each cell by its "
                                 "column's header, so give it one")


def check_page_dates(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A page's dates tell one story: added, then changed, then checked, none in a month to come."""
    latest = latest_possible_month()
    for entity in dated_pages(curriculum):
        meta, source = entity.meta, entity.source
        dated = [(("checked",), "checked", meta.checked), (("added",), "added", meta.added)]
        dated += [(("changes", i, "date"), f"changes[{i}].date", change.date) for i, change in enumerate(meta.changes)]
        for loc, name, value in dated:
            if value is not None and CalendarMonth.parse(value) > latest:
                problems.add(source.display, source.line(loc), name,
                             f"{value} ({in_words(value)}) has not come yet; date the page by the month you did the work, "
                             f'"{latest}" or earlier')
        if meta.added and meta.checked and meta.added > meta.checked:
            problems.add(source.display, source.line(("added",)), "added",
                         f"the page was added in {meta.added} but last checked in {meta.checked}, before it existed; "
                         f'a new page is checked when it is written: set checked: "{meta.added}" or later')
        for i, change in enumerate(meta.changes):
            if meta.checked and change.date > meta.checked:
                problems.add(source.display, source.line(("changes", i, "date")), f"changes[{i}].date",
                             f"the page changed in {change.date} but says it was last checked in {meta.checked}; whoever "
                             f'changes a page checks it: set checked: "{change.date}" or later')
            if meta.added and change.date < meta.added:
                problems.add(source.display, source.line(("changes", i, "date")), f"changes[{i}].date",
                             f"a change in {change.date} is older than the page (added: {meta.added}); date it {meta.added} "
                             "or later, or correct `added`")


CHECKS = (
    check_papers, check_arxiv_ids, check_lineage, check_weeks, check_project_budgets, check_everything_is_used,
    check_resources, check_listed_once, check_placeholders, check_table_headers, check_unique_titles,
    check_old_ids, check_task_ids, check_question_and_track_ids, check_self_check_questions, check_tracks, check_stated_lengths,
    check_summary_lengths, check_checked_dates, check_page_dates, check_page_structure, check_pages_are_linked,
)


def run_checks(curriculum: Curriculum, problems: Problems, broken: Broken, pages: PagesOf,
               later_anchors: list[AnchorLink] | None = None) -> None:
    """Every rule; the link rule also reads the pages' Markdown as `pages` renders it (for their
    anchors), or leaves the links to anchors in `later_anchors` (links.check_links)."""
    for check in CHECKS:
        check(curriculum, problems, broken)
    check_links(curriculum, problems, broken, pages, later_anchors)

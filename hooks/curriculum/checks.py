"""Rules that need more than one field or more than one file, each reported with file, line and field.

Every rule is a function `(curriculum, problems, broken)` listed in `CHECKS`;
`broken` holds, by kind, the ids of files that exist but did not load, so a
rule can leave alone what is already reported. To add a rule, write it here,
add it to `CHECKS`, and give it a case in tests/test_errors.py.
"""

from __future__ import annotations

from .entities import Curriculum, Paper, Phase, Project
from .problems import Problems, field_name
from .schema import PROJECT_WEEK_HOURS, arxiv_year

Broken = dict[str, set[str]]


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


def check_lineage(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """`builds_on` must form no cycle: a paper cannot (indirectly) build on itself."""
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
                    first = cycle[0]
                    problems.add(first.source.display, first.source.line(("builds_on",)), "builds_on",
                                 f"the lineage has a cycle: {chain}; a paper can only build on earlier work, so remove one of these edges")
            elif parent.id not in state:
                visit(parent, stack)
        stack.pop()
        state[paper.id] = 2

    for paper in sorted(curriculum.papers.values(), key=lambda p: p.id):
        if paper.id not in state:
            visit(paper, [])


def check_weeks(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A path's phases start at week 1 and follow each other with no gap and no overlap."""
    for path in curriculum.paths.values():
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
                why = f"overlaps the previous phase ({before.source.display}, weeks {before.weeks})"
            else:
                why = f"leaves a gap after the previous phase ({before.source.display}, weeks {before.weeks}): weeks {expected}-{got - 1} belong to no phase"
            problems.add(after.source.display, line, "weeks", f"'{after.weeks}' {why}; this phase should start at week {expected}")


def check_task_ids(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A task's id, and each of its old ids, is used once among the tasks of its phase or
    guide: a learner's tick is saved under it."""
    for owner in (*curriculum.phases.values(), *curriculum.guides.values()):
        source = owner.source
        seen: dict[str, str] = {}  # an id or old id -> the task that has it, as a reader finds it
        counts: dict[str, int] = {}
        for task in owner.tasks:
            index = counts.get(task.list_name, 0)
            counts[task.list_name] = index + 1
            names = [(task.id, (task.list_name, index, "id"))]
            names += [(old, (task.list_name, index, "old_ids", j)) for j, old in enumerate(task.meta.old_ids)]
            for name, loc in names:
                line = source.line(loc)
                if name in seen:
                    problems.add(source.display, line, field_name(loc),
                                 f"'{name}' is already taken by {seen[name]}; each task of a {owner.kind} needs its own id and old ids, "
                                 f"because learners' ticks are saved under them")
                else:
                    seen[name] = f"{task.list_name} item {index + 1} (line {line})"


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


CHECKS = (check_papers, check_lineage, check_weeks, check_project_budgets, check_task_ids)


def run_checks(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    for check in CHECKS:
        check(curriculum, problems, broken)

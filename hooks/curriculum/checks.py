"""Rules that need more than one field or more than one file, each reported with file, line and field.

Every rule is a function `(curriculum, problems, broken)` listed in `CHECKS`;
`broken` holds, by kind, the ids of files that exist but did not load, so a
rule can leave alone what is already reported. To add a rule, write it here,
add it to `CHECKS`, and give it a case in tests/test_errors.py.
"""

from __future__ import annotations

from .entities import Curriculum, Paper
from .problems import Problems
from .schema import arxiv_year

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


CHECKS = (check_papers, check_lineage, check_weeks)


def run_checks(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    for check in CHECKS:
        check(curriculum, problems, broken)

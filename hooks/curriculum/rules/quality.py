"""Quality checks: warnings that validate prints, and --strict, CI and the strict build refuse.

A description that states another length than its weeks, or one too long for a
search result, is not wrong the way a broken link is: a preview still builds.
"""

from __future__ import annotations

import re

from ..problems import Broken, Problems
from ..read.dates import STALE_AFTER, CalendarMonth, build_month, in_words
from ..read.entities import Curriculum
from ..read.field_types import WeekRange


def written_range(weeks: WeekRange) -> str:
    """A week range as contributors write it: '3-10' (pages show '3–10')."""
    return f"{weeks.start}-{weeks.end}"


_NUMBER_WORDS = {word: n for n, word in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
))}
_STATED_LENGTH = re.compile(r"\b(\d+|" + "|".join(_NUMBER_WORDS) + r")[- ](week|month)s?\b", re.IGNORECASE)
WEEKS_A_MONTH = 52 / 12
LONGEST_SUMMARY = 300  # characters; search results show about 160


def stated_weeks(text: str) -> tuple[str, float] | None:
    """The length a description states ('A 24-week route', 'Eight weeks of ...'), in weeks."""
    match = _STATED_LENGTH.search(text)
    if match is None:
        return None
    number = match[1].lower()
    count = int(number) if number.isdigit() else _NUMBER_WORDS[number]
    return match[0], count * (WEEKS_A_MONTH if match[2].lower() == "month" else 1)


def check_stated_lengths(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """A path's or phase's description that states its length agrees with its weeks."""
    for entity, weeks in [(p, p.weeks) for p in curriculum.paths.values()] + [(p, p.weeks) for p in curriculum.phases.values()]:
        stated = stated_weeks(entity.meta.description)
        if stated is None or weeks is None:
            continue
        length = weeks.end - weeks.start + 1
        if abs(stated[1] - length) > max(1.0, 0.05 * length):
            problems.quality(entity.source.display, entity.source.line(("description",)), "description",
                             f"says '{stated[0]}', but the {entity.kind} lasts {length} weeks (weeks {written_range(weeks)}); "
                             "make them agree, or leave the number out")


def check_summary_lengths(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """Descriptions and key contributions are a sentence or two: search results and cards cut the rest."""
    fields = [(e, "description") for g in (curriculum.paths, curriculum.phases, curriculum.projects, curriculum.guides) for e in g.values()]
    fields += [(p, "contribution") for p in curriculum.papers.values()]
    for entity, name in fields:
        text = getattr(entity.meta, name)
        if len(text) > LONGEST_SUMMARY:
            problems.quality(entity.source.display, entity.source.line((name,)), name,
                             f"is {len(text)} characters long; keep it under {LONGEST_SUMMARY} (one or two sentences: search results "
                             "and cards show about 160) and say the rest in the page body")


def dated_pages(curriculum: Curriculum) -> list:
    """The pages that carry dates: every paper, phase, project and guide."""
    return [entity for group in (curriculum.papers, curriculum.phases, curriculum.projects, curriculum.guides) for entity in group.values()]


def check_checked_dates(curriculum: Curriculum, problems: Problems, broken: Broken) -> None:
    """Every paper, phase, project and guide says when its content was last checked, and
    that was within a year of the build, so a learner can trust how current it is; and
    when it was added, so that What's new lists it. Both fields are optional in the
    schema (the seed guide's front-matter is valid unchanged without them): a page
    without them is a warning."""
    build = build_month()
    oldest = build.minus(STALE_AFTER)
    for entity in dated_pages(curriculum):
        meta, source = entity.meta, entity.source
        if meta.checked is None:
            problems.quality(source.display, 1, "checked",
                             f"this {entity.kind} does not say when its content was last checked against its sources; "
                             'add checked: "YYYY-MM" (the month you checked it, such as "2026-12") to its front-matter')
        elif CalendarMonth.parse(meta.checked) < oldest:
            problems.quality(source.display, source.line(("checked",)), "checked",
                             f"this {entity.kind} was last checked against its sources in {in_words(meta.checked)}, more than "
                             f"{STALE_AFTER} months before this build ({build.words}); check it again (its facts, links and "
                             f'reading) and set checked: "{build}"')
        if meta.added is None:
            problems.quality(source.display, 1, "added",
                             f"this {entity.kind} does not say when it was added, so What's new cannot list it; add "
                             'added: "YYYY-MM" (the month it was first published; for a new page, this month)')

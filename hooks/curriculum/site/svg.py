"""Pictures drawn at build time as inline SVG: no chart library, nothing fetched.

Each function returns one line of HTML (a <figure> with a caption), so it can
sit in Markdown as a raw HTML block. A figure holds two drawings of the same
facts: a wide one for desktops and a narrow one laid out for phones (labels
above their bars, rows instead of columns), and CSS shows one of them
(`atlas-wide` / `atlas-narrow`, switched at the width where Material switches
to its phone layout). Each is drawn at its own size and shrinks to a narrower
column through its viewBox, so no label is cut at any width, and bars stay
proportional. Colours come from CSS
classes (`atlas-c0` ...) so the light and dark schemes restyle them; every
drawing has a <title>, and the page shows the same facts as text nearby.

Label widths are estimated (no font metrics at build time): the layouts leave
room for the longest names the content has, and the browser tests check that
every label stays inside its figure.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

PALETTE = 6
LABEL_PX, TICK_PX = 15, 12.5  # font sizes of labels and ticks (atlas.css)


def _width(text: str, size: float = LABEL_PX) -> float:
    """A generous estimate of the width of `text` at `size` px: 0.6 em a character
    fits the wide sans-serif fonts (DejaVu Sans) as well as the narrow ones."""
    return len(text) * size * 0.6


def _wrap(text: str, chars: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of about `chars` characters, broken between words."""
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= chars:
            out[-1] += " " + word
        else:
            out.append(word)
    return out[: lines - 1] + [_short(" ".join(out[lines - 1 :]), chars)] if len(out) > lines else out


def _t(text: object) -> str:
    return html.escape(str(text), quote=True)


def _svg(svg_id: str, variant: str, title: str, body: str, width: float, height: float) -> str:
    ident = f"{svg_id}-{variant}"
    return (
        f'<svg class="atlas-svg atlas-{variant}" width="{width:g}" height="{height:g}" viewBox="0 0 {width:g} {height:g}" role="img" aria-labelledby="{ident}-t" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-t">{_t(title)}</title>{body}</svg>'
    )


def _figure(svg_id: str, title: str, wide: tuple[str, float, float], narrow: tuple[str, float, float], caption: str) -> Markup:
    """A figure with the wide and the narrow drawing of the same facts; `caption` is HTML."""
    drawings = _svg(svg_id, "wide", title, *wide) + _svg(svg_id, "narrow", title, *narrow)
    return Markup(f'<figure class="atlas-figure">{drawings}<figcaption>{caption}</figcaption></figure>')


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hours(value: int) -> str:
    return f"{value:,} h"


def timeline(path) -> Markup:
    """The phases of a path over its weeks. Each phase is a group the progress script
    marks done or in progress (`data-atlas-phase`): a tick or a half disc beside it."""
    total = path.weeks.end if path.weeks else 1
    phases = path.phases

    # Wide: names on the left, bars over the weeks, an axis below.
    names = [f"{phase.number}. {_short(phase.title, 34)}" for phase in phases]
    width, row, top = 800, 30, 6
    label_w = max(200, min(310, max((_width(name) for name in names), default=0) + 34))
    bar_w = width - label_w - 40
    scale = bar_w / total
    parts = []
    for index, phase in enumerate(phases):
        x = label_w + (phase.weeks.start - 1) * scale
        w = max(phase.weeks.length * scale, 3)
        y = top + index * row
        inside = w > 76
        tx = x + w / 2 if inside else x + w + 6
        parts.append(
            f'<g class="atlas-phase" data-atlas-phase="{_t(phase.id)}">'
            f'<text class="atlas-mark" x="6" y="{y + row / 2}" aria-hidden="true"></text>'
            f'<text class="atlas-label" x="{label_w - 10:.1f}" y="{y + row / 2}" text-anchor="end">{_t(names[index])}</text>'
            f'<rect class="atlas-c{index % PALETTE}" x="{x:.1f}" y="{y + 5}" width="{w:.1f}" height="{row - 10}" rx="4"/>'
            f'<text class="atlas-tick" x="{tx:.1f}" y="{y + row / 2}" text-anchor="{"middle" if inside else "start"}">wk {_t(phase.weeks)}</text>'
            "</g>"
        )
    axis_y = top + row * len(phases) + 4
    parts.append(f'<line class="atlas-axis" x1="{label_w:.1f}" y1="{axis_y}" x2="{label_w + bar_w:.1f}" y2="{axis_y}"/>')
    step = next((s for s in (1, 2, 4, 5, 10, 13, 20, 26, 52) if total / s <= 12), -(-total // 12))  # any length draws
    for week in sorted({1, *range(step, total + 1, step)}):
        x = label_w + (week - 0.5) * scale
        parts.append(f'<text class="atlas-tick" x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle">{week}</text>')
    wide = ("".join(parts), width, axis_y + 24)

    # Narrow: each phase on two lines, its name above its bar, the weeks beside the bar
    # (after it, or before it when the bar ends near the edge, or on it when it spans all).
    n_width, n_row, left = 380, 48, 22
    n_scale = (n_width - left) / total
    parts = []
    for index, phase in enumerate(phases):
        y = index * n_row
        x = left + (phase.weeks.start - 1) * n_scale
        w = max(phase.weeks.length * n_scale, 3)
        weeks = f"wk {phase.weeks}"
        room = _width(weeks, TICK_PX) + 6
        if x + w + room <= n_width:
            tx, anchor = x + w + 6, "start"
        elif x - room >= left:
            tx, anchor = x - 6, "end"
        else:
            tx, anchor = x + w / 2, "middle"
        parts.append(
            f'<g class="atlas-phase" data-atlas-phase="{_t(phase.id)}">'
            f'<text class="atlas-mark" x="0" y="{y + 12}" aria-hidden="true"></text>'
            f'<text class="atlas-label" x="{left}" y="{y + 12}">{_t(names[index])}</text>'
            f'<rect class="atlas-c{index % PALETTE}" x="{x:.1f}" y="{y + 23}" width="{w:.1f}" height="16" rx="3"/>'
            f'<text class="atlas-tick" x="{tx:.1f}" y="{y + 31}" text-anchor="{anchor}">{_t(weeks)}</text>'
            "</g>"
        )
    narrow = ("".join(parts), n_width, n_row * len(phases))

    summary = "; ".join(f"{p.number}. {p.title}: weeks {p.weeks}" for p in phases)
    return _figure(
        f"timeline-{path.id}",
        f"Timeline of {path.title}: {len(phases)} phases over {total} weeks. {summary}",
        wide, narrow,
        _t(f"{path.title}: {len(phases)} phases over {total} weeks; each bar spans the weeks of one phase."),
    )


def path_lengths(paths: Iterable) -> Markup:
    """Bars comparing the work each path asks for, in hours (its weeks times its hours a week):
    weeks alone would compare paths at different paces."""
    items = [p for p in paths if p.weeks]
    longest = max((p.hours for p in items), default=1)

    width, row = 800, 30
    label_w = max(120, max((_width(_short(p.title, 34)) for p in items), default=0) + 16)
    scale = (width - label_w - 170) / longest
    parts = []
    for index, path in enumerate(items):
        y = 5 + index * row
        w = max(path.hours * scale, 2)
        parts.append(
            f'<text class="atlas-label" x="{label_w - 8:.1f}" y="{y + row / 2}" text-anchor="end">{_t(_short(path.title, 34))}</text>'
            f'<rect class="atlas-c{index % PALETTE}" x="{label_w:.1f}" y="{y + 4}" width="{w:.1f}" height="{row - 10}" rx="3"/>'
            f'<text class="atlas-tick" x="{label_w + w + 6:.1f}" y="{y + row / 2}">{_hours(path.hours)} ({path.weeks.end} wk × {path.meta.hours_per_week} h)</text>'
        )
    wide = ("".join(parts), width, row * len(items) + 10)

    n_width, n_row = 380, 46
    n_scale = (n_width - 140) / longest
    parts = []
    for index, path in enumerate(items):
        y = index * n_row
        w = max(path.hours * n_scale, 2)
        parts.append(
            f'<text class="atlas-label" x="0" y="{y + 13}">{_t(_short(path.title, 40))}</text>'
            f'<rect class="atlas-c{index % PALETTE}" x="0" y="{y + 22}" width="{w:.1f}" height="14" rx="3"/>'
            f'<text class="atlas-tick" x="{w + 6:.1f}" y="{y + 29}">{_hours(path.hours)}, {path.weeks.end} wk</text>'
        )
    narrow = ("".join(parts), n_width, n_row * len(items))

    summary = "; ".join(f"{p.title}: {_hours(p.hours)} ({p.weeks.end} weeks at {p.meta.hours_per_week} hours a week)" for p in items)
    return _figure("path-lengths", f"Hours of study each path asks for. {summary}", wide, narrow,
                   "Hours of study in each path: its weeks times the hours a week it assumes. The bars are to scale.")


def _year_labels(years: list[int], left: float, bar: float, width: float) -> list[tuple[int, float]]:
    """(year, x) of the labels under a column chart of `years`, each `bar` wide from `left`:
    the first and last year always, and between them every year, or every 2nd, 5th, 10th...
    as room allows; none closer to another than a label's width and a gap. The chart scales
    as a whole with its column, so labels apart here are apart at every width. A label is
    kept inside the chart even where its column is narrower than it."""
    half = _width("0000", TICK_PX) / 2
    room = 2 * half + 6
    every = next((n for n in (1, 2, 5, 10, 20, 25, 50, 100) if n * bar >= room), 100)

    def at(year: int) -> float:
        return min(max(left + (year - years[0]) * bar + bar / 2, half), width - half)

    kept: list[int] = []
    for year in [years[0], *(y for y in years[1:-1] if y % every == 0), *years[-1:][len(years) == 1:]]:
        if kept and at(year) - at(kept[-1]) < room:
            if year != years[-1] or len(kept) == 1:
                continue
            kept.pop()  # the last year is always named: its neighbour gives way
        kept.append(year)
    return [(year, at(year)) for year in kept]


def papers_per_year(papers: Iterable) -> Markup:
    counts = Counter(p.meta.year for p in papers)
    if not counts:
        return Markup("")
    years = list(range(min(counts), max(counts) + 1))
    top = max(counts.values())

    # Wide: a column a year, empty years included, so the gaps show.
    width, height, bottom, left = 800, 180, 24, 8
    bar = (width - 2 * left) / len(years)
    parts = []
    for index, year in enumerate(years):
        n = counts.get(year, 0)
        h = (height - bottom - 22) * n / top
        x = left + index * bar
        y = height - bottom - h
        if n:
            parts.append(
                f'<rect class="atlas-c0" x="{x + 2:.1f}" y="{y:.1f}" width="{max(bar - 4, 1):.1f}" height="{h:.1f}" rx="2"/>'
                f'<text class="atlas-tick" x="{x + bar / 2:.1f}" y="{y - 8:.1f}" text-anchor="middle">{n}</text>'
            )
    for year, x in _year_labels(years, left, bar, width):
        parts.append(f'<text class="atlas-tick" x="{x:.1f}" y="{height - 6}" text-anchor="middle">{year}</text>')
    wide = ("".join(parts), width, height)

    # Narrow: a row for each year that has papers.
    n_width, n_row, label_w = 380, 22, 44
    n_scale = (n_width - label_w - 40) / top
    parts = []
    for index, year in enumerate(sorted(counts)):
        y = index * n_row
        w = counts[year] * n_scale
        parts.append(
            f'<text class="atlas-tick" x="{label_w - 6}" y="{y + n_row / 2}" text-anchor="end">{year}</text>'
            f'<rect class="atlas-c0" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{n_row - 8}" rx="2"/>'
            f'<text class="atlas-tick" x="{label_w + w + 6:.1f}" y="{y + n_row / 2}">{counts[year]}</text>'
        )
    narrow = ("".join(parts), n_width, n_row * len(counts))

    summary = "; ".join(f"{y}: {counts[y]}" for y in sorted(counts))
    return _figure("papers-per-year", f"Papers per year of first publication. {summary}", wide, narrow,
                   "Number of papers in the index by year of first publication (on a phone, only the years that have papers).")


def _heat_level(n: int, top: int) -> int:
    return 0 if n == 0 else 1 + round(3 * (n - 1) / max(top - 1, 1))


def heatmap(skills: Iterable, paths: Iterable) -> Markup:
    """Skills x paths: how many phases of each path teach each skill. On a phone, one
    block a path, listing the skills it teaches."""
    skills, paths = list(skills), list(paths)
    per_skill = {s.id: s.phase_counts for s in skills}
    counts = {(s.id, p.id): per_skill[s.id].get(p.id, 0) for s in skills for p in paths}
    top = max(counts.values(), default=1) or 1

    cell_w, row = 124, 22
    label_w = max((_width(_short(s.title, 32)) for s in skills), default=100) + 16
    headings = [_wrap(path.title, int(cell_w / (TICK_PX * 0.6)) - 1, 3) for path in paths]
    head = 16 * max((len(lines) for lines in headings), default=1) + 14
    width = label_w + cell_w * len(paths) + 4
    parts = []
    for j, lines in enumerate(headings):
        x = label_w + j * cell_w + cell_w / 2
        for k, text in enumerate(lines):
            parts.append(f'<text class="atlas-tick" x="{x:.1f}" y="{head - 8 - 16 * (len(lines) - 1 - k)}" text-anchor="middle">{_t(text)}</text>')
    for i, skill in enumerate(skills):
        y = head + i * row
        parts.append(f'<text class="atlas-label" x="{label_w - 8:.1f}" y="{y + row / 2}" text-anchor="end">{_t(_short(skill.title, 32))}</text>')
        for j, path in enumerate(paths):
            n = counts[(skill.id, path.id)]
            x = label_w + j * cell_w
            parts.append(f'<rect class="atlas-heat{_heat_level(n, top)}" x="{x + 2:.1f}" y="{y + 1}" width="{cell_w - 4}" height="{row - 2}" rx="2"/>')
            if n:
                parts.append(f'<text class="atlas-cell" x="{x + cell_w / 2:.1f}" y="{y + row / 2}" text-anchor="middle">{n}</text>')
    wide = ("".join(parts), round(width), head + row * len(skills) + 6)

    n_width, n_row, cell = 380, 22, 44
    parts = []
    y = 0
    for path in paths:
        taught = [s for s in skills if counts[(s.id, path.id)]]
        if not taught:
            continue
        parts.append(f'<text class="atlas-label atlas-strong" x="0" y="{y + 14}">{_t(_short(path.title, 40))}</text>')
        y += 26
        for skill in taught:
            n = counts[(skill.id, path.id)]
            parts.append(
                f'<text class="atlas-label" x="0" y="{y + n_row / 2}">{_t(_short(skill.title, 40))}</text>'
                f'<rect class="atlas-heat{_heat_level(n, top)}" x="{n_width - cell}" y="{y + 1}" width="{cell}" height="{n_row - 2}" rx="2"/>'
                f'<text class="atlas-cell" x="{n_width - cell / 2}" y="{y + n_row / 2}" text-anchor="middle">{n}</text>'
            )
            y += n_row
        y += 12
    narrow = ("".join(parts), n_width, max(y, 1))

    caption = (
        "Phases per skill and path: the number in each cell counts the phases that teach the skill, and the more phases, the "
        '<span class="atlas-light-only">darker</span><span class="atlas-dark-only">brighter</span> the cell.'
    )
    return _figure("skills-heatmap", "Heat map: number of phases in each path that teach each skill; below it, each skill's line gives "
                   "the same numbers in words, with each path's priority for the skill.",
                   wide, narrow, caption)

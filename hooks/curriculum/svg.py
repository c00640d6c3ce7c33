"""Pictures drawn at build time as inline SVG: no chart library, nothing fetched.

Each function returns one line of HTML (a <figure> with the SVG and a caption),
so it can sit in Markdown as a raw HTML block. Colours come from CSS classes
(`atlas-c0` ...) so the light and dark schemes restyle them; every picture has
a <title> and a figcaption, and the page shows the same facts as text nearby.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable

from markupsafe import Markup

PALETTE = 6


def _t(text: object) -> str:
    return html.escape(str(text), quote=True)


def _figure(svg_id: str, title: str, body: str, width: int, height: int, caption: str) -> Markup:
    svg = (
        f'<svg class="atlas-svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{svg_id}-t" '
        f'preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{svg_id}-t">{_t(title)}</title>{body}</svg>'
    )
    # tabindex: on a phone the figure scrolls sideways, and keyboard users must reach it.
    return Markup(f'<figure class="atlas-figure" tabindex="0">{svg}<figcaption>{_t(caption)}</figcaption></figure>')


def timeline(path) -> Markup:
    """The phases of a path as a Gantt chart: names on the left, bars over the weeks."""
    weeks = path.weeks
    total = weeks.end if weeks else 1
    width, label_w, row, top = 800, 290, 30, 6
    bar_w = width - label_w - 34
    height = top + row * len(path.phases) + 30
    scale = bar_w / total
    parts = []
    for index, phase in enumerate(path.phases):
        x = label_w + (phase.weeks.start - 1) * scale
        w = max(phase.weeks.length * scale, 3)
        y = top + index * row
        name = phase.title if len(phase.title) <= 34 else phase.title[:33] + "…"
        parts.append(
            f'<text class="atlas-label" x="{label_w - 10}" y="{y + row / 2}" text-anchor="end">{_t(phase.meta.order)}. {_t(name)}</text>'
            f'<rect class="atlas-c{index % PALETTE}" x="{x:.1f}" y="{y + 5}" width="{w:.1f}" height="{row - 10}" rx="4"/>'
        )
        inside = w > 70
        tx = x + w / 2 if inside else x + w + 6
        parts.append(
            f'<text class="atlas-tick" x="{tx:.1f}" y="{y + row / 2}" text-anchor="{"middle" if inside else "start"}">'
            f'wk {_t(phase.weeks)}</text>'
        )
    axis_y = top + row * len(path.phases) + 4
    parts.append(f'<line class="atlas-axis" x1="{label_w}" y1="{axis_y}" x2="{label_w + bar_w}" y2="{axis_y}"/>')
    step = next(s for s in (1, 2, 4, 5, 10, 13, 20, 26, 52) if total / s <= 12)
    for week in sorted({1, *range(step, total + 1, step)}):
        x = label_w + (week - 0.5) * scale
        parts.append(f'<text class="atlas-tick" x="{x:.1f}" y="{axis_y + 14}" text-anchor="middle">{week}</text>')
    summary = "; ".join(f"{p.title}: weeks {p.weeks}" for p in path.phases)
    return _figure(
        f"timeline-{path.id}",
        f"Timeline of {path.title}: {len(path.phases)} phases over {total} weeks. {summary}",
        "".join(parts), width, height,
        f"{path.title}: {len(path.phases)} phases over {total} weeks (the axis counts weeks).",
    )


def path_lengths(paths: Iterable) -> Markup:
    """Horizontal bars comparing the length of each path in weeks."""
    items = [p for p in paths if p.weeks]
    longest = max((p.weeks.end for p in items), default=1)
    width, label_w, row = 800, 260, 30
    height = row * len(items) + 10
    scale = (width - label_w - 60) / longest
    parts = []
    for index, path in enumerate(items):
        y = 5 + index * row
        w = path.weeks.end * scale
        parts.append(
            f'<text class="atlas-label" x="{label_w - 8}" y="{y + row / 2}" text-anchor="end">{_t(path.title)}</text>'
            f'<rect class="atlas-c{index % PALETTE}" x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 10}" rx="3"/>'
            f'<text class="atlas-tick" x="{label_w + w + 6:.1f}" y="{y + row / 2}">{path.weeks.end} wk</text>'
        )
    summary = "; ".join(f"{p.title}: {p.weeks.end} weeks" for p in items)
    return _figure("path-lengths", f"Length of each path in weeks. {summary}", "".join(parts), width, height,
                   "Path lengths in weeks, at each path's own assumed pace.")


def papers_per_year(papers: Iterable) -> Markup:
    counts = Counter(p.meta.year for p in papers)
    if not counts:
        return Markup("")
    years = list(range(min(counts), max(counts) + 1))
    width, height, bottom, left = 800, 180, 24, 8
    top = max(counts.values())
    bar = (width - 2 * left) / len(years)
    parts = []
    for index, year in enumerate(years):
        n = counts.get(year, 0)
        h = (height - bottom - 22) * n / top
        x = left + index * bar
        y = height - bottom - h
        if n:
            parts.append(
                f'<rect class="atlas-c0" x="{x + 2:.1f}" y="{y:.1f}" width="{bar - 4:.1f}" height="{h:.1f}" rx="2"/>'
                f'<text class="atlas-tick" x="{x + bar / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{n}</text>'
            )
        if len(years) <= 16 or year % 5 == 0 or year == years[-1]:
            parts.append(f'<text class="atlas-tick" x="{x + bar / 2:.1f}" y="{height - 6}" text-anchor="middle">{year}</text>')
    summary = "; ".join(f"{y}: {counts[y]}" for y in sorted(counts))
    return _figure("papers-per-year", f"Papers per year of first publication. {summary}", "".join(parts),
                   width, height, "Number of papers in the index by year of first publication.")


def heatmap(skills: Iterable, paths: Iterable) -> Markup:
    """Skills x paths: how many phases of each path teach each skill."""
    skills, paths = list(skills), list(paths)
    label_w, cell_w, row, head = 230, 110, 22, 70
    width = label_w + cell_w * len(paths) + 10
    height = head + row * len(skills) + 10
    per_skill = {s.id: s.phase_counts for s in skills}
    counts = {(s.id, p.id): per_skill[s.id].get(p.id, 0) for s in skills for p in paths}
    top = max(counts.values(), default=1) or 1
    parts = []
    for j, path in enumerate(paths):
        x = label_w + j * cell_w + cell_w / 2
        words = path.title.split()
        lines = [" ".join(words[: (len(words) + 1) // 2]), " ".join(words[(len(words) + 1) // 2:])]
        for k, text in enumerate(line for line in lines if line):
            parts.append(f'<text class="atlas-tick" x="{x:.1f}" y="{head - 34 + 14 * k}" text-anchor="middle">{_t(text)}</text>')
    for i, skill in enumerate(skills):
        y = head + i * row
        parts.append(f'<text class="atlas-label" x="{label_w - 8}" y="{y + row / 2 + 4}" text-anchor="end">{_t(skill.title)}</text>')
        for j, path in enumerate(paths):
            n = counts[(skill.id, path.id)]
            level = 0 if n == 0 else 1 + round(3 * (n - 1) / max(top - 1, 1))
            x = label_w + j * cell_w
            parts.append(f'<rect class="atlas-heat{level}" x="{x + 2}" y="{y + 1}" width="{cell_w - 4}" height="{row - 2}" rx="2"/>')
            if n:
                parts.append(f'<text class="atlas-cell" x="{x + cell_w / 2:.1f}" y="{y + row / 2 + 4}" text-anchor="middle">{n}</text>')
    return _figure("skills-heatmap", "Heat map: number of phases in each path that teach each skill; the table below gives the same numbers.",
                   "".join(parts), width, height, "Phases per skill and path: darker means more phases teach it.")

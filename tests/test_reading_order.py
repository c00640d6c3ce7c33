"""Smaller things a learner trips over: the paper index's year axis, the way from one paper to the
next in a phase's reading order, link addresses on paper, and a planned path that leads somewhere."""

from __future__ import annotations

import html
import itertools
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from curriculum.site import svg

# --- the year axis of the paper index -----------------------------------------------------------


def axis_labels(figure: str) -> tuple[list[tuple[float, str]], float]:
    """The year labels under the wide chart's columns, (x, year), and the chart's width."""
    wide = re.search(r'<svg class="atlas-svg atlas-wide" width="([\d.]+)" height="([\d.]+)".*?</svg>', figure)
    ticks = re.findall(r'<text class="atlas-tick" x="([\d.]+)" y="([\d.]+)" text-anchor="middle">(\d{4})</text>', wide[0])
    return [(float(x), year) for x, y, year in ticks if float(y) > float(wide[2]) - 10], float(wide[1])


def papers_of(years: list[int]) -> list:
    return [SimpleNamespace(meta=SimpleNamespace(year=year)) for year in years]


@pytest.mark.parametrize("first, last", [(1997, 2025), (1997, 2024), (1950, 2026), (2012, 2026), (1990, 2026), (2017, 2018), (2020, 2020)])
def test_year_labels_never_collide_at_any_width(first: int, last: int) -> None:
    """The wide chart scales as a whole with its column, so labels that are apart in its own
    units are apart at every width; the narrow chart gives each year a row of its own."""
    figure = str(svg.papers_per_year(papers_of([first, last, (first + last) // 2])))
    labels, width = axis_labels(figure)
    years = [int(year) for _, year in labels]
    assert years[0] == first and years[-1] == last, years  # the ends are always named
    label = len("2024") * svg.TICK_PX * 0.6  # a label's estimated width (svg.py's, which the browser tests check)
    for (x1, a), (x2, b) in itertools.pairwise(labels):
        assert x2 - x1 >= label + 6, f"{a} and {b} are {x2 - x1:.1f} apart, closer than a label and a gap"
    assert all(label / 2 <= x <= width - label / 2 for x, _ in labels), labels  # none cut by the chart's edge


# --- from one paper to the next ---------------------------------------------------------------------


def where_read(page: Path) -> list[str]:
    """The items of a paper page's "Where it is read" list, as text with each link's target."""
    text = page.read_text(encoding="utf-8")
    section = text[text.index('id="where-it-is-read"') :]
    items = re.findall(r"<li>(.*?)</li>", section[: section.index("</ul>")], re.DOTALL)
    return [html.unescape(" ".join(re.sub(r'<a href="([^"]+)"[^>]*>(.*?)</a>', r"\2 <\1>", re.sub(r"<br ?/?>", " / ", item)).split())) for item in items]


def test_a_paper_page_leads_to_the_papers_either_side_in_each_reading_order(mini_site: Path) -> None:
    assert where_read(mini_site / "papers" / "transformer.html") == [
        "Demo Path <../paths/demo-path/index.html> › Basics <../paths/demo-path/01-basics.html> (weeks 1–2): paper 1 of 1 in its reading order.",
        ("Demo Path <../paths/demo-path/index.html> › Advanced <../paths/demo-path/02-advanced.html> (weeks 3–10): paper 2 of 2 in its reading order."
         " / Previous: BERT <bert-like.html>"),
    ]
    assert where_read(mini_site / "papers" / "bert-like.html")[0].endswith("paper 1 of 2 in its reading order. / Next in this phase: Transformer <transformer.html>")


def test_a_paper_read_in_a_track_names_the_track(mini_site: Path) -> None:
    [item] = where_read(mini_site / "papers" / "gpt-like.html")
    assert "› Advanced <../paths/demo-path/02-advanced.html>, track Alignment (weeks 3–10): paper 1 of 1" in item


def test_every_paper_read_in_several_phases_shows_each(real_site: Path) -> None:
    from curriculum import load

    curriculum = load(Path(__file__).resolve().parents[1] / "content")
    for paper in curriculum.papers.values():
        items = where_read(real_site / "papers" / f"{paper.id}.html")
        lists = sum(1 for phase in paper.cited_in for _, papers in phase.reading_lists if paper in papers)
        assert len(items) == lists, paper.id
        for item, (phase, papers) in zip(items, [(ph, ps) for ph in paper.cited_in for _, ps in ph.reading_lists if paper in ps]):
            index = papers.index(paper)
            if index + 1 < len(papers):
                assert f"<{papers[index + 1].id}.html>" in item.split("Next in this")[1], (paper.id, item)
            if index:
                assert f"Previous: {papers[index - 1].label}" in item, (paper.id, item)


# --- printed pages -------------------------------------------------------------------------------

AFTER = "(el) => getComputedStyle(el, '::after').content"


@pytest.mark.browser
def test_a_printed_page_shows_the_address_of_each_link_that_leaves_the_site(page, mini_site: Path) -> None:
    page.goto((mini_site / "papers" / "transformer.html").resolve().as_uri())
    arxiv = page.locator("article a[href='https://arxiv.org/abs/1706.03762']")
    internal = page.locator("article a[href='bert-like.html']").first
    assert arxiv.evaluate(AFTER) == "none"  # on screen, nothing is added
    page.emulate_media(media="print")
    assert arxiv.evaluate(AFTER) == '" (https://arxiv.org/abs/1706.03762)"'
    assert internal.evaluate(AFTER) in ("none", "normal")  # a link inside the site is followed on the page itself


@pytest.mark.browser
def test_a_printed_link_whose_words_are_its_address_is_not_doubled(page, mini_site: Path) -> None:
    page.goto((mini_site / "guides" / "seed-guide.html").resolve().as_uri())
    page.emulate_media(media="print")
    bare = page.locator("article a.atlas-url").first
    assert bare.inner_text().startswith("http") and bare.evaluate(AFTER) in ("none", "normal")


# --- a planned path ---------------------------------------------------------------------------------


def test_a_planned_path_says_what_to_do_until_it_is_written(mini_site: Path) -> None:
    html = (mini_site / "paths" / "demo-path" / "index.html").read_text(encoding="utf-8")
    where_next = html[html.index('id="where-next"') :]
    assert "It is not written yet. You can" in where_next and '<a href="../../contribute.html">help write it</a>' in where_next


def test_a_planned_path_offers_the_closest_written_one(real_site: Path) -> None:
    html = (real_site / "paths" / "ai-engineer" / "index.html").read_text(encoding="utf-8")
    where_next = " ".join(re.sub(r"<[^>]+>", "", html[html.index('id="where-next"') :]).split())
    assert "LLM Engineer planned" in where_next
    assert "It is not written yet. Until it is, AI Research Engineer is the closest path to follow, or you can help write it." in where_next
    assert 'href="../ai-research-engineer/index.html">AI Research Engineer</a> is the closest path' in html

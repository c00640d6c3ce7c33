"""Skill pages a learner can use: names instead of ids, the papers that teach the skill (not every
paper of every phase that mentions it), and an index that fits a phone without saying anything twice."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from curriculum import Site, load


class ArticleText(HTMLParser):
    """The text of a page's article, and its tables."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if tag == "table" and self.depth:
            self.tables += 1
        if tag == "br":
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def article(page: Path) -> ArticleText:
    parser = ArticleText()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def text_of(page: Path) -> str:
    return " ".join("".join(article(page).text).split())


# --- a skill's page ------------------------------------------------------------------------------


def test_also_called_shows_names_never_ids(mini_site: Path) -> None:
    assert "Also called: Torch." in text_of(mini_site / "skills" / "pytorch.html")
    mathematics = text_of(mini_site / "skills" / "mathematics.html")  # its alias `math` is only another spelling
    assert "Also called" not in mathematics and "math," not in mathematics and "math." not in mathematics


def test_papers_read_alongside_a_skill_are_its_phases_papers_on_its_topics(mini_site: Path) -> None:
    page = mini_site / "skills" / "pytorch.html"
    html = page.read_text(encoding="utf-8")
    section = html[html.index('id="papers-read-alongside-it"') :]
    papers = re.findall(r'href="\.\./papers/([a-z0-9-]+)\.html"', section)
    # The Advanced phase teaches PyTorch and reads three papers; two are on Transformers, the skill's topic.
    assert papers == ["transformer", "bert-like"]
    assert "on Transformers" in " ".join(re.sub(r"<[^>]+>", " ", section).split())


def test_a_skill_with_no_topics_lists_no_papers(mini_site: Path) -> None:
    assert "Papers read alongside it" not in text_of(mini_site / "skills" / "research-methodology.html")


def test_the_real_transformers_page_lists_transformer_papers_only(real_site: Path) -> None:
    html = (real_site / "skills" / "transformers.html").read_text(encoding="utf-8")
    section = html[html.index('id="papers-read-alongside-it"') :]
    papers = set(re.findall(r'href="\.\./papers/([a-z0-9-]+)\.html"', section))
    assert "attention-is-all-you-need" in papers and "bert" in papers
    assert not papers & {"dqn", "yolo", "u-net", "ppo", "lstm", "adam", "r-cnn"}, papers
    curriculum = load(Path(__file__).resolve().parents[1] / "content")
    for paper_id in papers:
        assert "transformers" in {t.id for t in curriculum.papers[paper_id].topics}, paper_id


# --- the skills index ----------------------------------------------------------------------------


def test_the_index_says_for_each_path_how_many_phases_teach_a_skill(mini_site: Path) -> None:
    text = text_of(mini_site / "skills" / "index.html")
    assert "PyTorch: The deep learning framework. Taught in Demo Path (1 phase, must-have)." in text
    # A path that ranks a skill but has no phase on it says so, instead of a bare priority.
    assert ("Paper reading: Reading papers in several passes. Taught in no phase yet. "
            "Demo Path lists it as important but teaches it in none of its phases.") in text
    assert "Research methodology: Hypotheses, baselines and ablations. Taught in Demo Path (1 phase)." in text
    assert "Career: Getting hired and growing. Taught in no phase yet." in text


def test_the_heat_map_is_the_only_grid(mini_site: Path) -> None:
    """The picture shows the counts at a glance; the list below adds the priorities and links,
    rather than a table that repeats the picture cell for cell."""
    page = mini_site / "skills" / "index.html"
    assert article(page).tables == 0
    html = page.read_text(encoding="utf-8")
    assert html.count('class="atlas-figure"') == 1 and 'id="skills-heatmap-wide-t"' in html


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_skills_index_fits_the_screen(browser, real_site: Path, width: int) -> None:
    from browser import Watch, new_context

    watch = Watch()
    context = new_context(browser, watch, viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto((real_site / "skills" / "index.html").as_uri())
    too_wide = page.evaluate("""() => [...document.querySelectorAll('article *')]
        .filter((el) => el.checkVisibility() && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        .map((el) => `${el.tagName}.${el.className} ${el.scrollWidth}>${el.clientWidth}`)""")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert not too_wide, too_wide
    context.close()
    watch.assert_clean()


def test_the_index_of_many_paths_keeps_to_counts(mini: Path) -> None:
    from test_scale import add_paths

    add_paths(mini, 9)
    page = Site.load(mini).generated_pages()["skills/index.md"]
    assert "Taught in" not in page

"""Search finds the page a learner means: every query of tests/search_queries.yml, typed into the
real site's own search box in Chromium, over http (served as GitHub Pages serves it) and from
file://, brings up its page among the first three results.

The ranking runs inside Material's search worker (templates/theme/assets/search-ranking.js, which
the build appends to it), with the names the index rewrite gives each page (curriculum/search.py).
One browser tab types every query in turn, clearing the box between two, and reads the results once
Material has shown the answer to each (its result count changes).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from curriculum.site.search import worker_with_ranking
from sitebuild import ROOT, built_pages

QUERIES_FILE = Path(__file__).parent / "search_queries.yml"
QUERIES = yaml.safe_load(QUERIES_FILE.read_text(encoding="utf-8"))
PLACEHOLDER = "Type to start searching"  # Material's result line while the box is empty


def test_the_query_set_covers_what_learners_look_for(real_site: Path) -> None:
    assert len(QUERIES) >= 40
    assert all(set(case) == {"query", "finds", "why"} for case in QUERIES), "each entry has query, finds and why"
    pages = {str(page.relative_to(real_site)) for page in built_pages(real_site)}
    assert not [case["finds"] for case in QUERIES if case["finds"] not in pages], "every page a query must find is a page of the site"
    kinds = {case["finds"].split("/")[0] for case in QUERIES}
    assert {"papers", "guides", "paths", "skills", "projects"} <= kinds


def test_the_worker_gets_the_ranking_once() -> None:
    worker = worker_with_ranking("material();")
    assert worker.startswith("material();\n/* AI Engineering Atlas") and worker_with_ranking(worker) == worker  # a serve rebuild


def test_the_built_search_worker_carries_the_ranking_and_the_site_no_copy_of_it(real_site: Path) -> None:
    (worker,) = (real_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    ranking = (ROOT / "templates" / "theme" / "assets" / "search-ranking.js").read_text(encoding="utf-8")
    assert worker.read_text(encoding="utf-8").endswith(ranking)
    assert not (real_site / "assets" / "search-ranking.js").exists()


def test_materials_worker_has_what_the_ranking_uses(real_site: Path) -> None:
    """The ranking hooks into lunr inside Material's worker (see search-ranking.js): an upgrade
    of Material whose worker no longer has these would leave search to Material's own ranking
    without a word, so it fails here instead."""
    (worker,) = (real_site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    text = worker.read_text(encoding="utf-8")
    for part in ("self.lunr", "stemmer=", "stopWordFilter=", "QueryParser=", "Builder.prototype.add=", "Index.prototype.search=", "editDistance"):
        assert part in text, f"Material's search worker no longer has {part}: check search-ranking.js against it"


def top_three(page, query: str) -> list[str]:
    """The pages of the first three results for `query`, typed into the open search box, as
    addresses in the site."""
    field = page.locator(".md-search__input")
    meta = page.locator(".md-search-result__meta")
    field.fill("")
    field.press("End")  # Material reads the box on keyup
    page.wait_for_function(f"document.querySelector('.md-search-result__meta').textContent.trim() === {PLACEHOLDER!r}")
    field.fill(query)
    field.press("End")
    page.wait_for_function(f"document.querySelector('.md-search-result__meta').textContent.trim() !== {PLACEHOLDER!r}")
    assert meta.inner_text().strip()
    return page.evaluate(
        """() => {
            const base = new URL(JSON.parse(document.getElementById("__config").textContent).base, location.href).href;
            return [...document.querySelectorAll(".md-search-result__item")].slice(0, 3)
                .map((item) => item.querySelector("a.md-search-result__link").href.split(/[?#]/)[0].slice(base.length));
        }"""
    )


@pytest.mark.browser
@pytest.mark.parametrize("how", ["http", "file"])
def test_every_query_finds_its_page_in_the_top_three(browser, real_site: Path, served_real, watch, how: str) -> None:
    from browser import new_context

    context = served_real.context(browser, watch) if how == "http" else new_context(browser, watch)
    page = context.new_page()
    watch.attach(page)
    start = served_real.base if how == "http" else real_site.resolve().as_uri() + "/"
    try:
        page.goto(start + "papers/index.html")
        page.locator(".md-search__input").click()
        found = {case["query"]: top_three(page, case["query"]) for case in QUERIES}
    finally:
        context.close()
    watch.assert_clean()
    misses = [f"{case['query']!r} ({case['why']}): {case['finds']} not in {found[case['query']]}" for case in QUERIES if case["finds"] not in found[case["query"]]]
    assert not misses, f"{len(misses)} of {len(QUERIES)} queries missed their page:\n" + "\n".join(misses)

"""Search helps and does not spoil: self-check answers stay out of Material's search index, and each
result says what it is (Paper, Phase, Project...) and, for a phase, which path it belongs to, and a
paper the name it is known by. How results are ranked: tests/test_search_ranking.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from curriculum.site.search import ResultLabel, label_results

ANSWER = "The vector of partial derivatives"  # the fixture's model answer (paths/demo-path/01-basics.md)
QUESTION = "What is a gradient?"


def index_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_label_results_titles_pages_and_leaves_sections_alone() -> None:
    index = json.dumps({"config": {"lang": ["en"]}, "docs": [
        {"location": "paths/p/01-a.html", "title": "Basics", "text": "t"},
        {"location": "paths/p/01-a.html#check-yourself", "title": "Check yourself", "text": "q"},
        {"location": "index.html", "title": "Home", "text": "h"},
    ]}, separators=(",", ":"))
    labels = {"paths/p/01-a.html": ResultLabel("Phase · Demo › ", names=["Basics", "a"])}
    labelled = label_results(index, labels)
    docs = json.loads(labelled)["docs"]
    assert [d["title"] for d in docs] == ["Phase · Demo › Basics", "Check yourself", "Home"]
    assert [d.get("names") for d in docs] == [["Basics", "a"], None, None]
    assert label_results(labelled, labels) == labelled  # a rebuild adds nothing


def test_self_check_answers_are_not_in_the_search_index_but_questions_are(mini_site: Path) -> None:
    docs = index_docs(mini_site)
    text = " ".join(d["title"] + " " + d["text"] for d in docs)
    assert ANSWER not in text
    assert QUESTION in text
    # The offline copy (search_index.js, for file://) is made from the same index.
    offline = (mini_site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert ANSWER not in offline and "Phase \\u00b7 Demo Path \\u203a Basics" in offline
    # The answer itself is still on the page, for the reader who opens it.
    assert ANSWER in (mini_site / "paths" / "demo-path" / "01-basics.html").read_text(encoding="utf-8")


def test_real_site_search_index_holds_no_model_answer(real_site: Path) -> None:
    from curriculum import load
    from sitebuild import ROOT

    def words(text: str) -> str:  # markup and punctuation aside, as the index holds it
        return " ".join(re.sub(r"<[^>]+>|[^\w\s]", " ", text).split())

    text = words(" ".join(d["text"] for d in index_docs(real_site)))
    questions = [q for phase in load(ROOT / "content").phases.values() for q in phase.meta.questions]
    assert questions and all(" ".join(words(q.question).split()[:8]) in text for q in questions)  # the check can see them
    leaked = [q.question for q in questions if " ".join(words(q.answer).split()[:8]) in text]
    assert not leaked, f"model answers found in the search index for: {leaked[:3]}"


def test_every_page_result_says_its_kind_and_a_phase_its_path(mini_site: Path) -> None:
    titles = {d["location"]: d["title"] for d in index_docs(mini_site) if "#" not in d["location"]}
    assert titles["paths/demo-path/01-basics.html"] == "Phase · Demo Path › Basics"
    assert titles["paths/demo-path/index.html"] == "Path · Demo Path"
    assert titles["papers/transformer.html"] == "Paper · Attention Is All You Need (Transformer)"  # and the name it is known by
    assert titles["projects/toy-project.html"] == "Project · Toy Project"
    assert titles["skills/pytorch.html"] == "Skill · PyTorch"
    assert titles["papers/topics/transformers.html"] == "Topic · Papers on Transformers"
    assert titles["guides/seed-guide.html"].startswith("Guide · ")
    assert titles["papers/index.html"] == "Papers"  # an index is neither


@pytest.mark.browser
def test_search_from_disk_shows_kind_and_path_and_never_an_answer(browser, mini_site: Path) -> None:
    from browser import Watch, new_context

    watch = Watch()
    context = new_context(browser, watch)
    page = context.new_page()
    page.goto((mini_site / "index.html").resolve().as_uri())
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("gradient")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    headings = page.locator(".md-search-result__item h1").all_inner_texts()
    assert "Phase · Demo Path › Basics" in headings, headings
    page.locator(".md-search__input").fill("partial derivatives")
    page.wait_for_timeout(500)
    assert "partial derivatives" not in page.locator(".md-search-result").inner_text().lower()
    context.close()
    watch.assert_clean()

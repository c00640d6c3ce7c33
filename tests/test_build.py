"""Full `mkdocs build --strict` of the fixture site, asserting on the HTML a reader gets."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import yaml

from sitebuild import ROOT


class Links(HTMLParser):
    """Collects <a href> targets of the article (not the theme's navigation)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.depth += 1
        if tag == "a" and self.depth and attrs.get("href"):
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1


def article_links(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.hrefs


def resolves(page: Path, href: str) -> Path:
    return (page.parent / href.split("#")[0]).resolve()


def test_paper_page_links_to_every_citing_phase_and_back(mini_site: Path) -> None:
    paper = mini_site / "papers" / "transformer.html"
    targets = {resolves(paper, h) for h in article_links(paper)}
    phases = [mini_site / "paths" / "demo-path" / name for name in ("01-basics.html", "02-advanced.html")]
    for phase in phases:
        assert phase.resolve() in targets, f"paper page does not link to {phase.name}"
        assert paper.resolve() in {resolves(phase, h) for h in article_links(phase)}, f"{phase.name} does not link back"


def test_paper_lineage_both_ways(mini_site: Path) -> None:
    transformer = mini_site / "papers" / "transformer.html"
    bert = mini_site / "papers" / "bert-like.html"
    assert bert.resolve() in {resolves(transformer, h) for h in article_links(transformer)}
    assert transformer.resolve() in {resolves(bert, h) for h in article_links(bert)}
    text = transformer.read_text(encoding="utf-8")
    assert "Built upon by:" in text and "https://arxiv.org/abs/1706.03762" in text


def test_phase_header_shows_weeks_and_skills(mini_site: Path) -> None:
    html = (mini_site / "paths" / "demo-path" / "02-advanced.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>Weeks</dt>\s*<dd>\s*3–10 of 10 · 8 weeks", html)
    assert 'href="../../skills/research-methodology.html"' in html  # alias 'research' resolved
    assert "phase 2 of 2" in html


def test_option_papers_count_as_cited(mini_site: Path) -> None:
    gpt = (mini_site / "papers" / "gpt-like.html").read_text(encoding="utf-8")
    assert 'href="../paths/demo-path/02-advanced.html"' in gpt


def test_planned_next_path_is_not_a_link(mini_site: Path) -> None:
    html = (mini_site / "paths" / "demo-path" / "index.html").read_text(encoding="utf-8")
    assert "LLM Engineer" in html and "planned" in html
    assert "llm-engineer" not in " ".join(article_links(mini_site / "paths" / "demo-path" / "index.html"))


def test_export_matches_the_contract(mini_site: Path) -> None:
    data = json.loads((mini_site / "api" / "curriculum.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    path = data["paths"][0]
    assert {"id", "title", "url", "levels", "weeks", "phases"} <= set(path)
    assert path["weeks"] == {"start": 1, "end": 10}
    assert [(p["id"], p["weeks"]) for p in path["phases"]] == [
        ("demo-path/basics", {"start": 1, "end": 2}),
        ("demo-path/advanced", {"start": 3, "end": 10}),
    ]
    for phase in path["phases"]:
        assert {"id", "title", "url", "weeks", "skills", "papers", "projects"} <= set(phase)
    papers = {p["id"]: p for p in data["papers"]}
    assert papers["transformer"]["arxiv"] == "1706.03762" and papers["transformer"]["year"] == 2017
    assert papers["gpt-like"]["arxiv"] is None
    assert papers["transformer"]["cited_in"] == ["demo-path/basics", "demo-path/advanced"]
    assert papers["bert-like"]["builds_on"] == ["transformer"]
    for paper in data["papers"]:
        assert {"id", "title", "authors", "year", "arxiv", "url", "topics", "builds_on", "cited_in"} <= set(paper)
    assert {p["id"] for p in data["projects"]} == {"toy-project", "stretch-project"}
    # `projects` stays what a phase requires (its own and its tracks'); the rest is added beside it.
    assert [(p["projects"], p["optional_projects"]) for p in path["phases"]] == [(["toy-project"], []), (["toy-project"], ["stretch-project"])]
    assert {p["id"]: p["used_in"] for p in data["projects"]}["stretch-project"] == ["demo-path/advanced"]
    # Tracks say what belongs to one of them; the rest of a phase is shared by every track.
    basics, advanced = path["phases"]
    assert basics["tracks"] == [] and basics["tasks"] == [{"id": "backprop", "text": "Derive backpropagation", "list": "practice", "old_ids": []}]
    assert [t["id"] for t in advanced["tasks"]] == ["reproduction"]
    assert advanced["tracks"] == [
        {"id": "alignment", "title": "Alignment", "papers": ["gpt-like"], "projects": ["toy-project"],
         "tasks": [{"id": "reward-model", "text": "Train a small reward model", "list": "tasks", "old_ids": []}], "old_ids": []},
        {"id": "efficiency", "title": "Efficiency", "papers": [], "projects": [],
         "tasks": [{"id": "profile-memory", "text": "Profile a model's memory", "list": "tasks", "old_ids": []}], "old_ids": []},
    ]
    assert advanced["papers"] == ["bert-like", "transformer", "gpt-like"], "every paper the phase cites, as before tracks"
    assert {"id", "title", "difficulty", "skills", "url"} <= set(data["projects"][0])
    assert {"id", "title", "url"} <= set(data["skills"][0])
    # Topics are a vocabulary too: papers name them by id, the list gives their names.
    assert {t["id"]: t["title"] for t in data["topics"]}["pretraining"] == "Pre-training"
    assert papers["bert-like"]["topics"] == ["pretraining", "transformers"]
    assert data["guides"][0]["skills"] == ["research-methodology", "paper-reading", "mathematics", "implementation", "career"]
    # Every url is site-relative and points at a page that exists.
    urls = [path["url"]] + [p["url"] for p in path["phases"]] + [p["url"] for group in ("papers", "projects", "skills", "topics", "guides") for p in data[group]]
    for url in urls:
        assert not url.startswith(("/", "http")), url
        assert (mini_site / url).is_file(), url


def test_schemas_are_published(mini_site: Path) -> None:
    schema = json.loads((mini_site / "api" / "schema" / "paper.schema.json").read_text(encoding="utf-8"))
    assert {"title", "authors", "year", "topics", "contribution"} <= set(schema["required"])
    assert schema["additionalProperties"] is False


def test_sidebar_does_not_list_papers(mini_site: Path) -> None:
    """Paper pages are reached from the index, not from every page's navigation."""
    html = (mini_site / "paths" / "demo-path" / "01-basics.html").read_text(encoding="utf-8")
    assert "transformer.html" not in html.split("<article")[0]
    assert "papers/index.html" in html


def test_no_request_to_other_hosts_in_pages(mini_site: Path) -> None:
    """Scripts, styles and fonts all come from the site itself."""
    for page in mini_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", html):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag) or 'rel="canonical"' in tag or "rel=\"alternate\"" in tag, (page, tag)


def test_hooks_and_templates_are_watched() -> None:
    """`mkdocs serve` rebuilds when the engine or a template changes, not only content."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {"hooks", "templates"} <= set(config["watch"])

"""What search engines (and Lighthouse's SEO audit) read: every page has its own
<title>, a meta description from its front-matter, a language, a viewport, and
a canonical address on the published site; the sitemap lists every page.
`make audit` runs Lighthouse itself on the real site (too slow for `make test`).
"""

from __future__ import annotations

import contextlib
import html
import io
import re
from collections import Counter
from pathlib import Path

import yaml

from curriculum import load
from curriculum.cli.commands import main
from sitebuild import FIXTURES, ROOT, build_site, built_pages

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def head_of(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    head = text.split("</head>", 1)[0]
    title = re.search(r"<title>(.*?)</title>", head, re.DOTALL)
    description = re.search(r'<meta name="description" content="([^"]*)"', head)
    canonical = re.search(r'<link rel="canonical" href="([^"]*)"', head)
    return {
        "title": html.unescape(title[1]).strip() if title else "",
        "description": html.unescape(description[1]).strip() if description else "",
        "canonical": canonical[1] if canonical else "",
        "lang": re.search(r'<html[^>]* lang="([^"]+)"', text) is not None,
        "viewport": 'name="viewport"' in head,
    }


def pages(site: Path) -> list[Path]:
    return built_pages(site)


def seo_problems(site: Path) -> list[str]:
    heads = {page.relative_to(site).as_posix(): head_of(page) for page in pages(site)}
    problems = []
    titles = Counter(h["title"] for h in heads.values())
    for rel, head in heads.items():
        if titles[head["title"]] > 1:
            problems.append(f"{rel}: the title '{head['title']}' is also the title of another page")
        if not head["description"]:
            problems.append(f"{rel}: no meta description")
        if head["canonical"] != SITE_URL + rel:
            problems.append(f"{rel}: canonical address {head['canonical']!r}")
        if not head["lang"] or not head["viewport"]:
            problems.append(f"{rel}: no lang attribute or viewport")
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    problems += [f"{rel}: not in sitemap.xml" for rel in heads if SITE_URL + rel not in listed]
    return problems


def test_fixture_pages_have_own_titles_and_descriptions(samples_site: Path) -> None:
    assert not seo_problems(samples_site)


def test_descriptions_come_from_front_matter(samples_site: Path) -> None:
    phase = yaml.safe_load((FIXTURES / "mini/paths/demo-path/01-basics.md").read_text(encoding="utf-8").split("---\n")[1])
    assert head_of(samples_site / "paths/demo-path/01-basics.html")["description"] == phase["description"]
    paper = yaml.safe_load((FIXTURES / "mini/papers/transformer.md").read_text(encoding="utf-8").split("---\n")[1])
    assert head_of(samples_site / "papers/transformer.html")["description"] == paper["contribution"]
    assert head_of(samples_site / "papers/transformer.html")["title"].startswith(paper["title"])


def test_real_pages_have_own_titles_and_descriptions(real_site: Path) -> None:
    assert not seo_problems(real_site)


# --- titles (hooks/curriculum/plan/titles.py) ----------------------------------------------


def test_tab_titles_name_the_page_then_the_site(mini_site: Path) -> None:
    titles = {rel: head_of(mini_site / rel)["title"] for rel in ("paths/demo-path/01-basics.html", "paths/demo-path/index.html",
                                                                  "skills/pytorch.html", "papers/index.html", "404.html")}
    assert titles == {
        "paths/demo-path/01-basics.html": "Basics · Demo Path - AI Engineering Atlas",  # a phase names its path
        "paths/demo-path/index.html": "Demo Path - AI Engineering Atlas",
        "skills/pytorch.html": "PyTorch - AI Engineering Atlas",
        "papers/index.html": "Papers - AI Engineering Atlas",
        "404.html": "Page not found - AI Engineering Atlas",
    }


def test_the_home_page_title_does_not_repeat_the_site_name(real_site: Path) -> None:
    assert head_of(real_site / "index.html")["title"] == "AI Engineering Atlas"
    phase = head_of(real_site / "paths/ai-engineer-career-roadmap/03-specialization.html")["title"]
    assert phase == "Specialization · AI Engineer: career roadmap - AI Engineering Atlas"


def test_the_contributing_guides_example_phase_passes(mini: Path, tmp_path: Path) -> None:
    """CONTRIBUTING's `new phase ... evaluation --skills evaluation`, titled "Evaluation" as anyone
    would: the skill of that name has a page "Evaluation" too, and the phase's title names its path."""
    skills = mini / "skills.yml"
    skills.write_text(skills.read_text(encoding="utf-8") + "evaluation:\n  title: Evaluation\n  description: Measuring models.\n", encoding="utf-8")
    with contextlib.chdir(mini.parent), contextlib.redirect_stdout(io.StringIO()):
        assert main(["new", "phase", "demo-path", "evaluation", "--weeks", "11-12", "--skills", "evaluation", "--title", "Evaluation"]) == 0
    phase = mini / "paths/demo-path/03-evaluation.md"
    phase.write_text(phase.read_text(encoding="utf-8").replace("TODO: ", ""), encoding="utf-8")  # the placeholders filled in
    load(mini)  # the validator passes it
    site = build_site(mini, tmp_path)
    assert not seo_problems(site)
    assert head_of(site / "paths/demo-path/03-evaluation.html")["title"] == "Evaluation · Demo Path - AI Engineering Atlas"
    assert head_of(site / "skills/evaluation.html")["title"] == "Evaluation - AI Engineering Atlas"

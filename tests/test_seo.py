"""What search engines (and Lighthouse's SEO audit) read: every page has its own
<title>, a meta description from its front-matter, a language, a viewport, and
a canonical address on the published site; the sitemap lists every page.
`make audit` runs Lighthouse itself on the real site (too slow for `make test`).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

import yaml

from sitebuild import FIXTURES, ROOT

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
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html"]


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

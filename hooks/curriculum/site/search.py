"""What Material's search shows for our pages: each result says what it is.

Material's search plugin writes `search/search_index.json`: one entry per page
(its `location` is the page's URL) and one per section (`location#anchor`). Its
results show each page's entry as the heading of the hits on that page, so that
entry's title is where a reader learns what a hit is: "Paper · Attention Is All
You Need", and for a phase, which path it belongs to: "Phase · AI Engineer ›
Transformers". `label_results` rewrites those titles once the plugin has written
the index (`python -m curriculum finish`, which the hooks run in on_post_build); the
search itself stays the theme's. Zensical writes the same entries as `items` of
`search.json`; for file://, each builder also writes its index as a script
(`var __index = {...}`), which is labelled alike.

Self-check answers are kept out of the index where they are written: the phase
template marks them `data-search-exclude`, which the plugin honours.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from ..read.entities import Curriculum

KIND_NAMES = {"path": "Path", "phase": "Phase", "paper": "Paper", "project": "Project", "skill": "Skill", "topic": "Topic", "guide": "Guide"}


def result_prefixes(curriculum: Curriculum, url_of: Callable[[str], str]) -> dict[str, str]:
    """Page URL -> what its search result's title starts with, as the HTML the index holds:
    its kind, and for a phase its path ('Phase · AI Engineer › ')."""
    c = curriculum
    prefixes: dict[str, str] = {}
    for group in (c.paths, c.phases, c.papers, c.projects, c.skills, c.topics, c.guides):
        for entity in group.values():
            prefix = f"{KIND_NAMES[entity.kind]} · "
            if entity.kind == "phase":
                prefix += f"{entity.path.title} › "
            prefixes[url_of(entity.src)] = html.escape(prefix, quote=False)
    return prefixes


def label_results(index_json: str, prefixes: dict[str, str]) -> str:
    """The search index `index_json` (as Material's plugin writes it) with the title of each
    page's own entry prefixed from `prefixes`; sections and other pages are left alone,
    and a title that has its prefix already keeps it (a `mkdocs serve` rebuild)."""
    data = json.loads(index_json)
    for doc in data.get("docs", data.get("items", [])):
        prefix = prefixes.get(doc.get("location"))
        if prefix and not doc.get("title", "").startswith(prefix):
            doc["title"] = prefix + doc.get("title", "")
    return json.dumps(data, separators=(",", ":"))  # as the plugin writes it


SCRIPT_START = "var __index = "  # how the offline plugins write the index as a script, for file://


def label_script(script: str, prefixes: dict[str, str]) -> str:
    """The index as a script (`var __index = {...}`, with or without a ';'), labelled as `label_results` does."""
    body = script.removeprefix(SCRIPT_START).rstrip()
    end = ";" if body.endswith(";") else ""
    return SCRIPT_START + label_results(body.removesuffix(";"), prefixes) + end


"""What Material's search knows about our pages, and how it ranks them.

Material's search plugin writes `search/search_index.json`: one entry per page
(its `location` is the page's URL) and one per section (`location#anchor`).
Once it has written the index (`python -m curriculum finish`, which the hooks run
in on_post_build), `label_results` rewrites the entry of each page of ours:

- its title says what the page is: "Paper · Attention Is All You Need", and for a
  phase which path it belongs to ("Phase · AI Engineer › Transformers Deep Dive");
  a paper known by another name says it too ("Paper · Language Models are Few-Shot
  Learners (GPT-3)"). Material's results show this title above the hits of a page;
- its `names`: what the page is called, alone: its title without kind or path, its
  short name, its id, a skill's or topic's aliases. mkdocs.yml makes `names` a
  field of the search, weighted as titles are, so that "maths" finds the skill
  Mathematics; search-ranking.js puts a page first whose name the query is.

Zensical writes the same entries as `items` of `search.json`; for file://, each
builder also writes its index as a script (`var __index = {...}`), labelled alike.

`worker_with_ranking` appends search-ranking.js to Material's search worker
(hooks/atlas.py, on_files, and `finish` for a builder without the hooks): the
ranking runs in the worker, over http(s) and from file:// alike, with nothing more
to load. Zensical's search is its own, without this ranking.

Self-check answers are kept out of the index where they are written: the phase
template marks them `data-search-exclude`, which the plugin honours.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..read.entities import Curriculum, Entity
from ..repository import TEMPLATES

KIND_NAMES = {"path": "Path", "phase": "Phase", "paper": "Paper", "project": "Project", "skill": "Skill", "topic": "Topic", "guide": "Guide"}
RANKING_ASSET = "assets/search-ranking.js"  # in the theme's folder, where browser code lives; not shipped as a file
RANKING = TEMPLATES / "theme" / RANKING_ASSET
# Where Material's search worker is among a build's files (its name carries a hash).
MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
_RANKING_MARK = "/* AI Engineering Atlas: how Material's search ranks"


@dataclass(frozen=True)
class ResultLabel:
    """How one page's search entry is labelled: its title is `prefix` + title + `suffix` (HTML)."""

    prefix: str
    suffix: str = ""
    names: list[str] = field(default_factory=list)


def _names(entity: Entity) -> list[str]:
    """What a page is called, each name once: its own title, short name, id and aliases."""
    meta = entity.meta
    names = [meta.title, getattr(meta, "short_title", None), getattr(entity, "slug", None) or entity.id, *getattr(meta, "aliases", [])]
    return list(dict.fromkeys(name for name in names if name))


def result_labels(curriculum: Curriculum, url_of: Callable[[str], str]) -> dict[str, ResultLabel]:
    """Page URL -> the label of its search entry, as HTML where it is shown: its kind, and
    for a phase its path ('Phase · AI Engineer › '); a paper's short name where its title
    does not hold it."""
    c = curriculum
    labels: dict[str, ResultLabel] = {}
    for group in (c.paths, c.phases, c.papers, c.projects, c.skills, c.topics, c.guides):
        for entity in group.values():
            prefix = f"{KIND_NAMES[entity.kind]} · "
            if entity.kind == "phase":
                prefix += f"{entity.path.title} › "
            short = getattr(entity.meta, "short_title", None)
            suffix = ""
            if short and short.casefold() not in entity.meta.title.casefold():
                suffix = f" — {short}" if "(" in short else f" ({short})"  # never brackets in brackets
            names = [html.escape(name, quote=False) for name in _names(entity)]
            labels[url_of(entity.src)] = ResultLabel(html.escape(prefix, quote=False), html.escape(suffix, quote=False), names)
    return labels


def label_results(index_json: str, labels: dict[str, ResultLabel]) -> str:
    """The search index `index_json` (as Material's plugin writes it) with each page's own
    entry labelled from `labels`; sections and other pages are left alone, and an entry
    labelled already keeps its label (a `mkdocs serve` rebuild)."""
    data = json.loads(index_json)
    for doc in data.get("docs", data.get("items", [])):
        label = labels.get(doc.get("location"))
        if label is None or "names" in doc:
            continue
        doc["title"] = label.prefix + doc.get("title", "") + label.suffix
        doc["names"] = label.names
    return json.dumps(data, separators=(",", ":"))  # as the plugin writes it


SCRIPT_START = "var __index = "  # how the offline plugins write the index as a script, for file://


def label_script(script: str, labels: dict[str, ResultLabel]) -> str:
    """The index as a script (`var __index = {...}`, with or without a ';'), labelled as `label_results` does."""
    body = script.removeprefix(SCRIPT_START).rstrip()
    end = ";" if body.endswith(";") else ""
    return SCRIPT_START + label_results(body.removesuffix(";"), labels) + end


def worker_with_ranking(worker_js: str) -> str:
    """Material's search worker with search-ranking.js after it (once, however often it is asked)."""
    if _RANKING_MARK in worker_js:
        return worker_js
    return f"{worker_js.rstrip()}\n{RANKING.read_text(encoding='utf-8')}"

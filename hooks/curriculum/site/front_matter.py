"""A page's front-matter as every builder reads it: a YAML block between `---` lines
before the Markdown (MkDocs, ProperDocs and Zensical agree on this form)."""

from __future__ import annotations

import re
from typing import Any

import yaml

# libyaml where PyYAML was built with it (as MkDocs reads it), else the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
# MkDocs' own pattern (mkdocs.utils.meta.YAML_RE): the engine reads our templates' blocks as it does.
_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """(front-matter, Markdown) of a page a template wrote; ({}, text) without a block.
    Only for our own templates' output: content files are read by source.py, which reports."""
    match = _BLOCK.match(text)
    if match is None:
        return {}, text
    return yaml.load(match[1], Loader=_Loader) or {}, text[match.end() :]


def with_front_matter(meta: dict[str, Any], markdown: str) -> str:
    """`markdown` after a block holding `meta` (an empty one, `{}`, when there is nothing)."""
    block = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000) if meta else "{}\n"
    return f"---\n{block}---\n{markdown}"

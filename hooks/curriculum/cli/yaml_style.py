"""YAML written the way our content files are written, for the scaffolder: strings in
double quotes unless they are plain words, lists of ids in flow style (`skills: [a, b]`),
other lists indented under their key. PyYAML's SafeDumper writes it; only its style is ours.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..read.field_types import ID_PATTERN


class _Dumper(yaml.SafeDumper):
    """Writes YAML the way our content files are written: double quotes, indented lists."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    try:
        plain = re.fullmatch(r"[A-Za-z0-9_-]+", value) is not None and yaml.safe_load(value) == value
    except yaml.YAMLError:
        plain = False
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=None if plain else '"')


_Dumper.add_representer(str, _represent_str)


def _yaml_line(key: str, value: Any) -> str:
    ids = isinstance(value, list) and all(isinstance(v, str) and re.match(ID_PATTERN, v) for v in value)
    text = yaml.dump({key: value}, Dumper=_Dumper, default_flow_style=ids, sort_keys=False, allow_unicode=True, width=10_000).strip()
    return text[1:-1] if ids else text  # in flow style the mapping itself is wrapped in braces: {key: [a, b]}


def front_matter(meta: dict[str, Any]) -> str:
    """`meta` as a front-matter block, in the order given."""
    return "---\n" + "\n".join(_yaml_line(key, value) for key, value in meta.items()) + "\n---\n"

"""Reading a vocabulary file: a YAML mapping of id -> entry, such as content/skills.yml.

Each entry is validated with the vocabulary's model (schema.Skill for skills)
and may list `aliases`, other ids that mean it (the seed guide's `math` is an
alias of `mathematics`). A reference to an entry may use its id or an alias.
A new vocabulary (topics, say) is a file name in files.VOCABULARIES, a model in
schema.KINDS, an entity in entities.py, and one call to `read_vocabulary`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..problems import Problems
from .field_types import ID_PATTERN
from .files import unreadable
from .source import Source, decode, parse_yaml
from .validation import validate_model

_ID = re.compile(ID_PATTERN)


def read_vocabulary(
    path: Path, display: str, kind: str, model: type[BaseModel], problems: Problems
) -> tuple[dict[str, tuple[Any, int]], dict[str, str]]:
    """id -> (validated entry, its line), and alias -> id, from the vocabulary file at
    `path` (shown as `display`); every problem found is added to `problems`."""
    shape = f"a mapping of {kind} id -> {{title, description, aliases}}"
    if not path.exists():
        problems.add(display, None, "", f"the {kind} vocabulary is missing; create it as {shape}")
        return {}, {}
    try:
        raw = path.read_bytes()
    except OSError as error:
        problems.add(display, None, "", unreadable(error))
        return {}, {}
    text = decode(raw, display, problems)
    if text is None:
        return {}, {}
    source = Source(rel=path.name, display=display)
    data = parse_yaml(text, source, problems)
    if not source.ok:
        return {}, {}
    if not isinstance(data, dict) or not data:
        problems.add(display, 1, "", f"must be {shape}")
        return {}, {}
    entries: dict[str, tuple[Any, int]] = {}
    for entry_id, entry in data.items():
        line = source.line((entry_id,))
        if not isinstance(entry_id, str) or not _ID.match(entry_id):
            problems.add(display, line, str(entry_id), f"is not a valid {kind} id; use lower-case letters, digits and hyphens")
            continue
        meta = validate_model(model, entry, source, problems, kind, prefix=(entry_id,))
        if meta is not None:
            entries[entry_id] = (meta, line)
    # Old ids name an entry as aliases do (its page also moved: pages.redirects).
    aliases: dict[str, str] = {}
    for entry_id, (meta, _) in entries.items():
        for name in ("aliases", "old_ids"):
            what = "an alias" if name == "aliases" else "an old id"
            for alias in getattr(meta, name, ()):
                line = source.line((entry_id, name))
                if alias in entries:
                    problems.add(display, line, f"{entry_id}.{name}", f"'{alias}' is already a {kind} id of its own; {what} must not be one")
                elif alias in aliases and aliases[alias] != entry_id:
                    problems.add(display, line, f"{entry_id}.{name}", f"'{alias}' already means '{aliases[alias]}'")
                else:
                    aliases[alias] = entry_id
    return entries, aliases

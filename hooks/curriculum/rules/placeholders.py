"""The scaffolder's placeholders: text that marks a page as not written yet.

`python -m curriculum new ...` fills what it cannot know with placeholders: text
starting with `TODO`, the topic `todo`, a start_here link to example.org. They
let a half-written page preview (mkdocs serve lists them), and `validate` and
the build refuse them, in any case (`TODO`, `todo`, `ToDo:`), so none reaches
the published site. The scaffolder prints the same list this module finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .content_policy import mask_code, strings

TODO = "TODO"
PLACEHOLDER_TOPIC = "todo"
PLACEHOLDER_URL = "https://example.org/replace-with-the-real-link"

# TODO in capitals anywhere, as a word; or a line that starts with 'todo' in any
# case, alone or before a colon ('todo', 'ToDo: ...', '- todo'). A 'todo list'
# in prose is no placeholder.
_CAPITALS = re.compile(r"\bTODO\b")
_STARTS_TODO = re.compile(r"^\s*(?:[-*]\s+|\d+\.\s+)?todo\s*(?::|$)", re.IGNORECASE | re.MULTILINE)


def _holds_todo(text: str) -> bool:
    return _CAPITALS.search(text) is not None or _STARTS_TODO.search(text) is not None


def _shown(text: str) -> str:
    first = text.strip().split("\n")[0]
    return first if len(first) <= 60 else first[:57] + "..."


def in_fields(meta: dict) -> Iterator[tuple[tuple, str]]:
    """(where, message) for each placeholder among front-matter values."""
    if "todo" not in repr(meta).lower() and PLACEHOLDER_URL not in repr(meta):  # nearly every file: one quick look
        return
    for loc, text in strings(meta):
        if loc and loc[0] == "topics" and text.strip().lower() == PLACEHOLDER_TOPIC:
            yield loc, f"'{text}' is the scaffolder's placeholder topic; replace it with topic ids such as transformers or alignment"
        elif text.strip().startswith(PLACEHOLDER_URL):
            yield loc, f"'{text}' is the scaffolder's placeholder link; replace it with the address of the real page"
        elif _holds_todo(text):
            yield loc, f"'{_shown(text)}' is a placeholder; replace it with the real value"


def in_body(body: str) -> Iterator[tuple[int, str]]:
    """(0-based line, message) for each line of a body (outside code) that holds a placeholder."""
    if "todo" not in body.lower():
        return
    masked = mask_code(body)
    for offset, line in enumerate(masked.split("\n")):
        if _holds_todo(line):
            yield offset, f"'{_shown(line)}' is a placeholder; write this part of the page"

"""Links written in Markdown bodies: only https, http and relative links are accepted."""

from __future__ import annotations

import re

from .problems import Problems
from .source import Source

ALLOWED_SCHEMES = ("http", "https")

# Inline links and images `[text](target)`, reference definitions `[id]: target`,
# autolinks `<scheme:...>` and raw HTML `href=`/`src=` attributes. A full Markdown
# parse would be exact, but Python-Markdown gives no line numbers for links, and a
# contributor needs the line; these four forms are the ones that produce links.
_PATTERNS = (
    re.compile(r"\]\(\s*<?([^)\s>]+)"),
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"),
    re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*([^"'\s>]+)""", re.IGNORECASE),
)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_FENCE = re.compile(r"^\s*(```|~~~)")


def link_problem(target: str) -> str | None:
    """Why a link target is refused, or None when it is fine."""
    cleaned = re.sub(r"[\x00-\x20]", "", target)
    match = _SCHEME.match(cleaned)
    if match and match[1].lower() not in ALLOWED_SCHEMES:
        return f"the link '{target[:60]}' uses the scheme '{match[1]}:'; only https://, http:// and relative links are allowed"
    if cleaned.startswith("//"):
        return f"the link '{target[:60]}' is protocol-relative; write https:// in full"
    return None


def check_body_links(source: Source, problems: Problems) -> None:
    in_fence = False
    for offset, line in enumerate(source.body.split("\n")):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for pattern in _PATTERNS:
            for match in pattern.finditer(line):
                why = link_problem(match[1])
                if why:
                    problems.add(source.display, source.body_line + offset, "body", why)

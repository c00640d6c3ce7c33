"""The one rule for links in content: https://, http:// or relative, nothing else.

It holds for front-matter link fields (`schema.SafeUrl`) and for every link a
page body or a Markdown prose field makes (`content_policy`). A link is judged
as a browser reads it: character references decoded (`&#106;avascript:` is
`javascript:`), and the tabs, line breaks and other control characters a
browser drops from a URL dropped (`java\tscript:` is `javascript:` too).
"""

from __future__ import annotations

import html
import re

ALLOWED_SCHEMES = ("http", "https")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_WITH_HOST = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]")
_DROPPED = re.compile(r"[\x00-\x20\x7f]")
_PROTOCOL_RELATIVE = ("//", "\\\\", "/\\", "\\/")  # browsers read a backslash as a slash here


def browser_reading(target: str) -> str:
    """A link target as a browser reads it: character references decoded, controls dropped."""
    return _DROPPED.sub("", html.unescape(target))


def url_problem(target: str) -> str | None:
    """Why a link target is refused, or None when it is allowed."""
    read = browser_reading(target)
    scheme = _SCHEME.match(read)
    if scheme is None:
        if read.startswith(_PROTOCOL_RELATIVE):
            return "protocol-relative links are not allowed; write https:// in full"
        return None
    if scheme[1].lower() not in ALLOWED_SCHEMES:
        return f"the scheme '{scheme[1]}:' is not allowed; use an https:// or http:// link, or a relative link"
    if not _WITH_HOST.match(read):
        return "an http(s) link needs a host, such as https://arxiv.org/abs/1706.03762"
    return None


def link_problem(target: str) -> str | None:
    """Why a link in content is refused, naming the link, or None when it is allowed."""
    why = url_problem(target)
    return None if why is None else f"the link '{target[:60]}': {why}"

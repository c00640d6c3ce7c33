"""Links and raw HTML in content: what a page body (and front-matter prose) may contain.

Policy. Every link must pass `urls.url_problem` (https, http and relative links
only), in every form a link takes: Markdown links and reference definitions,
autolinks, and the attributes of raw HTML.

Raw HTML is allowed in bodies for layout (`<div markdown>`, `<details>`, `<kbd>`,
`<br>` ...) but nothing that runs code or changes the page around it: no
<script>, <style>, <iframe>, <frame>, <object>, <embed>, <applet>, <form>,
<base>, <meta>, <link> or <portal> element, no event-handler attribute
(`onerror=`, `onclick=` ...), and no `javascript:` anywhere. Code blocks and
inline code are text, so they may show all of these.

Front-matter values are escaped when rendered, so raw HTML in them shows as
text; fields that allow Markdown (a milestone, an answer) can still make links,
so their link targets are checked like a body's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .problems import Problems, field_name
from .source import Source
from .urls import url_problem

FORBIDDEN_ELEMENTS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link", "portal")
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "background", "xlink:href", "cite", "longdesc", "ping")

# Markdown links that carry a target: inline links and images `[text](target)`
# (whose target may hold a line break, which a browser drops from a URL),
# reference definitions `[id]: target` and autolinks `<scheme:...>`. Python-Markdown
# gives no line numbers for links, and a contributor needs the line; these three
# forms are the ones that produce links (raw HTML is parsed below).
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^)\s>]|[\t\r\n])+)")
_LINE_PATTERNS = (
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>"),  # no '<' inside: linear on '<a:<a:<a:...'
)
# Raw HTML tags, read from the text the way a browser splits them (Python's HTML
# parser takes quadratic time on unclosed tags, and reads `<img/onerror=...>` otherwise).
_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9:-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>")
_HANDLER = re.compile(r"[\s/\"']on[a-zA-Z]+\s*=", re.IGNORECASE)
# One attribute of a tag, as a browser splits them: name, then a quoted or bare value.
_ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_JAVASCRIPT = re.compile("[\t\r\n]*".join("javascript:"), re.IGNORECASE)  # browsers drop tabs and line breaks in URLs


def link_problem(target: str) -> str | None:
    """Why a link in content is refused, naming the link, or None when it is allowed."""
    why = url_problem(target)
    return None if why is None else f"the link '{target[:60]}': {why}"


def mask_code(body: str) -> str:
    """The body with fenced code blocks and inline code blanked out, line numbers kept."""
    if "`" not in body and "~~~" not in body:  # no code to blank (most bodies): skip the line walk
        return body
    lines = body.split("\n")
    fence: str | None = None
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match[1][0] * len(match[1])
            lines[index] = ""
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            lines[index] = ""
    text = "\n".join(lines)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)


def _element_message(tag: str) -> str:
    return f"raw HTML <{tag.lower()}> is not allowed in content; it could run code or change the page around it"


def _handler_message(name: str, tag: str) -> str:
    return f"the event-handler attribute '{name.lower()}=' (on <{tag.lower()}>) is not allowed in content; it runs code"


def markdown_links(masked: str) -> list[tuple[int, str]]:
    """(0-based line, target) of every Markdown link, image and reference definition in
    text whose code is masked (`mask_code`); autolinks are left out (they are absolute)."""
    found = []
    newlines = 0
    last = 0
    for match in _INLINE_LINK.finditer(masked):
        newlines += masked.count("\n", last, match.start())  # counted as the matches go: linear
        last = match.start()
        found.append((newlines, match[1]))
    if "]:" in masked:  # the pattern needs it: most bodies lack it
        for offset, line in enumerate(masked.split("\n")):
            found += [(offset, match[1]) for match in _LINE_PATTERNS[0].finditer(line)]
    return found


def raw_html_links(masked: str) -> list[tuple[int, str]]:
    """(0-based line, target) of every href and src of raw HTML in text whose code is masked."""
    found = []
    if "<" not in masked:
        return found
    for tag in _TAG.finditer(masked):
        name = re.match(r"<([a-zA-Z][a-zA-Z0-9:-]*)", tag[0])[1]
        for attribute in _ATTRIBUTE.finditer(tag[0], len(name) + 1):
            value = next((v for v in attribute.groups()[1:] if v is not None), None)
            if value and attribute[1].lower() in ("href", "src"):
                found.append((masked.count("\n", 0, tag.start()), value))
    return found


def body_problems(body: str) -> list[tuple[int, str]]:
    """(0-based line, message) for every link or raw HTML a body may not contain."""
    found: set[tuple[int, str]] = set()
    masked = mask_code(body)

    def line_of(offset: int) -> int:  # counted only where there is a problem
        return masked.count("\n", 0, offset)

    found.update((line, why) for line, target in markdown_links(masked) if (why := link_problem(target)))
    for offset, line in enumerate(masked.split("\n") if "<" in masked else ()):
        for match in _LINE_PATTERNS[1].finditer(line):
            why = link_problem(match[1])
            if why:
                found.add((offset, why))
    for tag in _TAG.finditer(masked):
        line = line_of(tag.start())
        name = re.match(r"<([a-zA-Z][a-zA-Z0-9:-]*)", tag[0])[1]
        if name.lower() in FORBIDDEN_ELEMENTS:
            found.add((line, _element_message(name)))
        unquoted = re.sub(r"\"[^\"]*\"|'[^']*'", '""', tag[0])  # attribute values are no attributes
        for handler in _HANDLER.finditer(unquoted):
            found.add((line, _handler_message(handler[0][1:].split("=")[0].strip(), name)))
        for attribute in _ATTRIBUTE.finditer(tag[0], len(name) + 1):
            key = attribute[1].lower()
            value = next((v for v in attribute.groups()[1:] if v is not None), None)
            if key.startswith("on"):
                found.add((line, _handler_message(key, name)))
            elif value and key in URL_ATTRIBUTES:
                targets = [part.split()[0] for part in value.split(",") if part.strip()] if key == "srcset" else [value]
                found.update((line, why) for target in targets if (why := link_problem(target)))
    # 'javascript:' in text that is no link: said once a line, where nothing else was.
    reported = {line for line, _ in found}
    for offset, line in enumerate(masked.split("\n") if _JAVASCRIPT.search(masked) else ()):
        if offset not in reported and _JAVASCRIPT.search(line):
            found.add((offset, "'javascript:' may not appear in content outside code; it is how a link runs code"))
    return sorted(found)


def strings(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(where, text) of every text value inside a front-matter value."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from strings(child, loc + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from strings(child, loc + (index,))


def check_body_links(source: Source, problems: Problems) -> None:
    """Report the links and raw HTML of a file's body, and the link targets in its front-matter prose."""
    for offset, why in body_problems(source.body):
        problems.add(source.display, source.body_line + offset, "body", why)
    for loc, text in prose_links(source.meta):
        why = link_problem(text)
        if why:
            problems.add(source.display, source.line(loc), field_name(loc), why)


def prose_links(meta: Any) -> list[tuple[tuple, str]]:
    """(where, target) of every Markdown link in the front-matter's text values."""
    return [(loc, target) for loc, text in strings(meta) if "](" in text or "]:" in text
            for _, target in markdown_links(mask_code(text))]

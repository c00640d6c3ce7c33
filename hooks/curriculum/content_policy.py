"""Links and raw HTML in content: what a page body (and front-matter prose) may contain.

Policy. Every link must pass `urls.url_problem` (https, http and relative links
only), in every form a link takes: Markdown links and reference definitions,
autolinks, and the attributes of raw HTML.

Raw HTML is allowed in bodies for layout (`<div markdown>`, `<details>`, `<kbd>`,
`<br>` ...) but nothing that runs code or changes the page around it: no
<script>, <style>, <iframe>, <frame>, <object>, <embed>, <applet>, <form>,
<base>, <meta>, <link> or <portal> element, and no `javascript:` anywhere.

Attributes, whether written in raw HTML or with attr_list (`## Title {#id .class}`,
`[x](y){: rel="nofollow" }`), come from one allow-list (`ALLOWED_ATTRIBUTES`):
`id`, `class`, `title`, `lang` and `dir` on any element, a few more on the
elements they belong to (`href` and `rel` on a link, `src`, `alt`, `width` and
`height` on a picture, `colspan` on a table cell...), `markdown` (Markdown
inside a raw HTML block) and `data-*` other than those the theme's and our
scripts read (`data-md-*`, `data-atlas-*`). Everything else is refused: event
handlers (`onclick=`), `style` (it can lay a page over ours), `formaction`,
`srcdoc`... attr_list may not set `href` or `src` either: a link's target is
written in the link, where it is checked. Code blocks and inline code are text,
so they may show all of these.

Front-matter values are escaped when rendered, so raw HTML in them shows as
text; fields that allow Markdown (a milestone, an answer) can still make links
and attribute lists, so those are checked like a body's.

The build strips what gets past these checks anyway (`finish.make_inert`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from markdown.extensions.attr_list import get_attrs_and_remainder

from .problems import Problems, field_name
from .source import Source
from .urls import url_problem

# The attributes content may give an element: on any element, then on some.
GLOBAL_ATTRIBUTES = ("id", "class", "title", "lang", "dir")
ELEMENT_ATTRIBUTES = {
    "a": ("href", "rel", "hreflang"),
    "img": ("src", "alt", "width", "height", "loading"),
    "td": ("colspan", "rowspan"),
    "th": ("colspan", "rowspan", "scope"),
    "ol": ("start", "reversed"),
    "details": ("open",),
    "time": ("datetime",),
    "blockquote": ("cite",),
    "q": ("cite",),
}
MARKDOWN_ATTRIBUTE = "markdown"  # md_in_html: the block's content is Markdown
SCRIPT_DATA = ("data-md-", "data-atlas-")  # read by the theme's scripts and ours: content may not set them
ALLOWED_ATTRIBUTES = frozenset(GLOBAL_ATTRIBUTES) | {a for names in ELEMENT_ATTRIBUTES.values() for a in names} | {MARKDOWN_ATTRIBUTE}

FORBIDDEN_ELEMENTS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "form", "base", "meta", "link", "portal")
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "background", "xlink:href", "cite", "longdesc", "ping")

# Markdown links that carry a target: inline links and images `[text](target)`
# (whose target may hold a line break, which a browser drops from a URL),
# reference definitions `[id]: target` and autolinks `<scheme:...>`. Python-Markdown
# gives no line numbers for links, and a contributor needs the line; these three
# forms are the ones that produce links (raw HTML is parsed below).
_INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^)\s>]|[\t\r\n])+)")
_LINE_PATTERNS = (
    re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"),  # [^1]: is a footnote
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>"),  # no '<' inside: linear on '<a:<a:<a:...'
)
# Raw HTML tags, read from the text the way a browser splits them (Python's HTML
# parser takes quadratic time on unclosed tags, and reads `<img/onerror=...>` otherwise).
_TAG = re.compile(r"<[a-zA-Z][a-zA-Z0-9:-]*(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>")
_HANDLER = re.compile(r"[\s/\"']on[a-zA-Z]+\s*=", re.IGNORECASE)
# One attribute of a tag, as a browser splits them: name, then a quoted or bare value.
ATTRIBUTE = re.compile(r"""([^\s/>"'=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_JAVASCRIPT = re.compile("[\t\r\n]*".join("javascript:"), re.IGNORECASE)  # browsers drop tabs and line breaks in URLs
# An attribute list as Python-Markdown's attr_list reads one: `{: ... }` or `{ ... }`
# (no '{' inside, so a line of braces is read in linear time).
_ATTR_LIST = re.compile(r"\{(:?)[ ]*([^{}\n ][^{}\n]*)\}")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s")
_AFTER_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)$")
_AFTER_LINK = re.compile(r"\]\([^)]*\)$|\]\[[^\]]*\]$|>$")


def url_targets(name: str, value: str) -> list[str]:
    """The links an attribute's value holds: one, or a srcset's several ('a.png 1x, b.png 2x')."""
    return [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]


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


def attribute_problem(element: str, name: str, *, attr_list: bool = False) -> str | None:
    """Why content may not give `element` (a tag name, '' when unknown) the attribute `name`;
    None when it may. Its value, when it is a link, is judged by `link_problem`."""
    element, key = element.lower(), name.lower()
    on = f"on <{element}>" if element else "on an element"
    where = f"in an attribute list {on}" if attr_list else on
    if key.startswith("on"):
        return f"the event-handler attribute '{key}=' ({where}) is not allowed in content; it runs code"
    if key.startswith("data-"):
        if key.startswith(SCRIPT_DATA):
            return f"the attribute '{key}' ({where}) is read by the site's own scripts; content may not set it"
        return None
    if attr_list and key in ("href", "src"):
        return f"an attribute list may not set '{key}' ({where}): write the target in the link itself, where it is checked"
    if key in GLOBAL_ATTRIBUTES or key == MARKDOWN_ATTRIBUTE or key in ELEMENT_ATTRIBUTES.get(element, ()):
        return None
    allowed = ", ".join((*GLOBAL_ATTRIBUTES, *ELEMENT_ATTRIBUTES.get(element, ())))
    return f"the attribute '{key}' ({where}) is not allowed in content; allowed there: {allowed}, and data-*"


def _attr_list_element(line: str, start: int) -> str:
    """The element an attribute list at `start` of `line` applies to, as far as one line tells."""
    heading = _HEADING.match(line)
    if heading:
        return f"h{len(heading[1])}"
    before = line[:start]
    if _AFTER_IMAGE.search(before):
        return "img"
    if _AFTER_LINK.search(before):
        return "a"
    return ""


def attr_list_problems(masked: str, original: str) -> list[tuple[int, str]]:
    """(0-based line, message) for every attribute list (attr_list syntax) that gives an
    attribute outside the allow-list. `masked` is `original` with its code masked."""
    found: list[tuple[int, str]] = []
    if "{" not in masked or "}" not in masked:
        return found
    originals = original.split("\n")
    for offset, line in enumerate(masked.split("\n")):
        if "{" not in line or "}" not in line:
            continue
        text = originals[offset] if offset < len(originals) else line
        for match in _ATTR_LIST.finditer(line):
            before = text[match.start() - 1] if match.start() else ""
            after = line[match.end():]
            alone = not line[: match.start()].strip() and not after.strip()
            ends_line = before in (" ", "\t") and re.fullmatch(r"[ \t]*#*[ \t]*(\|.*)?", after) is not None
            # Where attr_list reads it: `{:` anywhere, right after an inline element
            # (a link, image, emphasis, code or raw HTML), alone on its line, or at
            # the end of a heading or table cell.
            if not (match[1] or (before and before in ")]*`>") or alone or ends_line):
                continue
            attributes, _ = get_attrs_and_remainder(match[2])
            element = _attr_list_element(text, match.start())
            for key, value in attributes:
                if key in (".", "id"):
                    continue
                why = attribute_problem(element, key, attr_list=True)
                if why:
                    found.append((offset, why))
                if value and key.lower() in URL_ATTRIBUTES:
                    why = link_problem(value)
                    if why:
                        found.append((offset, why))
    return found


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
        for attribute in ATTRIBUTE.finditer(tag[0], len(name) + 1):
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
        autolink = _LINE_PATTERNS[1].fullmatch(tag[0]) is not None  # <https://...>: a link, not a tag
        unquoted = re.sub(r"\"[^\"]*\"|'[^']*'", '""', tag[0])  # attribute values are no attributes
        for handler in _HANDLER.finditer(unquoted):
            found.add((line, _handler_message(handler[0][1:].split("=")[0].strip(), name)))
        for attribute in ATTRIBUTE.finditer(tag[0], len(name) + 1):
            key = attribute[1].lower()
            value = next((v for v in attribute.groups()[1:] if v is not None), None)
            if key.startswith("on"):
                found.add((line, _handler_message(key, name)))
                continue
            why = None if autolink else attribute_problem(name, key)
            if why:
                found.add((line, why))
            if value and key in URL_ATTRIBUTES:
                found.update((line, why) for target in url_targets(key, value) if (why := link_problem(target)))
    found.update(attr_list_problems(masked, body))
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
    for loc, text in strings(source.meta):
        links = "](" in text or "]:" in text
        if not links and "{" not in text:  # nearly every value
            continue
        masked = mask_code(text)
        whys = [why for _, target in markdown_links(masked) if (why := link_problem(target))] if links else []
        whys += [why for _, why in attr_list_problems(masked, text)]
        for why in whys:
            problems.add(source.display, source.line(loc), field_name(loc), why)

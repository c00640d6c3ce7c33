"""Links and raw HTML in content: what a page body (and front-matter prose) may contain.

Policy. Every link must pass `urls.url_problem` (https, http and relative links
only), in every form a link takes: Markdown links and reference definitions
(their target on the next line too), autolinks, and the attributes of raw HTML.

Raw HTML is allowed in bodies for layout (`<div markdown>`, `<details>`, `<kbd>`,
`<br>` ...) but nothing that runs code or changes the page around it. Elements and
attributes, whether written in raw HTML or with attr_list (`## Title {#id .class}`,
`[x](y){: rel="nofollow" }`), come from one allow-list (allow_list.py, the table in
CONTRIBUTING's "Markup stays harmless"). Raw HTML is read by an HTML5 parser
(markup.py), as a browser reads it. Code blocks and inline code are text, so they
may show all of these.

Front-matter values are escaped when rendered, so raw HTML in them shows as
text; fields that allow Markdown (a milestone, an answer) can still make links
and attribute lists, so those are checked like a body's.

Then each body (and each Markdown field) that holds raw HTML, an attribute list or
a reference definition is converted as the build converts it, and its HTML put
through the build's own sanitiser (sanitise.py): anything it would remove, which
the checks above did not name, is reported too. So what the build strips, the
validator has said first, even where Markdown reads the text in a way no check
foresaw (a code span inside a tag, a reference whose target is on the next line).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import markdown
from markdown.extensions.attr_list import get_attrs_and_remainder

from ..problems import Problems, field_name
from ..read.source import Source
from ..read.urls import link_problem
from ..repository import markdown_extensions
from .allow_list import URL_ATTRIBUTES, attribute_problem
from .escape import markdown_text
from .markup import build_removals, elements, has_tags, parse, raw_html_problems, too_many_tags
from .sanitise import sanitise

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
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_JAVASCRIPT = re.compile("[\t\r\n]*".join("javascript:"), re.IGNORECASE)  # browsers drop tabs and line breaks in URLs
# An attribute list as Python-Markdown's attr_list reads one: `{: ... }` or `{ ... }`
# (no '{' inside, so a line of braces is read in linear time).
_ATTR_LIST = re.compile(r"\{(:?)[ ]*([^{}\n ][^{}\n]*)\}")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s")
_AFTER_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)$")
_AFTER_LINK = re.compile(r"\]\([^)]*\)$|\]\[[^\]]*\]$|>$")
# What Python-Markdown reads as an autolink or an e-mail autolink, not as a tag.
_AUTOLINK = re.compile(r"<(?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?://[^<>]*>")
_AUTOMAIL = re.compile(r"<[^<> !]+@[^@<> ]+>")
# A reference definition whose target is on the next line: `[id]:` alone on its line.
_BARE_DEFINITION = re.compile(r"^\s{0,3}\[(?!\^)[^\]]+\]:\s*$")


@functools.lru_cache(maxsize=1024)  # several rules read each body masked: masked once
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
        lines = masked.split("\n")
        for offset, line in enumerate(lines):
            found += [(offset, match[1]) for match in _LINE_PATTERNS[0].finditer(line)]
            if _BARE_DEFINITION.match(line) and offset + 1 < len(lines) and lines[offset + 1].strip():
                found.append((offset, lines[offset + 1].strip().strip("<>").split()[0]))  # Markdown reads the next line
    return found


def raw_html_links(masked: str) -> list[tuple[int, str]]:
    """(0-based line, target) of every href and src of raw HTML in text whose code is masked."""
    if not has_tags(masked) or too_many_tags(masked):
        return []
    found = []
    for element, line in elements(parse(_without_autolinks(masked)).root):
        found += [(line - 1, value) for name, value in element.attrs.items() if name in ("href", "src") and value]
    return found


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match[0])


def _without_autolinks(masked: str) -> str:
    """`masked` with what Markdown reads as autolinks (`<https://...>`, `<name@host>`) blanked: links, not tags."""
    if "@" not in masked and "://" not in masked:
        return masked
    return _AUTOMAIL.sub(_blank, _AUTOLINK.sub(_blank, masked))


def body_problems(body: str) -> list[tuple[int, str]]:
    """(0-based line, message) for every link or raw HTML a body may not contain."""
    found: set[tuple[int, str]] = set()
    masked = mask_code(body)
    found.update((line, why) for line, target in markdown_links(masked) if (why := link_problem(target)))
    if "<" in masked:
        for offset, line in enumerate(masked.split("\n")):
            for match in _LINE_PATTERNS[1].finditer(line):
                why = link_problem(match[1])
                if why:
                    found.add((offset, why))
            for match in _AUTOMAIL.finditer(line):
                if ":" not in match[0]:
                    found.add((offset, (f"the e-mail link '{match[0][:60]}' makes a mailto: link, which content may not hold; "
                                       "link to a web page (https://...) instead")))
        found.update((line - 1, why) for line, why in raw_html_problems(_without_autolinks(masked)))
    found.update(attr_list_problems(masked, body))
    # 'javascript:' in text that is no link: said once a line, where nothing else was.
    reported = {line for line, _ in found}
    for offset, line in enumerate(masked.split("\n") if _JAVASCRIPT.search(masked) else ()):
        if offset not in reported and _JAVASCRIPT.search(line):
            found.add((offset, "'javascript:' may not appear in content outside code; it is how a link runs code"))
    return sorted(found)


# --- what the build would strip, read from Markdown as the build reads it ------------------------

MAX_CONVERTED = 256 * 1024  # characters: real bodies are a few tens of thousands
_CONVERTED_WHEN = ("<", "{", "]:")  # raw HTML, an attribute list, a reference definition: a body without them makes no attribute


@functools.cache
def _converter() -> markdown.Markdown:
    names, settings = markdown_extensions()
    return markdown.Markdown(extensions=names, extension_configs=settings)


def converted(text: str) -> str:
    """`text` as the build's Markdown makes it into HTML."""
    md = _converter()
    md.reset()
    return md.convert(text)


def _line_of(body: str, words: str) -> int:
    """The 0-based line of `body` where the thing named in `words` is written: an
    attribute ("the attribute 'style' on <p>", "the link href='...' on <a>") inside a tag
    of its element, a link's address as written, an attribute list's `name=`, or else
    the element's own tag; 0 when none is found. Code is left out, as the build leaves
    it alone, and the first match wins, as the build reads the page top down."""
    text = mask_code(body)
    element = re.search(r"<([^\s>]+)>", words)
    attribute = re.search(r"(?:attribute '|link )([\w:-]+)", words)
    link = re.search(r"link [\w:-]+='([^']+)'", words)
    patterns = []
    if element and attribute:
        patterns.append(rf"<{re.escape(element[1])}(?=[\s/>])[^>]*?\b({re.escape(attribute[1].rstrip('='))})\s*=?")
    if link:  # as written, or (an autolink such as <user@example.org>) without the scheme Markdown added
        patterns += [f"({re.escape(link[1][:20])})", f"({re.escape(link[1].split(':', 1)[-1][:20])})"]
    if attribute:
        patterns.append(rf"(?<![\w-])({re.escape(attribute[1].rstrip('='))})\s*=")
    if element:
        patterns.append(rf"(<){re.escape(element[1])}(?=[\s/>])")
    for pattern in patterns:
        match = re.search(pattern, text, re.IGNORECASE | re.DOTALL)
        if match:
            return text.count("\n", 0, match.start(1))
    return 0


def rendered_problems(text: str) -> list[tuple[int, str]]:
    """(0-based line, message) for what the build's sanitiser would remove from `text`
    (a body, or the Markdown of a prose field), or what would run into the page after it."""
    if not any(mark in text for mark in _CONVERTED_WHEN):
        return []
    if len(text) > MAX_CONVERTED or too_many_tags(text):
        return []  # refused already, by the tag limit, or too large to convert in a second: the build converts and sanitises it
    try:
        html = converted(text)
    except Exception as error:  # noqa: BLE001 -- an extension failing on odd input is a problem of the text, not a crash
        return [(0, f"Markdown cannot convert this text ({type(error).__name__}: {str(error)[:120]}); simplify the markup")]
    found: list[tuple[int, str]] = []
    for error in parse(html).errors if has_tags(mask_code(text)) else ():  # Markdown's own HTML never ends inside a tag
        if error.code == "eof-in-tag":
            found.append((len(text.rstrip().split("\n")) - 1, ("raw HTML ends inside a tag ('>' is missing), so the tag would take in the "
                                                     "page that follows; close it, or write '&lt;' for a '<' that starts no tag")))
        elif error.code == "eof-in-comment":
            found.append((_line_of(text, "<!--"), ("a comment ('<!--') is never closed with '-->', so it would hide the rest of "
                                                  "the page; close it or remove it")))
    if sanitise(html).removed:
        for what in build_removals(html) or ["markup outside the allow-list"]:
            found.append((_line_of(text, what), (f"the build would remove {what}: it is outside the allow-list of raw HTML "
                                                "(CONTRIBUTING.md, \"Markup stays harmless\"); leave it out")))
    return found


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
    found = body_problems(source.body)
    lines = {line for line, _ in found}
    for offset, why in found:
        problems.add(source.display, source.body_line + offset, "body", why)
    for offset, why in rendered_problems(source.body):
        if offset not in lines:  # said already, in the words of the check that found it
            problems.add(source.display, source.body_line + offset, "body", why)
    for loc, text in strings(source.meta):
        links = "](" in text or "]:" in text
        if not links and "{" not in text:  # nearly every value
            continue
        masked = mask_code(text)
        whys = [why for _, target in markdown_links(masked) if (why := link_problem(target))] if links else []
        whys += [why for _, why in attr_list_problems(masked, text)]
        if not whys:
            whys = [why for _, why in rendered_problems(str(markdown_text(text)))]
        for why in whys:
            problems.add(source.display, source.line(loc), field_name(loc), why)

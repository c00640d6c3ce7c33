"""Raw HTML read as a browser reads it, and held against the allow-list (allow_list.py).

One tokeniser for the content policy: justhtml, an HTML5 parser in pure Python
that follows the WHATWG parsing algorithm (it passes the html5lib test suite),
so an element is what a browser would make of the text, whatever tricks the
text plays: the raw-text and RCDATA elements (`<textarea>`, `<noscript>`,
`<title>`, `<xmp>` ...) whose content is not markup, a '<' inside an unquoted
value, comments that end early, foreign content (`<svg>`, `<math>`), `<template>`.
A regular expression cannot split tags as a browser does; this module is the
only place that reads tags out of content.

It gives each element's line, so the validator names the line to fix.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..read.urls import link_problem
from . import allow_list

# A body with more raw HTML than any page needs is refused before it is read:
# the parser is linear on real pages but not on every pathological one.
MAX_TAGS = 5_000
_CDATA = re.compile(r"<!\[CDATA\[", re.IGNORECASE)
_TAG_LIKE = re.compile(r"<[a-zA-Z/!?]")


def parse(html: str):
    """`html` parsed as a browser parses the content of a page (a fragment in <body>), with lines."""
    from justhtml import JustHTML  # imported when content first holds raw HTML: most builds never need it

    return JustHTML(html, fragment=True, sanitize=False, track_node_locations=True, collect_errors=True)


def elements(root) -> Iterator[tuple[object, int]]:
    """Every element under `root` (the content of <template> too), with its 1-based line,
    in document order; iterative, so that nesting depth costs no recursion."""
    stack = [(child, 1) for child in reversed(root.children or [])]
    while stack:
        node, line = stack.pop()
        if getattr(node, "namespace", None) is None:  # text, comments
            continue
        line = node.origin_line or line
        yield node, line
        below = list(node.children or [])
        if getattr(node, "template_content", None) is not None:
            below += list(node.template_content.children or [])
        stack.extend((child, line) for child in reversed(below))


def url_targets(name: str, value: str) -> list[str]:
    """The links an attribute's value holds: one, or a srcset's several ('a.png 1x, b.png 2x')."""
    return [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]


def _element_problem(name: str, namespace: str) -> str | None:
    if namespace != "html":
        what = "SVG" if namespace == "svg" else "MathML"
        return (f"inline {what} (<{name}>) is not allowed in content: it can run code in ways HTML cannot. "
                "Show a picture as an image file, ![what it shows](picture.png), and the build draws the site's charts itself")
    if name in allow_list.RAW_TEXT_ELEMENTS:
        return (f"raw HTML <{name}> is not allowed in content: a browser does not read what follows it as markup, so it can "
                "hide markup from every check, or run code")
    if name in allow_list.ACTIVE_ELEMENTS:
        return f"raw HTML <{name}> is not allowed in content; it could run code or change the page around it"
    if name not in allow_list.CONTENT_ELEMENTS:
        return (f"raw HTML <{name}> is not an element content may use; use Markdown, or one of the layout elements "
                "listed in CONTRIBUTING.md (\"Markup stays harmless\"), such as <div markdown>, <details> or <kbd>")
    return None


def _attribute_problems(element: str, name: str, value: str) -> Iterator[str]:
    why = allow_list.attribute_problem(element, name)
    if why:
        yield why
    if "<" in value:
        yield (f"the value of '{name}' (on <{element}>) holds '<': browsers and Markdown read such a tag differently, "
               "which can hide markup; leave the '<' out of the value")
    if value and name in allow_list.URL_ATTRIBUTES:
        for target in url_targets(name, value):
            why = link_problem(target)
            if why:
                yield why


def has_tags(html: str) -> bool:
    """Whether `html` holds anything a browser could read as a tag or comment."""
    return "<" in html and _TAG_LIKE.search(html) is not None


def too_many_tags(html: str) -> bool:
    return html.count("<") > MAX_TAGS and len(_TAG_LIKE.findall(html)) > MAX_TAGS


def raw_html_problems(html: str) -> list[tuple[int, str]]:
    """(1-based line, message) for everything in `html` (a body with its code blanked)
    that content may not write: elements and attributes outside the allow-list, links
    that are not https, http or relative, and markup a browser would read past."""
    if "<" not in html or not _TAG_LIKE.search(html):
        return []  # a '<' that starts no tag is text
    tags = len(_TAG_LIKE.findall(html))
    if tags > MAX_TAGS:
        return [(1, f"holds {tags:,} tags of raw HTML; a page may hold at most {MAX_TAGS:,}. Write the page in Markdown")]
    found: list[tuple[int, str]] = []
    for match in _CDATA.finditer(html):
        found.append((html.count("\n", 0, match.start()) + 1,
                      ("a CDATA section (<![CDATA[) is not HTML: browsers read it one way in SVG and MathML and another elsewhere; "
                      "write the text as text")))
    document = parse(html)
    for element, line in elements(document.root):
        name, namespace = element.name, element.namespace
        why = _element_problem(name, namespace)
        if why:
            found.append((line, why))
        for attribute, value in element.attrs.items():
            found += [(line, why) for why in _attribute_problems(name, attribute, value or "")]
    return found


def build_removals(html: str) -> list[str]:
    """What the build's sanitiser removes from `html` (a page's content as Markdown made
    it), each once, in words; for messages (sanitise.py decides what is removed)."""
    found: dict[str, None] = {}
    if "<" not in html:
        return []
    elements_kept = allow_list.build_elements()
    for element, _ in elements(parse(html).root):
        name = element.name
        if name not in elements_kept:
            found[f"the element <{name}>"] = None
            continue
        for attribute, value in element.attrs.items():
            key = attribute.lower()
            if key in ("href", "src") and value and link_problem(value):
                found[f"the link {key}='{value[:60]}' on <{name}>"] = None
            elif key.startswith("on"):
                found[f"the event-handler attribute '{key}=' on <{name}>"] = None
            elif not allow_list.build_keeps(name, attribute, value):
                found[f"the attribute '{attribute}' on <{name}>"] = None
    return list(found)

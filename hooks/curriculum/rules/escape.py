"""Values from front-matter made safe to write into a page's Markdown or HTML.

Every `{{ value }}` of a template goes through `escape_md` (the Jinja
environment's finalize), so a front-matter value can never become markup; the
filters `h`, `md` and `url` cover raw HTML attributes, prose that may use
Markdown, and checked links.
"""

from __future__ import annotations

import html
import re
from typing import Any

from markupsafe import Markup

# Characters Python-Markdown reads as markup. The first set it lets a backslash
# escape; the second it does not (a backslash would show), so they become
# character references. Markdown escapes go first: html.escape then writes
# references such as &#x27;, whose '#' must not be escaped again.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#!+])")
_MD_REFERENCE = {"~": "&#126;", "^": "&#94;", "=": "&#61;"}
# Control characters show nothing, and Python-Markdown uses \x02 and \x03 to mark
# its placeholders: a value must not carry them into a page.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_NO_BACKSLASH = re.compile(r"[~^=]")
_NEWLINE = re.compile(r"\r\n?|\n")
# Any character one of the steps below would change (html.escape's five included).
_NEEDS_ESCAPE = re.compile(r"""[\\`*_\[\]{}|#!+~^=&<>"'\r\n\x00-\x08\x0b\x0c\x0e-\x1f\x7f]""")


def escape_md(value: Any) -> Markup:
    """Text that renders as itself in Markdown, in tables and inside raw HTML."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    text = str(value)
    if _NEEDS_ESCAPE.search(text) is None:  # most titles and numbers: nothing to do
        return Markup(text)
    text = _MD_SPECIAL.sub(r"\\\1", _CONTROL.sub("", text))
    text = html.escape(text, quote=True)
    text = _MD_NO_BACKSLASH.sub(lambda m: _MD_REFERENCE[m[0]], text)
    return Markup(_NEWLINE.sub(" ", text))  # one line: a table row or heading stays whole


# Characters Markdown's inline patterns act on even inside a tag of inline raw HTML: a
# link written in an attribute's value would become an <a> whose quotes end the value.
_MD_ACTIVE_IN_HTML = str.maketrans({c: f"&#{ord(c)};" for c in "|`*_[]\\~{}"})


def escape_html(value: Any) -> Markup:
    """For values inside raw HTML, where Markdown backslash escapes do not apply: HTML's
    characters escaped, and Markdown's as character references (see _MD_ACTIVE_IN_HTML)."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True).translate(_MD_ACTIVE_IN_HTML))


def markdown_text(value: Any) -> Markup:
    """Front-matter prose that may use Markdown (emphasis, code, links) but never raw HTML.

    Link schemes in these values were already checked by the loader.
    """
    text = _CONTROL.sub("", ("" if value is None else str(value)).replace("\r\n", "\n").replace("\r", "\n"))
    text = html.escape(text, quote=False)
    return Markup(text.replace("|", "\\|"))  # a '|' would split a table cell


def safe_url(value: Any) -> Markup:
    """A checked URL made safe to sit inside Markdown's `(...)` and HTML attributes."""
    text = str(value)
    for char, code in (("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E"), ('"', "%22"), (" ", "%20")):
        text = text.replace(char, code)
    return Markup(text)

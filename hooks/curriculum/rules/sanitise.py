"""The build's second line of defence: every page's content sanitised against the allow-list.

The validator refuses raw HTML outside the allow-list (allow_list.py) with its
file and line. Should a check ever miss something, the build still publishes
none of it: the HTML of each page's content (its body and the template around
it, as Markdown made it) goes through nh3, the Python binding of ammonia, an
allow-list sanitiser that parses HTML as a browser does (html5ever) and writes
back only the elements and attributes the allow-list holds, with links only to
https, http or relative addresses.

Keeping today's bytes. The sanitiser writes HTML its own way (`<hr>` for `<hr />`,
every attribute in double quotes), so a page it had nothing to take from is
published as Markdown wrote it. Whether it took anything is told by sanitising a
second time with an allow-list that holds everything the page holds (every
element named in it, every attribute, every scheme a browser might run): the
two results are equal exactly when the allow-list removed nothing. Only then is
the original kept; otherwise the page is published as sanitised, and the build
says what it removed (`Sanitised.removed`), which the validator should have
refused first.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import nh3

from . import allow_list

# Every scheme a browser may run or open something with, so that the "allow
# everything" pass keeps any of them that the real pass removes.
_KNOWN_SCHEMES = frozenset({
    "http", "https", "javascript", "vbscript", "livescript", "mocha", "data", "blob", "file", "filesystem", "about", "ftp",
    "mailto", "tel", "sms", "view-source", "chrome", "chrome-extension", "jar", "ms-its", "mhtml", "res", "wyciwyg", "ws",
    "wss", "intent", "moz-extension", "resource", "feed", "jscript", "ecmascript",
})
# Element names a browser's parser may create (HTML, SVG and MathML, SVG's camelCase
# spellings too), so that the "allow everything" pass keeps each of them.
_KNOWN_ELEMENTS = frozenset(["a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b", "base", "basefont", "bdi", "bdo", "bgsound", "big", "blink", "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "image", "img", "input", "ins", "isindex", "kbd", "keygen", "label", "legend", "li", "link", "listing", "main", "map", "mark", "marquee", "menu", "menuitem", "meta", "meter", "nav", "nobr", "noembed", "noframes", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture", "plaintext", "portal", "pre", "progress", "q", "rb", "rp", "rt", "rtc", "ruby", "s", "samp", "script", "search", "section", "select", "selectedcontent", "slot", "small", "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt", "u", "ul", "var", "video", "wbr", "xmp", "svg", "g", "line", "rect", "circle", "ellipse", "path", "polygon", "polyline", "text", "tspan", "textpath", "textPath", "defs", "use", "symbol", "marker", "mask", "pattern", "clippath", "clipPath", "lineargradient", "linearGradient", "radialgradient", "radialGradient", "stop", "filter", "foreignobject", "foreignObject", "animate", "animatemotion", "animateMotion", "animatetransform", "animateTransform", "set", "desc", "metadata", "switch", "view", "image", "feimage", "feImage", "math", "mi", "mo", "mn", "ms", "mtext", "mglyph", "malignmark", "annotation-xml", "semantics", "mrow", "mstyle", "mtable", "mtr", "mtd", "msub", "msup", "mfrac", "msqrt"])
# What a browser reads as a start tag: '<', a letter, then the name up to a space, '/' or '>'.
_TAG_NAME = re.compile(r"<([a-zA-Z][^\t\n\f\r />]*)")


def _cleaner(tags: frozenset[str], *, everything: bool, drop_script_data: bool) -> nh3.Cleaner:
    if everything:
        return nh3.Cleaner(tags=set(tags), clean_content_tags=set(), attributes={"*": set()}, generic_attribute_prefixes={""},
                           link_rel=None, strip_comments=False, url_schemes=set(_KNOWN_SCHEMES))
    attributes = {element: set(names) for element, names in allow_list.build_attributes().items()}
    for cell in allow_list.ALIGNED_CELLS:  # its style only with the alignment's exact value
        attributes.setdefault(cell, set()).discard("style")
    return nh3.Cleaner(
        tags=set(tags), attributes=attributes, generic_attribute_prefixes=set(allow_list.BUILD_ATTRIBUTE_PREFIXES),
        tag_attribute_values={cell: {"style": set(allow_list.ALIGNMENT_STYLES)} for cell in allow_list.ALIGNED_CELLS},
        attribute_filter=_drop_script_data if drop_script_data else None,
        link_rel=None, strip_comments=False, url_schemes=set(allow_list.ALLOWED_SCHEMES),
    )


def _drop_script_data(element: str, name: str, value: str) -> str | None:
    return None if name.startswith("data-md-") else value


@functools.cache
def _allowed(drop_script_data: bool) -> nh3.Cleaner:
    return _cleaner(allow_list.build_elements(), everything=False, drop_script_data=drop_script_data)


@functools.cache
def _everything(extra: frozenset[str] = frozenset()) -> nh3.Cleaner:
    return _cleaner(_KNOWN_ELEMENTS | extra, everything=True, drop_script_data=False)


@dataclass(frozen=True)
class Sanitised:
    html: str
    removed: bool  # the allow-list took something away: the page is published as sanitised


def sanitise(html: str) -> Sanitised:
    """`html` (the content of a page) with everything outside the allow-list removed: the
    original text when nothing was, the sanitiser's rewriting of it when something was."""
    if "<" not in html:
        return Sanitised(html, False)
    kept = _allowed("data-md-" in html).clean(html)
    # Element names the page may hold beyond the known ones (custom elements): the
    # "allow everything" pass must keep them too, or it would remove what the real
    # pass removes and the two would agree.
    names = {name.lower() for name in _TAG_NAME.findall(html.replace("\x00", "\ufffd"))}
    whole = _everything(frozenset(names - _KNOWN_ELEMENTS)).clean(html)
    if kept == whole:
        return Sanitised(html, False)
    return Sanitised(kept, True)

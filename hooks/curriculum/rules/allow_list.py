"""The one allow-list of HTML: the elements and attributes a page may hold.

Two circles, one inside the other:

- what **content** may write, in raw HTML or with attr_list (`## Title {#id .c}`):
  `CONTENT_ELEMENTS`, `GLOBAL_ATTRIBUTES` on any of them, `ELEMENT_ATTRIBUTES` on
  some, `markdown` (md_in_html) and `data-*` other than `SCRIPT_DATA`. The
  validator (content_policy.py, markup.py) refuses anything else, with its line;
  CONTRIBUTING's "Markup stays harmless" shows the same table.
- what **the build** keeps in a page's content: the above, and what our templates
  and the Markdown extensions write themselves (`BUILD_ELEMENTS`,
  `BUILD_GLOBAL_ATTRIBUTES`, `BUILD_ELEMENT_ATTRIBUTES`, `aria-*`, `data-atlas-*`,
  the tables extension's column alignment). sanitise.py hands exactly this to the
  sanitiser (nh3, i.e. ammonia), which removes everything else from every page.

Nothing in either circle can run code: no element whose content is not markup
(`RAW_TEXT_ELEMENTS`), no event handler, no `style` beyond a table column's
alignment, and links (`href`, `src`) only to https, http or relative addresses.

Extending it for template markup. A template that writes a new element or
attribute (a widget's button, a chart's shape) fails the build until it is here:
the build names the page and what it would remove. Add the element to
`BUILD_ELEMENTS` and its attributes to `BUILD_ELEMENT_ATTRIBUTES[element]` (an
attribute every element may carry, to `BUILD_GLOBAL_ATTRIBUTES`); an SVG element
or attribute keeps its SVG spelling (`viewBox`). Never add an event handler,
`style`, `srcdoc`, `formaction`, `action`, `srcset`, `xlink:href`, an element of
`RAW_TEXT_ELEMENTS`, or a URL attribute other than `href` and `src`: a widget
gets its behaviour from our scripts, which find it by its `data-atlas-*`
attributes (the build keeps every `data-atlas-*` name).
"""

from __future__ import annotations

import functools

# --- what content may write -------------------------------------------------------------

# Elements that lay out or mark up text. Nothing here loads, runs or submits anything.
CONTENT_ELEMENTS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
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
CONTENT_ATTRIBUTES = frozenset(GLOBAL_ATTRIBUTES) | {a for names in ELEMENT_ATTRIBUTES.values() for a in names} | {MARKDOWN_ATTRIBUTE}

# Elements whose content a browser does not read as markup (raw text and RCDATA), or
# that load, run or submit something, or change the page around them. Content may
# write none of them; the messages say why (markup.py).
RAW_TEXT_ELEMENTS = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext")
ACTIVE_ELEMENTS = ("object", "embed", "applet", "frame", "frameset", "form", "base", "meta", "link", "portal", "template",
                   "slot", "input", "button", "select", "option", "audio", "video", "source", "track", "picture", "canvas",
                   "math", "svg", "image", "frame", "dialog", "isindex", "keygen", "marquee")

# Attributes whose value is an address a browser follows (judged by urls.url_problem).
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "background", "xlink:href", "cite",
                  "longdesc", "ping", "manifest", "codebase", "archive", "lowsrc", "dynsrc", "icon", "itemtype")

# --- what the build keeps besides: our templates and the Markdown extensions ------------

BUILD_ELEMENTS = frozenset({
    # templates/*.md.j2 and _widgets.md.j2: the planner (its study days a fieldset), filters, progress
    # and tick boxes, a phase's own marks (buttons), the pager
    "section", "nav", "form", "fieldset", "legend", "label", "input", "button", "select", "option", "output", "progress",
    # svg.py: the charts (drawn at build time, SVG spelling)
    "svg", "g", "line", "rect", "text", "title",
})
BUILD_GLOBAL_ATTRIBUTES = ("role", "hidden", "tabindex")
BUILD_ELEMENT_ATTRIBUTES = {
    "a": ("name", "download"),  # pymdownx.highlight's line anchors; the .bib downloads
    "div": ("data-tabs", "data-search-exclude"),  # pymdownx.tabbed; the search plugin
    "details": ("open",),
    "form": ("novalidate",),
    "label": ("for",),
    "input": ("type", "name", "value", "checked", "disabled", "required", "min", "max", "step", "accept", "placeholder",
              "autocomplete", "inputmode"),
    "button": ("type", "disabled"),
    "select": ("name", "disabled"),
    "option": ("value", "selected", "disabled"),
    "output": ("for",),
    "progress": ("max", "value"),
    "svg": ("width", "height", "viewBox", "preserveAspectRatio", "xmlns"),
    "g": ("transform",),
    "line": ("x1", "x2", "y1", "y2"),
    "rect": ("x", "y", "width", "height", "rx", "ry"),
    "text": ("x", "y", "text-anchor", "dominant-baseline", "font-size"),
}
BUILD_ATTRIBUTE_PREFIXES = ("aria-", "data-")  # data-md-* is taken out again (sanitise.py)
# The tables extension aligns a column with this style, and nothing else may carry one.
ALIGNED_CELLS = ("th", "td")
ALIGNMENT_STYLES = frozenset(f"text-align: {side};" for side in ("left", "right", "center"))
ALLOWED_SCHEMES = ("http", "https")


def attribute_problem(element: str, name: str, *, attr_list: bool = False) -> str | None:
    """Why content may not give `element` (a tag name, '' when unknown) the attribute `name`;
    None when it may. Its value, when it is a link, is judged by urls.link_problem."""
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


def build_elements() -> frozenset[str]:
    """Every element the build keeps."""
    return CONTENT_ELEMENTS | BUILD_ELEMENTS


@functools.cache
def build_attributes() -> dict[str, frozenset[str]]:
    """Element ('*' for any) -> the attributes the build keeps on it, by name alone."""
    kept: dict[str, set[str]] = {"*": {*GLOBAL_ATTRIBUTES, *BUILD_GLOBAL_ATTRIBUTES, MARKDOWN_ATTRIBUTE}}
    for table in (ELEMENT_ATTRIBUTES, BUILD_ELEMENT_ATTRIBUTES):
        for element, names in table.items():
            kept.setdefault(element, set()).update(names)
    return {element: frozenset(names) for element, names in kept.items()}


def build_keeps(element: str, name: str, value: str | None = None) -> bool:
    """Whether the build keeps the attribute `name` (="value") on `element`, links aside
    (an href or src is kept when urls.url_problem allows it)."""
    if name.startswith("data-md-"):
        return False
    if name.startswith(BUILD_ATTRIBUTE_PREFIXES):
        return True
    if name == "style":
        return element in ALIGNED_CELLS and value in ALIGNMENT_STYLES
    kept = build_attributes()
    return name in kept["*"] or name in kept.get(element, ())

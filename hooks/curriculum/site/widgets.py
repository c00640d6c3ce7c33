"""Which of our widgets' scripts and stylesheets a page loads, and when.

A widget's assets load only on the pages that hold the widget (its class or data
attribute, written by templates/_widgets.md.j2 or the index templates), so that no
other page's first view carries them. A widget drawn on the first screen loads
"now" (deferred, with the page); one further down, "later": page.js loads it once
the page has loaded and the browser is idle (its stylesheet first), so that the
first view does not wait for it. The widget stays hidden until its script starts.

Decided here, from the page's Markdown, and handed to the theme in the page's
front-matter (Site.page_meta): templates/theme/main.html only writes the tags, in
a form both Jinja2 (MkDocs) and MiniJinja (Zensical) render.
"""

from __future__ import annotations

# (marker in the page, script, stylesheet, when), in the order the assets load. A script
# another one uses comes in an earlier row (review.js holds the review's rules and storage
# for review-session.js, review-offer.js and transfer.js's `review` section); the home
# page's review box is at the top of the page, so it loads "now".
WIDGETS = (
    ("data-atlas-map=", "map", None, "now"),
    ("data-atlas-work=", "map", None, "now"),
    ('class="atlas-filters"', "filters", None, "now"),
    ('class="atlas-review-due"', "review", None, "now"),
    ('class="atlas-review-session"', "review", "review", "now"),
    ('class="atlas-review-session"', "review-session", "review", "now"),
    ('class="atlas-review-offer"', "review", None, "later"),
    ('class="atlas-review-offer"', "review-offer", None, "later"),
    ('class="atlas-phase-progress" data-atlas-phase=', "route", "route", "later"),
    ('class="atlas-known"', "route", "route", "later"),
    ('class="atlas-known"', "known", "route", "later"),
    ('class="atlas-progress-tools"', "review", None, "later"),
    ('class="atlas-progress-tools"', "transfer", "tools", "later"),
    ('class="atlas-planner"', "planner", "tools", "later"),
)


def widget_assets(page: str) -> dict[str, list[str]]:
    """Site paths of the assets the widgets in `page` need, each once: `atlas_styles` and
    `atlas_scripts` now, `atlas_later` after the page has loaded (none of the former).
    Empty lists are left out."""
    found: dict[str, list[str]] = {"now": [], "later": []}
    for when in ("now", "later"):
        for marker, script, style, time in WIDGETS:
            if time != when or marker not in page:
                continue
            for url in ([f"assets/{style}.css"] if style else []) + [f"assets/js/{script}.js"]:
                if url not in found[when] and url not in found["now"]:
                    found[when].append(url)
    assets = {
        "atlas_styles": [url for url in found["now"] if url.endswith(".css")],
        "atlas_scripts": [url for url in found["now"] if url.endswith(".js")],
        "atlas_later": found["later"],
    }
    return {key: urls for key, urls in assets.items() if urls}

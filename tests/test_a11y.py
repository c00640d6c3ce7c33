"""Accessibility gate: what a reader with a screen reader or a keyboard meets.

- axe-core (the npm package pinned in package-lock.json, injected into each page)
  finds no violation of any impact on any page, in the light and dark schemes,
  at desktop and phone widths, and with the search dialog and answers open;
- every control of our widgets (progress boxes, planner, filters, import and
  export) is reached with Tab, shows where the focus is, and works from the keyboard;
- headings go down one level at a time, and pictures have text alternatives.

The fixture curriculum is built with one extra page (tests/fixtures/samples/)
that uses every kind of Markdown block, highlighted code included. Pages open
from file:// with the network cut off, as offline readers open them.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from browser import Watch, new_context, ready, show_scheme, shown_first, wait_until_still
from sitebuild import ROOT, is_redirect

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BOTH = ("light", "dark")  # the system preferences a reader may have: Material shows "default" and "slate"


# --- the sites --------------------------------------------------------------


def pages_of(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if not is_redirect(p)]  # old addresses: tests/test_renames.py


# One page of each kind on the real site: axe on all of them would take minutes.
REAL_SAMPLE = [
    "index.html",
    "paths/index.html",
    "papers/index.html",
    "projects/index.html",
    "skills/index.html",
    "guides/index.html",
    "review.html",
    "whats-new.html",
]


def real_sample(site: Path) -> list[Path]:
    chosen = [site / rel for rel in REAL_SAMPLE]
    for pattern in ("paths/*/index.html", "paths/*/0*.html", "papers/[!i]*.html", "projects/[!i]*.html", "skills/[!i]*.html", "guides/[!i]*.html"):
        found = sorted(site.glob(pattern))
        if found:
            chosen.append(found[0])
    return chosen


# --- structure, without a browser ------------------------------------------


class Outline(HTMLParser):
    """Headings of the article, and every picture with what it says to a screen reader."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.headings: list[tuple[int, str]] = []
        self.images: list[dict] = []
        self.svgs: list[dict] = []
        self.texts: dict[str, str] = {}  # id -> text, for aria-labelledby
        self.nested_lists = 0  # <dl> inside a <dd>: a term list broken by a missing blank line
        self.open: list[tuple[str, str | None, list[str]]] = []  # elements being read: tag, id, text

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if tag in ("img", "input", "br", "hr", "meta", "link", "source", "wbr"):  # void: no end tag
            if self.in_article and tag == "img":
                self.images.append(attrs)
            return
        if tag == "dl" and self.in_article and any(name == "dd" for name, _, _ in self.open):
            self.nested_lists += 1
        self.open.append((tag, attrs.get("id"), []))
        # An icon inside a link or button is named by the link or button.
        if self.in_article and tag == "svg" and not any(name in ("a", "button", "label") for name, _, _ in self.open[:-1]):
            self.svgs.append(attrs)

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        while self.open:
            name, ident, text = self.open.pop()
            joined = "".join(text)
            if self.open:
                self.open[-1][2].append(joined)
            if ident:
                self.texts[ident] = joined.strip()
            if re.fullmatch(r"h[1-6]", name) and self.in_article:
                self.headings.append((int(name[1]), joined.strip()))
            if name == tag:
                break

    def handle_data(self, data):
        if self.open:
            self.open[-1][2].append(data)


def outline(page: Path) -> Outline:
    parser = Outline()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def structure_problems(site: Path, pages: list[Path]) -> list[str]:
    problems = []
    for page in pages:
        rel = page.relative_to(site).as_posix()
        found = outline(page)
        levels = [level for level, _ in found.headings]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{rel}: the article needs exactly one h1, first; it has {levels}")
        if found.nested_lists:
            problems.append(f"{rel}: a definition list is nested in another, so values read as terms")
        for (before, _), (after, text) in zip(found.headings, found.headings[1:]):
            if after > before + 1:
                problems.append(f"{rel}: heading '{text}' is h{after} right after an h{before}; a level is skipped")
        for level, text in found.headings:
            if not text.strip("¶ "):
                problems.append(f"{rel}: an h{level} has no text")
        for image in found.images:
            if not (image.get("alt") or "").strip() and image.get("role") != "presentation":
                problems.append(f"{rel}: picture {image.get('src')} has no text alternative (alt)")
        for svg in found.svgs:
            if svg.get("aria-hidden") == "true":
                continue
            name = svg.get("aria-label") or " ".join(found.texts.get(i, "") for i in (svg.get("aria-labelledby") or "").split())
            if svg.get("role") != "img" or not name.strip():
                problems.append(f"{rel}: an inline picture (svg) has no role=img and text alternative: {svg}")
    return problems


def test_headings_in_order_and_pictures_described(samples_site: Path) -> None:
    assert not structure_problems(samples_site, pages_of(samples_site))


def test_structure_catches_a_skipped_heading_and_a_bare_picture(tmp_path: Path) -> None:
    """The structural check itself fails on what it is meant to catch."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<article><h1>T</h1><h3>Skipped</h3><img src="a.png"><svg viewBox="0 0 1 1"></svg>'
        '<svg role="img" aria-labelledby="t"><title id="t">Fine</title></svg><dl><dt>a</dt><dd><dl><dt>b</dt></dl></dd></dl></article>',
        encoding="utf-8",
    )
    problems = structure_problems(tmp_path, [page])
    assert len(problems) == 4, problems
    assert "nested" in problems[0] and "skipped" in problems[1] and "a.png" in problems[2] and "svg" in problems[3]


def test_real_site_headings_and_pictures(real_site: Path) -> None:
    assert not structure_problems(real_site, pages_of(real_site))


# --- axe-core in Chromium ----------------------------------------------------

pytest.importorskip("playwright.sync_api")



def axe(page) -> list[str]:
    """Every axe-core violation on the page once it is still (a button fading in, such as the
    theme's back-to-top, has no contrast worth measuring yet: browser.STILL), one line each."""
    wait_until_still(page)
    if not page.evaluate("typeof window.axe === 'object'"):
        assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (make test does)"
        # A page from disk loads axe as a file (a third of the time it takes Playwright to send
        # its 500 KB into the page, which it does for a page served or set from a string).
        page.add_script_tag(**{"url": AXE.as_uri()} if page.url.startswith("file:") else {"path": str(AXE)})
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"{violation['id']} ({violation['impact']}) at {node['target']}: {summary[:300]}")
    return lines


def axe_in(page, schemes=BOTH) -> dict[str, list[str]]:
    """axe's violations on the page as it is, in each of `schemes` ("light", "dark") in turn:
    the page is shown in each without loading it again, so any state it is in is kept."""
    found = {}
    for scheme in shown_first(page, schemes):
        show_scheme(page, scheme)
        found[scheme] = axe(page)
    return found


def open_pages(browser, pages: list[Path], site: Path, watch: Watch, schemes=BOTH, **options) -> dict[str, list[str]]:
    """axe on each page, opened once and checked in each of `schemes`; violations by page and scheme."""
    context = new_context(browser, watch, **options)
    page = context.new_page()
    found = {}
    for html in pages:
        page.goto(html.resolve().as_uri())
        ready(page)
        for scheme, lines in axe_in(page, schemes).items():
            found[f"{html.relative_to(site).as_posix()} ({scheme})"] = lines
    context.close()
    return {where: lines for where, lines in found.items() if lines}


@pytest.mark.browser
def test_axe_finds_nothing_on_any_page_in_either_scheme(browser, samples_site: Path) -> None:
    watch = Watch()
    found = open_pages(browser, pages_of(samples_site), samples_site, watch, viewport={"width": 1280, "height": 900})
    assert not found, "\n".join(f"{rel}: {line}" for rel, lines in found.items() for line in lines)
    assert not watch.outside


@pytest.mark.browser
def test_axe_finds_nothing_on_a_phone(browser, samples_site: Path) -> None:
    """Layout, not colour, changes on a phone (wide tables and code scroll): one scheme is enough."""
    watch = Watch()
    found = open_pages(browser, pages_of(samples_site), samples_site, watch, schemes=("light",), color_scheme="light",
                       viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    assert not found, "\n".join(f"{rel}: {line}" for rel, lines in found.items() for line in lines)


@pytest.mark.browser
def test_axe_finds_nothing_with_search_and_answers_open(browser, samples_site: Path) -> None:
    watch = Watch()
    context = new_context(browser, watch, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((samples_site / "paths/demo-path/01-basics.html").resolve().as_uri())
    ready(page)
    for details in page.locator("article details").all():
        details.locator("summary").click()
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("transformer")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    # The results fade in; measured half-way, their text is paler than a reader sees it.
    page.wait_for_function("getComputedStyle(document.querySelector('.md-search__output')).opacity === '1'")
    page.wait_for_function("Array.from(document.querySelectorAll('.md-search-result__item')).every(el => getComputedStyle(el).opacity === '1')")
    found = {f"search open ({scheme})": lines for scheme, lines in axe_in(page).items()}
    page.keyboard.press("Escape")
    page.goto((samples_site / "papers/index.html").resolve().as_uri())
    ready(page)
    page.get_by_role("combobox", name="Year").select_option("2018")  # rows hidden by a filter
    found |= {f"papers filtered ({scheme})": lines for scheme, lines in axe_in(page).items()}
    context.close()
    found = {state: lines for state, lines in found.items() if lines}
    assert not found, "\n".join(f"{state}: {line}" for state, lines in found.items() for line in lines)


@pytest.mark.browser
def test_axe_catches_a_known_violation(browser, samples_site: Path) -> None:
    """The gate can fail: an unlabelled control and low-contrast text are reported."""
    watch = Watch()
    context = new_context(browser, watch)
    page = context.new_page()
    page.goto((samples_site / "index.html").resolve().as_uri())
    ready(page)
    page.evaluate(
        """() => { const a = document.querySelector('article');
        a.insertAdjacentHTML('beforeend', '<input type="text"><p style="color:#bbb;background:#fff">faint</p>'); }"""
    )
    rules = {line.split(" ")[0] for line in axe(page)}
    context.close()
    assert {"label", "color-contrast"} <= rules, rules


@pytest.mark.browser
def test_axe_on_the_real_site_in_either_scheme(browser, real_site: Path) -> None:
    watch = Watch()
    found = open_pages(browser, real_sample(real_site), real_site, watch, viewport={"width": 1280, "height": 900})
    assert not found, "\n".join(f"{rel}: {line}" for rel, lines in found.items() for line in lines)


# --- keyboard ----------------------------------------------------------------

# Our widgets' controls, on the pages that have them. A control inside a label
# shows its focus on the label (the file input is visually hidden in its label).
CONTROLS = (
    "input[data-atlas-id], .atlas-plan-form input:not([hidden] input), .atlas-plan-form button, [data-atlas-action]:not([hidden]), input.atlas-file, "
    ".atlas-filters select, .atlas-filters input, article details > summary, .atlas-toggle, .atlas-known-skills input, "
    ".atlas-known .atlas-tool-buttons:not([hidden]) button:not([hidden]), .atlas-my-list button, "
    ".atlas-track-fieldset input:checked"  # a group of radios is one stop: the chosen one's (arrows move in it)
)
WIDGET_PAGES = ["index.html", "paths/demo-path/index.html", "paths/demo-path/01-basics.html", "paths/demo-path/02-advanced.html", "papers/index.html", "projects/index.html", "papers/transformer.html"]


def tab_through(page, limit: int = 400) -> list[dict]:
    """Press Tab until every control has had the focus; for each, its name and whether the focus
    is visible in either scheme (the focused control is shown in the other scheme, then blurred
    in both: one pass of Tab checks both)."""
    page.evaluate(f"""() => document.querySelectorAll({CONTROLS!r}).forEach((el, i) => el.setAttribute('data-a11y-control', i))""")
    total = page.evaluate("document.querySelectorAll('[data-a11y-control]').length")
    seen: dict[str, dict] = {}
    for _ in range(limit):
        page.keyboard.press("Tab")
        index = page.evaluate("document.activeElement && document.activeElement.getAttribute('data-a11y-control')")
        if index is None or index in seen:
            if len(seen) == total:
                break
            continue
        control = page.locator(f"[data-a11y-control='{index}']")
        ring = page.locator(f"[data-a11y-control='{index}']").evaluate_handle(
            "el => el.closest('label') || el"
        ).as_element()
        box = ring.bounding_box()
        clip = {"x": max(box["x"] - 8, 0), "y": max(box["y"] - 8, 0), "width": box["width"] + 16, "height": box["height"] + 16}
        first, second = shown_first(page)
        focused = {first: page.screenshot(clip=clip)}
        show_scheme(page, second)
        focused[second] = page.screenshot(clip=clip)
        page.evaluate("document.activeElement.blur()")
        unfocused = {second: page.screenshot(clip=clip)}
        show_scheme(page, first)
        unfocused[first] = page.screenshot(clip=clip)
        seen[index] = {
            "control": control.evaluate("el => el.outerHTML.slice(0, 120)"),
            "invisible_focus": [scheme for scheme in BOTH if focused[scheme] == unfocused[scheme]],
            "name": control.evaluate(
                "el => (el.labels && el.labels[0] ? el.labels[0].textContent : '') || el.getAttribute('aria-label') || el.textContent || ''"
            ).strip(),
        }
    missing = page.evaluate(
        "seen => Array.from(document.querySelectorAll('[data-a11y-control]')).filter(el => !seen.includes(el.getAttribute('data-a11y-control'))).map(el => el.outerHTML.slice(0, 120))",
        list(seen),
    )
    return list(seen.values()) + [{"control": html, "reached": False} for html in missing]


@pytest.mark.browser
@pytest.mark.parametrize("rel", WIDGET_PAGES)
def test_every_control_is_reached_by_tab_with_visible_focus_and_a_name(browser, samples_site: Path, rel: str) -> None:
    watch = Watch()
    context = new_context(browser, watch, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto((samples_site / rel).resolve().as_uri())
    ready(page)
    controls = tab_through(page)
    context.close()
    assert controls, f"{rel} has no widget controls to check"
    unreachable = [c["control"] for c in controls if c.get("reached") is False]
    assert not unreachable, f"not reachable with Tab: {unreachable}"
    invisible = [f"{c['control']} ({', '.join(c['invisible_focus'])})" for c in controls if c["invisible_focus"]]
    assert not invisible, f"focus is not visible on: {invisible}"
    unnamed = [c["control"] for c in controls if not c["name"]]
    assert not unnamed, f"no accessible name: {unnamed}"


def focus(page, selector: str) -> None:
    """Tab (not click) until the element matching `selector` has the focus."""
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Tab never reaches {selector}")


@pytest.mark.browser
def test_widgets_work_from_the_keyboard(browser, samples_site: Path, tmp_path: Path) -> None:
    watch = Watch()
    context = new_context(browser, watch)
    page = context.new_page()
    base = samples_site.resolve()

    page.goto((base / "paths/demo-path/01-basics.html").as_uri())
    ready(page)
    focus(page, "input[data-atlas-id='phase:demo-path/basics']")
    page.keyboard.press("Space")
    assert page.get_by_role("checkbox", name="I have finished this phase").is_checked()
    focus(page, "input.atlas-task")
    page.keyboard.press("Space")
    assert page.locator("input.atlas-task").first.is_checked()
    focus(page, "details.question > summary")
    page.keyboard.press("Enter")
    assert page.locator("details.question").first.get_attribute("open") is not None

    page.goto((base / "papers/index.html").as_uri())
    ready(page)
    focus(page, ".atlas-filters select[name=year]")
    page.keyboard.press("ArrowDown")
    assert page.locator(".atlas-count").inner_text() != "3 of 3 shown"

    page.goto((base / "paths/demo-path/index.html").as_uri())
    ready(page)
    focus(page, ".atlas-plan-form input[name=hours]")
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "demo-path-plan.ics"

    page.goto((base / "index.html").as_uri())
    ready(page)
    focus(page, "[data-atlas-action=export]")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == "atlas-progress.json"
    # A fresh page: Chromium may not open a file chooser right after a download
    # started from the same page, which is the browser's rule, not the widget's.
    # Playwright turns on its interception of file choosers without waiting for
    # the browser to confirm it; a page still busy loading can take the key first,
    # so interception starts before the focus moves, not just before the key.
    page.goto((base / "index.html").as_uri())
    ready(page)
    with page.expect_file_chooser() as chooser:
        focus(page, "input.atlas-file")
        page.keyboard.press("Space")
    assert chooser.value.element.evaluate("el => el.classList.contains('atlas-file')")
    context.close()
    watch.assert_clean()


@pytest.mark.browser
def test_axe_on_a_split_table_with_its_filter_in_use(browser, split_site: Path) -> None:
    """The pager, and the table as the filter shows it with every page's rows loaded, in either scheme."""
    watch = Watch()
    context = new_context(browser, watch, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for rel in ("projects/index-2.html", "papers/index.html"):
        page.goto((split_site / rel).resolve().as_uri())
        ready(page)
        found |= {f"{rel} ({scheme})": lines for scheme, lines in axe_in(page).items()}
    page.select_option("#atlas-filter-year", "2019")
    page.wait_for_function("document.querySelector('.atlas-count').textContent.includes(' shown')")
    found |= {f"papers/index.html, filtered ({scheme})": lines for scheme, lines in axe_in(page).items()}
    context.close()
    found = {where: lines for where, lines in found.items() if lines}
    assert not found, "\n".join(f"{rel}: {line}" for rel, lines in found.items() for line in lines)
    assert not watch.outside


def test_each_navigation_section_is_named_by_its_title() -> None:
    from curriculum.site.finish import finish_page

    section = (
        '<nav class="md-nav" data-md-level="{level}" aria-labelledby="__nav_{n}_label" aria-expanded="true">\n'
        '  <label class="md-nav__title" for="__nav_{n}">\n'
    )
    page = (
        '<a aria-labelledby="__nav_9_label">not a section</a>'
        + section.format(level=1, n="2")
        + section.format(level=2, n="2_3")
        + "<article><p>The content.</p></article>"
    )
    named = finish_page(page)
    for n in ("2", "2_3"):
        assert f'aria-labelledby="__nav_{n}_title"' in named and f'for="__nav_{n}" id="__nav_{n}_title"' in named
    assert '<a aria-labelledby="__nav_9_label">' in named, "only a section's <nav> is renamed"
    assert finish_page("<p>no navigation</p>") == "<p>no navigation</p>"

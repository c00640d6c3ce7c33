"""A learner's session in a real browser, on the built site opened from disk with no network."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import MATERIAL_SCHEMES, new_context, show_scheme

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")



def url(site: Path, rel: str) -> str:
    return (site / rel).resolve().as_uri()


def test_search_finds_and_opens_a_page(mini_site: Path, page) -> None:
    page.goto(url(mini_site, "index.html"))
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.keyboard.type("Attention")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=15000)
    assert page.locator(".md-search-result__item").count() >= 1
    first.click()
    page.wait_for_load_state()
    assert "Attention Is All You Need" in page.locator("article h1").inner_text()


def test_progress_survives_reload_and_updates_bars(mini_site: Path, page) -> None:
    page.goto(url(mini_site, "paths/demo-path/01-basics.html"))
    box = page.get_by_role("checkbox", name="I have finished this phase")
    box.check()
    page.reload()
    assert page.get_by_role("checkbox", name="I have finished this phase").is_checked()
    page.goto(url(mini_site, "paths/demo-path/index.html"))
    assert "1 of 2 phases" in page.locator(".atlas-progress-text").first.inner_text()
    assert page.locator(".atlas-progress progress").first.get_attribute("value") == "20"  # its 2 weeks of 10
    page.goto(url(mini_site, "index.html"))
    assert "1 of 2 phases" in page.locator(".atlas-progress-text").first.inner_text()


def test_filters_change_rows_and_count(mini_site: Path, page) -> None:
    page.goto(url(mini_site, "papers/index.html"))
    count = page.locator(".atlas-count")
    assert count.inner_text() == "3 papers"
    page.get_by_role("combobox", name="Year").select_option("2018")
    assert count.inner_text() == "2 of 3 papers shown"
    page.get_by_role("combobox", name="Topic").select_option(label="Transformers")  # names, not ids
    assert count.inner_text() == "1 of 3 papers shown"
    visible = page.locator("article table").first.locator("tbody tr:visible")
    assert visible.count() == 1 and "BERT" in visible.inner_text()
    page.goto(url(mini_site, "projects/index.html"))
    page.get_by_role("combobox", name="Difficulty").select_option(label="Beginner")
    assert page.locator(".atlas-count").inner_text() == "1 of 2 projects shown"
    page.get_by_role("combobox", name="Skill").select_option(label="PyTorch")
    assert page.locator(".atlas-count").inner_text() == "1 of 2 projects shown"
    visible = page.locator("article table").first.locator("tbody tr:visible")
    assert visible.count() == 1 and "Toy Project" in visible.inner_text()


def test_tables_are_complete_without_javascript(browser, mini_site: Path, watch) -> None:
    context = new_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(url(mini_site, "papers/index.html"))
    assert page.locator("article table").first.locator("tbody tr:visible").count() == 3
    assert page.locator(".atlas-filters:visible").count() == 0  # no dead controls
    context.close()


def test_every_page_is_clean_in_both_schemes_and_widths(browser, mini_site: Path, watch) -> None:
    """Each page opens in the scheme the system prefers; opened once, it is then shown in each
    scheme (switched in place) at each width (the window resized). The next page opens with
    the system preferring the scheme shown last, so pages open in either."""
    context = new_context(browser, watch, viewport={"width": 1280, "height": 900}, color_scheme="light")
    page = context.new_page()
    preference = "light"
    for html in sorted(mini_site.rglob("*.html")):
        page.goto(html.resolve().as_uri())
        shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        assert shown == MATERIAL_SCHEMES[preference], f"{html.name} opens in {shown} while the system prefers {preference}"
        for scheme in sorted(MATERIAL_SCHEMES, key=lambda scheme: scheme != preference):
            show_scheme(page, scheme)
            for width in (1280, 390) if page.viewport_size["width"] == 1280 else (390, 1280):
                page.set_viewport_size({"width": width, "height": 900})
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                assert overflow <= 1, f"{html.name} scrolls sideways at {width}px in the {scheme} scheme"
        preference = scheme
    context.close()
    watch.assert_clean()


def test_scheme_choice_is_remembered(mini_site: Path, page) -> None:
    page.goto(url(mini_site, "index.html"))
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert after != before
    page.goto(url(mini_site, "papers/index.html"))
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == after


def test_a_filter_on_a_split_table_searches_every_page(split_site: Path, page) -> None:
    """Papers are split over index.html and index-2.html; a year only page 2 holds is found from page 1,
    a tick made there is kept, and clearing the filter gives page 1 and its pager back."""
    page.goto(url(split_site, "papers/index.html"))
    count = page.locator(".atlas-count")
    assert "on this page" in count.text_content()
    own_rows = page.locator("table tbody tr").count()
    assert page.locator(".atlas-pager").is_visible()
    # extra-paper-* are from 2019, the table's last year: on page 2 only.
    assert page.locator("a[href='extra-paper-059.html']").count() == 0
    page.select_option("#atlas-filter-year", "2019")
    page.wait_for_function("document.querySelector('.atlas-count').textContent.includes(' shown')")
    shown = page.locator("table tbody tr:visible")
    assert shown.count() >= 60 and "of 63" in count.text_content()
    assert page.locator(".atlas-pager").is_hidden()
    found = page.locator("tr:visible", has=page.locator("a[href='extra-paper-059.html']"))
    found.locator("input[data-atlas-id]").check()
    page.select_option("#atlas-filter-year", "")
    assert page.locator("table tbody tr:visible").count() == own_rows
    assert page.locator(".atlas-pager").is_visible()
    page.goto(url(split_site, "papers/index-2.html"))
    assert page.locator("tr", has=page.locator("a[href='extra-paper-059.html']")).locator("input[data-atlas-id]").is_checked()


def test_a_split_table_reads_page_by_page_without_javascript(browser, split_site: Path, watch) -> None:
    context = new_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    rows = "table tbody tr td:first-child a"
    page.goto(url(split_site, "projects/index.html"))
    first = set(page.locator(rows).evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    page.locator(".atlas-pager").get_by_role("link", name="Next").click()
    assert page.url.endswith("projects/index-2.html")
    second = set(page.locator(rows).evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    assert second and not first & second and "extra-project-057.html" in first | second
    assert page.locator(".atlas-pager strong[aria-current='page']").text_content() == "2"
    context.close()
    watch.assert_clean()

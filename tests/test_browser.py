"""A learner's session in a real browser, on the built site opened from disk with no network."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from browser import new_context

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
    assert page.locator(".atlas-progress-text").first.inner_text() == "1 of 2 phases done"
    assert page.locator(".atlas-progress progress").first.get_attribute("value") == "50"
    page.goto(url(mini_site, "index.html"))
    assert page.locator(".atlas-progress-text").first.inner_text() == "1 of 2 phases done"


def test_export_then_import_round_trips_and_bad_file_is_refused(mini_site: Path, page, tmp_path: Path) -> None:
    page.goto(url(mini_site, "papers/transformer.html"))
    page.get_by_role("checkbox", name="I have read this paper").check()
    page.goto(url(mini_site, "index.html"))
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download_info.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "ai-engineering-atlas-progress" and data["done"] == ["paper:transformer"]

    # Clear progress, then import the file back.
    page.evaluate("localStorage.clear()")
    page.reload()
    page.locator("input.atlas-file").set_input_files(str(exported))
    page.get_by_text("Imported 1 finished item").wait_for()
    page.goto(url(mini_site, "papers/transformer.html"))
    assert page.get_by_role("checkbox", name="I have read this paper").is_checked()

    # A foreign file changes nothing and says why.
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"hello": "world"}), encoding="utf-8")
    page.goto(url(mini_site, "index.html"))
    page.locator("input.atlas-file").set_input_files(str(foreign))
    page.get_by_text("Nothing was changed.").wait_for()
    assert "not an Atlas progress file" in page.locator(".atlas-status").inner_text()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    page.locator("input.atlas-file").set_input_files(str(broken))
    page.get_by_text("This file is not JSON").wait_for()
    page.goto(url(mini_site, "papers/transformer.html"))
    assert page.get_by_role("checkbox", name="I have read this paper").is_checked()


def test_planner_dates_and_calendar(mini_site: Path, page, tmp_path: Path) -> None:
    icalendar = pytest.importorskip("icalendar")
    page.goto(url(mini_site, "paths/demo-path/index.html"))
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill("10")  # the path's own pace: weeks as written
    rows = page.locator(".atlas-plan-table tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).inner_text().split("\t") == ["Basics", "2027-01-04", "2027-01-17"]
    assert rows.nth(1).inner_text().split("\t") == ["Advanced", "2027-01-18", "2027-03-14"]
    page.get_by_label("Hours a week").fill("5")  # half the pace: twice the time
    assert rows.nth(1).inner_text().split("\t") == ["Advanced", "2027-02-01", "2027-05-23"]
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download calendar (.ics)").click()
    ics = tmp_path / "plan.ics"
    download_info.value.save_as(ics)
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 2
    assert events[0].decoded("DTSTART") == date(2027, 1, 4)
    assert events[1].decoded("DTEND") == date(2027, 5, 24)  # exclusive end: the day after the last
    assert "Advanced" in str(events[1]["SUMMARY"])
    assert b"\r\n" in ics.read_bytes()


def test_filters_change_rows_and_count(mini_site: Path, page) -> None:
    page.goto(url(mini_site, "papers/index.html"))
    count = page.locator(".atlas-count")
    assert count.inner_text() == "3 of 3 shown"
    page.get_by_role("combobox", name="Year").select_option("2018")
    assert count.inner_text() == "2 of 3 shown"
    page.get_by_role("combobox", name="Topic").select_option("transformers")
    assert count.inner_text() == "1 of 3 shown"
    visible = page.locator("article table").first.locator("tbody tr:visible")
    assert visible.count() == 1 and "BERT" in visible.inner_text()
    page.goto(url(mini_site, "projects/index.html"))
    page.get_by_role("combobox", name="Difficulty").select_option("beginner")
    assert page.locator(".atlas-count").inner_text() == "1 of 2 shown"
    page.get_by_role("combobox", name="Skill").select_option(label="PyTorch")  # names, not ids
    assert page.locator(".atlas-count").inner_text() == "1 of 2 shown"
    visible = page.locator("article table").first.locator("tbody tr:visible")
    assert visible.count() == 1 and "Toy Project" in visible.inner_text()


def test_tables_are_complete_without_javascript(browser, mini_site: Path, watch) -> None:
    context = new_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(url(mini_site, "papers/index.html"))
    assert page.locator("article table").first.locator("tbody tr:visible").count() == 3
    assert page.locator(".atlas-filters:visible").count() == 0  # no dead controls
    context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_is_clean_in_both_schemes_and_widths(browser, mini_site: Path, watch, scheme: str, width: int) -> None:
    context = new_context(browser, watch, viewport={"width": width, "height": 900}, color_scheme="dark" if scheme == "slate" else "light")
    page = context.new_page()
    for html in sorted(mini_site.rglob("*.html")):
        page.goto(html.resolve().as_uri())
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{html.name} scrolls sideways at {width}px"
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
    assert page.locator("a[href='extra-paper-109.html']").count() == 0
    page.select_option("#atlas-filter-year", "2019")
    page.wait_for_function("document.querySelector('.atlas-count').textContent.includes(' shown')")
    shown = page.locator("table tbody tr:visible")
    assert shown.count() >= 110 and "of 1" in count.text_content()
    assert page.locator(".atlas-pager").is_hidden()
    found = page.locator("tr:visible", has=page.locator("a[href='extra-paper-109.html']"))
    found.locator("input[data-atlas-id]").check()
    page.select_option("#atlas-filter-year", "")
    assert page.locator("table tbody tr:visible").count() == own_rows
    assert page.locator(".atlas-pager").is_visible()
    page.goto(url(split_site, "papers/index-2.html"))
    assert page.locator("tr", has=page.locator("a[href='extra-paper-109.html']")).locator("input[data-atlas-id]").is_checked()


def test_a_split_table_reads_page_by_page_without_javascript(browser, split_site: Path, watch) -> None:
    context = new_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    rows = "table tbody tr td:first-child a"
    page.goto(url(split_site, "projects/index.html"))
    first = set(page.locator(rows).evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    page.locator(".atlas-pager").get_by_role("link", name="Next").click()
    assert page.url.endswith("projects/index-2.html")
    second = set(page.locator(rows).evaluate_all("links => links.map(a => a.getAttribute('href'))"))
    assert second and not first & second and "extra-project-107.html" in first | second
    assert page.locator(".atlas-pager strong[aria-current='page']").text_content() == "2"
    context.close()
    watch.assert_clean()

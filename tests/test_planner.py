"""The planner of a path, as a learner uses it in Chromium from file://: a plan that starts
where they are, says where they stand, and downloads as a calendar whose events link back.

Every calendar is read back with the `icalendar` package. "Today" is fixed with
Playwright's clock, so that standing ("one week behind") is tested on known dates.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from browser import Watch, new_context, ready
from curriculum import Hosting
from sitebuild import FIXTURES, build_site

SITE_URL = yaml.safe_load((Path(__file__).resolve().parents[1] / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
PATH = "paths/demo-path/index.html"
BASICS = "paths/demo-path/01-basics.html"
DOWNLOAD = "Download calendar (.ics)"


# --- where pages are: the build's part ---------------------------------------------------


@pytest.mark.parametrize(
    "directory_urls, src, page_url, href",
    [
        (False, "paths/ai-engineer/02-transformers.md", "paths/ai-engineer/02-transformers.html", "02-transformers.html"),
        (False, "paths/ai-engineer/index.md", "paths/ai-engineer/index.html", "index.html"),
        (True, "paths/ai-engineer/02-transformers.md", "paths/ai-engineer/02-transformers/", "02-transformers/"),
        (True, "paths/ai-engineer/index.md", "paths/ai-engineer/", "."),
    ],
)
def test_a_page_is_addressed_as_mkdocs_builds_it(directory_urls: bool, src: str, page_url: str, href: str) -> None:
    hosting = Hosting("https://example.org/atlas", directory_urls)
    assert hosting.page_url(src) == page_url
    assert hosting.url(src) == "https://example.org/atlas/" + page_url
    assert hosting.href(src, "paths/ai-engineer/index.md") == href
    assert Hosting("", directory_urls).url(src) == ""  # no site_url: no address to give


def planner_data(site: Path) -> dict:
    """The attributes of the planner's <section>, as a browser reads them."""
    found = {}

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag == "section" and ("class", "atlas-planner") in attrs:
                found.update(attrs)

    Parser().feed((site / PATH).read_text(encoding="utf-8"))
    return found


def test_each_phase_carries_its_hosted_address_and_milestone(mini_site: Path) -> None:
    data = planner_data(mini_site)
    phases = json.loads(data["data-atlas-phases"])
    assert [p["url"] for p in phases] == [f"{SITE_URL}paths/demo-path/01-basics.html", f"{SITE_URL}paths/demo-path/02-advanced.html"]
    assert [p["href"] for p in phases] == ["01-basics.html", "02-advanced.html"]
    assert [p["milestone"] for p in phases] == ["You can multiply matrices.", "You can reproduce a paper."]
    assert data["data-atlas-url"] == f"{SITE_URL}paths/demo-path/index.html"


def test_widget_scripts_load_only_on_the_pages_that_hold_the_widgets(mini_site: Path) -> None:
    """Each page names the scripts it loads with it, then those page.js loads once the page
    has loaded (#atlas-later: the widgets further down), stylesheets first."""

    def scripts(rel: str) -> tuple[list[str], list[str]]:
        html = (mini_site / rel).read_text(encoding="utf-8")
        now = re.findall(r'<script defer src="[./]*assets/js/([a-z-]+)\.js"', html)
        later = re.search(r'<script type="application/json" id="atlas-later">(.*?)</script>', html)
        return now, [url.rsplit("/", 1)[1] for url in json.loads(later[1])] if later else []

    assert scripts(PATH) == (["progress", "page", "map"], ["route.css", "route.js", "known.js", "tools.css", "planner.js"])
    # The home page's review box is at the top; the review's rules come before transfer.js, which uses them.
    assert scripts("index.html") == (["progress", "page", "map", "review"], ["tools.css", "transfer.js"])
    # A phase's "Check yourself" offers its questions for review, further down.
    assert scripts(BASICS) == (["progress", "page", "map"], ["review.js", "review-offer.js", "route.css", "route.js"])
    assert scripts("review.html") == (["progress", "page", "review", "review-session"], [])
    assert scripts("papers/index.html") == (["progress", "page", "filters"], [])
    assert scripts("papers/transformer.html") == (["progress", "page"], [])


# --- in the browser -----------------------------------------------------------------------

@pytest.fixture
def context(browser, watch):
    context = new_context(browser, watch)
    yield context
    context.close()
    watch.assert_clean()


def open_page(context, site: Path, rel: str, today: str = "2026-12-02"):
    """A page of `site` opened on the morning of `today`."""
    page = context.new_page()
    page.clock.set_fixed_time(datetime.fromisoformat(f"{today}T09:30:00"))
    page.goto((site / rel).resolve().as_uri())
    ready(page)
    return page


def rows(page) -> list[list[str]]:
    return [row.split("\t") for row in page.locator(".atlas-plan-table tbody tr").all_inner_texts()]


def calendar(page, tmp_path: Path, name: str = "plan.ics"):
    icalendar = pytest.importorskip("icalendar")
    with page.expect_download() as download:
        page.get_by_role("button", name=DOWNLOAD).click()
    saved = tmp_path / name
    download.value.save_as(saved)
    raw = saved.read_bytes()
    return icalendar.Calendar.from_ical(raw), raw


def finish_first_phase(context, site: Path) -> None:
    page = open_page(context, site, BASICS)
    page.get_by_role("checkbox", name="I have finished this phase").check()
    page.close()


def assert_well_formed(raw: bytes) -> None:
    """RFC 5545's lines: CRLF only, at most 75 octets, every line whole UTF-8."""
    assert raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # a fold never splits a character


@pytest.mark.browser
def test_a_finished_phase_is_not_planned_and_every_event_links_back(context, mini_site: Path, tmp_path: Path) -> None:
    finish_first_phase(context, mini_site)
    page = open_page(context, mini_site, PATH)
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill("10")  # the path's own pace: weeks as written
    assert rows(page) == [["Basics", "Finished"], ["Advanced", "Mon 4 Jan 2027", "Sun 28 Feb 2027"]]
    assert page.locator(".atlas-plan-table time").first.get_attribute("datetime") == "2027-01-04"
    cal, raw = calendar(page, tmp_path)
    assert_well_formed(raw)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    first = events[0]
    assert first.decoded("DTSTART") == date(2027, 1, 4) and first.decoded("DTEND") == date(2027, 3, 1)
    assert str(first["SUMMARY"]) == "Demo Path: Advanced"
    assert str(first["URL"]) == f"{SITE_URL}paths/demo-path/02-advanced.html"
    assert "Milestone: You can reproduce a paper." in str(first["DESCRIPTION"])
    # The table's phase links to its page on this site.
    assert page.get_by_role("link", name="Advanced").last.get_attribute("href") == "02-advanced.html"


@pytest.mark.browser
def test_nothing_finished_plans_every_phase_on_the_start_weekday(context, mini_site: Path, tmp_path: Path) -> None:
    page = open_page(context, mini_site, PATH)
    page.get_by_label("Start date").fill("2027-01-06")  # a Wednesday
    page.get_by_label("Hours a week").fill("40")  # four times the pace: whole weeks, a week at least
    assert rows(page) == [["Basics", "Wed 6 Jan 2027", "Tue 12 Jan 2027"], ["Advanced", "Wed 13 Jan 2027", "Tue 26 Jan 2027"]]
    cal, _ = calendar(page, tmp_path)
    events = list(cal.walk("VEVENT"))
    assert [e.decoded("DTSTART").weekday() for e in events] == [2, 2]
    assert [str(e["URL"]).rsplit("/", 1)[1] for e in events] == ["01-basics.html", "02-advanced.html"]
    assert "Milestone: You can multiply matrices." in str(events[0]["DESCRIPTION"])


@pytest.mark.browser
def test_half_hours_work_in_table_and_download_alike(context, mini_site: Path, tmp_path: Path) -> None:
    page = open_page(context, mini_site, PATH)
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill("7.5")  # 4/3 of the time: 2 weeks become 3, 10 become 13
    assert rows(page) == [["Basics", "Mon 4 Jan 2027", "Sun 24 Jan 2027"], ["Advanced", "Mon 25 Jan 2027", "Sun 4 Apr 2027"]]
    assert "At 7.5 hours a week you finish on Sun 4 Apr 2027" in page.locator(".atlas-plan-summary").inner_text()
    cal, _ = calendar(page, tmp_path)
    events = list(cal.walk("VEVENT"))
    assert events[-1].decoded("DTEND") == date(2027, 4, 5)  # exclusive: the day after Sun 4 Apr
    assert "7.5 hours a week" in str(events[-1]["DESCRIPTION"])


@pytest.mark.browser
@pytest.mark.parametrize(
    "hours, words",
    [("0", "more than 0"), ("-3", "more than 0"), ("81", "80 hours a week is the most"), ("7.3", "whole or half hours"), ("", "Enter your hours a week")],
)
def test_hours_out_of_range_are_refused_by_table_and_download_alike(context, mini_site: Path, hours: str, words: str) -> None:
    page = open_page(context, mini_site, PATH)
    downloads = []
    page.on("download", lambda download: downloads.append(download))
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill(hours)
    message = page.locator(".atlas-plan-summary")
    assert words in message.inner_text()
    assert "atlas-error" in message.get_attribute("class")
    assert page.get_by_label("Hours a week").get_attribute("aria-invalid") == "true"
    assert page.locator(".atlas-plan-table").is_hidden()
    page.get_by_role("button", name=DOWNLOAD).click()
    page.wait_for_timeout(300)
    assert not downloads
    assert page.evaluate("document.activeElement.name") == "hours"


@pytest.mark.browser
def test_weekly_study_sessions_repeat_until_the_plan_ends(context, mini_site: Path, tmp_path: Path) -> None:
    page = open_page(context, mini_site, PATH)
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill("7.5")
    page.get_by_label("Add weekly study sessions").check()
    page.get_by_label("Sessions start at").fill("18:30")
    cal, _ = calendar(page, tmp_path)
    sessions = [e for e in cal.walk("VEVENT") if "RRULE" in e]
    assert len(sessions) == 1
    event = sessions[0]
    assert event.decoded("DTSTART") == datetime(2027, 1, 4, 18, 30)
    assert event.decoded("DURATION") == timedelta(hours=7, minutes=30)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["UNTIL"] == [datetime(2027, 4, 4, 23, 59, 59)]
    assert str(event["URL"]) == f"{SITE_URL}paths/demo-path/index.html"


@pytest.mark.browser
def test_settings_persist_and_a_tick_elsewhere_replans(context, mini_site: Path) -> None:
    page = open_page(context, mini_site, PATH)
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill("7.5")
    page.get_by_label("Add weekly study sessions").check()
    page.reload()
    ready(page)
    assert page.get_by_label("Start date").input_value() == "2027-01-04"
    assert page.get_by_label("Hours a week").input_value() == "7.5"
    assert page.get_by_label("Add weekly study sessions").is_checked()
    assert rows(page)[0] == ["Basics", "Mon 4 Jan 2027", "Sun 24 Jan 2027"]
    # Another tab finishes the first phase; the plan has not started, so it starts from the second.
    finish_first_phase(context, mini_site)
    page.wait_for_function("document.querySelector('.atlas-plan-table tbody tr').innerText.includes('Finished')")
    assert rows(page) == [["Basics", "Finished"], ["Advanced", "Mon 4 Jan 2027", "Sun 21 Mar 2027"]]


# Plan: from Mon 4 Jan 2027 at the path's pace, Basics 4-17 Jan, Advanced 18 Jan - 14 Mar.
@pytest.mark.browser
@pytest.mark.parametrize(
    "today, finished, said",
    [
        ("2026-12-02", False, "Your plan starts on Mon 4 Jan 2027"),
        ("2027-01-12", False, "Week 2 of your plan · on track"),
        ("2027-01-20", False, "Week 3 of your plan · 3 days behind"),
        ("2027-02-22", False, "Week 8 of your plan · 5 weeks behind"),
        ("2027-01-07", True, "Week 1 of your plan · one week ahead"),
        ("2027-01-25", True, "Week 4 of your plan · on track"),
    ],
)
def test_the_path_says_where_the_learner_stands(context, mini_site: Path, today: str, finished: bool, said: str) -> None:
    page = open_page(context, mini_site, PATH, today="2026-12-02")
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill("10")
    page.close()
    if finished:  # finished once the plan had started: it keeps its dates, marked finished
        finish_first_phase(context, mini_site)
    page = open_page(context, mini_site, PATH, today=today)
    top = page.locator(".atlas-standing")
    assert top.is_visible() and top.inner_text().startswith(said)
    assert page.locator(".atlas-plan-summary").inner_text().startswith(said)
    if finished and today > "2027-01-04":
        assert rows(page)[0] == ["Basics finished", "Mon 4 Jan 2027", "Sun 17 Jan 2027"]


@pytest.mark.browser
def test_no_standing_until_a_plan_is_made(context, mini_site: Path) -> None:
    page = open_page(context, mini_site, PATH)
    assert page.locator(".atlas-standing").is_hidden()
    assert page.locator(".atlas-plan-table tbody tr").count() == 2  # a plan from today, to look at
    # The planner before 2026-12 saved the form on every visit: its date fills the form, and
    # no "behind" is told from a date the reader may never have chosen.
    page.evaluate("""localStorage.setItem('atlas-plan-demo-path', JSON.stringify({start: '2026-10-05', hours: 7}))""")
    page.reload()
    ready(page)
    assert page.get_by_label("Start date").input_value() == "2026-10-05"
    assert page.get_by_label("Hours a week").input_value() == "7"
    assert page.locator(".atlas-standing").is_hidden()
    page.get_by_label("Hours a week").fill("8")  # now it is a plan the reader made
    assert page.locator(".atlas-standing").inner_text().startswith("Week 9 of your plan · ")


# --- odd titles in the calendar -------------------------------------------------------------

ODD_PATH = 'Path "quoted" {braces} 100% & <script>alert(1)</script>, commas; semis\\ back'
ODD_PHASE = "Ünïcödé façade — 日本語の論文 😀, ; \\ " * 6 + "end"
ODD_MILESTONE = "You can explain:\nline one; line two, with \\ and 😀."


def set_front_matter(path: Path, **changes) -> None:
    _, fm, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(fm) | changes
    path.write_text("---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("odd-titles")
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    set_front_matter(content / "paths/demo-path/index.md", title=ODD_PATH)
    set_front_matter(content / "paths/demo-path/02-advanced.md", title=ODD_PHASE, milestone=ODD_MILESTONE)
    return build_site(content, work)


@pytest.mark.browser
def test_odd_titles_stay_whole_and_inert_in_the_calendar(context, odd_site: Path, tmp_path: Path) -> None:
    page = open_page(context, odd_site, PATH)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Add weekly study sessions").check()
    assert rows(page)[1][0] == ODD_PHASE.strip()  # the table shows it as text (HTML trims the end)
    cal, raw = calendar(page, tmp_path)
    assert_well_formed(raw)
    # An X- property's value is TEXT (RFC 5545, 3.8.8.2), which icalendar leaves as it was written.
    name = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(cal["X-WR-CALNAME"]))
    assert name == f"{ODD_PATH}: your plan"
    phase = [e for e in cal.walk("VEVENT") if "RRULE" not in e][1]
    assert str(phase["SUMMARY"]) == f"{ODD_PATH}: {ODD_PHASE}"
    assert f"Milestone: {ODD_MILESTONE}\n" in str(phase["DESCRIPTION"])
    assert str(phase["URL"]) == f"{SITE_URL}paths/demo-path/02-advanced.html"
    sessions = next(e for e in cal.walk("VEVENT") if "RRULE" in e)
    assert str(sessions["SUMMARY"]) == f"Study: {ODD_PATH}"
    assert not dialogs


# --- accessibility and phones ------------------------------------------------------------------


@pytest.mark.browser
def test_axe_and_fit_with_a_plan_its_standing_and_an_error(browser, mini_site: Path) -> None:
    """At both widths, in both schemes: the plan is set up once, and each state is checked at
    each width (the window resized) and in each scheme (switched in place)."""
    from test_a11y import axe_in

    watch = Watch()  # axe's own reading of the stylesheets logs errors from file://: only requests are checked
    context = new_context(browser, watch, viewport={"width": 1280, "height": 900})
    finish_first_phase(context, mini_site)
    page = open_page(context, mini_site, PATH, today="2027-01-26")
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill("7.5")
    page.get_by_label("Add weekly study sessions").check()
    page.reload()
    ready(page)
    assert page.locator(".atlas-standing").is_visible()
    planner = page.locator(".atlas-planner")
    found = {}
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert planner.evaluate("el => el.scrollWidth <= el.clientWidth"), f"the planner scrolls sideways at {width} px"
        dates = page.locator(".atlas-plan-table time").evaluate_all("els => els.map((el) => el.getClientRects().length)")
        assert dates and set(dates) == {1}, f"a date wraps at {width} px"  # one line box each
        padding = page.locator(".atlas-plan-table td").evaluate_all(
            "els => els.map((el) => { const s = getComputedStyle(el); return Math.min(...['Top', 'Right', 'Bottom', 'Left']"
            ".map((side) => parseFloat(s['padding' + side]))) / parseFloat(s.fontSize); })")
        assert min(padding) >= 0.4, (width, padding)  # cells never touch
        found |= {f"plan at {width} px ({scheme})": lines for scheme, lines in axe_in(page).items()}
    page.get_by_label("Hours a week").fill("81")
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        found |= {f"error at {width} px ({scheme})": lines for scheme, lines in axe_in(page).items()}
    context.close()
    assert not watch.outside
    found = {state: lines for state, lines in found.items() if lines}
    assert not found, "\n".join(f"{state}: {line}" for state, lines in found.items() for line in lines)


@pytest.mark.browser
def test_the_planner_works_from_the_keyboard(context, mini_site: Path, tmp_path: Path) -> None:
    from test_a11y import focus

    page = open_page(context, mini_site, PATH)
    page.get_by_label("Start date").fill("2027-01-04")
    focus(page, ".atlas-plan-form input[name=hours]")
    page.keyboard.press("Control+A")
    page.keyboard.type("7.5")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.get_by_label("Add weekly study sessions").is_checked()
    focus(page, ".atlas-plan-form button")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    saved = tmp_path / "plan.ics"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "RRULE:FREQ=WEEKLY" in text and "DURATION:PT7H30M" in text

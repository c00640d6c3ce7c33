"""Export, import and reset of progress, as a learner uses them in Chromium from file://:
nothing is lost by surprise. An import shows the file against this browser first and
merges by default; an import and a reset can be undone; a bad file changes nothing and
says why, in text readable in both schemes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from browser import Watch, new_context, ready, show_scheme, shown_first
from test_a11y import axe, axe_in

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

FORMAT = "ai-engineering-atlas-progress"


@pytest.fixture
def browser_context(browser, watch):
    """Opens fresh contexts (each a browser with storage of its own) and checks them all at the end."""
    contexts = []

    def open_context(**options):
        context = new_context(browser, watch, **options)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()
    watch.assert_clean()


def go(page, site: Path, rel: str) -> None:
    page.goto((site / rel).resolve().as_uri())
    ready(page)


def tick(page, site: Path, rel: str, name: str) -> None:
    go(page, site, rel)
    page.get_by_role("checkbox", name=name).check()


def saved(page) -> dict:
    """Everything the site keeps in this browser."""
    return page.evaluate("Object.fromEntries(Object.entries(localStorage).filter(([k]) => k.startsWith('atlas-')))")


def done(page) -> list[str]:
    return sorted(json.loads(saved(page).get("atlas-progress-v1", '{"done": {}}'))["done"])


def export(page, site: Path, target: Path) -> dict:
    go(page, site, "index.html")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    assert download.value.suggested_filename == "atlas-progress.json"
    download.value.save_as(target)
    return json.loads(target.read_text(encoding="utf-8"))


def choose(page, site: Path, file: Path) -> None:
    go(page, site, "index.html")
    page.locator("input.atlas-file").set_input_files(str(file))


@pytest.fixture
def exported(browser_context, mini_site: Path, tmp_path: Path) -> Path:
    """A file exported from one browser: a finished phase and a plan from 2027-01-04."""
    page = browser_context().new_page()
    tick(page, mini_site, "paths/demo-path/01-basics.html", "I have finished this phase")
    go(page, mini_site, "paths/demo-path/index.html")
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill("7.5")
    data = export(page, mini_site, tmp_path / "atlas-progress.json")
    assert data["format"] == FORMAT and data["version"] == 3
    assert data["done"] == ["phase:demo-path/basics"]
    assert data["planner"]["demo-path"]["start"] == "2027-01-04"  # the planner's settings travel too
    assert data["planner"]["demo-path"]["hours"] == 7.5
    assert data["exported"][:4].isdigit()
    return tmp_path / "atlas-progress.json"


def test_import_shows_both_sides_then_merges_by_default(browser_context, mini_site: Path, exported: Path) -> None:
    page = browser_context().new_page()  # a fresh browser, with a tick of its own
    tick(page, mini_site, "papers/transformer.html", "I have read this paper")
    choose(page, mini_site, exported)
    preview = page.locator(".atlas-confirm")
    preview.wait_for()
    text = preview.inner_text()
    # The file's finished phase brought its questions into review (its page's offer made their cards).
    assert "The file, exported on " in text and "1 finished item, where to continue (Advanced), planner settings for 1 path and 3 questions in review" in text
    assert "This browser: 1 finished item." in text
    assert "Merge keeps both: 2 finished items" in text
    assert ("From the file it adds 1 finished item, where to continue (Advanced, the more recent), the planner settings of “Demo Path”"
            " and 3 questions to review.") in text
    assert done(page) == ["paper:transformer"]  # nothing changes before the reader chooses
    assert page.evaluate("document.activeElement.textContent") == "Merge"  # the default
    page.keyboard.press("Enter")
    merged = page.locator(".atlas-status").inner_text()
    assert merged.startswith("Merged: this browser now holds 2 finished items") and "; new from the file: 1 finished item," in merged
    assert done(page) == ["paper:transformer", "phase:demo-path/basics"]  # both kept
    go(page, mini_site, "paths/demo-path/index.html")
    assert page.get_by_label("Start date").input_value() == "2027-01-04"
    assert page.get_by_label("Hours a week").input_value() == "7.5"


def test_replace_then_undo_restores_exactly_what_was_there(browser_context, mini_site: Path, exported: Path) -> None:
    page = browser_context().new_page()
    tick(page, mini_site, "papers/transformer.html", "I have read this paper")
    go(page, mini_site, "paths/demo-path/index.html")
    page.get_by_label("Start date").fill("2027-03-01")
    choose(page, mini_site, exported)
    before = saved(page)
    page.get_by_role("button", name="Replace").click()
    assert done(page) == ["phase:demo-path/basics"]
    assert json.loads(saved(page)["atlas-plan-demo-path"])["start"] == "2027-01-04"
    assert "1 of 2 phases" in page.locator(".atlas-progress-text").first.inner_text()  # the page follows
    undo = page.get_by_role("button", name="Undo")
    assert page.evaluate("document.activeElement.textContent") == "Undo"
    undo.click()
    assert saved(page) == before  # ticks and planner settings, to the letter
    assert "0 of 2 phases" in page.locator(".atlas-progress-text").first.inner_text()
    assert undo.is_hidden()


def test_reset_asks_first_and_can_be_undone(browser_context, mini_site: Path) -> None:
    page = browser_context().new_page()
    tick(page, mini_site, "papers/transformer.html", "I have read this paper")
    go(page, mini_site, "paths/demo-path/index.html")
    page.get_by_label("Start date").fill("2027-01-04")
    go(page, mini_site, "index.html")
    before = saved(page)
    reset = page.get_by_role("button", name="Reset all progress…")
    reset.click()
    question = page.get_by_role("group", name="Reset all progress?")
    assert "removes 1 finished item and planner settings for 1 path" in question.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Cancel"  # the safe choice has the focus
    page.keyboard.press("Enter")
    assert question.count() == 0 or question.is_hidden()
    assert saved(page) == before
    assert page.evaluate("document.activeElement.textContent") == "Reset all progress…"
    reset.click()
    page.keyboard.press("Escape")  # Escape cancels too
    assert saved(page) == before
    reset.click()
    page.get_by_role("button", name="Reset all progress", exact=True).click()
    assert saved(page) == {}
    assert "All progress in this browser was removed." in page.locator(".atlas-status").inner_text()
    page.get_by_role("button", name="Undo").click()
    assert saved(page) == before


def test_a_file_exported_before_version_2_still_imports(browser_context, mini_site: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.json"  # as transfer.js wrote it before the planner settings were added
    old.write_text(json.dumps({"format": FORMAT, "version": 1, "exported": "2026-11-20T08:00:00.000Z",
                               "done": ["paper:transformer", "phase:demo-path/basics"]}, indent=2) + "\n", encoding="utf-8")
    page = browser_context().new_page()
    choose(page, mini_site, old)
    page.locator(".atlas-confirm").wait_for()
    assert "The file, exported on Fri 20 Nov 2026: 2 finished items." in page.locator(".atlas-confirm").inner_text()
    page.get_by_role("button", name="Merge").click()
    assert done(page) == ["paper:transformer", "phase:demo-path/basics"]


VALID = {"format": FORMAT, "version": 2, "exported": "2027-01-04T09:00:00.000Z", "done": ["paper:transformer"],
         "planner": {"demo-path": {"start": "2027-01-04", "hours": 10}}}
HOSTILE = "<img src=x onerror=alert(1)>"


def variant(**changes) -> str:
    return json.dumps(VALID | changes)


BAD_FILES = {
    "not-json": ("hello, world", "This file is not JSON, or it is cut short."),
    "truncated": (json.dumps(VALID, indent=2)[:60], "This file is not JSON, or it is cut short."),
    "empty": ("", "This file is empty."),
    "not-ours": (json.dumps({"hello": 1}), "not an Atlas progress file"),
    "a-list": (json.dumps([VALID]), "not an Atlas progress file"),
    "newer": (variant(version=4), "version 4, from a newer version of the site"),
    "version-text": (variant(version="2"), 'its version is "2"'),
    "huge": (variant(padding=" " * (1024 * 1024)), "at most 1 MB (1,048,576 bytes)"),
    # 1.05 MiB, which the site once called "1.0 MB": the size as it is, to the byte.
    "over-by-a-twentieth": (variant(padding=" " * (1101004 - len(json.dumps(VALID | {"padding": ""})))), "This file is 1.05 MB (1,101,004 bytes)"),
    "key-shape": (variant(done=["paper:transformer", HOSTILE]), f'finished item 2, "{HOSTILE}", is not an item'),
    "key-not-text": (variant(done=[{"paper": "bert"}]), "finished item 1"),
    "done-missing": (json.dumps({"format": FORMAT, "version": 1}), "no list of finished items"),
    "planner-not-object": (variant(planner=["demo-path"]), "not a set of settings by path"),
    "planner-path": (variant(planner={HOSTILE: {"start": "2027-01-04", "hours": 10}}), "which is not a path id"),
    "planner-start": (variant(planner={"demo-path": {"start": HOSTILE, "hours": 10}}), "a start is a date"),
    "planner-hours": (variant(planner={"demo-path": {"start": "2027-01-04", "hours": 0}}), "hours are a number from 0.5 to 80"),
    "planner-time": (variant(planner={"demo-path": {"start": "2027-01-04", "hours": 10, "time": HOSTILE}}), "a time is such as"),
    "planner-finished": (variant(planner={"demo-path": {"start": "2027-01-04", "hours": 10, "finished": [HOSTILE]}}), "a list of phase ids"),
    "planner-days": (variant(planner={"demo-path": {"start": "2027-01-04", "hours": 10, "days": [1, 9]}}), "days are a list of weekdays"),
    # Version 3's sections: the learner's route and where to continue.
    "skipped-key": (variant(version=3, skipped=["paper:transformer", HOSTILE]), f'skipped item 2, "{HOSTILE}", is not an item'),
    "started-not-list": (variant(version=3, started="phase:demo-path/basics"), "“started”) is not a list"),
    "track-shape": (variant(version=3, tracks={"demo-path/advanced": HOSTILE}), "is not a track of a phase"),
    "known-shape": (variant(version=3, known={"demo-path": [HOSTILE]}), "not a list of skill ids"),
    "continue-address": (variant(version=3, **{"continue": {"title": "Advanced", "url": "javascript:alert(1)"}}), "where to continue"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_file_changes_nothing_and_says_why(browser_context, mini_site: Path, tmp_path: Path, name: str) -> None:
    text, words = BAD_FILES[name]
    bad = tmp_path / f"{name}.json"
    bad.write_text(text, encoding="utf-8")
    page = browser_context().new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tick(page, mini_site, "paths/demo-path/01-basics.html", "I have finished this phase")
    go(page, mini_site, "paths/demo-path/index.html")
    page.get_by_label("Start date").fill("2027-02-01")
    before = saved(page)
    choose(page, mini_site, bad)
    status = page.locator(".atlas-status.atlas-error")
    status.wait_for()
    assert status.inner_text().startswith("Nothing was changed.")
    assert words in status.inner_text()
    assert page.locator(".atlas-confirm").is_hidden()
    assert page.locator(".atlas-progress-tools img").count() == 0  # a hostile value stays text
    assert saved(page) == before
    assert not dialogs


def test_axe_with_the_import_error_the_preview_and_the_reset_question(browser, mini_site: Path, tmp_path: Path, exported: Path) -> None:
    """Each state in both schemes, switched in place (test_a11y.axe_in)."""
    # axe reads the stylesheets itself, which Chromium refuses from file:// with console errors
    # of its own, so this test checks only that nothing left file:// (as test_a11y does).
    watch = Watch()
    context = new_context(browser, watch, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    choose(page, mini_site, bad)
    page.locator(".atlas-status.atlas-error").wait_for()
    found = {}
    for scheme in shown_first(page):
        show_scheme(page, scheme)
        found[f"error ({scheme})"] = axe(page)
        # The error is drawn in a text colour, not Material's background tint.
        ratio = page.evaluate("""() => {
            const lum = (rgb) => { const c = rgb.match(/[\\d.]+/g).slice(0, 3).map((v) => v / 255)
                .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)); return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]; };
            const fg = lum(getComputedStyle(document.querySelector('.atlas-status')).color);
            const bg = lum(getComputedStyle(document.body).backgroundColor);
            return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        }""")
        assert ratio >= 4.5, (scheme, ratio)
    page.locator("input.atlas-file").set_input_files(str(exported))
    page.locator(".atlas-confirm").wait_for()
    found |= {f"preview ({scheme})": lines for scheme, lines in axe_in(page).items()}
    page.get_by_role("button", name="Merge").click()
    found |= {f"undo ({scheme})": lines for scheme, lines in axe_in(page).items()}
    page.get_by_role("button", name="Reset all progress…").click()
    found |= {f"reset ({scheme})": lines for scheme, lines in axe_in(page).items()}
    context.close()
    assert not watch.outside
    found = {state: lines for state, lines in found.items() if lines}
    assert not found, "\n".join(f"{state}: {line}" for state, lines in found.items() for line in lines)


def test_every_new_control_works_from_the_keyboard(browser_context, mini_site: Path, exported: Path) -> None:
    from test_a11y import focus

    page = browser_context().new_page()
    tick(page, mini_site, "papers/transformer.html", "I have read this paper")
    go(page, mini_site, "index.html")
    focus(page, "[data-atlas-action=reset]")
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # from Cancel back to the reset itself
    page.keyboard.press("Enter")
    assert done(page) == []
    page.keyboard.press("Enter")  # the focus moved to Undo
    assert done(page) == ["paper:transformer"]
    page.locator("input.atlas-file").set_input_files(str(exported))
    page.locator(".atlas-confirm").wait_for()
    page.keyboard.press("Tab")  # Merge -> Replace
    page.keyboard.press("Enter")
    assert done(page) == ["phase:demo-path/basics"]
    page.keyboard.press("Enter")  # Undo
    assert done(page) == ["paper:transformer"]

"""Review, as a learner uses it in Chromium from file://, on a fixed clock: finishing a phase brings
its self-check questions to the Review page; each is answered from memory, its model answer shown,
and rated, and the rating moves the day it comes back; the home page counts what is due; export,
reset and import bring the schedule back; a reworded or renamed question keeps its history. Every
state of the page passes axe in both schemes, fits a phone and works from the keyboard.

The rules behind it (scheduling, due counts, merging, old keys) are tested in Node:
tests/js/review.test.js.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import Watch, new_context, ready
from curriculum.site.review import cut_answers
from sitebuild import FIXTURES, build_site
from test_a11y import axe_in

MONDAY = "2027-01-04T09:00:00Z"
PHASE = "paths/demo-path/01-basics.html"
QUESTIONS = ["demo-path/basics/what-is-a-gradient", "demo-path/basics/chain-rule", "demo-path/basics/matrix-shapes"]
STORE = "atlas-review-v1"


def test_the_answers_leave_the_built_page_for_a_script_beside_it(mini_site: Path) -> None:
    """The Review page's first view carries the questions, not the answers: the build takes each answer's
    element out of the built page (a div of its own inside one included) into review-answers.js."""
    page = ('<p>x</p><div class="atlas-review-item-answer" data-atlas-answer="a/b/c"><p>One</p><div class="admonition"><p>n</p></div></div>'
            '<p>y</p><div data-atlas-answer="a/b/d" class="z">\n<p>Two</p>\n</div>')
    assert cut_answers(page) == ("<p>x</p><p>y</p>", {"a/b/c": '<p>One</p><div class="admonition"><p>n</p></div>', "a/b/d": "<p>Two</p>"})
    built = (mini_site / "review.html").read_text(encoding="utf-8")
    script = (mini_site / "review-answers.js").read_text(encoding="utf-8")
    assert "What is a gradient?" in built and "The vector of partial derivatives." not in built
    assert script.startswith("window.atlasAnswers && window.atlasAnswers({")
    assert '"demo-path/basics/what-is-a-gradient": "<p>The vector of partial derivatives.</p>"' in script


def go(page, site: Path, rel: str) -> None:
    page.goto((site / rel).resolve().as_uri())
    ready(page)  # a phase's offer and the import load once the page has


def at(page, when: str) -> None:
    """Stop the page's clock at `when` (UTC; the contexts below are in UTC too)."""
    page.clock.set_fixed_time(when)


def schedule(page) -> dict:
    """The review state this browser saved."""
    return json.loads(page.evaluate(f"localStorage.getItem({STORE!r})") or "null")


def due_days(page) -> dict[str, str]:
    return {key: card["due"][:10] for key, card in schedule(page)["cards"].items()}


@pytest.fixture
def open_page(browser, watch):
    """A tab in a fresh browser whose days are UTC days; all are checked at the end."""
    contexts = []

    def opened(**options):
        context = new_context(browser, watch, timezone_id="UTC", **options)
        contexts.append(context)
        page = context.new_page()
        watch.attach(page)
        return page

    yield opened
    for context in contexts:
        context.close()
    watch.assert_clean()


def answer(page, rating_key: str) -> str:
    """Show the answer with the keyboard and rate it with `rating_key`; what the page says then."""
    page.keyboard.press("Space")
    page.locator(".atlas-review-answer").wait_for()
    page.keyboard.press(rating_key)
    return page.locator(".atlas-review-status").inner_text()


@pytest.mark.browser
def test_a_learner_finishes_a_phase_then_reviews_and_each_rating_moves_the_next_day(open_page, mini_site: Path) -> None:
    page = open_page()
    at(page, MONDAY)
    go(page, mini_site, PHASE)
    offer = page.locator(".atlas-review-offer")
    assert "Bring these 3 questions back on the Review page" in offer.inner_text()
    page.get_by_role("checkbox", name="I have finished this phase").check()
    assert "These 3 questions are in your review since you started this phase: all due today." in offer.inner_text()
    assert page.get_by_role("link", name="Open Review").is_visible()

    go(page, mini_site, "index.html")
    assert page.locator(".atlas-review-due").inner_text().count("All 3 questions in your review are due today.") == 1

    go(page, mini_site, "review.html")
    assert page.locator(".atlas-review-deck").is_hidden()  # the deck is the data; one question shows at a time
    status = page.locator(".atlas-review-status")
    assert status.inner_text() == "3 questions due today · 3 in your review"
    card = page.locator(".atlas-review-card")
    assert card.locator(".atlas-review-question").inner_text() == "What is a gradient?"
    assert card.get_by_role("link", name="Demo Path › Basics").get_attribute("href").endswith("01-basics.html#check-yourself")
    assert page.locator(".atlas-review-answer").is_hidden()
    assert page.evaluate("typeof window.FSRS") == "undefined"  # the scheduler and the answers come with the first reveal

    page.keyboard.press("Space")  # from anywhere on the page: shows the model answer, and each rating says when it comes back
    page.locator(".atlas-review-answer").wait_for()
    assert "The vector of partial derivatives." in page.locator(".atlas-review-answer").inner_text()
    ratings = page.get_by_role("group", name="How well did you remember it?")
    for name in ("Again tomorrow", "Hard in 2 days", "Good in 3 days", "Easy in 8 days"):
        assert ratings.get_by_role("button", name=name, exact=True).is_visible(), name
    page.keyboard.press("3")
    assert status.inner_text().startswith("Saved: that question comes back on Thu 7 Jan (in 3 days). 2 of 3 left today")
    assert card.locator(".atlas-review-question").inner_text() == "Why does backpropagation need the chain rule?"
    assert answer(page, "1").startswith("Saved: that question comes back tomorrow (Tue 5 Jan).")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Easy in 8 days").click()  # the mouse works as well as the keys
    finished = page.locator(".atlas-review-next-text")
    assert finished.inner_text() == "All done for today: you answered 3 questions. The next question comes back tomorrow (Tue 5 Jan)."
    assert card.is_hidden()
    assert due_days(page) == dict(zip(QUESTIONS, ["2027-01-07", "2027-01-05", "2027-01-12"]))

    go(page, mini_site, "index.html")
    assert "Nothing is due today; the next question comes back tomorrow (Tue 5 Jan)." in page.locator(".atlas-review-due").inner_text()

    at(page, "2027-01-07T20:00:00Z")  # Thursday: the Again card (due Tuesday) first, then the Good one
    go(page, mini_site, "index.html")
    assert "2 questions are due today, of 3 in your review; after them, the next question comes back on Tue 12 Jan (in 5 days)." in (
        page.locator(".atlas-review-due").inner_text())
    go(page, mini_site, "review.html")
    assert page.locator(".atlas-review-question").inner_text() == "Why does backpropagation need the chain rule?"
    answer(page, "3")
    assert page.locator(".atlas-review-question").inner_text() == "What is a gradient?"
    answer(page, "3")
    days = due_days(page)
    assert days[QUESTIONS[0]] > "2027-01-14", days  # known twice: it stays away longer than the first time
    assert days[QUESTIONS[2]] == "2027-01-12"  # not due, not touched


@pytest.mark.browser
def test_a_phase_added_by_hand_joins_the_review_and_can_leave_it(open_page, mini_site: Path) -> None:
    page = open_page()
    at(page, MONDAY)
    go(page, mini_site, "paths/demo-path/02-advanced.html")
    page.get_by_role("button", name="Add these 3 questions to your review").click()
    offer = page.locator(".atlas-review-offer")
    assert "You added these 3 questions to your review: all due today." in offer.inner_text()
    go(page, mini_site, "review.html")
    assert page.locator(".atlas-review-question").inner_text() == "Why reproduce a result before you extend it?"
    go(page, mini_site, "paths/demo-path/02-advanced.html")
    page.get_by_role("button", name="Take them out of your review").click()
    assert "Bring these 3 questions back" in offer.inner_text() and schedule(page)["cards"] == {}
    go(page, mini_site, "review.html")
    assert page.locator(".atlas-review-next-text").inner_text().startswith("Nothing is in your review yet.")


@pytest.mark.browser
def test_a_phase_marked_known_or_started_brings_its_questions(open_page, mini_site: Path) -> None:
    """"I know this" on a phase, or "I have started", puts its questions in review as a tick does:
    the learner checks what they say they know."""
    page = open_page()
    at(page, MONDAY)
    go(page, mini_site, "index.html")
    page.evaluate("localStorage.setItem('atlas-progress-v1', JSON.stringify({skipped: {'phase:demo-path/basics': true}}))")
    go(page, mini_site, PHASE)
    offer = page.locator(".atlas-review-offer")
    assert "These 3 questions are in your review since you marked this phase “I know this”: all due today." in offer.inner_text()
    assert offer.get_by_role("button", name="Take them out of your review").is_hidden()  # in as long as the phase is marked
    page.evaluate("localStorage.setItem('atlas-progress-v1', JSON.stringify({started: {'phase:demo-path/basics': true}}))")
    page.evaluate(f"localStorage.removeItem({STORE!r})")
    go(page, mini_site, "review.html")
    assert page.locator(".atlas-review-status").inner_text() == "3 questions due today · 3 in your review"


def seed(page, site: Path, state: dict, done: list[str] = ()) -> None:
    """Storage as review.js and progress.js write it."""
    go(page, site, "index.html")
    page.evaluate("([store, state, done]) => { localStorage.setItem(store, JSON.stringify(state));"
                  " localStorage.setItem('atlas-progress-v1', JSON.stringify({done: Object.fromEntries(done.map((k) => [k, true]))})); }",
                  [STORE, state, list(done)])


def reviewed(due: str, reviewed_on: str = "2027-01-01T09:00:00.000Z") -> dict:
    """A card answered once, as review.js saves it."""
    return {"added": "2026-12-31T09:00:00.000Z", "due": due, "stability": 8.3, "difficulty": 4.9, "scheduled_days": 6, "elapsed_days": 0,
            "learning_steps": 0, "reps": 1, "lapses": 0, "state": 2, "last_review": reviewed_on}


SCHEDULE = {"version": 1, "phases": {}, "cards": {
    QUESTIONS[0]: reviewed("2027-01-04T09:00:00.000Z"),
    QUESTIONS[1]: reviewed("2027-01-07T09:00:00.000Z"),
    QUESTIONS[2]: reviewed("2027-01-12T09:00:00.000Z"),
}}


@pytest.mark.browser
def test_export_reset_and_import_bring_the_schedule_back(open_page, mini_site: Path, tmp_path: Path) -> None:
    page = open_page()
    at(page, MONDAY)
    seed(page, mini_site, SCHEDULE, ["phase:demo-path/basics"])
    go(page, mini_site, "index.html")
    said = page.locator(".atlas-review-due").inner_text()
    assert "1 question is due today, of 3 in your review; after them, the next question comes back on Thu 7 Jan (in 3 days)." in said
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    file = tmp_path / "atlas-progress.json"
    download.value.save_as(file)
    data = json.loads(file.read_text(encoding="utf-8"))
    assert data["review"] == {"phases": {}, "cards": SCHEDULE["cards"]}

    page.get_by_role("button", name="Reset all progress…").click()
    question = page.get_by_role("group", name="Reset all progress?")
    assert "This removes 1 finished item and 3 questions in review from this browser." in question.inner_text()
    page.get_by_role("button", name="Reset all progress", exact=True).click()
    assert schedule(page) is None
    assert page.locator(".atlas-review-due").is_hidden()  # the home page follows at once

    page.locator("input.atlas-file").set_input_files(str(file))
    preview = page.locator(".atlas-confirm")
    preview.wait_for()
    assert "The file, exported on Mon 4 Jan 2027: 1 finished item and 3 questions in review." in preview.inner_text()
    assert "From the file it adds 1 finished item and 3 questions to review." in preview.inner_text()
    page.get_by_role("button", name="Merge").click()
    assert schedule(page)["cards"] == SCHEDULE["cards"]
    assert said in page.locator(".atlas-review-due").inner_text()
    go(page, mini_site, "review.html")
    assert page.locator(".atlas-review-status").inner_text() == "1 question due today · 3 in your review"

    # A file with the same questions reviewed later wins, question by question, on a merge.
    later = json.loads(file.read_text(encoding="utf-8"))
    later["review"]["cards"][QUESTIONS[0]] = reviewed("2027-02-01T09:00:00.000Z", "2027-01-04T08:00:00.000Z")
    later["review"]["cards"][QUESTIONS[1]] = reviewed("2027-01-05T09:00:00.000Z", "2026-12-30T09:00:00.000Z")
    file.write_text(json.dumps(later), encoding="utf-8")
    go(page, mini_site, "index.html")
    page.locator("input.atlas-file").set_input_files(str(file))
    # The file is read in the background: wait for what it says, not for a while.
    expect(page.locator(".atlas-confirm")).to_contain_text("From the file it adds the later reviews of 1 question.")
    page.get_by_role("button", name="Merge").click()
    assert due_days(page) == dict(zip(QUESTIONS, ["2027-02-01", "2027-01-07", "2027-01-12"]))

    bad = tmp_path / "bad.json"
    later["review"]["cards"][QUESTIONS[0]]["due"] = "<img src=x onerror=alert(1)>"
    bad.write_text(json.dumps(later), encoding="utf-8")
    page.locator("input.atlas-file").set_input_files(str(bad))
    expect(page.locator(".atlas-status")).to_contain_text(
        "This progress file is damaged: its review of \"demo-path/basics/what-is-a-gradient\" has no due date")


@pytest.fixture(scope="module")
def reworded_site(tmp_path_factory) -> Path:
    """The fixture with one question reworded (same id) and another's id renamed (the old one in old_ids)."""
    work = tmp_path_factory.mktemp("reworded")
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    phase = content / "paths" / "demo-path" / "01-basics.md"
    text = phase.read_text(encoding="utf-8")
    text = text.replace('question: "Why does backpropagation need the chain rule?"', 'question: "What does the chain rule give backpropagation?"')
    text = text.replace("{id: matrix-shapes, question:", "{id: matrix-sizes, old_ids: [matrix-shapes], question:")
    phase.write_text(text, encoding="utf-8")
    return build_site(content, work)


@pytest.mark.browser
def test_a_reworded_question_and_a_renamed_one_keep_their_history(open_page, reworded_site: Path) -> None:
    page = open_page()
    at(page, MONDAY)
    seed(page, reworded_site, SCHEDULE, ["phase:demo-path/basics"])
    go(page, reworded_site, "review.html")
    assert page.locator(".atlas-review-status").inner_text() == "1 question due today · 3 in your review"
    cards = schedule(page)["cards"]
    renamed = "demo-path/basics/matrix-sizes"
    assert sorted(cards) == sorted([QUESTIONS[0], QUESTIONS[1], renamed])
    assert cards[QUESTIONS[1]] == SCHEDULE["cards"][QUESTIONS[1]]  # reworded: the same card
    assert cards[renamed] == SCHEDULE["cards"][QUESTIONS[2]]  # renamed: its card moved, history and all
    answer(page, "3")
    assert page.locator(".atlas-review-next-text").inner_text().endswith("The next question comes back on Thu 7 Jan (in 3 days).")


# --- every state: axe in both schemes, a phone's width, the keyboard -------------------------------

REFUSE_STORAGE = "Storage.prototype.setItem = function () { throw new DOMException('refused', 'QuotaExceededError'); };"


def fits_a_phone(page) -> list[str]:
    """What sticks out of a 390 px wide screen in the page's current state."""
    page.set_viewport_size({"width": 390, "height": 844})
    wide = page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
        .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
        .map((el) => el.tagName + '.' + el.className).slice(0, 5)""")
    page.set_viewport_size({"width": 1280, "height": 900})
    return wide


@pytest.mark.browser
def test_every_state_of_review_passes_axe_and_fits_a_phone(browser, mini_site: Path) -> None:
    """Each state is made once, then checked in both schemes (switched in place: test_a11y.axe_in)."""
    found: dict[str, list[str]] = {}
    # axe reads the stylesheets itself, which Chromium refuses from file:// with console errors of
    # its own (as test_transfer.py says): its failed reads aside, the page must report no error.
    watch = Watch()
    contexts = []

    def open_page(**options):
        contexts.append(new_context(browser, watch, timezone_id="UTC", **options))
        page = contexts[-1].new_page()
        watch.attach(page)
        return page

    def check(page, state: str) -> None:
        problems = [f"{scheme}: {line}" for scheme, lines in axe_in(page).items() for line in lines]
        problems += [f"wider than a phone: {what}" for what in fits_a_phone(page)]
        if problems:
            found[state] = problems

    page = open_page(viewport={"width": 1280, "height": 900})
    at(page, MONDAY)
    go(page, mini_site, "review.html")
    check(page, "nothing added yet")
    go(page, mini_site, PHASE)
    check(page, "a phase's offer")
    page.get_by_role("button", name="Add these 3 questions to your review").click()
    check(page, "a phase added")
    go(page, mini_site, "review.html")
    check(page, "first question")
    page.keyboard.press("Space")
    page.locator(".atlas-review-answer").wait_for()
    check(page, "answer shown")
    page.keyboard.press("3")
    answer(page, "4")
    answer(page, "4")
    check(page, "all done for today")
    go(page, mini_site, "index.html")
    check(page, "home page")
    go(page, mini_site, "review.html")
    assert page.locator(".atlas-review-next-text").inner_text().startswith("Nothing is due today.")
    check(page, "nothing due")

    refused = open_page(viewport={"width": 1280, "height": 900})
    refused.context.add_init_script(REFUSE_STORAGE)
    at(refused, MONDAY)
    go(refused, mini_site, "review.html")
    assert refused.locator(".atlas-review-storage").is_visible()
    assert refused.locator(".atlas-review-status").inner_text() == "6 questions to practise"  # every question, nothing kept
    answer(refused, "3")
    assert refused.locator(".atlas-review-status").inner_text() == "5 questions to practise"
    check(refused, "storage refused")
    go(refused, mini_site, PHASE)
    refused.get_by_role("button", name="Add these 3 questions to your review").click()
    assert "cannot be kept for review" in refused.locator(".atlas-review-offer").inner_text()
    check(refused, "a phase's offer, storage refused")
    for context in contexts:
        context.close()
    assert not found, "\n".join(f"{state}: {line}" for state, lines in found.items() for line in lines)
    assert not watch.outside
    assert not [error for error in watch.errors if "XMLHttpRequest at 'file:" not in error and "net::ERR_FAILED" not in error]

"""A route of the learner's own, in Chromium on the real site, from file:// and over http:
a track chosen in a phase with tracks, "I know this" on a phase and on what the learner
already knows, a plan that follows, a home page that agrees with every other page, and a
progress file that carries all of it to another browser.

Expected numbers come from the content (curriculum.load), not from this file: other
engineers add papers to the tracks, and the counts must follow them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser import PREFIX, Watch, new_context, ready, serve
from curriculum import load
from sitebuild import ROOT
from test_a11y import axe_in, focus

pytestmark = pytest.mark.browser

CAREER = "paths/ai-engineer-career-roadmap/03-specialization.html"
RESEARCH = "paths/ai-research-engineer/04-specialization.html"
AI_ENGINEER = "paths/ai-engineer/index.html"
STORE = "atlas-progress-v1"


@pytest.fixture(scope="module")
def content():
    return load(ROOT / "content")


@pytest.fixture(scope="module")
def served(real_site: Path) -> Iterator[str]:
    """The real site served as GitHub Pages serves it, under /atlas/."""
    for found in serve(real_site):
        yield found.base


@pytest.fixture
def open_page(browser, watch, real_site: Path, served: str):
    """open_page(origin="file", width=1280, scheme="light") -> a fresh browser's page, with
    `page.go(rel)` opening a page of the site there; each context is closed and checked
    (no console error, no request elsewhere) at the end of the test."""
    contexts = []

    def make(origin: str = "file", width: int = 1280, scheme: str = "light"):
        base = served if origin == "http" else real_site.resolve().as_uri() + "/"
        allow = (served[: -len(PREFIX) + 1],) if origin == "http" else ("file://",)
        context = new_context(browser, watch, allow=allow, viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        def go(rel: str) -> None:
            page.goto(base + rel)
            ready(page)

        page.go = go
        return page

    yield make
    for context in contexts:
        context.close()
    watch.assert_clean()


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def line(page) -> str:
    return page.locator(".atlas-phase-progress").inner_text()


def saved(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORE}')") or "{}")


def phase_of(content, rel: str):
    path_id, name = rel.split("/")[1:3]
    return next(p for p in content.paths[path_id].phases if p.src.endswith(name.replace(".html", ".md")))


def counted(phase, track) -> tuple[int, int, int]:
    """Tasks, papers and projects a phase counts with `track` chosen (None: undecided)."""
    papers = {p.id for p in phase.papers} | ({p.id for p in track.papers} if track else set())
    projects = {p.id for p in phase.projects} | ({p.id for p in track.projects} if track else set())
    return len(phase.tasks) + (len(track.tasks) if track else 0), len(papers), len(projects)


def path_text(path, tracks: dict[str, str], done: set[str] = frozenset(), phases_done: int = 0) -> str:
    """The path's counts with `tracks` (phase id -> track id) chosen and the keys `done` ticked."""
    tasks = 0
    paper_keys, project_keys, ticked_tasks = set(), set(), 0
    for phase in path.phases:
        track = next((t for t in phase.options if t.id == tracks.get(phase.id)), None)
        tasks += len(phase.tasks) + (len(track.tasks) if track else 0)
        chosen = [*phase.tasks, *(track.tasks if track else [])]
        ticked_tasks += sum(task.progress_key in done for task in chosen)
        paper_keys |= {p.progress_key for p in [*phase.papers, *(track.papers if track else [])]}
        project_keys |= {p.progress_key for p in [*phase.projects, *(track.projects if track else [])]}
    parts = [f"{ticked_tasks} of {plural(tasks, 'task')}", f"{len(paper_keys & done)} of {plural(len(paper_keys), 'paper')}"]
    parts += [f"{len(project_keys & done)} of {plural(len(project_keys), 'project')}", f"{phases_done} of {plural(len(path.phases), 'phase')}"]
    return " · ".join(parts)


# --- a track ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel, track_id, other_id, origin, width, scheme",
    [
        pytest.param(CAREER, "nlp", "computer-vision", "file", 1280, "light", id="career-file-1280-light"),
        pytest.param(RESEARCH, "reasoning-agents", "llm-alignment", "http", 390, "dark", id="research-http-390-dark"),
    ],
)
def test_a_chosen_track_is_what_the_phase_counts_and_finishing_it_finishes_the_phase(
    open_page, content, rel: str, track_id: str, other_id: str, origin: str, width: int, scheme: str
) -> None:
    phase = phase_of(content, rel)
    track = next(t for t in phase.options if t.id == track_id)
    other = next(t for t in phase.options if t.id == other_id)
    page = open_page(origin, width, scheme)
    page.go(rel)
    tasks, papers, projects = counted(phase, None)
    shared = " · ".join(f"0 of {plural(n, word)}" for n, word in [(tasks, "task"), (papers, "paper"), (projects, "project")] if n)
    # Before a choice: only what every track shares, and no other track's work counted as missing.
    assert f"Not started · {shared} · Choose a track to count its papers, projects and tasks" in line(page)

    page.get_by_role("radio", name=track.title).check()
    tasks, papers, projects = counted(phase, track)
    expected = " · ".join(f"0 of {plural(n, word)}" for n, word in [(tasks, "task"), (papers, "paper"), (projects, "project")] if n)
    assert f"Not started · {expected} · Track: {track.title}" in line(page)
    assert f"Your track: {track.title}" in page.locator(".atlas-track-choice + .atlas-route-note").inner_text()
    # The other tracks fold away, with a button to look at them; only the chosen one's boxes show.
    assert page.locator(f".atlas-track[data-atlas-track='{other.id}'] .atlas-track-body").is_hidden()
    assert page.locator(f".atlas-track[data-atlas-track='{other.id}']").get_by_role("button", name="Show this track").is_visible()

    boxes = page.locator("article input[data-atlas-id]:visible:not([data-atlas-id^='phase:'])")
    keys = boxes.evaluate_all("els => els.map((el) => el.dataset.atlasId)")
    assert len(set(keys)) == tasks + papers + projects + len({p.id for p in phase.optional_projects} - {p.id for p in track.projects})
    for box in boxes.all():
        box.check()
    assert f"Done · {tasks} of {tasks} tasks" in line(page)
    assert (papers == 0 or f"{papers} of {plural(papers, 'paper')}" in line(page)) and (projects == 0 or f"{projects} of {plural(projects, 'project')}" in line(page))

    page.go(rel.rsplit("/", 1)[0] + "/index.html")
    row = page.locator(".atlas-phase-list li", has=page.locator(f"[data-atlas-phase='{phase.id}']"))
    assert row.locator(".atlas-phase-status").inner_text().startswith(f"✓ Done · Track: {track.title}")
    done = {key for key in keys}
    assert page.locator(".atlas-progress-text").inner_text().startswith(path_text(phase.path, {phase.id: track.id}, done, 1).rsplit(" · ", 1)[0])

    # Another track: every tick stays, and the phase counts the new track's work.
    page.go(rel)
    ticks = saved(page)["done"]
    page.get_by_role("radio", name=other.title).check()
    assert saved(page)["done"] == ticks
    assert "In progress" in line(page) and f"Track: {other.title}" in line(page)
    page.get_by_role("button", name="Undo").click()
    assert f"Done · {tasks} of {tasks} tasks" in line(page) and f"Track: {track.title}" in line(page)
    assert page.get_by_role("radio", name=track.title).is_checked()


# --- a phase the learner knows, and the skills they have ----------------------------------------------


def plan_end(page) -> str:
    return re.search(r"you finish on (\w+ \d+ \w+ \d{4})", page.locator(".atlas-plan-summary").inner_text())[1]


def bar(page) -> int:
    return int(page.locator(".atlas-progress progress").get_attribute("value"))


def test_a_phase_marked_known_moves_the_bar_and_the_plan_and_undo_restores_both(open_page, content) -> None:
    path = content.paths["ai-engineer"]
    first = path.phases[0]
    page = open_page("http", 390, "dark")
    page.go(AI_ENGINEER)
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Hours a week").fill(str(path.meta.hours_per_week))
    before = (bar(page), plan_end(page), page.locator(".atlas-progress-text").inner_text())
    last = datetime(2027, 1, 4) + timedelta(weeks=path.weeks.end, days=-1)  # at the path's own pace
    assert before[0] == 0 and before[1] == f"{last:%a} {last.day} {last:%b %Y}"

    known = page.get_by_role("button", name=f"I know this phase: {first.title}")
    known.click()
    assert known.get_attribute("aria-pressed") == "true"
    weeks = first.weeks.length
    assert bar(page) == round(100 * weeks / path.weeks.end)
    end = datetime.strptime(before[1], "%a %d %b %Y") - timedelta(weeks=weeks)
    assert plan_end(page) == f"{end:%a} {end.day} {end:%b %Y}", "the phase leaves the plan"
    assert "Known: not planned" in page.locator(".atlas-plan-table").inner_text()
    assert "0 done, 1 skipped of 5 phases" in page.locator(".atlas-progress-text").inner_text()
    assert f"Marked “{first.title}” as known" in page.locator(".atlas-phase-list .atlas-route-note").first.inner_text()

    page.locator(".atlas-phase-list").get_by_role("button", name="Undo").click()
    assert (bar(page), plan_end(page), page.locator(".atlas-progress-text").inner_text()) == before
    assert known.get_attribute("aria-pressed") == "false"
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == f"I know this phase: {first.title}"


def test_known_skills_show_what_would_change_before_anything_does(open_page, content) -> None:
    path = content.paths["ai-engineer"]
    first = path.phases[0]
    page = open_page("file", 1280, "light")
    page.go(AI_ENGINEER)
    page.get_by_label("Start date").fill("2027-01-04")
    before = (bar(page), plan_end(page), saved(page))
    section = page.locator(".atlas-known")
    for skill in first.skills:
        section.get_by_role("checkbox", name=skill.title, exact=True).check()
    preview = section.locator(".atlas-known-preview")
    assert f"{first.number}. {first.title} ({first.weeks.length} weeks: {len(first.tasks)} tasks" in preview.inner_text()
    assert f"The path would lose {first.weeks.length} weeks" in preview.inner_text()
    assert (bar(page), plan_end(page), saved(page)) == before, "nothing changes before the learner confirms"

    section.get_by_role("button", name="Mark these as known").click()
    assert bar(page) > before[0] and plan_end(page) != before[1]
    assert saved(page)["known"] == {"ai-engineer": sorted(s.id for s in first.skills)}
    assert saved(page)["skipped"] == {f"phase:{first.id}": True}
    page.go(first.src.replace(".md", ".html"))
    assert line(page).startswith("↷ Skipped")
    page.go(AI_ENGINEER)
    expect(page.locator(".atlas-known input:checked")).to_have_count(len(first.skills))  # the skills are remembered
    section.get_by_role("checkbox", name=first.skills[0].title, exact=True).uncheck()
    assert re.search(rf"Would no longer be marked as known:\s+{first.number}\. {first.title} \(", preview.inner_text())
    section.get_by_role("checkbox", name=first.skills[0].title, exact=True).check()

    # Undo is one step, right after the change.
    section.get_by_role("button", name="Clear my choices").click()
    section.get_by_role("button", name="Mark these as known").click()
    assert bar(page) == before[0] and plan_end(page) == before[1]
    page.get_by_role("button", name="Undo").click()
    assert saved(page)["skipped"] == {f"phase:{first.id}": True} and bar(page) > before[0]


# --- one truth --------------------------------------------------------------------------------------


def test_the_home_card_agrees_with_the_path_page_whatever_page_was_ticked(open_page, content) -> None:
    path = content.paths["ai-engineer"]
    page = open_page("http", 390, "light")
    page.go("papers/attention-is-all-you-need.html")
    page.get_by_role("checkbox", name="I have read this paper").check()
    task = path.phases[1].tasks[0]
    page.go(path.phases[1].src.replace(".md", ".html"))
    page.locator(f"input[data-atlas-id='{task.progress_key}']").check()
    page.go("index.html")  # the path page never opened in this browser
    card = page.locator(".grid.cards li", has=page.locator(f".atlas-progress[data-atlas-path='{path.id}']"))
    home = (card.locator(".atlas-progress-text").inner_text(), int(card.locator("progress").get_attribute("value")))
    assert home[0] == path_text(path, {}, {"paper:attention-is-all-you-need", task.progress_key})
    assert home[1] > 0
    page.go(AI_ENGINEER)
    assert (page.locator(".atlas-progress-text").inner_text(), bar(page)) == home


# --- the plan's sessions ------------------------------------------------------------------------------


def sessions(page, tmp_path: Path):
    icalendar = pytest.importorskip("icalendar")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download calendar (.ics)").click()
    target = tmp_path / "plan.ics"
    download.value.save_as(target)
    return [event for event in icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT") if "RRULE" in event]


def test_study_sessions_share_the_weekly_hours_between_the_chosen_days(browser, watch, mini_site: Path, tmp_path: Path) -> None:
    context = new_context(browser, watch)
    page = context.new_page()
    page.clock.set_fixed_time(datetime(2026, 12, 2, 9, 30))
    page.goto((mini_site / "paths/demo-path/index.html").resolve().as_uri())
    page.get_by_label("Start date").fill("2027-01-04")  # a Monday
    page.get_by_label("Hours a week").fill("7.5")
    page.get_by_label("Add weekly study sessions").check()
    for day in ("Monday", "Wednesday", "Saturday"):
        page.get_by_role("checkbox", name=day).check()
    page.get_by_label("Sessions start at").fill("19:30")
    assert "3 sessions a week on Mon, Wed, Sat: 2 h 30 min each, 19:30 to 22:00." in page.locator(".atlas-plan-sessions").inner_text()
    events = sessions(page, tmp_path)
    assert sorted((e["RRULE"]["BYDAY"][0], e.decoded("DTSTART"), e.decoded("DURATION")) for e in events) == [
        ("MO", datetime(2027, 1, 4, 19, 30), timedelta(hours=2, minutes=30)),
        ("SA", datetime(2027, 1, 9, 19, 30), timedelta(hours=2, minutes=30)),
        ("WE", datetime(2027, 1, 6, 19, 30), timedelta(hours=2, minutes=30)),
    ]
    # 25 hours on three evenings: no session is longer than a day's share, and the week adds up.
    page.get_by_label("Hours a week").fill("25")
    warning = page.locator(".atlas-plan-sessions")
    assert "runs past midnight" in warning.inner_text() and "atlas-error" in warning.get_attribute("class")
    lengths = [e.decoded("DURATION") for e in sessions(page, tmp_path)]
    assert max(lengths) <= timedelta(minutes=math.ceil(25 * 60 / 3)) and sum(lengths, timedelta()) == timedelta(hours=25)
    # Fewer hours than the path assumes: the plan says how much longer it is.
    page.get_by_label("Hours a week").fill("5")
    assert "Your plan takes 20 weeks: 10 weeks more than the 10 weeks the path states at 10 hours a week." in page.locator(
        ".atlas-plan-summary").inner_text()
    context.close()
    watch.assert_clean()


# --- everything travels in the progress file --------------------------------------------------------------


def picture(page) -> dict:
    """What a learner sees of their progress: every path page's and the home page's counts and
    statuses, the phase with tracks, the plan, and where to continue."""
    seen = {}
    page.go("index.html")
    seen["home"] = page.locator(".atlas-path-cards .atlas-progress-text").all_inner_texts()
    seen["continue"] = page.locator(".atlas-continue").inner_text() if page.locator(".atlas-continue").is_visible() else ""
    for rel in (AI_ENGINEER, "paths/ai-engineer-career-roadmap/index.html"):
        page.go(rel)
        page.locator(".atlas-plan-summary").wait_for()
        seen[rel] = [page.locator(".atlas-progress-text").inner_text(), page.locator(".atlas-phase-list").inner_text(),
                     page.locator(".atlas-plan-summary").inner_text(), page.locator(".atlas-known input:checked").count()]
    page.go(CAREER)
    seen[CAREER] = line(page)
    return seen


def test_an_export_restores_the_same_picture_in_a_fresh_browser(open_page, content, tmp_path: Path) -> None:
    page = open_page()
    page.go(CAREER)
    page.get_by_role("radio", name="B. Computer vision").check()
    page.get_by_role("button", name="I have started this phase").click()
    page.locator("article input.atlas-task").first.check()
    page.go(AI_ENGINEER)
    page.get_by_label("Start date").fill("2027-01-04")
    page.get_by_label("Add weekly study sessions").check()
    page.get_by_role("checkbox", name="Tuesday").check()
    for skill in content.paths["ai-engineer"].phases[0].skills:
        page.locator(".atlas-known").get_by_role("checkbox", name=skill.title, exact=True).check()
    page.get_by_role("button", name="Mark these as known").click()
    page.get_by_role("button", name="I know this: Transformer", exact=True).click()
    before = picture(page)
    page.go("index.html")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "atlas-progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["version"] == 3
    assert data["tracks"] == {"ai-engineer-career-roadmap/specialization": "computer-vision"}
    assert data["started"] == ["phase:ai-engineer-career-roadmap/specialization"]
    assert data["planner"]["ai-engineer"]["days"] == [2] and data["continue"]["title"]

    fresh = open_page()
    fresh.go("index.html")
    fresh.locator("input.atlas-file").set_input_files(str(exported))
    preview = fresh.locator(".atlas-confirm")
    preview.wait_for()
    assert "a track in 1 phase" in preview.inner_text() and "“B. Computer vision” in “Specialization”" in preview.inner_text()
    fresh.get_by_role("button", name="Merge").click()
    assert picture(fresh) == before


def test_progress_saved_before_this_release_still_counts(open_page, content) -> None:
    """Storage as the site wrote it before tracks and skips (build of main at bff7d52)."""
    page = open_page()
    page.go("index.html")
    page.evaluate("""() => {
        localStorage.setItem('atlas-progress-v1', JSON.stringify({done: {
            'task:ai-engineer/foundations:practice-in-a-notebook-create-pytorch-tensors-move-them-between-cpu-a': true,
            'paper:attention-is-all-you-need': true, 'phase:ai-engineer/foundations': true,
            'task:ai-research-engineer/specialization:multi-agent-research-system': true}}));
        localStorage.setItem('atlas-paths-v1', JSON.stringify({'ai-engineer': {'ai-engineer/foundations': ['paper:attention-is-all-you-need']}}));
        localStorage.setItem('atlas-plan-ai-engineer', JSON.stringify({start: '2027-01-04', hours: 7.5, sessions: true, time: '19:30',
            finished: ['ai-engineer/foundations']}));
        localStorage.setItem('atlas-continue-v1', JSON.stringify({title: 'Transformers Deep Dive', context: 'AI Engineer',
            url: 'paths/ai-engineer/02-transformers.html', task: null, at: '2026-12-01T10:00:00.000Z'}));
    }""")
    page.go("index.html")
    assert page.locator(".atlas-continue-link").inner_text() == "Continue: Transformers Deep Dive"
    path = content.paths["ai-engineer"]
    # The tick under the task's old wording counts as its task's, before any page moves it.
    expected = path_text(path, {}, {"paper:attention-is-all-you-need", "task:ai-engineer/foundations:tensors-and-autograd"}, 1)
    card = page.locator(".grid.cards li", has=page.locator(".atlas-progress[data-atlas-path='ai-engineer']"))
    assert card.locator(".atlas-progress-text").inner_text() == expected
    page.go(AI_ENGINEER)
    assert page.locator(".atlas-progress-text").inner_text() == expected
    expect(page.get_by_label("Add weekly study sessions")).to_be_checked()
    assert "1 session a week on Mon" in page.locator(".atlas-plan-sessions").inner_text()  # the start's weekday, as before
    page.go(RESEARCH)
    page.get_by_role("radio", name="D: Reasoning and agents").check()
    assert "1 of 6 tasks" in line(page), "the task moved into track D keeps its tick"


# --- accessibility ----------------------------------------------------------------------------------


TARGETS = """() => [...document.querySelectorAll(
    '.atlas-toggle, .atlas-undo-button, .atlas-track-fieldset input, .atlas-known-skills input, .atlas-plan-days input')]
    .filter((el) => el.checkVisibility()).map((el) => el.getBoundingClientRect())
    .filter((r) => r.width < 24 || r.height < 24).map((r) => `${r.width}x${r.height}`)"""


def test_axe_finds_nothing_in_any_new_state(browser, real_site: Path) -> None:
    """Every new state, at both widths and in both schemes, with every new control a target of
    24 px at least. Each state is made once and checked at each width (the window resized) in
    each scheme (switched in place)."""
    watch = Watch()  # axe reads the stylesheets itself, which Chromium refuses from file:// with console errors
    context = new_context(browser, watch, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}

    def check(state: str, targets: bool = False) -> None:
        # The width it is at first, which saves a resize; the next state is made at the other.
        for width in (1280, 390) if page.viewport_size["width"] == 1280 else (390, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            found.update({f"{width} {state} ({scheme})": lines for scheme, lines in axe_in(page).items()})
            if targets:
                found[f"{width} targets under 24 px: {state}"] = page.evaluate(TARGETS)

    page.goto((real_site / CAREER).resolve().as_uri())
    ready(page)
    check("undecided")
    page.get_by_role("radio", name="A. Natural language processing").check()
    page.get_by_role("button", name="I know this: Transformer", exact=True).click()
    check("a chosen track, an item skipped")
    page.get_by_role("button", name="I know this phase: skip it").click()
    check("a skipped phase")
    page.locator(".atlas-phase-actions + .atlas-route-note").get_by_role("button", name="Undo").click()
    check("an undo", targets=True)
    page.goto((real_site / AI_ENGINEER).resolve().as_uri())
    ready(page)
    page.get_by_role("button", name="I know this phase: Foundations").click()
    page.locator(".atlas-known").get_by_role("checkbox", name="Transformers", exact=True).check()
    page.get_by_label("Add weekly study sessions").check()
    page.get_by_role("checkbox", name="Friday").check()
    page.get_by_label("Hours a week").fill("40")
    check("a known phase, the skills preview, sessions past midnight", targets=True)
    context.close()
    assert not watch.outside
    found = {state: lines for state, lines in found.items() if lines}
    assert not found, "\n".join(f"{state}: {line}" for state, lines in found.items() for line in lines)


def test_every_route_control_works_from_the_keyboard(open_page) -> None:
    page = open_page()
    page.go(CAREER)
    focus(page, ".atlas-phase-actions button")
    page.keyboard.press("Space")  # I have started
    assert "In progress" in line(page)
    focus(page, "button.atlas-skip")
    page.keyboard.press("Enter")  # I know this, on the first task
    assert "0 done, 1 skipped of 5 tasks" in line(page)
    focus(page, ".atlas-track-fieldset input")
    page.keyboard.press("ArrowDown")  # Undecided -> the first track
    assert "Track: A. Natural language processing" in line(page)
    focus(page, ".atlas-track[data-chosen='false'] button[aria-expanded]")
    page.keyboard.press("Enter")
    assert page.locator(".atlas-track[data-atlas-track='computer-vision'] .atlas-track-body").is_visible()
    page.go(AI_ENGINEER)
    focus(page, ".atlas-phase-list button.atlas-skip")
    page.keyboard.press("Enter")
    focus(page, ".atlas-phase-list .atlas-undo-button")
    page.keyboard.press("Enter")
    assert page.locator(".atlas-progress progress").get_attribute("value") == "0"
    focus(page, ".atlas-known-skills input")
    page.keyboard.press("Space")
    focus(page, ".atlas-known .md-button--primary")
    page.keyboard.press("Enter")
    assert saved(page)["known"]
    focus(page, "input[name=sessions]")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first weekday
    assert page.get_by_role("checkbox", name="Monday").is_checked()


def test_a_phase_page_reaches_its_first_task_in_a_few_tabs(open_page) -> None:
    """Past the skip link, Tab meets controls and links: permalinks stay for the mouse and
    screen readers, out of the way, and the closed search box takes no stop."""
    page = open_page()
    page.go("paths/ai-engineer/02-transformers.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Enter")
    for presses in range(1, 60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input.atlas-task')"):
            break
    assert presses <= 20, presses
    assert page.locator("a.headerlink").first.get_attribute("href").startswith("#")
    assert page.locator(".md-search__scrollwrap").evaluate("el => getComputedStyle(el).overflowY") == "hidden"


def test_the_colour_scheme_follows_the_system_until_the_reader_picks_one(open_page) -> None:
    page = open_page(scheme="light")
    def scheme() -> str:
        return page.evaluate("document.body.getAttribute('data-md-color-scheme')")

    page.go("index.html")
    assert scheme() == "default"
    page.emulate_media(color_scheme="dark")  # the system turns dark after the first visit
    page.reload()
    assert scheme() == "slate"
    page.locator("label.md-header__button[title='Switch to light mode']").click()  # the reader's own choice
    assert scheme() == "default"
    page.reload()
    assert scheme() == "default", "the choice holds while the system stays dark"


def test_my_reading_list_holds_the_papers_of_my_route(open_page, content, tmp_path: Path) -> None:
    bibtexparser = pytest.importorskip("bibtexparser")
    path = content.paths["ai-engineer-career-roadmap"]
    phase = phase_of(content, CAREER)
    track = next(t for t in phase.options if t.id == "reinforcement-learning")
    page = open_page()
    page.go(CAREER)
    page.get_by_role("radio", name=track.title).check()
    page.go("paths/ai-engineer-career-roadmap/index.html")
    first = path.phases[0]
    page.get_by_role("button", name=f"I know this phase: {first.title}").click()
    expected = []
    for each in path.phases[1:]:
        for paper in [*each.papers, *(track.papers if each is phase else [])]:
            if paper.id not in expected:
                expected.append(paper.id)
    about = page.locator(".atlas-my-list-about")
    assert f"{len(expected)} papers with your tracks' own" in about.inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my reading list (.bib)").click()
    assert download.value.suggested_filename == "ai-engineer-career-roadmap-my-reading-list.bib"
    target = tmp_path / "mine.bib"
    download.value.save_as(target)
    library = bibtexparser.parse_string(target.read_text(encoding="utf-8"))
    assert not library.failed_blocks and [entry.key for entry in library.entries] == expected

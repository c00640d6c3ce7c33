"""The learner's map, in Chromium on the built site opened from disk with no network:
path pages that open on their phases, progress that counts tasks, papers and projects,
a status for every phase wherever phases are listed, "Continue" on the home page,
pictures and tables that fit a phone, and ticks that survive a task's rewording.
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path

import pytest

from browser import new_context, ready
from curriculum import load
from sitebuild import ROOT

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

STORE = "atlas-progress-v1"
# A tick as the site saved it before tasks had ids (the key is a slug of the task's
# wording), copied from a build of main at 67ea309: it must move to the task's id.
LEGACY_KEY = "task:ai-engineer/foundations:practice-in-a-notebook-create-pytorch-tensors-move-them-between-cpu-a"
NEW_KEY = "task:ai-engineer/foundations:tensors-and-autograd"
SCHEMES = ("light", "dark")


def path_line(path_id: str, tasks: int = 0, papers: int = 0, projects: int = 0, phases: int = 0) -> str:
    """The path's progress line with these many items done, its totals taken from the content
    (so that adding a paper to the path does not break the test)."""
    path = load(ROOT / "content").paths[path_id]
    required = {project.id for phase in path.phases for project in phase.projects}  # optional ones are never missing
    return (f"{tasks} of {len(path.tasks)} tasks · {papers} of {len(path.papers)} papers · "
            f"{projects} of {len(required)} projects · {phases} of {len(path.phases)} phases")


def url(site: Path, rel: str) -> str:
    return (site / rel).resolve().as_uri()


@pytest.fixture
def open_page(browser, watch):
    """open_page(width=1280, scheme="light") -> a page of a fresh context; closed, and checked
    for console errors and outside requests, at the end of the test."""
    contexts = []

    def make(width: int = 1280, scheme: str = "light"):
        context = new_context(browser, watch, viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    watch.assert_clean()


def seed(page, site: Path, done: list[str]) -> None:
    page.goto(url(site, "index.html"))
    page.evaluate("([store, done]) => localStorage.setItem(store, JSON.stringify({done: Object.fromEntries(done.map(k => [k, true]))}))", [STORE, done])


def saved(page) -> list[str]:
    return sorted(json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))["done"])


# --- task ids and the ticks saved before them ----------------------------------------


def test_a_tick_saved_under_a_tasks_old_wording_key_moves_to_its_id(real_site: Path, open_page) -> None:
    page = open_page()
    seed(page, real_site, [LEGACY_KEY])
    page.goto(url(real_site, "paths/ai-engineer/index.html"))
    assert page.locator(".atlas-progress-text").inner_text().startswith(path_line("ai-engineer", tasks=1).split(" · ")[0]), "counted before it moved"
    page.goto(url(real_site, "paths/ai-engineer/01-foundations.html"))
    assert page.locator(f"input[data-atlas-id='{NEW_KEY}']").is_checked()
    assert saved(page) == [NEW_KEY]


def test_a_task_is_ticked_by_tapping_its_words_and_every_box_is_a_24px_target(real_site: Path, open_page) -> None:
    page = open_page(390)
    page.goto(url(real_site, "paths/ai-engineer/02-transformers.html"))
    page.get_by_text("Build a small GPT from scratch in a notebook").click()
    box = page.get_by_role("checkbox", name=re.compile("^Build a small GPT from scratch"))
    assert box.is_checked()
    assert saved(page) == ["task:ai-engineer/transformers:small-gpt-notebook"]
    sizes = page.locator("input[data-atlas-id]").evaluate_all("els => els.map(el => [el.getBoundingClientRect().width, el.getBoundingClientRect().height])")
    assert sizes and all(w >= 24 and h >= 24 for w, h in sizes), sizes


def test_the_thirty_day_plan_is_a_checklist_of_real_tasks(real_site: Path, open_page) -> None:
    page = open_page(390)
    page.goto(url(real_site, "guides/thirty-day-start-plan.html"))
    boxes = page.locator("input[data-atlas-id^='task:guide/thirty-day-start-plan:']")
    assert boxes.count() == 9
    assert "☐" not in page.locator("article").inner_text()
    page.get_by_text("Set up your environment").click()
    assert page.locator(".atlas-phase-progress").inner_text() == "1 of 9 tasks done"
    page.goto(url(real_site, "index.html"))
    assert "Continue: Your first 30 days" in page.locator(".atlas-continue").inner_text()


# --- progress on real work, and where to continue -------------------------------------------


def test_ticking_one_task_changes_the_path_page_and_offers_to_continue_at_home(real_site: Path, open_page) -> None:
    page = open_page()
    page.goto(url(real_site, "index.html"))
    assert page.locator(".atlas-continue").is_hidden(), "nothing to continue before the first tick"
    page.goto(url(real_site, "paths/ai-engineer/index.html"))
    before = page.locator(".atlas-progress-text").inner_text()
    assert before == path_line("ai-engineer")

    page.goto(url(real_site, "paths/ai-engineer/02-transformers.html"))
    page.get_by_text("Implement scaled dot-product self-attention").click()
    assert re.match(r"◐ In progress · 1 of \d+ tasks", page.locator(".atlas-phase-progress").inner_text())

    page.goto(url(real_site, "paths/ai-engineer/index.html"))
    assert page.locator(".atlas-progress-text").inner_text() == path_line("ai-engineer", tasks=1)
    assert int(page.locator(".atlas-progress progress").get_attribute("value") or 0) >= 0
    row = page.locator(".atlas-phase-list li", has_text="Transformers Deep Dive")
    assert row.locator(".atlas-phase-status").inner_text().strip() == "◐ In progress"
    nav = page.locator(".md-nav--primary a.md-nav__link", has_text="Transformers Deep Dive")
    assert "(in progress)" in nav.inner_text()
    assert page.locator("g.atlas-phase[data-atlas-phase='ai-engineer/transformers']").first.get_attribute("data-status") == "started"

    page.goto(url(real_site, "index.html"))
    box = page.locator(".atlas-continue")
    assert box.is_visible()
    link = box.locator(".atlas-continue-link")
    assert link.inner_text() == "Continue: Transformers Deep Dive" and link.get_attribute("href") == "paths/ai-engineer/02-transformers.html"
    task = box.locator(".atlas-continue-task-link")
    assert task.inner_text().startswith("Build a transformer encoder block")
    assert task.get_attribute("href") == "paths/ai-engineer/02-transformers.html#task-encoder-block"
    task.click()
    assert page.url.endswith("02-transformers.html#task-encoder-block")
    # The click returns once the phase page is on its way, not yet parsed: the task is judged
    # where the learner sees it once the page has loaded and its later widgets (route.js's
    # "I know this" beside each task) have changed the lines above it.
    ready(page)
    target = page.locator("#task-encoder-block")
    assert target.is_visible()
    assert target.evaluate("el => { const box = el.getBoundingClientRect(); return box.top >= 0 && box.bottom <= innerHeight; }"), \
        "the task Continue leads to is out of view"
    page.goto(url(real_site, "index.html"))
    card = page.locator(".grid.cards li", has_text="240 hours")
    assert card.locator(".atlas-progress-text").inner_text() == path_line("ai-engineer", tasks=1)


def test_papers_and_projects_count_on_the_path_page_and_the_home_page(real_site: Path, open_page) -> None:
    page = open_page()
    seed(page, real_site, ["paper:attention-is-all-you-need", "project:transformer-from-scratch"])
    page.goto(url(real_site, "paths/ai-engineer/index.html"))
    assert page.locator(".atlas-progress-text").inner_text() == path_line("ai-engineer", papers=1, projects=1)
    assert page.get_by_role("checkbox", name="Read: Transformer").is_checked()
    page.goto(url(real_site, "index.html"))  # the path page left its papers and projects for the home page to count
    card = page.locator(".grid.cards li", has_text="240 hours")
    assert card.locator(".atlas-progress-text").inner_text() == path_line("ai-engineer", papers=1, projects=1)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_finished_phase_reads_done_wherever_phases_are_listed(real_site: Path, open_page, scheme: str) -> None:
    page = open_page(1280, scheme)
    seed(page, real_site, ["phase:ai-research-engineer/warmup"])
    page.goto(url(real_site, "paths/ai-research-engineer/index.html"))
    row = page.locator(".atlas-phase-list li", has_text="Warm-up and Prerequisites")
    assert row.locator(".atlas-phase-status").inner_text().strip() == "✓ Done"
    assert row.get_attribute("data-status") == "done"
    assert "(done)" in page.locator(".md-nav--primary a.md-nav__link", has_text="Warm-up").inner_text()
    assert page.locator("svg.atlas-wide g[data-atlas-phase='ai-research-engineer/warmup'] .atlas-mark").text_content() == "✓"
    assert "0. Warm-up and Prerequisites, done" in page.locator("svg.atlas-wide title").text_content()
    assert "1 of 6 phases" in page.locator(".atlas-progress-text").inner_text()
    # The bar fills by weeks: the two weeks of the warm-up are 2/54 of the path.
    assert page.locator(".atlas-progress progress").get_attribute("value") == "4"
    page.goto(url(real_site, "paths/ai-research-engineer/00-warmup.html"))
    assert page.locator(".atlas-phase-progress .atlas-status").inner_text().strip() == "✓ Done"
    assert page.get_by_role("checkbox", name="I have finished this phase").is_checked()


# --- the path page opens on its map -------------------------------------------------------------------


def test_every_path_page_shows_its_whole_phase_list_within_1600px(real_site: Path, open_page) -> None:
    page = open_page()
    paths = sorted(real_site.glob("paths/*/index.html"))
    assert len(paths) >= 4
    for html in paths:
        page.goto(html.as_uri())
        top = page.evaluate("Math.round(document.getElementById('phases').getBoundingClientRect().top + scrollY)")
        list_top = page.evaluate("Math.round(document.querySelector('.atlas-phase-list').getBoundingClientRect().top + scrollY)")
        assert list_top <= 1600, f"{html.parent.name}: the phase list starts at {list_top} px (heading at {top})"
        # Notes on converting the source's durations are there, but folded away.
        text = page.locator("article").inner_text()
        assert "How we converted" not in text
        for details in page.locator("article details").all():
            assert details.get_attribute("open") is None


def test_the_paths_index_compares_total_hours_before_and_after(real_site: Path, open_page) -> None:
    page = open_page()
    page.goto(url(real_site, "paths/index.html"))
    headers = page.locator("article table").first.locator("th").all_inner_texts()
    assert headers == ["Path", "Hours in all", "You should already", "At the end you can", "For"]
    rows = page.locator("article table").first.locator("tbody tr")
    assert rows.nth(0).locator("td").nth(0).inner_text() == "AI Engineer: career roadmap", "from beginner to advanced"
    assert "1,950 h" in rows.nth(0).inner_text() and "240 h" in rows.nth(1).inner_text()
    caption = page.locator("figure.atlas-figure figcaption").first.inner_text()
    assert "hours" in caption.lower() and "own assumed pace" not in caption
    page.goto(url(real_site, "index.html"))
    first = page.locator(".grid.cards li").first
    assert "beginner" in first.inner_text() and "1,950 hours" in first.inner_text()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_path_length_bars_are_to_scale_at_every_width(real_site: Path, open_page, width: int) -> None:
    page = open_page(width)
    page.goto(url(real_site, "paths/index.html"))
    bars = page.evaluate(
        """() => [...document.querySelectorAll('figure.atlas-figure svg')].filter(s => getComputedStyle(s).display !== 'none')[0]
            .querySelectorAll('rect')""" + ".length"
    )
    assert bars == 4
    widths = page.evaluate(
        """() => [...[...document.querySelectorAll('figure.atlas-figure svg')].find(s => getComputedStyle(s).display !== 'none')
            .querySelectorAll('rect')].map(r => r.getBoundingClientRect().width)"""
    )
    hours = [1950, 240, 360, 810]  # weeks x hours a week of the four paths, in the order shown
    for w, h in zip(widths, hours):
        assert w / widths[0] == pytest.approx(h / hours[0], rel=0.02), (widths, hours)


# --- pictures and states that read the same in both schemes --------------------------------------------


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of a PNG as Chromium writes it (8-bit, no interlace)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, pos = {}, 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        chunks.setdefault(kind, []).append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][0][:10])
    assert depth == 8 and colour in (2, 6)
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    stride, rows, previous = width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                best = min((abs(p - left), 0, left), (abs(p - up), 1, up), (abs(p - corner), 2, corner))[2]
                line[i] = (line[i] + best) & 255
        rows.append(bytes(line) if channels == 4 else bytes(b for j in range(width) for b in (*line[j * 3 : j * 3 + 3], 255)))
        previous = line
    return width, height, rows


def test_an_empty_progress_bar_looks_empty_in_the_dark_scheme(real_site: Path, open_page) -> None:
    page = open_page(1280, "dark")
    page.goto(url(real_site, "paths/ai-engineer/index.html"))
    bar = page.locator(".atlas-progress progress")
    assert bar.get_attribute("value") == "0"
    width, _, rows = png_pixels(bar.screenshot())
    inside = [row[4 * x : 4 * x + 3] for row in rows[2:-2] for x in range(3, width - 3)]
    bright = [rgb for rgb in inside if (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255 > 0.6]
    assert len(bright) < 0.1 * len(inside), f"{len(bright)} of {len(inside)} pixels of an empty bar are bright"


@pytest.mark.parametrize("scheme, word", [("light", "darker"), ("dark", "brighter")])
def test_the_heat_map_caption_says_what_the_scheme_shows(real_site: Path, open_page, scheme: str, word: str) -> None:
    page = open_page(1280, scheme)
    page.goto(url(real_site, "skills/index.html"))
    caption = page.locator("figure.atlas-figure figcaption").inner_text()
    assert f"the {word} the cell" in caption and ({"darker", "brighter"} - {word}).pop() not in caption
    colours = page.evaluate("[1, 4].map(n => getComputedStyle(document.querySelector('.atlas-wide .atlas-heat' + n)).fill)")

    def luminance(css: str) -> float:
        r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    few, many = (luminance(c) for c in colours)
    assert (many < few) if word == "darker" else (many > few), colours


# --- every page on a phone ---------------------------------------------------------------------------------

FIT = """() => {
  const problems = [];
  if (document.documentElement.scrollWidth > innerWidth + 1) problems.push(`scrolls sideways by ${document.documentElement.scrollWidth - innerWidth}px`);
  for (const box of document.querySelectorAll('input[type=checkbox][data-atlas-id]')) {
    if (!box.checkVisibility()) continue;
    const r = box.getBoundingClientRect();
    if (r.width < 24 || r.height < 24) problems.push(`tick box ${box.dataset.atlasId} is ${r.width}x${r.height}`);
    if (r.left < 0 || r.right > innerWidth) problems.push(`tick box ${box.dataset.atlasId} is off screen (${r.left}-${r.right})`);
  }
  for (const figure of document.querySelectorAll('figure.atlas-figure')) {
    const f = figure.getBoundingClientRect();
    if (f.right > innerWidth + 1) problems.push('a figure is wider than the screen');
    for (const svg of figure.querySelectorAll('svg')) {
      if (!svg.checkVisibility()) continue;
      for (const text of svg.querySelectorAll('text')) {
        if (!text.textContent.trim()) continue;
        const t = text.getBoundingClientRect();
        if (t.left < f.left - 1 || t.right > f.right + 1 || t.top < f.top - 1 || t.bottom > f.bottom + 1) problems.push(`label '${text.textContent}' is cut by its figure`);
      }
    }
  }
  return problems;
}"""


def test_every_page_of_the_real_site_fits_with_its_tick_boxes_and_labels(real_site: Path, open_page) -> None:
    """No sideways scroll, every tick box on screen and 24 px or more, every label of a
    picture inside its figure: on every built page, with some progress to show, on a phone
    and on a desktop. Each page is opened once and checked at the width it opened at, then
    with the window resized to the other (so the next page opens at that one)."""
    page = open_page(390)
    seed(page, real_site, [NEW_KEY, "paper:attention-is-all-you-need", "phase:ai-engineer/foundations"])
    found = {}
    for html in sorted(real_site.rglob("*.html")):
        page.goto(html.as_uri())
        for width in (390, 1280) if page.viewport_size["width"] == 390 else (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            if problems := page.evaluate(FIT):
                found[f"{html.relative_to(real_site).as_posix()} at {width} px"] = problems[:5]
    assert not found, "\n".join(f"{where}: {problems}" for where, problems in found.items())


def test_tables_with_tick_boxes_or_notes_become_cards_on_a_phone(real_site: Path, open_page) -> None:
    page = open_page(390)
    page.goto(url(real_site, "paths/ai-engineer/02-transformers.html"))
    card = page.locator(".atlas-cards tbody tr").first
    cells = card.locator("td")
    title, rest = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
    assert rest["y"] >= title["y"] + title["height"] - 1, "the other cells sit beneath the title"
    assert page.evaluate("getComputedStyle(document.querySelector('.atlas-cards td:nth-child(2)'), '::before').content") == '"Type: "'
    project = page.locator(".atlas-cards tbody tr", has=page.locator("label.atlas-done")).first
    tick, name = project.locator("label.atlas-done").bounding_box(), project.locator("td").first.bounding_box()
    assert abs(tick["y"] - name["y"]) < 20 and tick["x"] > name["x"], "the tick sits on the title's line"


# --- navigation: the learner's tabs, one previous/next row that keeps to the path ------------------------


def test_the_tabs_are_a_learners_and_the_footer_leads_to_the_rest(real_site: Path, open_page) -> None:
    page = open_page()
    page.goto(url(real_site, "papers/index.html"))
    assert page.locator(".md-tabs__link").all_inner_texts() == ["Home", "Paths", "Papers", "Projects", "Skills", "Guides", "Review"]
    footer = page.locator(".atlas-footer-links a")
    assert footer.all_inner_texts() == ["What's new", "Contribute", "Model releases"]
    footer.nth(2).click()
    page.wait_for_url("**/milestones.html")
    assert page.locator("article h1").inner_text().rstrip("¶") == "Model releases"


def test_previous_and_next_keep_to_the_path(real_site: Path, open_page) -> None:
    page = open_page()
    page.goto(url(real_site, "paths/ai-engineer/index.html"))
    assert page.locator(".md-footer__link--prev").get_attribute("href") == "../index.html"
    assert page.locator(".md-footer__link--next").get_attribute("href") == "01-foundations.html"
    page.goto(url(real_site, "paths/ai-engineer/05-production.html"))
    assert page.locator(".md-footer__link--next").count() == 0, "the last phase leads nowhere else"
    assert page.locator(".md-footer__link--prev").get_attribute("href") == "04-ai-agents.html"
    assert page.locator("article .atlas-prevnext").count() == 0, "one row of previous and next, not two"
    nav = page.locator(".md-nav--primary .md-nav__link", has_text="Production and Deployment").first.inner_text().strip()
    number = page.locator(".atlas-facts").inner_text()
    assert nav.startswith("5.") and "phase 5 of 5" in number


def test_the_offline_copy_is_a_link_that_says_how_to_open_it(real_site: Path, open_page) -> None:
    page = open_page()
    page.goto(url(real_site, "index.html"))
    section = page.locator(".atlas-offline")
    assert section.locator("a[download]").get_attribute("href") == "https://ai-engineering-atlas.github.io/atlas/ai-engineering-atlas.zip"
    assert "open ai-engineering-atlas/index.html" in section.inner_text()
    # Opened from disk, this is the offline copy: the page says so rather than offer a file that is not there.
    assert section.locator(".atlas-offline-here").is_visible()
    assert section.locator("a[download]").is_hidden()

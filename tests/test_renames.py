"""Renames keep their promises: a renamed paper, path and phase still answer at their old
addresses, the export lists their old ids, and a learner's saved progress follows them.

The fixture curriculum is renamed as a contributor would: the paper `transformer`
becomes `attention`, the path folder `demo-path` becomes `demo`, its phase
`01-basics.md` becomes `01-foundations.md`, and the skill `pytorch` becomes
`torch`, each listing its old id under `old_ids`.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from browser import ready
from curriculum import ContentError, load
from sitebuild import FIXTURES, ROOT, build_site

sys.path.insert(0, str(ROOT / "tools"))
import linkcheck

SITE_URL = linkcheck.site_url_from(ROOT / "mkdocs.yml")
OLD_ADDRESSES = {  # old address -> where it leads
    "papers/transformer.html": "papers/attention.html",
    "paths/demo-path/index.html": "paths/demo/index.html",
    "paths/demo-path/01-basics.html": "paths/demo/01-foundations.html",  # old folder, old slug
    "paths/demo-path/01-foundations.html": "paths/demo/01-foundations.html",  # old folder, new slug
    "paths/demo/01-basics.html": "paths/demo/01-foundations.html",  # new folder, old slug
    "paths/demo-path/02-advanced.html": "paths/demo/02-advanced.html",
    "skills/pytorch.html": "skills/torch.html",
}


def edit(content: Path, rel: str, old: str, new: str) -> None:
    path = content / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def rename(content: Path) -> Path:
    """Rename the paper, the path and a phase in `content` as CONTRIBUTING says; `content`."""
    (content / "papers/transformer.md").rename(content / "papers/attention.md")
    edit(content, "papers/attention.md", "title: Attention Is All You Need\n", "title: Attention Is All You Need\nold_ids: [transformer]\n")
    (content / "paths/demo-path").rename(content / "paths/demo")
    edit(content, "paths/demo/index.md", "title: Demo Path\n", "title: Demo Path\nold_ids: [demo-path]\n")
    (content / "paths/demo/01-basics.md").rename(content / "paths/demo/01-foundations.md")
    edit(content, "paths/demo/01-foundations.md", "title: Basics\n", "title: Basics\nold_ids: [basics]\n")
    edit(content, "paths/demo/01-foundations.md", "(../../papers/transformer.md)", "(../../papers/attention.md)")  # body links name files
    edit(content, "skills.yml", "pytorch:\n  title: PyTorch\n", "torch:\n  title: PyTorch\n  old_ids: [pytorch]\n")
    edit(content, "skills.yml", "aliases: [torch]", "aliases: [pt]")
    return content


@pytest.fixture(scope="module")
def renamed_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("renamed")
    shutil.copytree(FIXTURES / "mini", work / "content")
    return build_site(rename(work / "content"), work)


def url(site: Path, rel: str) -> str:
    return (site / rel).resolve().as_uri()


# --- the old addresses -------------------------------------------------------------


def test_every_old_address_has_a_page_that_leads_to_the_new_one(renamed_site: Path) -> None:
    for old, new in OLD_ADDRESSES.items():
        text = (renamed_site / old).read_text(encoding="utf-8")
        href = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', text)[1]
        assert (renamed_site / old).parent.joinpath(href).resolve() == (renamed_site / new).resolve(), old
        assert f'<a href="{href}">' in text  # a link a reader can follow
        assert f'<link rel="canonical" href="{SITE_URL}{new}">' in text
        assert '<meta name="robots" content="noindex">' in text


def test_old_addresses_are_not_in_the_sitemap_or_the_search(renamed_site: Path) -> None:
    sitemap = (renamed_site / "sitemap.xml").read_text(encoding="utf-8")
    locations = {entry["location"].split("#")[0] for entry in json.loads((renamed_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]}
    for old in OLD_ADDRESSES:
        assert f"{SITE_URL}{old}<" not in sitemap
        assert old not in locations
    assert f"{SITE_URL}papers/attention.html<" in sitemap and "papers/attention.html" in locations


def test_the_renamed_site_has_no_broken_link(renamed_site: Path) -> None:
    report = linkcheck.check_site(renamed_site, SITE_URL)
    assert not report.broken, "\n".join(report.broken)


def test_the_export_lists_old_ids(renamed_site: Path) -> None:
    data = json.loads((renamed_site / "api/curriculum.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    (path,) = data["paths"]
    assert path["id"] == "demo" and path["old_ids"] == ["demo-path"]
    phases = {phase["id"]: phase["old_ids"] for phase in path["phases"]}
    assert phases == {"demo/foundations": ["demo/basics", "demo-path/foundations", "demo-path/basics"], "demo/advanced": ["demo-path/advanced"]}
    papers = {paper["id"]: paper["old_ids"] for paper in data["papers"]}
    assert papers == {"attention": ["transformer"], "bert-like": [], "gpt-like": []}
    assert {skill["id"]: skill["old_ids"] for skill in data["skills"]}["torch"] == ["pytorch"]
    for kind in ("projects", "guides"):
        assert all(entity["old_ids"] == [] for entity in data[kind]), kind


# --- in a browser, from disk -------------------------------------------------------

pytest.importorskip("playwright.sync_api")


@pytest.mark.browser
def test_old_addresses_open_the_new_pages_from_disk(renamed_site: Path, page) -> None:
    for old, new in OLD_ADDRESSES.items():
        page.goto(url(renamed_site, old))
        page.wait_for_url(url(renamed_site, new))
        assert page.locator("article h1").count() == 1, old
    page.goto(url(renamed_site, "papers/transformer.html") + "#the-problem")  # a link into the old page
    page.wait_for_url(url(renamed_site, "papers/attention.html") + "#the-problem")


@pytest.mark.browser
def test_old_addresses_work_without_javascript(browser, renamed_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(url(renamed_site, "paths/demo-path/01-basics.html"))
    tab.wait_for_url(url(renamed_site, "paths/demo/01-foundations.html"))
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_old_address_page_passes_axe(browser, renamed_site: Path, scheme: str) -> None:
    """What a reader sees for an instant, or for good where refresh is off: checked without its redirect."""
    from test_a11y import axe

    html = (renamed_site / "paths/demo-path/01-basics.html").read_text(encoding="utf-8")
    still = re.sub(r"<script>.*?</script>|<meta http-equiv=\"refresh\"[^>]*>", "", html)
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.set_content(still)
    assert tab.get_by_role("link", name="Basics · Demo Path").is_visible()
    assert not axe(tab)
    context.close()


STORE = "atlas-progress-v1"  # progress.js


@pytest.mark.browser
def test_saved_progress_follows_the_renames(renamed_site: Path, page) -> None:
    """Ticks saved before the renames, under the old keys, show on the new pages and move to the new keys."""
    old = ["phase:demo-path/basics", "task:demo-path/basics:practice-derive-backpropagation", "paper:transformer", "phase:demo-path/advanced"]
    page.goto(url(renamed_site, "index.html"))
    page.evaluate("([store, keys]) => localStorage.setItem(store, JSON.stringify({done: Object.fromEntries(keys.map(k => [k, true]))}))", [STORE, old])

    page.reload()  # the home page: the path's bar counts the phases saved under the old folder
    assert page.locator(".atlas-progress-text").first.inner_text().endswith("2 of 2 phases")
    page.goto(url(renamed_site, "paths/demo/01-foundations.html"))
    assert page.get_by_role("checkbox", name="I have finished this phase").is_checked()
    assert page.get_by_role("checkbox", name="Derive backpropagation").is_checked()
    page.goto(url(renamed_site, "papers/attention.html"))
    assert page.get_by_role("checkbox", name="I have read this paper").is_checked()
    page.goto(url(renamed_site, "paths/demo/02-advanced.html"))
    assert page.get_by_role("checkbox", name="I have finished this phase").is_checked()

    saved = page.evaluate("store => Object.keys(JSON.parse(localStorage.getItem(store)).done).sort()", STORE)
    assert saved == ["paper:attention", "phase:demo/advanced", "phase:demo/foundations", "task:demo/foundations:backprop"]


def test_the_old_reading_lists_answer_like_the_old_pages(renamed_site: Path) -> None:
    """A .bib cannot lead on as a page does: its old address serves the same file."""
    for old, new in (("paths/demo-path/demo-path.bib", "paths/demo/demo.bib"),
                     ("paths/demo-path/demo-path-advanced.bib", "paths/demo/demo-advanced.bib")):
        assert (renamed_site / new).is_file(), new
        assert (renamed_site / old).read_bytes() == (renamed_site / new).read_bytes(), old


@pytest.mark.browser
def test_the_planner_keeps_the_settings_saved_under_the_old_path_id(renamed_site: Path, page) -> None:
    page.goto(url(renamed_site, "paths/demo/index.html"))
    page.evaluate("""() => localStorage.setItem("atlas-plan-demo-path", JSON.stringify(
        {start: "2027-01-04", hours: 7.5, sessions: false, time: "09:00", finished: ["demo-path/basics"]}))""")
    page.reload()
    ready(page)  # the planner loads after the page (page.js), and carries the settings over when it starts
    assert page.get_by_label("Start date").input_value() == "2027-01-04"
    assert page.get_by_label("Hours a week").input_value() == "7.5"
    moved = page.evaluate("() => [localStorage.getItem('atlas-plan-demo-path'), JSON.parse(localStorage.getItem('atlas-plan-demo'))]")
    assert moved[0] is None and moved[1]["start"] == "2027-01-04" and moved[1]["hours"] == 7.5, moved


# --- old ids that cannot be kept -----------------------------------------------------


def problems_of(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(content)
    return [str(problem) for problem in caught.value.problems]


@pytest.fixture
def renamed(mini: Path) -> Path:
    return rename(mini)


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        ("papers/attention.md", "old_ids: [transformer]", "old_ids: [transformer, index]",
         "papers/attention.md:3: old_ids[1]: 'index' would give this page the old address papers/index.md, which is the page the build makes"),
        ("paths/demo/02-advanced.md", "title: Advanced\n", "title: Advanced\nold_ids: [foundations]\n",
         "paths/demo/02-advanced.md:3: old_ids[0]: 'foundations' is the slug of another phase of this path ("),
        ("paths/demo/02-advanced.md", "title: Advanced\n", "title: Advanced\nold_ids: [basics]\n",
         "paths/demo/02-advanced.md:3: old_ids[0]: 'basics' is an old id of another phase of this path ("),
    ],
    ids=["a-generated-page", "another-phase", "another-phase-old-id"],
)
def test_an_old_id_must_be_free(renamed: Path, rel: str, old: str, new: str, expected: str) -> None:
    edit(renamed, rel, old, new)
    found = problems_of(renamed)
    assert any(expected in problem for problem in found), found


def test_a_skill_old_id_still_resolves(renamed: Path) -> None:
    """A phase that still names a renamed skill by its old id keeps working, as with an alias."""
    curriculum = load(renamed)
    assert [s.id for s in curriculum.phases["demo/advanced"].skills] == ["torch", "research-methodology"]

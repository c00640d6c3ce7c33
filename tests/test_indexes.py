"""The paper and project indexes as a learner uses them, in Chromium from file:// with no network:
filters by name, kept in the address (a reload or a shared link restores them), a text box, hide
what I have read, a path filter, a way out when nothing matches, each paper listed once, rows as
cards on a phone; and each path's reading list taken to a reference manager as BibTeX."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from browser import Watch, new_context
from curriculum import load
from curriculum.exports import bibtex
from sitebuild import FIXTURES, ROOT, add_content, build_site

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

# The fixture with a second path (Extra Path: 8 papers and their projects, all from 2019) and the
# Transformer paper's full author list, a name with a letter Unicode does not decompose among them.
TRANSFORMER_AUTHORS = ["Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit", "Llion Jones", "Aidan N. Gomez",
                       "Łukasz Kaiser", "Illia Polosukhin"]


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("indexes")
    target = work / "content"
    shutil.copytree(FIXTURES / "mini", target)
    add_content(target, 8, phases=True)
    paper = target / "papers" / "transformer.md"
    front, body = paper.read_text(encoding="utf-8").split("---\n")[1:3]
    meta = yaml.safe_load(front)
    meta.update(authors=TRANSFORMER_AUTHORS, et_al=False)
    paper.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def site(content: Path) -> Path:
    return build_site(content, content.parent)


def url(site: Path, rel: str, query: str = "") -> str:
    return (site / rel).resolve().as_uri() + query


def shown(page) -> list[str]:
    """The hrefs of the paper or project links in the rows the table shows."""
    return page.locator("article table tbody tr:visible td:has(.atlas-row) > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def test_each_paper_is_listed_once_on_the_index(site: Path) -> None:
    html = (site / "papers" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'href="transformer\.html"', html)) == 1
    assert "By year" in html and "By topic" in html  # short link lists into the table, not the list again


def test_menus_show_names_in_their_own_order(site: Path, content: Path, page) -> None:
    curriculum = load(content)
    page.goto(url(site, "papers/index.html"))
    topics = page.locator("#atlas-filter-topic option").all_inner_texts()[1:]
    assert topics == [t.title for t in curriculum.topics.values() if t.papers]
    assert not set(topics) & set(curriculum.topics)  # names, never ids
    assert page.locator("#atlas-filter-path option").all_inner_texts() == ["Any", "Demo Path", "Extra Path"]
    page.goto(url(site, "projects/index.html"))
    assert page.locator("#atlas-filter-difficulty option").all_inner_texts() == ["Any", "Beginner", "Intermediate", "Advanced"]
    skills = page.locator("#atlas-filter-skill option").all_inner_texts()[1:]
    assert skills == sorted(skills, key=str.casefold) and "PyTorch" in skills


def test_a_filter_is_kept_in_the_address_and_by_a_reload(site: Path, page) -> None:
    page.goto(url(site, "papers/index.html"))
    page.get_by_role("combobox", name="Topic").select_option(label="Pre-training")
    page.get_by_role("combobox", name="Year").select_option(label="2018")
    assert re.search(r"[?&]topic=pretraining(&|$)", page.evaluate("location.search"))
    assert "year=2018" in page.evaluate("location.search")
    assert sorted(shown(page)) == ["bert-like.html", "gpt-like.html"]
    page.reload()
    assert page.locator("#atlas-filter-topic option:checked").inner_text() == "Pre-training"
    assert page.locator("#atlas-filter-year").input_value() == "2018"
    assert sorted(shown(page)) == ["bert-like.html", "gpt-like.html"]
    assert page.locator(".atlas-count").inner_text() == "2 of 11 papers shown"


def test_filters_that_match_nothing_say_so_and_clear_with_one_button(site: Path, page) -> None:
    page.goto(url(site, "papers/index.html"))
    page.get_by_role("combobox", name="Topic").select_option(label="Pre-training")
    page.get_by_role("combobox", name="Year").select_option(label="2017")
    empty = page.locator(".atlas-empty")
    assert empty.is_visible() and "No papers match" in empty.inner_text()
    assert page.locator("article table").is_hidden()  # no bare header
    assert page.locator(".atlas-count").inner_text() == "No papers match"
    page.get_by_role("button", name="Clear filters").click()
    assert len(shown(page)) == 11 and empty.is_hidden()
    assert page.evaluate("location.search") == ""
    assert page.evaluate("document.activeElement.name") == "find"  # the focus stays in the form
    page.goto(url(site, "projects/index.html", "?difficulty=advanced&skill=paper-reading&path=demo-path"))
    assert "No projects match" in page.locator(".atlas-empty").inner_text()
    page.get_by_role("button", name="Clear filters").click()
    assert len(shown(page)) == 10


def test_the_text_box_ignores_case_and_accents_and_reads_authors_and_ideas(site: Path, page) -> None:
    page.goto(url(site, "papers/index.html"))
    box = page.get_by_role("searchbox", name="Find")
    box.fill("LUKASZ")  # Łukasz Kaiser, a co-author the table does not show
    assert shown(page) == ["transformer.html"]
    box.fill("masked  modelling")  # words of the one-line contribution, in any spacing
    assert shown(page) == ["bert-like.html"]
    box.fill("extra paper 7")
    assert shown(page) == ["extra-paper-007.html"]
    assert "find=extra+paper+7" in page.evaluate("location.search")
    box.fill("no such words")
    assert page.locator(".atlas-empty").is_visible()


def test_hide_what_i_have_read_and_built(site: Path, page) -> None:
    page.goto(url(site, "papers/index.html"))
    page.locator("tr", has=page.locator("a[href='transformer.html']")).get_by_role("checkbox", name="Read").check()
    page.get_by_role("checkbox", name="Hide papers I have read").check()
    assert "transformer.html" not in shown(page) and len(shown(page)) == 10
    assert "hide=done" in page.evaluate("location.search")
    # A tick made while hiding hides its row at once.
    page.locator("tr", has=page.locator("a[href='bert-like.html']")).get_by_role("checkbox", name="Read").check()
    assert len(shown(page)) == 9 and page.locator(".atlas-count").inner_text() == "9 of 11 papers shown"
    page.reload()
    assert page.get_by_role("checkbox", name="Hide papers I have read").is_checked() and len(shown(page)) == 9
    page.goto(url(site, "projects/index.html"))
    page.locator("tr", has=page.locator("a[href='toy-project.html']")).get_by_role("checkbox", name="Built").check()
    page.get_by_role("checkbox", name="Hide projects I have built").check()
    assert "toy-project.html" not in shown(page) and len(shown(page)) == 9


def test_the_path_filter(site: Path, page) -> None:
    page.goto(url(site, "papers/index.html"))
    page.get_by_role("combobox", name="Path").select_option(label="Extra Path")
    assert sorted(shown(page)) == [f"extra-paper-{i:03d}.html" for i in range(8)]
    page.get_by_role("combobox", name="Path").select_option(label="Demo Path")
    assert sorted(shown(page)) == ["bert-like.html", "gpt-like.html", "transformer.html"]
    page.goto(url(site, "projects/index.html"))
    page.get_by_role("combobox", name="Path").select_option(label="Extra Path")
    assert sorted(shown(page)) == [f"extra-project-{i:03d}.html" for i in (0, 1, 4, 5)]


def test_hostile_authors_are_found_as_written(browser, tmp_path: Path) -> None:
    """A '|' or markup in a name neither breaks the row nor hides the name from the text box."""
    work = tmp_path
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    paper = content / "papers" / "gpt-like.md"
    paper.write_text(paper.read_text(encoding="utf-8").replace("Ilya Sutskever", '"Ilya | <b>Sutskever</b> & Co"'), encoding="utf-8")
    site = build_site(content, work)
    watch = Watch()
    context = new_context(browser, watch)
    page = context.new_page()
    page.goto(url(site, "papers/index.html"))
    assert page.locator("article table tbody tr").count() == 3 and page.locator("article table tbody tr td").count() == 15
    page.get_by_role("searchbox", name="Find").fill("| <b>sutskever</b> & co")
    assert shown(page) == ["gpt-like.html"]
    context.close()
    watch.assert_clean()


def test_a_shared_link_opens_with_its_filters_and_ignores_what_it_cannot_use(browser, site: Path) -> None:
    watch = Watch()
    context = new_context(browser, watch)  # a fresh browser: nothing but the link
    page = context.new_page()
    page.goto(url(site, "papers/index.html", "?topic=pretraining&find=radford"))
    assert shown(page) == ["gpt-like.html"]
    assert page.get_by_role("searchbox", name="Find").input_value() == "radford"
    page.goto(url(site, "papers/index.html", "?topic=no-such-topic&year=1800&h=attention"))
    assert len(shown(page)) == 11  # unknown choices are left out...
    assert page.evaluate("location.search") == "?h=attention"  # ...and other parameters stay
    context.close()
    watch.assert_clean()


def test_phases_are_named_with_their_paths_away_from_them(site: Path) -> None:
    pair = re.compile(r'<a href="[^"]*demo-path/index\.html">Demo Path</a> › <a href="[^"]*demo-path/02-advanced\.html">Advanced</a>')
    for rel in ("papers/index.html", "papers/bert-like.html", "papers/topics/pretraining.html", "projects/stretch-project.html",
                "skills/pytorch.html"):
        assert pair.search((site / rel).read_text(encoding="utf-8")), rel


@pytest.mark.parametrize("rel", ["papers/index.html", "projects/index.html"])
def test_rows_are_cards_with_every_tick_on_a_phone(browser, site: Path, rel: str) -> None:
    watch = Watch()
    context = new_context(browser, watch, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(url(site, rel))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    rights = page.locator("article input[data-atlas-id]").evaluate_all("boxes => boxes.map(b => b.getBoundingClientRect().right)")
    assert rights and max(rights) <= 390
    # Each cell names itself; the title and the tick share the first line.
    first = page.locator("article table tbody tr").first
    assert first.locator("td[data-label]").count() == first.locator("td").count()
    title, tick = first.locator("td:has(.atlas-row)").bounding_box(), first.locator("td:has(.atlas-done)").bounding_box()
    assert abs(title["y"] - tick["y"]) < 2 and tick["x"] > title["x"]
    context.close()
    watch.assert_clean()


def test_a_split_index_finds_rows_of_other_pages_with_every_filter(split_site: Path, page) -> None:
    page.goto(url(split_site, "papers/index.html", "?find=extra+paper+59"))  # on page 2 only
    page.wait_for_function("document.querySelector('.atlas-count').textContent.includes('shown')")
    assert shown(page) == ["extra-paper-059.html"]
    assert page.locator(".atlas-pager").is_hidden()
    page.locator("tr:visible").get_by_role("checkbox", name="Read").check()
    page.get_by_role("searchbox", name="Find").fill("")
    page.get_by_role("checkbox", name="Hide papers I have read").check()
    assert "extra-paper-059.html" not in shown(page) and len(shown(page)) == 62
    page.get_by_role("checkbox", name="Hide papers I have read").uncheck()
    assert page.locator(".atlas-pager").is_visible()  # no filter: this page's rows and the pager


def test_axe_on_the_filters_with_nothing_matching(browser, site: Path) -> None:
    """In both schemes, each switched in place (test_a11y.axe_in)."""
    from test_a11y import axe_in

    watch = Watch()
    context = new_context(browser, watch, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = []
    for rel, query in (("papers/index.html", "?topic=pretraining&year=2017&find=x&hide=done"), ("projects/index.html", "?difficulty=advanced&skill=paper-reading&path=demo-path")):
        page.goto(url(site, rel, query))
        assert page.locator(".atlas-empty").is_visible()
        found += [f"{rel} ({scheme}): {line}" for scheme, lines in axe_in(page).items() for line in lines]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url(site, "papers/index.html", "?year=2018"))
    found += [f"papers/index.html at 390 px ({scheme}): {line}" for scheme, lines in axe_in(page).items() for line in lines]
    context.close()
    assert not found, "\n".join(found)
    assert not watch.outside  # (axe itself asks for the style sheets, which file:// refuses: not the page's errors)


def test_each_paths_reading_list_opens_from_disk_with_all_its_papers(browser, real_site: Path) -> None:
    """From file:// the browser shows the .bib (a download attribute counts only where the site is served)."""
    from test_bibtex import check_entries

    curriculum = load(ROOT / "content")
    watch = Watch()
    context = new_context(browser, watch)
    page = context.new_page()
    for path in curriculum.paths.values():
        page.goto(url(real_site, path.src[:-3] + ".html"))
        page.locator("article a[download]", has_text="BibTeX").first.click()
        page.wait_for_load_state()
        assert page.url.endswith(bibtex.path_file(path).rpartition("/")[2])
        check_entries(page.locator("body").inner_text() + "\n", path.papers)
    context.close()
    assert not watch.outside


def test_without_javascript_both_tables_are_whole_and_no_control_shows(browser, site: Path) -> None:
    watch = Watch()
    context = new_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    for rel, rows in (("papers/index.html", 11), ("projects/index.html", 10)):
        page.goto(url(site, rel, "?topic=pretraining&difficulty=advanced"))  # an address with filters changes nothing
        assert page.locator("article table tbody tr:visible").count() == rows
        assert page.locator(".atlas-filters:visible, .atlas-empty:visible").count() == 0
    context.close()
    watch.assert_clean()


def test_a_reading_list_downloads_where_the_site_is_served(browser, site: Path, tmp_path: Path) -> None:
    """Over http(s), as on GitHub Pages, the link's download attribute saves the file under its name."""
    import sys
    import threading
    from http.server import ThreadingHTTPServer

    sys.path.insert(0, str(ROOT / "tools"))
    import audit

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), audit.make_handler(site, "/atlas/"))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/atlas/"
    watch = Watch()
    context = new_context(browser, watch, allow=(base,))
    page = context.new_page()
    try:
        path = load(site.parent / "content").paths["extra-path"]
        page.goto(base + "paths/extra-path/index.html")
        with page.expect_download() as download:
            page.locator("article a[download]", has_text="BibTeX").click()
        assert download.value.suggested_filename == "extra-path.bib"
        saved = tmp_path / "extra-path.bib"
        download.value.save_as(saved)
        from test_bibtex import check_entries

        check_entries(saved.read_text(encoding="utf-8"), path.papers)
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
    watch.assert_clean()

"""A second builder proves the site source: `python -m curriculum generate` writes what any
builder reads, Zensical and a plain MkDocs (no hooks) build it, `finish` finishes their
output, and the sites have the pages, addresses, data files and working links of the
hooks' build (the one we publish). CONTRIBUTING ("Two builders") says what still differs.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from sitebuild import FIXTURES, ROOT, build_generated, built_pages, generate_source

sys.path.insert(0, str(ROOT / "tools"))
import linkcheck

SITE_URL = linkcheck.site_url_from(ROOT / "mkdocs.yml")
# Each builder's own files, not the site's: Zensical writes its search index as search.js(on)
# at the root, Material's plugin under search/; the sitemaps differ in form; the themes' assets.
THEIRS = ("search", "search.js", "search.json", "sitemap.xml", "sitemap.xml.gz", "assets/")


@pytest.fixture(scope="session")
def generated(split_site: Path) -> Path:
    """The generated source of the split fixture (a table of several pages, so rows scripts too)."""
    return generate_source(split_site.parent / "content", split_site.parent)


@pytest.fixture(scope="session")
def zensical_site(generated: Path) -> Path:
    return build_generated(generated, "zensical")


@pytest.fixture(scope="session")
def plain_site(generated: Path) -> Path:
    return build_generated(generated, "mkdocs")


def files_of(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and not p.relative_to(site).as_posix().startswith(THEIRS)}


@pytest.mark.parametrize("builder", ["zensical", "mkdocs"])
def test_a_builder_of_the_generated_source_makes_the_same_site(builder: str, split_site: Path, request) -> None:
    other = request.getfixturevalue(f"{builder}_site" if builder == "zensical" else "plain_site")
    pages = {p.relative_to(split_site).as_posix() for p in built_pages(split_site)}
    assert pages == {p.relative_to(other).as_posix() for p in built_pages(other)}
    assert files_of(split_site) == files_of(other)
    data = [name for name in files_of(split_site) if not name.endswith(".html")]
    assert {"api/curriculum.json", "papers/rows.js", "feed.xml", "papers/papers.bib"} <= set(data)
    for name in data:
        if name.endswith("rows.js"):  # the rows as each theme writes a table: the same rows, one script each
            assert (other / name).read_text(encoding="utf-8").count("<tr>") == (split_site / name).read_text(encoding="utf-8").count("<tr>")
        else:
            assert (other / name).read_bytes() == (split_site / name).read_bytes(), name
    report = linkcheck.check_site(other, SITE_URL)
    assert not report.broken, "\n".join(report.broken)


def test_finish_titles_zensicals_search_results_by_kind(zensical_site: Path) -> None:
    index = (zensical_site / "search.json").read_text(encoding="utf-8")
    assert '"title":"Paper \\u00b7 Attention Is All You Need (Transformer)"' in index
    assert '"names":["Attention Is All You Need","Transformer","transformer"]' in index
    assert (zensical_site / "search.js").read_text(encoding="utf-8").count("Paper \\u00b7 ") == index.count("Paper \\u00b7 ")


def test_our_search_partial_writes_zensicals_own_search_button() -> None:
    """On Zensical, partials/search.html writes the button Zensical's own partial writes (its
    script opens search from it); a Zensical release that changes its partial fails here."""
    import zensical

    theirs = (Path(zensical.__file__).parent / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    ours = (ROOT / "templates" / "theme" / "partials" / "search.html").read_text(encoding="utf-8")
    for markup in ('<div class="md-search" data-md-component="search" role="dialog"', '<button type="button" class="md-search__button">'):
        assert markup in theirs, f"Zensical's partials/search.html no longer writes {markup!r}: port the change into ours"
        assert markup in ours


@pytest.mark.browser
def test_progress_works_from_disk_on_the_zensical_site(zensical_site: Path, page) -> None:
    page.goto((zensical_site / "paths/demo-path/01-basics.html").as_uri())
    page.get_by_role("checkbox", name="I have finished this phase").check()
    page.goto((zensical_site / "paths/demo-path/index.html").as_uri())
    assert "1 of 2 phases" in page.locator(".atlas-progress-text").first.inner_text()
    page.goto((zensical_site / "index.html").as_uri())
    assert "1 of 2 phases" in page.locator(".atlas-progress-text").first.inner_text()


@pytest.mark.browser
def test_search_works_from_disk_on_the_zensical_site(zensical_site: Path, page) -> None:
    """Zensical draws its own search (a button, a dialog, a list of results): a reader finds a paper by name and opens it."""
    page.goto((zensical_site / "index.html").as_uri())
    page.get_by_role("button", name="Search").first.click()
    page.get_by_role("combobox", name="Search").fill("Attention")
    results = page.get_by_role("listbox", name="Search results")
    results.get_by_role("option").first.wait_for()
    results.get_by_role("option", name="Attention Is All You Need").first.click()
    page.wait_for_load_state()
    assert "Attention Is All You Need" in page.locator("article h1").inner_text()
    assert "Built with Zensical." in page.locator(".atlas-made-with").inner_text()


def test_generating_again_rewrites_only_what_changed(tmp_path: Path) -> None:
    """A preview server watching the source (`zensical serve`) rebuilds what changed on disk: after
    a one-file edit, `generate` into the same folder rewrites that page's file alone, and a file
    the content no longer makes (a renamed paper's old page) is gone rather than built."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    source = generate_source(content, tmp_path).parent
    stale = source / "docs" / "papers" / "renamed-away.md"
    stale.write_text("# An old address\n", encoding="utf-8")
    files = [p for p in source.rglob("*") if p.is_file()]
    for path in files:
        os.utime(path, ns=(0, 0))
    with (content / "papers" / "transformer.md").open("a", encoding="utf-8") as out:
        out.write("\nOne more sentence.\n")
    generate_source(content, tmp_path)
    assert not stale.exists()
    rewritten = [p.relative_to(source).as_posix() for p in files if p.exists() and p.stat().st_mtime_ns != 0]
    assert rewritten == ["docs/papers/transformer.md"]
    assert "One more sentence." in (source / "docs" / "papers" / "transformer.md").read_text(encoding="utf-8")

"""The site scales with its content: structure, never time (times are `make bench`'s job).

- Adding papers and projects changes no page's navigation or chrome: only the
  pages that list them (the indexes, the home page's counts, the skill pages)
  get longer.
- The engine's work grows linearly: counted in Python function calls, which
  are deterministic, the cost of one more batch of content is the same whether
  the site is small or twice as big. A lookup that scans every entity once per
  page (quadratic) breaks this.
"""

from __future__ import annotations

import cProfile
import html
import itertools
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from curriculum import Site, load
from curriculum.plan.pages import INDEX_PAGE_SIZE
from sitebuild import FIXTURES, SPLIT_EXTRA, add_content, build_with_extra

EXTRA = 40


class _Chrome(HTMLParser):
    """Everything in <body> except the <article> and its table of contents (in the sidebar, and
    copied into the navigation for small screens): the header, navigation and footer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self.in_body = False
        self.skip: list[str] = []  # the tag being skipped, once per level of nesting

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if self.skip:
            if tag == self.skip[0]:
                self.skip.append(tag)
        elif tag == "article" or "md-sidebar--secondary" in classes or "md-nav--secondary" in classes:
            self.skip.append(tag)
        elif self.in_body or tag == "body":
            self.in_body = True
            self.parts.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip[0]:
                self.skip.pop()
        elif self.in_body:
            self.parts.append(f"</{tag}>")

    def handle_data(self, data):
        if self.in_body and not self.skip:
            self.parts.append(data)


def chrome(html: str) -> str:
    parser = _Chrome()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """The fixture curriculum built as it is, and with EXTRA more papers and projects (both copied
    out of the repository, so their "Edit this page" links agree)."""
    return build_with_extra(tmp_path_factory.mktemp("as-is"), 0), build_with_extra(tmp_path_factory.mktemp("bigger"), EXTRA)


def test_more_papers_and_projects_leave_every_page_navigation_unchanged(sites: tuple[Path, Path]) -> None:
    mini_site, bigger_site = sites
    pages = sorted(p.relative_to(mini_site) for p in mini_site.rglob("*.html") if "assets" not in p.parts)
    assert len(pages) > 10
    assert (bigger_site / "papers" / "extra-paper-039.html").is_file()  # the extras were built
    grown = [str(rel) for rel in pages if chrome((mini_site / rel).read_text("utf-8")) != chrome((bigger_site / rel).read_text("utf-8"))]
    assert not grown, f"the navigation or chrome of these pages changed when {EXTRA} papers and projects were added: {grown}"


def test_a_phase_page_does_not_grow_with_papers_and_projects(sites: tuple[Path, Path]) -> None:
    mini_site, bigger_site = sites
    phase = Path("paths/demo-path/01-basics.html")
    small, big = (site.joinpath(phase).read_text("utf-8") for site in (mini_site, bigger_site))
    assert len(big) - len(small) < EXTRA * 10, f"the phase page grew by {len(big) - len(small)} characters for {EXTRA} more papers and projects"
    # ...while the paper index does list every paper.
    index = (bigger_site / "papers" / "index.html").read_text("utf-8")
    assert index.count('href="extra-paper-') >= EXTRA


def test_a_home_card_holds_the_keys_of_its_own_path_only(sites: tuple[Path, Path]) -> None:
    """Each card's bar counts from its path's keys (so it agrees with the path page on any browser):
    the page grows with each shown path's own content, never with the rest of the site's."""
    _, bigger_site = sites
    curriculum = load(bigger_site.parent / "content")
    maps = [json.loads(html.unescape(raw)) for raw in re.findall(r"data-atlas-map='([^']*)'", (bigger_site / "index.html").read_text("utf-8"))]
    assert [m["path"] for m in maps] == list(curriculum.paths)
    for found in maps:
        path = curriculum.paths[found["path"]]
        own = {p.progress_key for p in path.papers} | {p.progress_key for phase in path.phases for p in phase.all_projects}
        keys = {key for entry in found["phases"] for key in [*entry["items"], *entry["optional"], *(k for t in entry["tracks"] for k in t["items"])]}
        assert keys == own


def engine_calls(tmp_path: Path, n: int) -> int:
    """Python function calls the engine makes to load, check, cross-link and render everything."""
    content = tmp_path / f"content-{n}"
    shutil.copytree(FIXTURES / "mini", content)
    add_content(content, n, phases=True)

    def everything() -> None:
        site = Site.load(content, page_size=10)
        site.navigation()
        site.generated_pages()
        for src in site.curriculum.by_src:
            site.renderer.page(src)
        site.data_files()

    profiler = cProfile.Profile()
    profiler.runcall(everything)
    return sum(entry.callcount for entry in profiler.getstats())


def test_engine_work_grows_linearly_with_content(tmp_path: Path) -> None:
    # engine_calls uses small table pages, so every size below has its paper and project
    # tables split (as at scale): crossing into split tables in between would add a one-off step.
    engine_calls(tmp_path / "warm-up", 12)  # compiled regexes, templates and imports are cached once per process
    # Each step adds twice the content of the one before; linear work means it also costs twice as much.
    calls = {n: engine_calls(tmp_path, n) for n in (20, 40, 80, 160)}
    steps = [calls[40] - calls[20], calls[80] - calls[40], calls[160] - calls[80]]
    assert all(step > 0 for step in steps), calls
    for smaller, bigger in itertools.pairwise(steps):
        assert bigger <= 2.08 * smaller, f"engine work grows faster than the content (function calls by extra items: {calls})"


# --- what grows with paths and guides ----------------------------------------------


def add_paths(content: Path, n: int) -> None:
    """`n` more paths of one phase each, teaching skills of the fixture."""
    for i in range(n):
        folder = content / "paths" / f"more-path-{i:02d}"
        folder.mkdir()
        (folder / "index.md").write_text(
            f"---\ntitle: More Path {i}\ndescription: Another path.\nlevels: [mid]\nprerequisites: [Some Python]\noutcomes: [A model]\n"
            "skills: {must: [pytorch], important: [], nice: []}\n---\nBody.\n",
            encoding="utf-8",
        )
        (folder / "01-only.md").write_text(
            '---\ntitle: Only Phase\norder: 1\nweeks: "1"\ndescription: The one phase.\n'
            "skills: [pytorch]\nmilestone: Done.\n"
            f"questions: [{', '.join(f'{{id: q{j}, question: Question {j}?, answer: An answer.}}' for j in range(3))}]\n---\nBody.\n",
            encoding="utf-8",
        )


def add_guides(content: Path, n: int) -> None:
    for i in range(n):
        (content / "guides" / f"more-guide-{i:02d}.md").write_text(
            f"---\ntitle: More Guide {i}\ndescription: Another guide.\nskills: [pytorch]\n---\nBody.\n",
            encoding="utf-8",
        )


def test_guides_are_reached_from_their_index_not_from_the_navigation(mini: Path) -> None:
    content = mini
    before = Site.load(content).navigation()
    add_guides(content, 12)
    site = Site.load(content)
    assert len(site.curriculum.guides) == 13
    assert site.navigation() == before, "each guide added an entry to every page's navigation"
    listed = site.generated_pages()["guides/index.md"]
    assert all(f"(more-guide-{i:02d}.md)" in listed for i in range(12))


def test_skills_matrix_gives_way_to_per_skill_counts_when_paths_outgrow_a_screen(mini: Path) -> None:
    content = mini
    small = Site.load(content).generated_pages()["skills/index.md"]
    assert 'id="skills-heatmap-wide-t"' in small and "Taught in [Demo Path](../paths/demo-path/index.md) (1 phase" in small  # one path: the heat map, and each path in words

    add_paths(content, 9)
    site = Site.load(content)
    assert len(site.curriculum.paths) == 10
    page = site.generated_pages()["skills/index.md"]
    assert 'id="skills-heatmap-wide-t"' not in page and "Taught in" not in page
    # The list now says, per skill, how widely it is taught: PyTorch is in every path.
    pytorch = next(line for line in page.splitlines() if line.startswith("- [PyTorch]"))
    assert pytorch.endswith("(10 phases in 10 paths)"), pytorch
    assert "10 paths" in page.split("\n## ", 1)[0]


# --- long tables are split into pages --------------------------------------------


def test_long_tables_are_split_into_pages_that_between_them_list_everything(mini: Path) -> None:

    content = mini
    add_content(content, SPLIT_EXTRA)
    site = Site.load(content)
    pages = site.generated_pages()
    for folder, entities in (("papers", site.curriculum.papers), ("projects", site.curriculum.projects)):
        assert len(entities) > INDEX_PAGE_SIZE
        srcs = [f"{folder}/index.md", f"{folder}/index-2.md"]
        assert [src for src in pages if src.startswith(f"{folder}/index")] == srcs
        listed = []
        for src in srcs:
            rows = [line for line in pages[src].splitlines() if 'class="atlas-row"' in line]
            assert 0 < len(rows) <= INDEX_PAGE_SIZE, src
            listed += [entity_id for entity_id in entities if any(f"]({entity_id}.md)" in row for row in rows)]
            # Every page links to the other, and says where it is.
            other = srcs[1 - srcs.index(src)].split("/")[1]
            assert f"]({other})" in pages[src]
            assert 'aria-current="page"' in pages[src]
        assert sorted(listed) == sorted(entities), f"{folder}: each row on exactly one page"
    # Topics have pages of their own, and a paper links to its topics' pages by name.
    assert "papers/topics/transformers.md" in pages
    extra = site.renderer.page("papers/extra-paper-000.md")
    assert "[Transformers](topics/transformers.md)" in extra


def test_the_year_list_of_a_split_paper_index_leads_to_the_page_holding_that_year(mini: Path) -> None:
    content = mini
    add_content(content, SPLIT_EXTRA)
    site = Site.load(content)
    pages = site.generated_pages()
    by_year = pages["papers/index.md"].split("## By year", 1)[1].split("## By topic", 1)[0]
    for year in {paper.meta.year for paper in site.curriculum.papers.values()}:
        page = re.search(rf"\[{year}\]\(([^)#]*)#year-{year}\)", by_year)[1] or "index.md"  # '' is this page
        assert f'id="year-{year}"' in pages[f"papers/{page}"], f"{year} -> {page}"


def test_a_content_file_may_not_take_the_name_of_an_index_page(mini: Path) -> None:
    from curriculum import ContentError

    content = mini
    (content / "papers" / "index-2.md").write_text((FIXTURES / "mini" / "papers" / "transformer.md").read_text("utf-8"), "utf-8")
    with pytest.raises(ContentError) as caught:
        Site.load(content)
    assert "papers/index-2.md" in str(caught.value) and "rename this file" in str(caught.value)


def test_a_split_index_ships_every_row_for_its_filter(split_site: Path) -> None:
    import json

    for folder, row_mark in (("papers", "data-year="), ("projects", "data-difficulty=")):
        script = (split_site / folder / "rows.js").read_text("utf-8")
        prefix = f'window.atlasRows && window.atlasRows("{folder}", '
        assert script.startswith(prefix)
        rows = json.loads(script[len(prefix) : script.rindex(");")])
        pages = sorted(split_site.glob(f"{folder}/index*.html"))
        assert len(pages) == 2
        on_pages = sum(page.read_text("utf-8").count(row_mark) for page in pages)
        assert rows.count(row_mark) == on_pages > INDEX_PAGE_SIZE
        assert "extra-paper-059.html" in rows if folder == "papers" else "extra-project-059.html" in rows
    assert (split_site / "papers" / "topics" / "transformers.html").is_file()


def test_the_paths_index_lists_phases_only_while_paths_are_few(mini: Path) -> None:
    content = mini
    assert "](demo-path/01-basics.md)" in Site.load(content).generated_pages()["paths/index.md"]
    add_paths(content, 12)
    page = Site.load(content).generated_pages()["paths/index.md"]
    assert "](more-path-11/index.md)" in page  # every path is still in the table
    assert "](demo-path/01-basics.md)" not in page and "](more-path-11/01-only.md)" not in page


def test_the_home_page_shows_a_dozen_path_cards_and_leads_to_the_rest(mini: Path) -> None:
    content = mini
    home = Site.load(content).renderer.page("index.md")
    assert "](paths/demo-path/index.md)" in home and "paths/index.md" in home
    add_paths(content, 14)  # 15 paths in all
    home = Site.load(content).renderer.page("index.md")
    cards = [line for line in home.splitlines() if line.startswith("-   **[")]
    assert len(cards) == 12, "one card per path would make the home page grow with every path"
    assert "](paths/more-path-13/index.md)" not in home
    assert "[all 15 paths](paths/index.md)" in home
    assert "<svg" not in home, "the chart of path lengths belongs to the paths index once paths are many"


def test_a_dirty_rebuild_keeps_every_row_of_a_split_index(split_site: Path, tmp_path: Path) -> None:
    """`mkdocs serve --dirty` rebuilds only what changed; the rows script is written from the
    pages built in that run, so every index page must be among them (generated pages are)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from sitebuild import write_config

    # A copy of the shared build, its content and its site, with their times (a dirty build
    # rebuilds the pages whose source is newer than their output): as if built here.
    shutil.copytree(split_site.parent / "content", tmp_path / "content")
    shutil.copytree(split_site, tmp_path / "site")
    site, config = tmp_path / "site", write_config(tmp_path / "content", tmp_path)
    paper = tmp_path / "content" / "papers" / "extra-paper-005.md"
    paper.write_text(paper.read_text("utf-8").replace("title: ", "title: Renamed ", 1), "utf-8")
    build(load_config(str(config), strict=False), dirty=True)
    rows = (site / "papers" / "rows.js").read_text("utf-8")
    on_pages = sum(page.read_text("utf-8").count("data-year=") for page in site.glob("papers/index*.html"))
    assert rows.count("data-year=") == on_pages > INDEX_PAGE_SIZE
    assert "Renamed " in rows, "the rows script still shows the title from before the edit"


def test_a_serve_rebuild_lets_the_last_builds_curriculum_go(tmp_path: Path, mini: Path) -> None:
    """`mkdocs serve` rebuilds in one process: each build's curriculum must be freed
    by the next, or every edit makes the server bigger and slower."""
    import gc

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from curriculum.read.entities import Phase
    from sitebuild import write_config

    def live_phases() -> int:
        gc.collect()  # a phase and its path point at each other: only the cyclic GC frees them
        return sum(isinstance(thing, Phase) for thing in gc.get_objects())

    config_file = write_config(mini, tmp_path)
    build(load_config(str(config_file)))  # as `mkdocs serve` does for each build
    after_one = live_phases()
    for _ in range(3):
        build(load_config(str(config_file)))
    assert live_phases() == after_one, "each rebuild kept the curriculum of the build before it"

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
import itertools
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from curriculum.site import Site
from sitebuild import FIXTURES, mkdocs_build

EXTRA = 40


def add_content(content: Path, n: int, phases: bool = False) -> None:
    """`n` more papers and projects (and, with `phases`, a path whose phases read them), all valid."""
    for i in range(n):
        (content / "papers" / f"extra-paper-{i:03d}.md").write_text(
            "---\n"
            f"title: Extra Paper {i}\n"
            "authors: [Ada Lovelace, Alan Turing]\n"
            "year: 2019\n"
            f'arxiv: "1901.{10000 + i:05d}"\n'
            "topics: [transformers]\n"
            f"builds_on: [{'transformer' if i == 0 else f'extra-paper-{i - 1:03d}'}]\n"
            "contribution: One more result, to make the index longer.\n"
            "---\n"
            "A reading note with a link to [the transformer](transformer.md).\n",
            encoding="utf-8",
        )
        (content / "projects" / f"extra-project-{i:03d}.md").write_text(
            "---\n"
            f"title: Extra Project {i}\n"
            "description: One more project, to make the table longer.\n"
            f"difficulty: {('beginner', 'intermediate', 'advanced')[i % 3]}\n"
            "skills: [pytorch, mathematics]\n"
            'weeks: "1-2"\n'
            'deliverables: ["A repository"]\n'
            f"papers: [extra-paper-{i:03d}]\n"
            "---\n"
            "Project body.\n",
            encoding="utf-8",
        )
    if phases:
        folder = content / "paths" / "extra-path"
        folder.mkdir()
        (folder / "index.md").write_text(
            "---\ntitle: Extra Path\ndescription: Phases that read the extra papers.\nlevels: [mid]\n"
            "skills: {must: [pytorch], important: [mathematics], nice: []}\n---\nBody.\n",
            encoding="utf-8",
        )
        for k in range(n // 4):
            papers = ", ".join(f"extra-paper-{4 * k + j:03d}" for j in range(4))
            (folder / f"{k + 1:02d}-part-{k}.md").write_text(
                f'---\ntitle: Part {k}\norder: {k + 1}\nweeks: "{k + 1}"\ndescription: Part {k}.\n'
                f"skills: [pytorch, mathematics]\npapers: [{papers}]\n"
                f"projects: [extra-project-{4 * k:03d}, extra-project-{4 * k + 1:03d}]\nmilestone: Done.\n---\nBody.\n",
                encoding="utf-8",
            )


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


def build(work: Path, extra: int) -> Path:
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    add_content(content, extra)
    result = mkdocs_build(content, work)
    assert result.returncode == 0, result.stderr
    return work / "site"


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    """The fixture curriculum built as it is, and with EXTRA more papers and projects (both copied
    out of the repository, so their "Edit this page" links agree)."""
    return build(tmp_path_factory.mktemp("as-is"), 0), build(tmp_path_factory.mktemp("bigger"), EXTRA)


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
    assert len(big) == len(small)
    # ...while the paper index does list every paper.
    index = (bigger_site / "papers" / "index.html").read_text("utf-8")
    assert index.count('href="extra-paper-') >= EXTRA


def engine_calls(tmp_path: Path, n: int) -> int:
    """Python function calls the engine makes to load, check, cross-link and render everything."""
    content = tmp_path / f"content-{n}"
    shutil.copytree(FIXTURES / "mini", content)
    add_content(content, n, phases=True)

    def everything() -> None:
        site = Site.load(content)
        site.navigation()
        site.generated_pages()
        for src in site.curriculum.by_src():
            site.page_markdown(src)
        site.data_files(lambda src: src)

    profiler = cProfile.Profile()
    profiler.runcall(everything)
    return sum(entry.callcount for entry in profiler.getstats())


def test_engine_work_grows_linearly_with_content(tmp_path: Path) -> None:
    engine_calls(tmp_path / "warm-up", 4)  # compiled regexes and imports are cached once per process
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
            f"---\ntitle: More Path {i}\ndescription: Another path.\nlevels: [mid]\n"
            "skills: {must: [pytorch], important: [], nice: []}\n---\nBody.\n",
            encoding="utf-8",
        )
        (folder / "01-only.md").write_text(
            '---\ntitle: Only Phase\norder: 1\nweeks: "1"\ndescription: The one phase.\n'
            "skills: [pytorch]\nmilestone: Done.\n---\nBody.\n",
            encoding="utf-8",
        )


def add_guides(content: Path, n: int) -> None:
    for i in range(n):
        (content / "guides" / f"more-guide-{i:02d}.md").write_text(
            f"---\ntitle: More Guide {i}\ndescription: Another guide.\nskills: [pytorch]\n---\nBody.\n",
            encoding="utf-8",
        )


def fixture_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    return content


def test_guides_are_reached_from_their_index_not_from_the_navigation(tmp_path: Path) -> None:
    content = fixture_copy(tmp_path)
    before = Site.load(content).navigation()
    add_guides(content, 12)
    site = Site.load(content)
    assert len(site.curriculum.guides) == 13
    assert site.navigation() == before, "each guide added an entry to every page's navigation"
    listed = site.generated_pages()["guides/index.md"]
    assert all(f"(more-guide-{i:02d}.md)" in listed for i in range(12))


def test_skills_matrix_gives_way_to_per_skill_counts_when_paths_outgrow_a_screen(tmp_path: Path) -> None:
    content = fixture_copy(tmp_path)
    small = Site.load(content).generated_pages()["skills/index.md"]
    assert 'id="skills-heatmap-t"' in small and "| Skill |" in small  # the fixture's one path: a matrix

    add_paths(content, 9)
    site = Site.load(content)
    assert len(site.curriculum.paths) == 10
    page = site.generated_pages()["skills/index.md"]
    assert 'id="skills-heatmap-t"' not in page and "| Skill |" not in page
    # The list now says, per skill, how widely it is taught: PyTorch is in every path.
    pytorch = next(line for line in page.splitlines() if line.startswith("- [PyTorch]"))
    assert pytorch.endswith("(10 phases in 10 paths)"), pytorch
    assert "10 paths" in page.split("\n## ", 1)[0]

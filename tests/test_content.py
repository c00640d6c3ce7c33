"""The real curriculum: complete, accurate against the seeds, cross-linked, and in our own words."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest
import yaml

from curriculum import load
from sitebuild import ROOT, build_site, built_pages
from test_cli import cli

CONTENT = ROOT / "content"
SEEDS = ROOT.parent / "shared" / "seeds"
seeds_needed = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside this checkout")


@pytest.fixture(scope="module")
def curriculum():
    return load(CONTENT)


# --- own words ---------------------------------------------------------------

RUN = 12
_URL = re.compile(r"\(?\bhttps?://\S+|\]\([^)]*\)")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def words(text: str) -> list[str]:
    return _WORD.findall(_URL.sub(" ", text.lower()))


def runs(tokens: list[str], n: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)}


def prose_of(path: Path) -> str:
    """What we wrote in a file: its body and its prose front-matter, not names, titles or links."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".yml":
        data = yaml.safe_load(text) or {}
        return "\n".join(str(v.get("description", "")) for v in data.values() if isinstance(v, dict))
    if not text.startswith("---"):
        return text
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front) or {}
    skip = {"title", "short_title", "authors", "url", "arxiv", "links", "venue"}

    def walk(value, key=""):
        if key in skip:
            return []
        if isinstance(value, dict):
            return [t for k, v in value.items() for t in walk(v, k)]
        if isinstance(value, list):
            return [t for v in value for t in walk(v, key)]
        return [str(value)] if isinstance(value, str) else []

    return "\n".join(walk(meta)) + "\n" + body


@seeds_needed
def test_no_prose_is_copied_from_the_seeds() -> None:
    seed_runs: dict[tuple[str, ...], str] = {}
    for seed in sorted(SEEDS.iterdir()):
        for run in runs(words(seed.read_text(encoding="utf-8", errors="replace"))):
            seed_runs.setdefault(run, seed.name)
    copied = []
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix not in (".md", ".yml"):
            continue
        for run in runs(words(prose_of(path))):
            if run in seed_runs:
                copied.append(f"{path.relative_to(ROOT)}: '{' '.join(run)}' (from {seed_runs[run]})")
                break
    assert not copied, "these pages repeat 12 or more words of a seed:\n" + "\n".join(copied)


def test_the_copy_check_can_fail(tmp_path: Path) -> None:
    sentence = "Reproducing results matters more than reading more papers understanding something means implementing it"
    assert runs(words(sentence)) & runs(words("x " + sentence + " y"))


# --- completeness and accuracy -------------------------------------------------


def test_the_real_content_passes_the_strict_validator() -> None:
    """Every rule about content lives in the engine (checks.py and its neighbours), so this is
    the one test of the rules on the real content: it passes `validate --strict`, as CI runs it."""
    result = cli(ROOT, "validate", "content", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("content is valid:") and "warning" not in result.stdout


def test_ai_research_engineer_weeks_are_the_seeds(curriculum) -> None:
    path = curriculum.paths["ai-research-engineer"]
    assert [(p.weeks.start, p.weeks.end) for p in path.phases] == [(1, 2), (3, 10), (11, 18), (19, 24), (25, 34), (35, 54)]


def test_the_gpt_lineage_is_complete(curriculum) -> None:
    chain = ["attention-is-all-you-need", "gpt", "gpt-2", "gpt-3", "instructgpt", "dpo"]
    for parent, child in itertools.pairwise(chain):
        assert parent in [p.id for p in curriculum.papers[child].builds_on], f"{child} should build on {parent}"


@seeds_needed
def test_every_arxiv_paper_of_the_seeds_has_a_page(curriculum) -> None:
    named = set()
    for seed in SEEDS.iterdir():
        named |= set(re.findall(r"arxiv\.org/abs/(\d{4}\.\d{4,5})", seed.read_text(encoding="utf-8", errors="replace")))
    ours = {p.meta.arxiv for p in curriculum.papers.values()}
    assert len(named) >= 24
    assert not named - ours, f"arXiv papers named by the seeds without a page: {sorted(named - ours)}"


def test_papers_without_arxiv_link_their_pdf(curriculum) -> None:
    for paper_id in ("gpt", "gpt-2"):
        paper = curriculum.papers[paper_id]
        assert paper.meta.arxiv is None and paper.meta.url.endswith(".pdf")


def test_releases_are_milestones_and_papers_only_where_a_paper_exists(curriculum) -> None:
    titles = " ".join(p.title for p in curriculum.papers.values())
    assert "Claude 3" not in titles  # a model card, not a paper
    # Llama 3 was announced in a blog post (the milestone); its report came three months later.
    assert curriculum.papers["llama-3"].meta.arxiv == "2407.21783"
    milestones = curriculum.pages["milestones.md"].meta.milestones
    assert {"Llama 3", "Claude 3"} <= {m.title for m in milestones} | {m.title.split(" (")[0] for m in milestones}


# --- links in and out ------------------------------------------------------------


def test_every_page_has_a_link_in_and_a_link_out(real_site: Path) -> None:
    from test_build import article_links, resolves

    pages = built_pages(real_site)
    incoming: dict[Path, int] = {p.resolve(): 0 for p in pages}
    no_out = []
    for page in pages:
        internal = [h for h in article_links(page) if not h.startswith(("http://", "https://", "#", "mailto:"))]
        if not internal:
            no_out.append(page)
        for href in internal:
            target = resolves(page, href)
            if target in incoming and target != page.resolve():
                incoming[target] += 1
    home = (real_site / "index.html").resolve()
    orphans = [str(p.relative_to(real_site)) for p, n in incoming.items() if n == 0 and p != home]
    assert not orphans, f"pages no other page links to: {orphans}"
    assert not no_out, f"dead-end pages: {[str(p.relative_to(real_site)) for p in no_out]}"


def test_no_table_has_an_empty_header_cell(real_site: Path) -> None:
    """Screen readers announce each cell by its column header; an empty one names nothing."""
    empty = [
        str(page.relative_to(real_site))
        for page in real_site.rglob("*.html")
        if re.search(r"<th[^>]*>\s*</th>", page.read_text(encoding="utf-8"))
    ]
    assert not empty, f"tables with an empty header cell: {empty}"


# --- the docs' own example ---------------------------------------------------------------


def test_the_example_phase_of_contributing_passes_ci(tmp_path: Path) -> None:
    """CONTRIBUTING.md's `new phase` example, followed as a contributor follows it: run the
    command, replace each placeholder it lists and do what it says; then `validate --strict`
    and the strict build pass."""
    command = re.search(r"\.venv/bin/python -m curriculum (new phase ai-engineer \S+ [^\n`]+)", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert command, "CONTRIBUTING.md no longer shows the `new phase` example"
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    created = cli(tmp_path, *command[1].split())
    assert created.returncode == 0, created.stderr
    phase = content / re.search(r"created content/(\S+)", created.stdout)[1]
    text = phase.read_text(encoding="utf-8")
    for value in re.findall(r"^  - \S+, line \d+: (.+)$", created.stdout, re.MULTILINE):
        ours = "Evaluation" if value == "TODO: phase title" else "Measure what the models and agents of this path do, and decide with the numbers."
        text = text.replace(value, ours, 1)
    phase.write_text(text, encoding="utf-8")
    path = content / "paths/ai-engineer/index.md"
    said = re.search(r"description in \S+: it says '([^']+)', but the path now lasts (\d+) weeks", created.stdout)
    assert said, f"the scaffolder does not say that the path's description states its old length:\n{created.stdout}"
    path.write_text(path.read_text(encoding="utf-8").replace(said[1], f"{said[2]}-week", 1), encoding="utf-8")

    result = cli(tmp_path, "validate", "content", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    build_site(content, tmp_path)


def test_every_topic_has_papers_and_a_name_that_is_not_its_id(curriculum) -> None:
    """A topic page with no paper is a dead end; a name that is the id is a slug shown to readers."""
    assert not [t.id for t in curriculum.topics.values() if not t.papers], "topics no paper is on"
    assert not [t.id for t in curriculum.topics.values() if t.title == t.id or not t.title[0].isupper()]

"""Reading lists as BibTeX: every path, every phase and the paper index offer their papers as a .bib
file that a maintained parser (bibtexparser, as a reference manager would) reads back whole, with
each paper's title, authors and year; hostile titles stay inert and come back as written."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from curriculum import load
from curriculum.exports import bibtex
from sitebuild import FIXTURES, ROOT, build_site

bibtexparser = pytest.importorskip("bibtexparser")
from bibtexparser import middlewares
from pylatexenc.latex2text import LatexNodes2Text

# pylatexenc writes \textasciicircum{} (LaTeX's '^') as the modifier letter circumflex.
_DECODER_QUIRKS = {"ˆ": "^"}


def parse(text: str):
    """The .bib text as a reference manager reads it, with each entry's authors split into names."""
    library = bibtexparser.parse_string(text, append_middleware=[middlewares.SeparateCoAuthors()])
    assert not library.failed_blocks, [block.error for block in library.failed_blocks]
    return library


def decoded(value: str) -> str:
    """A field's LaTeX as text."""
    value = LatexNodes2Text().latex_to_text(value)
    for quirk, char in _DECODER_QUIRKS.items():
        value = value.replace(quirk, char)
    return value


def check_entries(text: str, papers: list) -> None:
    """`text` holds exactly `papers`, in order, each with its title, authors and year."""
    library = parse(text)
    assert [entry.key for entry in library.entries] == [paper.id for paper in papers]
    for entry, paper in zip(library.entries, papers):
        assert decoded(entry["title"]) == " ".join(paper.meta.title.split())
        authors = list(paper.meta.authors) + (["others"] if paper.meta.et_al else [])
        assert [decoded(name) for name in entry["author"]] == authors
        assert entry["year"] == str(paper.meta.year)
        if paper.meta.arxiv:
            assert entry["eprint"] == paper.meta.arxiv and entry["archivePrefix"] == "arXiv"
        assert entry["url"] == paper.link


# --- the pure functions --------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "written"), [
    ("Q&A 100% $5 #1 a_b", r"Q\&A 100\% \$5 \#1 a\_b"),
    ("{x} ~ ^ \\", r"\{x\} \textasciitilde{} \textasciicircum{} \textbackslash{}"),
    ("Łukasz  Ré\n", "Łukasz Ré"),  # UTF-8 kept, spaces and line ends made one space
])
def test_escape(raw: str, written: str) -> None:
    assert bibtex.escape(raw) == written


def test_titles_keep_capitals_that_styles_would_lower() -> None:
    assert bibtex.title("BERT: Pre-training of Deep Transformers") == "{BERT}: Pre-training of Deep Transformers"
    assert bibtex.title("LoRA for GPT-4 on ImageNet") == "{LoRA} for {GPT-4} on {ImageNet}"
    assert bibtex.title("Attention Is All You Need") == "Attention Is All You Need"  # a style may lower these


def test_names_that_bibtex_would_split_stay_whole() -> None:
    assert bibtex.name("Diego de las Casas") == "Diego de las Casas"
    assert bibtex.name("Research and Development Team") == "{Research and Development Team}"
    assert bibtex.name("King, Jr") == "{King, Jr}"


def test_an_arxiv_paper_and_a_paper_with_a_url_only() -> None:
    papers = load(FIXTURES / "mini").papers
    assert bibtex.entry(papers["transformer"]) == (
        "@misc{transformer,\n"
        "  title = {Attention Is All You Need},\n"
        "  author = {Ashish Vaswani and Noam Shazeer and others},\n"
        "  year = {2017},\n"
        "  eprint = {1706.03762},\n"
        "  archivePrefix = {arXiv},\n"
        "  url = {https://arxiv.org/abs/1706.03762}\n"
        "}\n"
    )
    gpt = bibtex.entry(papers["gpt-like"])
    assert gpt.startswith("@misc{gpt-like,\n") and "eprint" not in gpt and "  url = {https://example.org/gpt.pdf}\n" in gpt


# --- the files of a build ----------------------------------------------------------------------------


def test_every_reading_list_of_the_real_site_reads_back_whole(real_site: Path) -> None:
    curriculum = load(ROOT / "content")
    check_entries((real_site / bibtex.ALL_PAPERS).read_text(encoding="utf-8"), list(curriculum.papers.values()))
    for path in curriculum.paths.values():
        check_entries((real_site / bibtex.path_file(path)).read_text(encoding="utf-8"), path.papers)
        for phase in path.phases:
            target = real_site / bibtex.phase_file(phase)
            assert target.exists() == bool(phase.all_papers), target
            if phase.all_papers:
                check_entries(target.read_text(encoding="utf-8"), phase.all_papers)


def test_each_list_is_linked_from_its_page(mini_site: Path) -> None:
    curriculum = load(FIXTURES / "mini")
    path = curriculum.paths["demo-path"]
    pages = {"papers/index.html": bibtex.ALL_PAPERS, "paths/demo-path/index.html": bibtex.path_file(path)}
    pages |= {phase.src[:-3] + ".html": bibtex.phase_file(phase) for phase in path.phases}
    for page, target in pages.items():
        name = target.rpartition("/")[2]
        assert f'download="{name}" href="{name}"' in (mini_site / page).read_text(encoding="utf-8"), page
        assert (mini_site / target).is_file()


def test_hostile_titles_and_names_stay_inert_and_come_back_as_written(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    paper = content / "papers" / "transformer.md"
    front, body = paper.read_text(encoding="utf-8").split("---\n")[1:3]
    meta = yaml.safe_load(front)
    meta["title"] = "Q&A {x} 100% $5 #1 a_b ~ ^ \\ @misc{evil, GPT-4: <script>alert(1)</script> \"quoted\" 'single' Łukasz Ré 注意"
    meta["authors"] = ["Łukasz Kaiser", "A. {Brace} O'Neil & Co", "Smith, John", "Tom and Jerry"]
    meta["venue"] = "NeurIPS } 2017 %"
    paper.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body, encoding="utf-8")
    site = build_site(content, tmp_path)
    curriculum = load(content)
    text = (site / bibtex.ALL_PAPERS).read_text(encoding="utf-8")
    library = parse(text)
    assert [entry.key for entry in library.entries] == sorted(curriculum.papers)  # the '@' started no entry
    entry = library.entries_dict["transformer"]
    assert decoded(entry["title"]) == meta["title"]
    assert [decoded(name) for name in entry["author"]] == meta["authors"] + ["others"]
    assert decoded(entry["note"]) == "NeurIPS } 2017 %"
    # The same title, as text, in the export and in the paper index.
    export = json.loads((site / "api" / "curriculum.json").read_text(encoding="utf-8"))
    assert {p["id"]: p["title"] for p in export["papers"]}["transformer"] == meta["title"]
    index = (site / "papers" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in index and "&lt;script&gt;alert(1)&lt;/script&gt;" in index


def test_reading_lists_are_the_same_from_one_build_to_the_next() -> None:
    curriculum = load(FIXTURES / "mini")
    assert bibtex.reading_lists(curriculum) == bibtex.reading_lists(load(FIXTURES / "mini"))
    assert all(text.endswith("}\n") and "\r" not in text for text in bibtex.reading_lists(curriculum).values())


def test_a_paths_entries_for_the_learners_own_list_are_its_reading_lists_entries() -> None:
    """The path page makes a learner's own .bib from this script: the same entries as the path's .bib."""
    curriculum = load(FIXTURES / "mini")
    path = curriculum.paths["demo-path"]
    script = bibtex.entries_scripts(curriculum)[bibtex.entries_file(path)]
    prefix = 'window.atlasReadingList && window.atlasReadingList("demo-path", '
    assert script.startswith(prefix) and script.endswith(");\n")
    entries = json.loads(script[len(prefix):-3])
    assert list(entries) == [paper.id for paper in path.papers]
    check_entries("\n".join(entries.values()), path.papers)

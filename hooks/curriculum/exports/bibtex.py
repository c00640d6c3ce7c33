"""Reading lists as BibTeX, for Zotero, Mendeley, JabRef or a LaTeX paper.

Each path, each phase and the paper index offer their papers as a `.bib` file
written beside their pages (`reading_lists`). One entry per paper, keyed by its
id in the atlas:

    @misc{attention-is-all-you-need,
      title = {Attention Is All You Need},
      author = {Ashish Vaswani and Noam Shazeer and ... and Illia Polosukhin},
      year = {2017},
      eprint = {1706.03762},
      archivePrefix = {arXiv},
      note = {NIPS 2017},
      url = {https://arxiv.org/abs/1706.03762}
    }

Choices, each the safe one for every paper we hold:

- Every entry is `@misc`. An arXiv paper is one by the usual convention (with
  `eprint` and `archivePrefix`, which Zotero, JabRef and biblatex read as an
  arXiv reference). Our `venue` is free text that may name a journal or a
  conference, so it goes into `note` (`howpublished` without an arXiv id)
  rather than a guessed `journal` or `booktitle`.
- `author`: the names as given, joined by `and`; `and others` where the list is
  cut (`et_al: true`), which styles print as "et al.".
- LaTeX's special characters (`& % $ # _ { } ~ ^ \\`) are escaped in every text
  field, so a title holds no command and its braces stay balanced. In a title,
  each word with a capital after its first letter (BERT, LoRA, GPT-4, ImageNet)
  is wrapped in braces, so that styles that lower-case titles keep it.
- Non-ASCII letters stay as UTF-8 ("Łukasz", "Ré"): Zotero, Mendeley, JabRef,
  biber and bibtexparser read UTF-8, and turning them into LaTeX accents would
  lose letters that have none.
- A URL is written as it is (LaTeX's url handling takes it verbatim), except
  that braces and backslashes are percent-encoded so that the field stays whole.
- Text outside entries holds ids only: BibTeX starts an entry at any '@'.

Files are byte-identical from one build to the next: entries in reading order
(the index: by id), fields in a fixed order, '\\n' line ends.

A learner's own reading list (the papers of the tracks they chose) is made in
their browser, on the path page, from the entries of the path's papers, which
each path's `<id>-reading-list.js` holds beside its page: a script, because a
page opened from file:// may load a script but not fetch a file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from ..read.entities import Curriculum, LearningPath, Paper, Phase

_SPECIAL = re.compile(r"[\\{}&%$#_~^]")
_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_AND = re.compile(r"\band\b", re.IGNORECASE)
_TRAILING = re.compile(r"^(.*?)([:;,.!?]*)$", re.DOTALL)


def escape(text: str) -> str:
    """`text` with LaTeX's special characters escaped, on one line."""
    return _SPECIAL.sub(lambda match: _ESCAPES[match[0]], _SPACE.sub(" ", _CONTROL.sub("", text)).strip())


def title(text: str) -> str:
    """A title, escaped, with each word that has a capital after its first letter in braces."""
    words = []
    for word in _SPACE.sub(" ", _CONTROL.sub("", text)).strip().split(" "):
        core, tail = _TRAILING.match(word).groups()  # "BERT:" -> "{BERT}:"
        protect = any(char.isupper() for char in core[1:])
        words.append(f"{{{escape(core)}}}{escape(tail)}" if protect else escape(word))
    return " ".join(words)


def name(author: str) -> str:
    """One author for BibTeX's name list. A name that holds a comma or the word 'and' would
    be read as several names or as 'Last, First': braces keep it whole."""
    text = escape(author)
    return f"{{{text}}}" if "," in author or _AND.search(author) else text


def url(value: str) -> str:
    return value.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def entry(paper: Paper) -> str:
    """The BibTeX entry of one paper."""
    meta = paper.meta
    authors = [name(a) for a in meta.authors] + (["others"] if meta.et_al else [])
    fields = [("title", title(meta.title)), ("author", " and ".join(authors)), ("year", str(meta.year))]
    if meta.arxiv:
        fields += [("eprint", meta.arxiv), ("archivePrefix", "arXiv")]
    if meta.venue:
        fields.append(("note" if meta.arxiv else "howpublished", escape(meta.venue)))
    if paper.link:
        fields.append(("url", url(paper.link)))
    body = ",\n".join(f"  {key} = {{{value}}}" for key, value in fields)
    return f"@misc{{{paper.id},\n{body}\n}}\n"


def bibliography(what: str, papers: Iterable[Paper]) -> str:
    """A .bib file of `papers`, introduced by `what` (ids only: see the module's notes)."""
    entries = "\n".join(entry(paper) for paper in papers)
    return f"% {what}, from AI Engineering Atlas. UTF-8; each entry is keyed by the paper's id in the atlas.\n\n{entries}"


# --- where the files are --------------------------------------------------------


ALL_PAPERS = "papers/papers.bib"


def path_file(path: LearningPath) -> str:
    return f"paths/{path.id}/{path.id}.bib"


def phase_file(phase: Phase) -> str:
    """Beside the phase's page, named after its path and slug so that a downloaded file says which it is."""
    return f"paths/{phase.path.id}/{phase.path.id}-{phase.slug}.bib"


def file_of(entity: LearningPath | Phase | None = None) -> str:
    """The .bib file of a path's or a phase's papers, or of every paper."""
    if entity is None:
        return ALL_PAPERS
    return path_file(entity) if entity.kind == "path" else phase_file(entity)


def entries_file(path: LearningPath) -> str:
    """Beside the path's page (templates/_widgets.md.j2 names it the same way)."""
    return f"paths/{path.id}/{path.id}-reading-list.js"


def entries_script(path: LearningPath) -> str:
    """The script that hands the path's page every entry of the path, by paper id, in reading order."""
    entries = {paper.id: entry(paper) for paper in path.papers}
    return f"window.atlasReadingList && window.atlasReadingList({json.dumps(path.id)}, {json.dumps(entries, ensure_ascii=False)});\n"


def entries_scripts(curriculum: Curriculum) -> dict[str, str]:
    """Site path -> script: each path's entries, for the reading list of a learner's own route."""
    return {entries_file(path): entries_script(path) for path in curriculum.paths.values() if path.papers}


def reading_lists(curriculum: Curriculum) -> dict[str, str]:
    """Site path -> .bib text: every paper, each path's papers and each phase's, in reading order."""
    files = {ALL_PAPERS: bibliography("Every paper of the paper index", curriculum.papers.values())}
    for path in curriculum.paths.values():
        if path.papers:
            files[path_file(path)] = bibliography(f"The papers of the path {path.id}, in reading order", path.papers)
        for phase in path.phases:
            if phase.all_papers:
                files[phase_file(phase)] = bibliography(f"The papers of the phase {phase.id}, in reading order", phase.all_papers)
    return files | old_addresses(curriculum, files)


def old_addresses(curriculum: Curriculum, files: dict[str, str]) -> dict[str, str]:
    """Site path -> .bib text at each former address of a renamed path's (and its phases')
    reading lists: a .bib cannot lead elsewhere as a page does, so the old address
    answers with the same file, as the old pages answer with the new ones."""
    copies = {}
    for path in curriculum.paths.values():
        for old in path.meta.old_ids:
            prefix = f"paths/{path.id}/{path.id}"
            for dest, text in files.items():
                if dest.startswith(prefix) and dest.endswith(".bib"):
                    copies.setdefault(f"paths/{old}/{old}{dest[len(prefix):]}", text)
    return {dest: text for dest, text in copies.items() if dest not in files}

"""Build a real MkDocs site from a content folder, in a temporary folder, as the real build does.

Most tests build in this process (`build_site`, `failed_build`), as mkdocstrings'
tests do: MkDocs, Material and the engine are imported once, not once a build.
`mkdocs_build` runs the command itself, for what only the command shows: its
exit status and what it prints.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parents[1]
TEST_EPOCH = "1797292800"  # 2026-12-15T00:00:00Z: the month the fixtures were last checked
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def add_samples(content: Path) -> None:
    """tests/fixtures/samples/ (a page of every Markdown block) copied into `content`, and
    linked from its home page: a plain page needs a link in."""
    for sample in (FIXTURES / "samples").iterdir():
        shutil.copy(sample, content / sample.name)
    with (content / "index.md").open("a", encoding="utf-8") as home:
        home.write("\n\nEvery kind of block: [the samples](samples.md).\n")


def is_redirect(html: Path) -> bool:
    """Whether a built HTML file is the old address of a renamed page (curriculum.plan.pages.redirects):
    a small page that leads to the new one, kept out of search engines, not a page of the site."""
    return '<meta name="robots" content="noindex">' in html.read_text(encoding="utf-8")[:2000]


def built_pages(site: Path) -> list[Path]:
    """Every page of a built site, in order: its HTML files but the not-found page and old addresses."""
    return [p for p in sorted(site.rglob("*.html")) if p.name != "404.html" and not is_redirect(p)]


def write_config(content: Path, workdir: Path, **overrides) -> Path:
    """A copy of the project's mkdocs.yml that reads `content` and writes into `workdir/site`."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(content)
    config["site_dir"] = str(workdir / "site")
    config["hooks"] = [str(ROOT / "hooks" / "atlas.py")]
    config["theme"]["custom_dir"] = str(ROOT / "templates" / "theme")
    config["watch"] = []
    config.update(overrides)
    path = workdir / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build_site(content: Path, workdir: Path, **overrides) -> Path:
    """`mkdocs build --strict` of `content` into `workdir`/site, in this process; the site folder."""
    build(load_config(str(write_config(content, workdir, **overrides))))
    return workdir / "site"


class _Kept(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def failed_build(content: Path, workdir: Path) -> str:
    """Build, in this process, a site that must fail; the errors MkDocs reports, as the command prints them."""
    kept = _Kept()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(kept)
    try:
        build(load_config(str(write_config(content, workdir))))
    except Abort:
        return "\n".join(kept.messages)
    finally:
        logger.removeHandler(kept)
    raise AssertionError("the build succeeded")


def mkdocs_build(content: Path, workdir: Path, **overrides) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` in a subprocess, exactly as a contributor would."""
    config = write_config(content, workdir, **overrides)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, cwd=workdir, env=env, timeout=600, check=False,
    )


# With the fixture's own, more than one page of papers and of projects (INDEX_PAGE_SIZE).
SPLIT_EXTRA = 60


def add_content(content: Path, n: int, phases: bool = False) -> None:
    """`n` more papers and projects (and, with `phases`, a path whose phases read them), all valid:
    every paper is read and every project listed somewhere, by the extra path's phases (in
    fours: each reads four papers and lists two projects) or else by the fixture's second phase."""
    in_extra_path = set(range(n - n % 4)) if phases else set()
    unread = [i for i in range(n) if i not in in_extra_path]
    unlisted = [i for i in range(n) if i not in in_extra_path or i % 4 in (2, 3)]
    if unread or unlisted:
        phase = content / "paths" / "demo-path" / "02-advanced.md"
        text = phase.read_text(encoding="utf-8")
        papers = "".join(f", extra-paper-{i:03d}" for i in unread)
        projects = "".join(f", extra-project-{i:03d}" for i in unlisted)
        text = text.replace("papers: [bert-like, transformer]", f"papers: [bert-like, transformer{papers}]", 1)
        text = text.replace("optional_projects: [stretch-project]", f"optional_projects: [stretch-project{projects}]", 1)
        phase.write_text(text, encoding="utf-8")
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
            'checked: "2026-12"\n'
            'added: "2026-12"\n'
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
            f'start_here: [{{title: "Data {i}", url: "https://example.org/data/{i}", kind: data}}]\n'
            f"papers: [extra-paper-{i:03d}]\n"
            'checked: "2026-12"\n'
            'added: "2026-12"\n'
            "---\n"
            "Project body.\n",
            encoding="utf-8",
        )
    if phases:
        folder = content / "paths" / "extra-path"
        folder.mkdir()
        (folder / "index.md").write_text(
            "---\ntitle: Extra Path\ndescription: Phases that read the extra papers.\nlevels: [mid]\n"
            "prerequisites: [Some Python]\noutcomes: [Read papers]\n"
            "skills: {must: [pytorch], important: [mathematics], nice: []}\n---\nBody.\n",
            encoding="utf-8",
        )
        for k in range(n // 4):
            papers = ", ".join(f"extra-paper-{4 * k + j:03d}" for j in range(4))
            (folder / f"{k + 1:02d}-part-{k}.md").write_text(
                f'---\ntitle: Part {k}\norder: {k + 1}\nweeks: "{k + 1}"\ndescription: Part {k}.\n'
                f"skills: [pytorch, mathematics]\npapers: [{papers}]\n"
                f"projects: [extra-project-{4 * k:03d}]\noptional_projects: [extra-project-{4 * k + 1:03d}]\nmilestone: Done.\nchecked: \"2026-12\"\nadded: \"2026-12\"\n"
                f"questions: [{', '.join(f'{{id: q{j}, question: Part {k} question {j}?, answer: Its answer.}}' for j in range(3))}]\n---\nBody.\n",
                encoding="utf-8",
            )


def build_with_extra(work: Path, extra: int) -> Path:
    """The fixture curriculum with `extra` more papers and projects, built strictly in `work`; its site folder."""
    content = work / "content"
    shutil.copytree(FIXTURES / "mini", content)
    add_content(content, extra)
    return build_site(content, work)


def generate_source(content: Path, workdir: Path) -> Path:
    """`python -m curriculum generate` of `content` into `workdir`/source; its mkdocs.yml."""
    from curriculum.site.generate import generate

    generate(content, workdir / "source")
    return workdir / "source" / "mkdocs.yml"


def build_generated(config: Path, builder: str) -> Path:
    """The generated source built by `builder` ("zensical", or "mkdocs": MkDocs with no hooks),
    then finished (`python -m curriculum finish`); the site folder. Zensical runs as its
    command does; MkDocs in this process."""
    from curriculum.cli.commands import main

    content_dir = config.parent.parent / "content"
    site = config.parent / f"site-{builder}"
    if builder == "zensical":
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(config)], cwd=config.parent, env=env, check=True,
                       capture_output=True, timeout=600)
        shutil.move(config.parent / "site", site)
    else:
        build(load_config(str(config), site_dir=str(site)))
    assert main(["finish", str(site), "--content", str(content_dir)]) == 0
    return site

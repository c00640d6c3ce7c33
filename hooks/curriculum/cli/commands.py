"""Command line of the curriculum engine.

  python -m curriculum validate [content] [--strict] [--format text|github] [--base REV] [--summary FILE]
      Check all of content/ without building the site; print every problem as
      `file:line: field: message` (or as GitHub Actions annotations, those in
      files changed since REV first), the cause first, then how many; --summary
      adds them all to a Markdown file, such as a GitHub job summary. Quality
      warnings are printed too; --strict (what CI, pre-commit and the strict
      build apply) refuses them as well.
  python -m curriculum new paper --arxiv 1706.03762 --topics transformers [--id ID] [--title TITLE]
  python -m curriculum new project ID --difficulty beginner --skills python,llms
  python -m curriculum new phase PATH-ID SLUG --weeks 11-14 --skills pytorch
      Start a content file that validates, and list what to fill in.
  python -m curriculum generate DIR [--content content]
      Write the site source any builder reads into DIR: DIR/docs (every page,
      data file and asset), DIR/theme and DIR/mkdocs.yml (no hooks). Then, e.g.
      `zensical build -f DIR/mkdocs.yml` and `python -m curriculum finish DIR/site`.
  python -m curriculum finish SITE [--content content]
      What only built pages allow, on a site another builder wrote from the
      generated source: each page's content sanitised and finished, the rows
      scripts of split tables, the search results titled by kind (the MkDocs
      hooks do the same while they build).
  python -m curriculum config
      Check mkdocs.yml alone (make serve runs it first: MkDocs cannot start, nor
      show its preview, on a configuration it cannot read).
  python -m curriculum reference [--write | --check]
      The field reference generated from the models (kept in CONTRIBUTING.md).
  python -m curriculum schema [--write | --check]
      The JSON Schemas of the front-matter (kept in schemas/).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..exports import export, reference
from ..problems import ContentError, Problem, count
from ..read import field_types
from ..repository import CONTRIBUTING, SCHEMAS
from ..site.site import load
from . import report, scaffold


def validate(args: argparse.Namespace) -> int:
    """Every problem on stdout, then the warnings, then the count, so that they never interleave in a log."""
    def warnings(found: list[Problem]) -> list[str]:
        return [report.github_annotation(w, "warning") if args.format == "github" else f"warning: {w}" for w in found]

    try:
        curriculum = load(args.content, strict=args.strict)
    except ContentError as error:
        problems = error.problems
        if args.format == "github":
            changed, why = report.changed_files(args.base) if args.base else (None, "")
            if why:
                print(report.github_notice(f"cannot tell which files changed since {args.base} ({why}); annotating in the validator's order"))
            lines = report.github_lines(problems, changed, summary=bool(args.summary))
        else:
            lines = [str(problem) for problem in problems]
        print("\n".join([*lines, *warnings(error.warnings), report.count_line(problems)]))
        if args.summary:
            report.append_summary(args.summary, report.summary_markdown(problems))
        return 1
    for line in warnings(curriculum.warnings):
        print(line)
    valid = (
        f"content is valid: {len(curriculum.paths)} paths, {len(curriculum.phases)} phases, "
        f"{len(curriculum.papers)} papers, {len(curriculum.projects)} projects, "
        f"{len(curriculum.skills)} skills, {len(curriculum.guides)} guides"
        + (f"; {count(len(curriculum.warnings), 'warning')}, which --strict and the build refuse" if curriculum.warnings else "")
    )
    print(valid)
    if args.summary:
        report.append_summary(args.summary, report.summary_markdown([], valid))
    return 0


def check_config(args: argparse.Namespace) -> int:
    """mkdocs.yml's problems, as validate lists them, and 1 when there is one."""
    from ..repository import read_config

    problems = [Problem("mkdocs.yml", line, name, why) for line, name, why in read_config().problems]
    for problem in problems:
        print(problem)
    if problems:
        print(report.count_line(problems))
    return 1 if problems else 0


# --- generate and finish -----------------------------------------------------------


def generate_source(args: argparse.Namespace) -> int:
    from ..repository import MissingAsset
    from ..site.generate import generate

    try:
        made = generate(args.content, args.dir)
    except ContentError as error:
        print("\n".join([*(str(problem) for problem in error.problems), report.count_line(error.problems)]))
        return 1
    except MissingAsset as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"generated {made.pages} pages and {made.files} files into {made.folder / 'docs'} ({made.changed} files written, "
          f"the rest already held those bytes); build {made.folder / 'mkdocs.yml'}")
    return 0


def finish_site(args: argparse.Namespace) -> int:
    from ..plan.hosting import Hosting
    from ..repository import read_config
    from ..site.site import Site

    site_dir = Path(args.site)
    if not site_dir.is_dir():
        print(f"error: {site_dir} is not a folder; build the site first", file=sys.stderr)
        return 1
    data = read_config().data
    try:
        site = Site.load(args.content, hosting=Hosting(data.get("site_url") or "", data.get("use_directory_urls", True)))
    except ContentError as error:
        print("\n".join([*(str(problem) for problem in error.problems), report.count_line(error.problems)]))
        return 1
    removed = site.finish_built(site_dir)
    site.finish(site_dir)
    for message in removed:
        print(f"warning: {message}")
    print(f"finished {site_dir}" + (f"; {count(len(removed), 'page')} with markup the sanitiser removed" if removed else ""))
    return 1 if removed else 0


# --- new ----------------------------------------------------------------------


def _ids(values: list[str] | None) -> list[str]:
    return [s.strip() for value in values or [] for s in value.split(",") if s.strip()]


def new(args: argparse.Namespace) -> int:
    try:
        if args.kind == "paper":
            created = scaffold.new_paper(
                args.content, arxiv=args.arxiv, paper_id=args.id, title=args.title, url=args.url, year=args.year, topics=_ids(args.topics)
            )
        elif args.kind == "project":
            created = scaffold.new_project(
                args.content, args.id, difficulty=args.difficulty, skills=_ids(args.skills), title=args.title, weeks=args.weeks
            )
        else:
            created = scaffold.new_phase(args.content, args.path, args.slug, weeks=args.weeks, skills=_ids(args.skills), title=args.title)
    except scaffold.ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"created {created.path}")
    for note in created.notes:
        print(f"  note: {note}")
    found = created.placeholders
    if found:
        print("replace each placeholder (validate and the build refuse the page until you do; make serve previews it):")
        for item in found:
            print(f"  - {item}")
    if created.todo:
        print("then:")
        for item in created.todo:
            print(f"  - {item}")
    print(f"check it: make validate (or .venv/bin/python -m curriculum validate {args.content} --strict, as CI does)")
    return 0


# --- generated files kept in the repository -------------------------------------


def show_reference(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if args.write:
        changed = reference.write_contributing(path)
        print(f"{'updated' if changed else 'unchanged'}: the field reference in {path}")
        return 0
    if args.check:
        if reference.contributing_is_current(path):
            return 0
        print(f"{path}: the field reference differs from hooks/curriculum/read/schema.py; run `python -m curriculum reference --write`", file=sys.stderr)
        return 1
    sys.stdout.write(reference.markdown())
    return 0


def schema_problems(folder: Path) -> list[str]:
    """What differs between `folder` and the schemas generated from the schema."""
    expected = export.json_schemas()
    problems = []
    for name, text in expected.items():
        path = folder / name
        if not path.is_file():
            problems.append(f"{path} is missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path} differs from the models")
    for path in sorted(folder.glob("*.schema.json")):
        if path.name not in expected:
            problems.append(f"{path} belongs to no kind of front-matter")
    return problems


def show_schema(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    if args.write:
        folder.mkdir(parents=True, exist_ok=True)
        expected = export.json_schemas()
        for name, text in expected.items():
            (folder / name).write_text(text, encoding="utf-8", newline="\n")
        for path in folder.glob("*.schema.json"):
            if path.name not in expected:
                path.unlink()
        print(f"wrote {len(expected)} schemas to {folder}")
        return 0
    if args.check:
        problems = schema_problems(folder)
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("run `python -m curriculum schema --write` to regenerate them", file=sys.stderr)
        return 1 if problems else 0
    for name, text in export.json_schemas().items():
        print(f"# {name}\n{text}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m curriculum", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="check content/ and print every problem")
    check.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github: GitHub Actions annotations, the first ten only (GitHub shows no more)")
    check.add_argument("--base", metavar="REV",
                       help="with --format github, annotate first the problems in files changed since this git revision")
    check.add_argument("--summary", metavar="FILE",
                       help="also add every problem, as a Markdown table, to FILE (in GitHub Actions: $GITHUB_STEP_SUMMARY)")
    check.add_argument("--strict", action="store_true", help="refuse quality warnings too, as CI, pre-commit and the build do")
    check.set_defaults(run=validate)

    gen = commands.add_parser("generate", help="write the site source any builder reads")
    gen.add_argument("dir", help="where to write it: DIR/docs, DIR/theme, DIR/mkdocs.yml")
    gen.add_argument("--content", default="content", help="the content folder (default: content)")
    gen.set_defaults(run=generate_source)

    fin = commands.add_parser("finish", help="finish a site another builder built from the generated source")
    fin.add_argument("site", help="the built site's folder")
    fin.add_argument("--content", default="content", help="the content folder it was generated from (default: content)")
    fin.set_defaults(run=finish_site)

    config = commands.add_parser("config", help="check mkdocs.yml alone")
    config.set_defaults(run=check_config)

    create = commands.add_parser("new", help="start a new paper, project or phase file")
    kinds = create.add_subparsers(dest="kind", required=True)
    paper = kinds.add_parser("paper", help="content/papers/<id>.md")
    paper.add_argument("--arxiv", help="the arXiv id without version, e.g. 1706.03762 (the year is derived from it)")
    paper.add_argument("--id", help="the page id (default: from --title)")
    paper.add_argument("--title", help="the paper's full title")
    paper.add_argument("--url", help="a link to the paper, for one with no arXiv id")
    paper.add_argument("--year", type=int, help="the publication year, for one with no arXiv id")
    paper.add_argument("--topics", action="append", help="comma-separated topic ids from content/topics.yml")
    project = kinds.add_parser("project", help="content/projects/<id>.md")
    project.add_argument("id", help="the project id, e.g. rag-chatbot")
    project.add_argument("--difficulty", required=True, choices=field_types.DIFFICULTIES)
    project.add_argument("--skills", action="append", help="comma-separated skill ids from content/skills.yml")
    project.add_argument("--title")
    project.add_argument("--weeks", default="1-2", help="estimated effort, e.g. 2-3 (default: 1-2)")
    phase = kinds.add_parser("phase", help="content/paths/<path-id>/<nn>-<slug>.md")
    phase.add_argument("path", help="the path id (its folder under content/paths/)")
    phase.add_argument("slug", help="the phase slug, e.g. evaluation")
    phase.add_argument("--weeks", required=True, help="the inclusive week range, starting right after the last phase, e.g. 11-14")
    phase.add_argument("--skills", action="append", help="comma-separated skill ids from content/skills.yml")
    phase.add_argument("--title")
    for sub in (paper, project, phase):
        sub.add_argument("--content", default="content", help="the content folder (default: content)")
        sub.set_defaults(run=new)

    ref = commands.add_parser("reference", help="the field reference generated from the models")
    mode = ref.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="refresh it in CONTRIBUTING.md")
    mode.add_argument("--check", action="store_true", help="exit 1 when CONTRIBUTING.md is out of date")
    ref.add_argument("--file", default=str(CONTRIBUTING), help=argparse.SUPPRESS)
    ref.set_defaults(run=show_reference)

    sch = commands.add_parser("schema", help="the JSON Schemas of the front-matter")
    mode = sch.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write them to schemas/")
    mode.add_argument("--check", action="store_true", help="exit 1 when schemas/ is out of date")
    sch.add_argument("--dir", default=str(SCHEMAS), help=argparse.SUPPRESS)
    sch.set_defaults(run=show_schema)

    args = parser.parse_args(argv)
    return args.run(args)


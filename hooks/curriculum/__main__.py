"""Command line: `python -m curriculum validate [content] [--format text|github]`.

Checks all of `content/` without building the site, and prints every problem
as `file:line: field: message` (or as GitHub Actions annotations).
"""

from __future__ import annotations

import argparse
import sys

from .loader import load
from .problems import ContentError, Problem


def github_annotation(problem: Problem) -> str:
    def clean(text: str) -> str:
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    where = f"file={clean(problem.file)}" + (f",line={problem.line}" if problem.line else "")
    title = f",title={clean(problem.field)}" if problem.field else ""
    return f"::error {where}{title}::{clean(problem.message)}"


def validate(args: argparse.Namespace) -> int:
    try:
        curriculum = load(args.content)
    except ContentError as error:
        for problem in error.problems:
            print(github_annotation(problem) if args.format == "github" else str(problem))
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1
    print(
        f"content is valid: {len(curriculum.paths)} paths, {len(curriculum.phases)} phases, "
        f"{len(curriculum.papers)} papers, {len(curriculum.projects)} projects, "
        f"{len(curriculum.skills)} skills, {len(curriculum.guides)} guides"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m curriculum", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check content/ and print every problem")
    check.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.set_defaults(run=validate)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())

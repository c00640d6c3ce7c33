"""How `python -m curriculum validate` shows problems: as text, as GitHub annotations, and
as a table for a GitHub job summary.

GitHub shows at most ten error annotations a step, and CI's log is read top down,
so the GitHub format annotates the problems in the files a pull request changes
first (the contributor's own mistakes), ten at most; the rest go to the log as
text, with a notice saying how many, and the job summary lists every one.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from ..problems import Problem, count
from ..rules.escape import escape_md

ANNOTATIONS = 10  # error annotations GitHub shows for one step


def count_line(problems: list[Problem]) -> str:
    return f"{count(len(problems), 'problem')} found."


def _command_text(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _command_property(text: str) -> str:
    return _command_text(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem, level: str = "error") -> str:
    where = f"file={_command_property(problem.file)}" + (f",line={problem.line}" if problem.line else "")
    title = f",title={_command_property(problem.field)}" if problem.field else ""
    return f"::{level} {where}{title}::{_command_text(problem.message)}"


def github_notice(text: str) -> str:
    return f"::notice::{_command_text(text)}"


def changed_files(base: str) -> tuple[set[Path] | None, str]:
    """The files changed since the git revision `base` (in the working tree too), or None
    and why git could not say (no repository, a base that was not fetched...)."""
    try:
        run = subprocess.run(["git", "diff", "--name-only", "--relative", base, "--"],
                             capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError) as error:
        return None, str(error)
    if run.returncode != 0:
        said = (run.stderr.strip().splitlines() or [f"exit status {run.returncode}"])[0]
        return None, said
    return {Path(name).resolve() for name in run.stdout.splitlines() if name}, ""


def github_lines(problems: list[Problem], changed: set[Path] | None, summary: bool) -> list[str]:
    """Annotations for the first ANNOTATIONS problems, those in `changed` files first; the
    others as text, with a notice of how many there are."""
    if changed:
        problems = sorted(problems, key=lambda p: Path(p.file).resolve() not in changed)  # stable: the cause stays first
    lines = [github_annotation(problem) for problem in problems[:ANNOTATIONS]]
    rest = problems[ANNOTATIONS:]
    if rest:
        lines += [str(problem) for problem in rest]
        where = "see the job summary" if summary else "they are listed above"
        lines.append(github_notice(f"{count(len(rest), 'more problem')} than GitHub annotates; {where}"))
    return lines


def _cell(value: object) -> str:
    return str(escape_md("" if value is None else value)) or " "


def summary_markdown(problems: Iterable[Problem], valid: str | None = None) -> str:
    """The job summary: a table of every problem, in the validator's order, or `valid`."""
    problems = list(problems)
    if not problems:
        return f"### Content check: valid\n\n{escape_md(valid or '')}\n"
    lines = [f"### Content check: {count_line(problems)[:-1]}", "", "| File | Line | Field | Problem |", "| --- | --- | --- | --- |"]
    lines += [f"| {_cell(p.file)} | {_cell(p.line)} | {_cell(p.field)} | {_cell(p.message)} |" for p in problems]
    return "\n".join(lines) + "\n"


def append_summary(path: str | os.PathLike, markdown: str) -> None:
    """Add to the job summary at `path` (GitHub gives each step's file as $GITHUB_STEP_SUMMARY)."""
    with open(path, "a", encoding="utf-8") as summary:
        summary.write(markdown + "\n")

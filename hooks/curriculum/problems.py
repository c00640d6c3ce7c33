"""Problems found in content, collected so that one run reports all of them, the cause first.

Severity. Most rules find errors: `validate` and the build refuse them. Two
kinds of rule are told apart, because where they stop work depends on the run:

- unfinished work (the scaffolder's placeholders such as `TODO` and `topics:
  [todo]`, a paper no phase reads yet, a skill nothing names yet): errors,
  except in a preview (`mkdocs serve`), which shows a half-written page and
  lists them;
- quality rules (a path whose description states another length than its
  phases): warnings that `validate` prints and `validate --strict` (what CI and
  pre-commit run) and the strict build refuse.

Order. A problem carries the stage of loading that found it, and problems are
listed by stage, then file and line: a vocabulary that cannot be read first
(every reference to it depends on it), then files that cannot be read, then
fields, then references and rules across files.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Stages of loading, in the order their problems are listed (the cause first).
VOCABULARY = 0  # a shared vocabulary (skills.yml): many references depend on it
UNCHECKED = 1  # what a vocabulary that cannot be read left unchecked, said once
READING = 2  # a file that cannot be read: odd files, encodings, YAML, misplaced files
FIELDS = 3  # the front-matter and the body of one file
RULES = 4  # references and rules across files

# Kind -> ids of files that exist but did not load: references to them are not reported again.
Broken = dict[str, set[str]]

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str
    stage: int = field(default=FIELDS, compare=False)
    severity: str = field(default=ERROR, compare=False)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"

    @property
    def sort_key(self) -> tuple:
        return (self.stage, self.file, self.line or 0, self.field, self.message)


@dataclass
class Problems:
    """The problems of one run. `strict` makes quality warnings errors; `preview`
    (mkdocs serve) makes unfinished work warnings. `stage` is the stage being loaded."""

    items: list[Problem] = field(default_factory=list)
    strict: bool = False
    preview: bool = False
    stage: int = FIELDS

    def add(self, file: str, line: int | None, field: str, message: str, *, stage: int | None = None, severity: str = ERROR) -> None:
        self.items.append(Problem(file, line, field, message, self.stage if stage is None else stage, severity))

    def quality(self, file: str, line: int | None, field: str, message: str) -> None:
        """A quality rule: a warning, an error under --strict."""
        self.add(file, line, field, message, severity=ERROR if self.strict else WARNING)

    def unfinished(self, file: str, line: int | None, field: str, message: str) -> None:
        """Work not finished yet (a placeholder, a page nothing uses): an error, a warning in a preview."""
        self.add(file, line, field, message, severity=WARNING if self.preview else ERROR)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return ordered(p for p in self.items if p.severity == WARNING)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __len__(self) -> int:
        return len(self.errors)


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, the cause first: by stage, then file, line and field."""
    return sorted(set(problems), key=lambda p: p.sort_key)


def count(n: int, what: str) -> str:
    """'1 problem', '3 problems'."""
    return f"{n} {what}{'' if n == 1 else 's'}"


class ContentError(Exception):
    """Raised with every problem of a run; its text is what contributors read."""

    def __init__(self, problems: Iterable[Problem], warnings: Iterable[Problem] = ()):
        self.problems = ordered(problems)
        self.warnings = ordered(warnings)  # of a run that was not strict: shown, not counted
        lines = [f"{count(len(self.problems), 'problem')} in content:"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def field_name(loc: tuple[Any, ...]) -> str:
    """A field's place in the front-matter as messages name it: ('options', 0, 'papers') -> 'options[0].papers'."""
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The valid choice most like `value` (a typo's correction), or None when none is close."""
    close = difflib.get_close_matches(str(value), sorted(set(choices)), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """" Did you mean 'x'?" for the closest valid choice, or ''."""
    match = closest(value, choices)
    return f" Did you mean '{match}'?" if match else ""

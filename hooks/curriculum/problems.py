"""Problems found in content, collected so that one run reports all of them."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class Problems:
    items: list[Problem] = field(default_factory=list)

    def add(self, file: str, line: int | None, field: str, message: str) -> None:
        self.items.append(Problem(file, line, field, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


class ContentError(Exception):
    """Raised with every problem of a run; its text is what contributors read."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.field, p.message))
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in content:"]
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

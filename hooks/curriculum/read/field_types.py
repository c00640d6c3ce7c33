"""The value types of front-matter fields, shared by the schemas (schema.py): ids, links,
arXiv ids, week ranges, authors, and the closed lists (levels, difficulties, kinds of
resource). Each says in our words what would be valid, and gives the JSON Schema its
pattern.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, WithJsonSchema

from .urls import url_problem

AudienceLevel = Literal["beginner", "junior", "mid", "senior"]
Difficulty = Literal["beginner", "intermediate", "advanced"]
ResourceType = Literal[
    "article",
    "benchmark",
    "book",
    "code",
    "community",
    "course",
    "guide",
    "interactive",
    "paper",
    "platform",
    "practice",
    "specification",
    "tool",
    "tutorial",
    "video",
]
StartKind = Literal["data", "environment", "starter", "reference", "example"]
AUDIENCE_LEVELS: tuple[str, ...] = get_args(AudienceLevel)
DIFFICULTIES: tuple[str, ...] = get_args(Difficulty)  # in this order: easiest first
RESOURCE_TYPES: tuple[str, ...] = get_args(ResourceType)

# What a project's `weeks` assume: a week of project work is this many hours,
# whatever the pace of the path that uses it. The budget check in checks.py and
# the contributors' docs both take it from here.
PROJECT_WEEK_HOURS = 10

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)


def slug(text: str) -> str:
    """Any text as an id: its lower-case letters and digits, each run joined to the next by one hyphen."""
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))


# Letters of other scripts that look like Latin ones, as an id's typo may hold them.
_LOOKALIKES = str.maketrans("аеорсухіјѕԁһӏԛԝοαρντκιυεѵ", "aeopcyxijsdhlqwoapvtkiuev")


def visible(text: str) -> str:
    """`text` with every character that is not printable ASCII named, as 'U+200B', so a message shows it."""
    return "".join(c if " " <= c <= "~" else f"<U+{ord(c):04X}>" for c in text)


def lookalike(text: str) -> str | None:
    """The Latin spelling of `text` when it holds letters of another script that look Latin."""
    latin = text.translate(_LOOKALIKES)
    return latin if latin != text else None


def id_problem(value: str) -> str | None:
    """Why `value` is not an id, naming any character a reader cannot tell apart; None when it is one."""
    if _ID_RE.match(value):
        return None
    hint = ""
    latin = lookalike(value)
    if latin is not None and _ID_RE.match(latin):
        hint = f" It holds letters of another script that look Latin ({visible(value)}); did you mean '{latin}'?"
    elif visible(value) != value:
        hint = f" It holds characters that are not plain letters: {visible(value)}."
    return "must be lower-case letters, digits and single hyphens, such as 'attention-is-all-you-need'." + hint


def _check_id(value: str) -> str:
    why = id_problem(value)
    if why:
        raise ValueError(why)
    return value


Id = Annotated[str, AfterValidator(_check_id), Field(pattern=ID_PATTERN)]
"""An id: the file name of a page (or the folder name of a path), or a skill or topic id."""


# str.isspace() and the C0 controls: \s in a str pattern is the same Unicode set.
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")


def _check_url(value: str) -> str:
    if _SPACE_OR_CONTROL.search(value):
        raise ValueError("must not contain spaces or control characters")
    problem = url_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


SafeUrl = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "pattern": r"^(https?://[^\s/]+\S*|(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!//)\S+)$"}),
]
"""A link: https://, http:// or relative. Other schemes (javascript:, data:, ...) are refused."""

ARXIV_NEW = re.compile(r"^(?P<yy>\d{2})(?P<mm>\d{2})\.\d{4,5}$")
ARXIV_OLD = re.compile(r"^[a-z-]+(?:\.[A-Z]{2})?/(?P<yy>\d{2})(?P<mm>\d{2})\d{3}$")
ARXIV_PATTERN = r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})$"


def arxiv_year(arxiv_id: str) -> int:
    """The year of the first version of an arXiv id (its YYMM prefix)."""
    match = ARXIV_NEW.match(arxiv_id) or ARXIV_OLD.match(arxiv_id)
    if not match:
        raise ValueError(arxiv_id)
    yy = int(match["yy"])
    return (1900 if yy >= 91 else 2000) + yy


def _check_arxiv(value: str) -> str:
    value = value.strip()
    if value.lower().startswith(("arxiv:", "http")):
        raise ValueError(
            "write the bare arXiv id without a prefix or version, such as '1706.03762'"
        )
    if re.search(r"v\d+$", value):
        raise ValueError("leave out the version suffix: '1706.03762', not '1706.03762v5'")
    match = ARXIV_NEW.match(value)
    if match:
        if not 1 <= int(match["mm"]) <= 12:
            raise ValueError(f"month '{match['mm']}' in the id is not 01-12")
        return value
    if ARXIV_OLD.match(value):
        return value
    raise ValueError("is not an arXiv id; expected YYMM.NNNNN such as '1706.03762' (or old style 'cs/0112017')")


def _coerce_arxiv(value: object) -> object:
    # YAML reads 1706.03762 unquoted as a float, which would lose trailing zeros
    # (2106.09680 -> 2106.0968): refuse it with a fix rather than guess.
    if isinstance(value, float):
        raise ValueError(f"write the arXiv id in quotes, e.g. arxiv: \"{value}\", so YAML keeps it as text")
    return value


ArxivId = Annotated[
    str,
    BeforeValidator(_coerce_arxiv),
    AfterValidator(_check_arxiv),
    WithJsonSchema({"type": "string", "pattern": ARXIV_PATTERN}),
]


class WeekRange(BaseModel):
    """An inclusive range of weeks, written '3-10' (or a single week, '5')."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"


_RANGE_RE = re.compile(r"^\s*(\d+)\s*(?:[-–—]\s*(\d+)\s*)?$")


# The longest range the charts draw (ten years of weeks): a typo such as 700 for 70 is refused here.
MAX_WEEK = 520


def _week_number(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} must be a whole number of weeks, such as 3; write the range as '3-10'")
    return value


def _parse_weeks(value: object) -> object:
    if isinstance(value, WeekRange):
        return value
    if isinstance(value, dict):
        unknown = sorted(set(map(str, value)) - {"start", "end"})
        if unknown or "start" not in value:
            raise ValueError("a week range is written '3-10' (or as {start: 3, end: 10}); "
                             + (f"'{unknown[0]}' is not part of one" if unknown else "start is missing"))
        start = _week_number(value["start"], "start")
        end = _week_number(value.get("end", start), "end")
        return _checked_range(start, end)
    if isinstance(value, bool):
        raise ValueError("must be a week range such as '3-10'")
    if isinstance(value, int):
        start = end = value
    elif isinstance(value, str):
        match = _RANGE_RE.match(value)
        if not match:
            raise ValueError(f"'{value}' is not a week range; write it as 'start-end', such as '3-10'")
        start = int(match[1])
        end = int(match[2]) if match[2] else start
    else:
        raise ValueError("must be a week range such as '3-10'")
    return _checked_range(start, end)


def _checked_range(start: int, end: int) -> dict[str, int]:
    if start < 1:
        raise ValueError("weeks are counted from 1")
    if end < start:
        raise ValueError(f"the range {start}-{end} is reversed; write '{end}-{start}'")
    if end > MAX_WEEK:
        raise ValueError(f"week {end} is past week {MAX_WEEK} (ten years), the longest the site draws; is a digit too many?")
    return {"start": start, "end": end}


Weeks = Annotated[
    WeekRange,
    BeforeValidator(_parse_weeks),
    PlainSerializer(lambda r: str(r).replace("–", "-"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d+(\s*-\s*\d+)?$", "examples": ["3-10"]}),
]

MONTH_PATTERN = r"^\d{4}-(?:0[1-9]|1[0-2])$"
_MONTH_RE = re.compile(MONTH_PATTERN)


def _check_month(value: object) -> object:
    # YAML reads an unquoted 2026-12-01 as a date: say what to write instead of "must be text".
    if not isinstance(value, str):
        raise ValueError(f'must be a year and month in quotes, such as "2026-12" (got {value!r})')
    if not _MONTH_RE.match(value.strip()):
        raise ValueError('is not a year and month; write it as YYYY-MM, such as "2026-12"')
    return value.strip()


Month = Annotated[
    str,
    BeforeValidator(_check_month),
    WithJsonSchema({"type": "string", "pattern": MONTH_PATTERN, "examples": ["2026-12"]}),
]
"""A month, 'YYYY-MM': when a page was added, changed or last checked against its sources.
Written as text, so that 'YYYY-MM' strings compare in time order."""

Text = Annotated[str, Field(min_length=1)]

# Characters that change how text around them is shown without showing themselves:
# bidirectional controls (U+202E turns 'txt.exe' round) and invisible ones.
_HIDDEN = re.compile("[\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]")
MAX_TITLE = 200


def hidden_characters(text: str) -> list[str]:
    """The invisible and direction-changing characters of `text`, named as U+XXXX."""
    return sorted({f"U+{ord(c):04X}" for c in _HIDDEN.findall(text)})


def _check_title(value: str) -> str:
    hidden = hidden_characters(value)
    if hidden:
        raise ValueError(f"holds {', '.join(hidden)}, which a reader cannot see but which changes how the title shows (a "
                         "direction control or an invisible character); delete it")
    if len(value) > MAX_TITLE:
        raise ValueError(f"is {len(value):,} characters long; a title may have at most {MAX_TITLE}, to fit a browser tab and a "
                         "search result (put the rest in the description)")
    return value


Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE), AfterValidator(_check_title)]
"""A name readers see in tabs, the navigation and search results."""
ShortText = Annotated[str, Field(min_length=1, max_length=120)]
"""A line for a list that readers compare at a glance, such as a path's prerequisites."""

# "et al.", "others", "..." in place of the rest of a long author list.
_NOT_AN_AUTHOR = re.compile(r"\bet\.?\s*al\b|^(?:and\s+)?others$|^(?:\.\.\.|…|etc\.?)$", re.IGNORECASE)


def _check_author(value: str) -> str:
    if _NOT_AN_AUTHOR.search(value.strip()):
        raise ValueError("is not an author's name; list the first authors by name and set et_al: true for the rest")
    return value


Author = Annotated[str, Field(min_length=1), AfterValidator(_check_author)]

"""The contributors' field reference, generated from the front-matter schema.

`markdown()` renders one section per kind in `schema.KINDS` (and one per nested
mapping such as a phase's `resources` entries) with `templates/reference.md.j2`.
The same text sits in CONTRIBUTING.md between two markers and on the site's
Contribute page, so the documentation cannot drift from what the validator
accepts: `python -m curriculum reference --write` refreshes CONTRIBUTING.md.
"""

from __future__ import annotations

import inspect
import json
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import jinja2
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..read import field_types, schema
from ..repository import CONTRIBUTING, TEMPLATES

START = "<!-- reference:start -->"
END = "<!-- reference:end -->"

# Validators that give a plain `str` its meaning for a contributor.
_VALIDATED = {
    field_types._check_id: "id",
    field_types._check_url: "link",
    field_types._check_arxiv: "arXiv id",
    field_types._parse_weeks: "week range",
}
_PLURAL = {"id": "ids", "link": "links", "arXiv id": "arXiv ids", "mapping": "mappings", "choice": "choices", "week range": "week ranges"}

# Id fields the loader resolves against other content, by field name.
REFERENCES = {"skills": "skill", "must": "skill", "important": "skill", "nice": "skill",
              "topics": "topic", "papers": "paper", "builds_on": "paper", "paper": "paper", "projects": "project"}


@dataclass
class Row:
    name: str
    type: str
    required: str
    default: str
    description: str
    allowed: list[str]


@dataclass
class Section:
    kind: str
    title: str
    doc: str
    rows: list[Row]
    parts: list[Section] = field(default_factory=list)


@dataclass
class _Type:
    label: str
    allowed: list[str] = field(default_factory=list)
    model: type[BaseModel] | None = None
    is_list: bool = False


def _describe(annotation: Any, metadata: list[Any]) -> _Type:
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        flat: list[Any] = []
        for item in extra:
            flat += item.metadata if isinstance(item, FieldInfo) else [item]
        return _describe(base, [*flat, *metadata])
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(options) == 1:
            return _describe(options[0], metadata)
        return _Type(" or ".join(_describe(arg, []).label for arg in options))
    for item in metadata:
        func = getattr(item, "func", None)
        if func in _VALIDATED:
            return _Type(_VALIDATED[func])
    if origin is Literal:
        return _Type("choice", [str(value) for value in get_args(annotation)])
    if origin is list:
        inner = _describe(get_args(annotation)[0], [])
        return _Type(f"list of {_PLURAL.get(inner.label, inner.label)}", inner.allowed, inner.model, is_list=True)
    if annotation is field_types.WeekRange:
        return _Type("week range")
    if annotation is bool:
        return _Type("true or false")
    if annotation is int:
        low = next((m.ge for m in metadata if hasattr(m, "ge")), None)
        high = next((m.le for m in metadata if hasattr(m, "le")), None)
        if low is not None and high is not None:
            return _Type(f"integer, {low} to {high}")
        if low is not None:
            return _Type(f"integer, at least {low}")
        return _Type("integer")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _Type("mapping", model=annotation)
    if annotation is str:
        pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
        return _Type(f"text matching `{pattern}`" if pattern else "text")
    return _Type(getattr(annotation, "__name__", str(annotation)))


def _min_length(info: FieldInfo) -> int | None:
    return next((m.min_length for m in info.metadata if hasattr(m, "min_length")), None)


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return ""
    if info.default is None:
        return "not set"
    return f"`{json.dumps(info.default)}`"


def _doc(model: type[BaseModel]) -> str:
    own = model.__dict__.get("__doc__")
    return " ".join(inspect.cleandoc(own).split()) if own else ""


def _section(kind: str, model: type[BaseModel], title: str, prefix: str = "") -> Section:
    rows: list[Row] = []
    parts: list[Section] = []
    for name, info in model.model_fields.items():
        described = _describe(info.annotation, list(info.metadata))
        target = REFERENCES.get(name)
        if target and described.label in ("id", "list of ids"):
            described.label = described.label.replace("id", f"{target} id", 1)
        required = "no"
        if info.is_required():
            least = _min_length(info)
            required = f"yes, at least {least}" if described.is_list and least else "yes"
        rows.append(Row(name, described.label, required, _default(info), info.description or "", described.allowed))
        if described.model is not None:
            path = f"{prefix}{name}[]" if described.is_list else f"{prefix}{name}"
            heading = f"each entry of `{prefix}{name}`" if described.is_list else f"`{prefix}{name}`"
            parts.append(_section(kind, described.model, f"{title}: {heading}", path + "."))
    return Section(kind, title, _doc(model), rows, parts)


def sections() -> list[Section]:
    """One section per kind of front-matter, each with its nested mappings flattened after it."""
    result = []
    for kind, model in schema.KINDS.items():
        top = _section(kind, model, kind.capitalize())
        result.append(top)
        pending = list(top.parts)
        top.parts = []
        while pending:
            part = pending.pop(0)
            pending[0:0] = part.parts
            part.parts = []
            top.parts.append(part)
    return result


def _cell(value: Any) -> str:
    return " ".join(str(value).split()).replace("|", "\\|")


def markdown() -> str:
    """The field reference as Markdown (GitHub's and MkDocs' dialects alike)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["cell"] = _cell
    env.filters["code"] = lambda value: f"`{value}`"
    return env.get_template("reference.md.j2").render(sections=sections())


def splice(document: str, block: str) -> str:
    """`document` with the text between the reference markers replaced by `block`."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the markers {START} and {END} are missing or out of order")
    return document[: start + len(START)] + "\n" + block + document[end:]


def extract(document: str) -> str | None:
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        return None
    return document[start + len(START) : end].removeprefix("\n")


def committed(path: Path = CONTRIBUTING) -> str:
    """The field reference as CONTRIBUTING.md holds it, for the site's contribute page.

    The block there is `markdown()`'s output, committed, and a test keeps the two
    equal, so a build reads it rather than generating it again. Without the file
    or its markers, it is generated.
    """
    try:
        block = extract(path.read_text(encoding="utf-8"))
    except OSError:
        block = None
    return markdown() if block is None else block


def contributing_is_current(path: Path = CONTRIBUTING) -> bool:
    return extract(path.read_text(encoding="utf-8")) == markdown()


def write_contributing(path: Path = CONTRIBUTING) -> bool:
    """Refresh the reference in CONTRIBUTING.md; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    updated = splice(text, markdown())
    if updated == text:
        return False
    path.write_text(updated, encoding="utf-8")
    return True

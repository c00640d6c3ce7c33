"""Pydantic's errors for one file's front-matter, as problems a contributor can act on.

Each error becomes a Problem naming the file, the line of the field (from the
YAML node tree) and the field, with what would be valid: the closest field name
to a typo, the allowed values of a choice, the field's description when it is
missing. A misspelt field is reported once, where the typo is, not again as a
missing field.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from .problems import Problems, closest, did_you_mean, field_name
from .source import Source


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    """The model a field's values are validated with (inside list[...] or X | None), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def _walk(model: type[BaseModel], loc: tuple[Any, ...]) -> tuple[FieldInfo | None, type[BaseModel] | None]:
    """The field at `loc` (list indices skipped) and the model of its value; (None, None) off the model."""
    current: type[BaseModel] | None = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if current is not None else None
        if info is None:
            return None, None
        current = _inner_model(info.annotation)
    return info, current


def _fields_of(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names valid at `loc`."""
    inner = model if not loc else _walk(model, loc)[1]
    return list(inner.model_fields) if inner is not None else []


def _message(error: dict, model: type[BaseModel], kind: str, name: str) -> str:
    """What a contributor reads for one pydantic error, with what would be valid."""
    loc, value, type_ = tuple(error["loc"]), error.get("input"), error["type"]
    if type_ == "missing":
        info = _walk(model, loc)[0]
        described = f" ({info.description})" if info is not None and info.description else ""
        return f"is required for a {kind} but missing{described}"
    if type_ == "extra_forbidden":
        valid = _fields_of(model, loc[:-1])
        return f"is not a field of a {kind}.{did_you_mean(str(loc[-1]), valid)} Valid fields: {', '.join(valid)}"
    if type_ == "literal_error":
        choices = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        return f"{_describe(value)} is not allowed.{did_you_mean(str(value), choices)} Valid values: {', '.join(choices)}"
    if type_ == "too_short":
        least = error.get("ctx", {}).get("min_length", 1)
        got = len(value) if isinstance(value, list) else 0
        info = _walk(model, loc)[0]
        described = f" ({info.description})" if info is not None and info.description else ""
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}, got {got}{described}"
    if type_ in ("value_error", "assertion_error"):
        return f"{_describe(value)}: {error['msg'].removeprefix('Value error, ')}"
    if type_ == "string_pattern_mismatch" and "id" in name.split(".")[-1]:
        return f"{_describe(value)} is not a valid id; use lower-case letters, digits and hyphens"
    return f"{error['msg'].rstrip('.')}, got {_describe(value)}"


def validate_model(model: type[BaseModel], data: Any, source: Source, problems: Problems, kind: str, prefix: tuple = ()) -> Any:
    """`data` validated with `model`, or None with each pydantic error added to `problems`.

    `prefix` is where `data` sits in the file (a skill's entry sits under its id).
    """
    try:
        return model.model_validate(data)
    except ValidationError as err:
        errors = err.errors()
    # A misspelt field shows up twice: as unknown ('skils') and as missing
    # ('skills'). Say it once, where the typo is.
    misspelt = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            parent = tuple(error["loc"][:-1])
            match = closest(str(error["loc"][-1]), _fields_of(model, parent))
            if match is not None:
                misspelt.add(parent + (match,))
    for error in errors:
        if error["type"] == "missing" and tuple(error["loc"]) in misspelt:
            continue
        loc = prefix + tuple(error["loc"])
        if error["type"] == "missing":  # where it should be: its parent's line
            line = source.line(loc[:-1]) if loc[:-1] else 1
        else:
            line = source.line(loc)
        name = field_name(loc)
        problems.add(source.display, line, name, _message(error, model, kind, name))
    return None

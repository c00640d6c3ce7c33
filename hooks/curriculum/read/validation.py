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

from ..problems import Problems, closest, did_you_mean, field_name
from .field_types import id_problem, visible
from .source import Source


def _describe(value: Any) -> str:
    """A value as the contributor wrote it in YAML, cut short."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "nothing"}[value]
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


# What an entry of a nested list or mapping is called in messages, by its model.
_NOUNS = {
    "PathSkills": "path's skills", "NextPath": "next path", "ToolGroup": "tool group", "Resource": "resource",
    "Option": "track (an entry of options)", "Question": "question", "StartLink": "start_here link",
    "TitledLink": "link", "Milestone": "milestone", "WeekRange": "week range",
}


def _noun(model: type[BaseModel], loc: tuple[Any, ...], kind: str) -> str:
    """What holds the field at `loc`: the kind of file, or the nested entry it sits in."""
    inner = _walk(model, loc[:-1])[1] if len(loc) > 1 else None
    if inner is None:
        return kind
    return _NOUNS.get(inner.__name__, re.sub(r"(?<!^)(?=[A-Z])", " ", inner.__name__).lower())


def _article(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _example(info: FieldInfo | None) -> Any:
    """A valid value of a field, for a message: its first example, else its least allowed value."""
    if info is not None and info.examples:
        return info.examples[0]
    for rule in getattr(info, "metadata", ()) or ():
        least = getattr(rule, "ge", None)
        if least is not None:
            return least
    return 1


def _message(error: dict, model: type[BaseModel], kind: str, name: str) -> str:
    """What a contributor reads for one pydantic error, in our words, with what would be valid."""
    loc, value, type_ = tuple(error["loc"]), error.get("input"), error["type"]
    ctx = error.get("ctx", {})
    field = str(name.split(".")[-1]).split("[")[0] or name
    info = _walk(model, loc)[0]
    noun = _article(_noun(model, loc, kind))
    if type_ == "missing":
        described = f" ({info.description})" if info is not None and info.description else ""
        return f"is required for {noun} but missing{described}"
    if type_ == "extra_forbidden":
        valid = _fields_of(model, loc[:-1])
        return f"is not a field of {noun}.{did_you_mean(str(loc[-1]), valid)} Valid fields: {', '.join(valid)}"
    if type_ == "literal_error":
        choices = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return f"{_describe(value)} is not allowed.{did_you_mean(str(value), choices)} Valid values: {', '.join(choices)}"
    if type_ == "too_short":
        least = ctx.get("min_length", 1)
        got = len(value) if isinstance(value, list) else 0
        described = f" ({info.description})" if info is not None and info.description else ""
        return f"needs at least {least} {'entry' if least == 1 else 'entries'}, got {got}{described}"
    if type_ in ("value_error", "assertion_error"):
        return f"{_describe(value)}: {error['msg'].removeprefix('Value error, ')}"
    if type_ == "string_pattern_mismatch" and "id" in field:
        return f"{_describe(visible(value) if isinstance(value, str) else value)} is not a valid id; {id_problem(str(value))}"
    if type_ == "string_pattern_mismatch":
        described = info.description.rstrip(".") if info is not None and info.description else f"match {ctx.get('pattern')}"
        return f"must be {described}, got {_describe(value)}"
    if type_ in ("int_type", "int_parsing", "int_from_float"):
        hint = f"; write it without quotes: {field}: {value.strip()}" if isinstance(value, str) and value.strip().isdigit() else ""
        return f"must be a whole number such as {_example(info)}, got {_describe(value)}{hint}"
    if type_ in ("bool_type", "bool_parsing"):
        return f"must be true or false, got {_describe(value)}"
    if type_ in ("string_type", "string_too_short"):
        if value is None or value == "":
            return "is empty; give it a value, or leave the field out if it is optional"
        return f"must be text, got {_describe(value)}; put it in quotes: {field}: \"{value}\""
    if type_ == "list_type":
        shown = value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else "a, b"
        return f"must be a list such as {field}: [{shown}], got {_describe(value)}"
    if type_ in ("dict_type", "model_type", "model_attributes_type"):
        return f"must be a mapping of fields ('name: value'), got {_describe(value)}"
    if type_ in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}, got {_describe(value)}"
    if type_ in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}, got {_describe(value)}"
    if type_ == "string_too_long":
        return f"is too long: at most {ctx.get('max_length')} characters"
    # Anything else: pydantic's sentence, turned into ours.
    return f"{error['msg'].rstrip('.').replace('Input should be', 'must be')}, got {_describe(value)}"


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

"""Reading one content file: bytes -> text -> front-matter mapping + body, with line numbers.

MkDocs parses front-matter too, but silently drops YAML it cannot read, so we
read it ourselves. python-frontmatter finds the block; PyYAML's node tree gives
the line of every key, so a problem can point at the line to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar

import frontmatter
import yaml

from ..problems import Problems


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader, keeping dates as text: `date: 2024-03-01` stays a string."""

    yaml_implicit_resolvers: ClassVar[dict] = {
        key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


# libyaml, PyYAML's C parser (MkDocs reads front-matter with it too), where it is
# installed. Its error messages are terser, so a file it refuses is read again by
# _Loader for the message. Text with a tab goes to _Loader directly: libyaml
# accepts some tabs that PyYAML refuses, and we keep refusing them.
if hasattr(yaml, "CSafeLoader"):

    class _CLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers

else:
    _CLoader = _Loader

_YAML = frontmatter.YAMLHandler()


def _compose_load(text: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data, from one parse."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (None if node is None else loader.construct_document(node))
    finally:
        loader.dispose()


@dataclass
class Source:
    """One content file, read and split. `rel` is relative to the content folder."""

    rel: str
    display: str  # the path shown in messages, e.g. content/papers/bert.md
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the body's first line in the file
    node: yaml.Node | None = None  # composed front-matter, for line look-ups
    ok: bool = True

    def line(self, loc: tuple[Any, ...] = ()) -> int:
        """The line of the value at `loc` (keys and list indices) in the front-matter.

        A key given twice is found where it is given last: YAML keeps that value."""
        node = self.node
        if node is None:
            return 0
        best = node.start_mark.line + 1
        for key in loc:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == key:
                        best = key_node.start_mark.line + 1
                        child = value_node
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                child = node.value[key]
                best = child.start_mark.line + 1
            if child is None:
                break
            node = child
        return best


def decode(raw: bytes, display: str, problems: Problems) -> str | None:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.add(display, line, "", f"the file is not valid UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}); save it as UTF-8")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _duplicate_keys(node: yaml.Node, source: Source, problems: Problems, path: str = "") -> None:
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 1
            name = f"{path}.{key}" if path else key
            if key in seen:
                problems.add(source.display, line, name, f"is given twice (first on line {seen[key]}); keep one")
            else:
                seen[key] = line
            _duplicate_keys(value_node, source, problems, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _duplicate_keys(child, source, problems, f"{path}[{index}]")


# Limits on what YAML in content may be. Real front-matter is a few KB, flat,
# and never needs anchors; these refuse hostile or broken files before YAML
# builds anything from them: an alias "billion laughs" bomb (a few lines that
# expand to billions of values), a 5 MB title, brackets nested thousands deep
# (which overflow the parser's recursion and crash the build).
MAX_YAML_BYTES = 256 * 1024
MAX_YAML_DEPTH = 32
MAX_FILE_BYTES = 2 * 1024 * 1024
_EVENT_LOADERS = tuple(dict.fromkeys((_CLoader, _Loader)))


def yaml_hazard(text: str) -> tuple[int, str] | None:
    """(0-based line, message) for YAML that is refused before it is built, or None.

    Reads the event stream only, which neither recurses nor expands aliases.
    Text that does not parse is left to the normal parse, which explains the error.
    """
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_YAML_BYTES:
        return 0, (f"the YAML is {size // 1024} KiB; it may be at most {MAX_YAML_BYTES // 1024} KiB. "
                   "Front-matter holds short fields: move long text into the page body")
    for loader in _EVENT_LOADERS:
        depth = 0
        try:
            for event in yaml.parse(text, Loader=loader):
                if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                    return event.start_mark.line, ("YAML anchors and aliases (&name, *name, <<: *name) are not allowed; "
                                                   "write each value out in full")
                if getattr(event, "tag", None) and isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
                    tag = event.tag.replace("tag:yaml.org,2002:", "!!")[:40]
                    return event.start_mark.line, (f"YAML tags such as '{tag}' are not allowed; "
                                                   "write a plain value (text, number, true/false, list or mapping)")
                if isinstance(event, yaml.CollectionStartEvent):
                    depth += 1
                    if depth > MAX_YAML_DEPTH:
                        return event.start_mark.line, f"the values are nested more than {MAX_YAML_DEPTH} levels deep; front-matter is flat lists and mappings"
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth -= 1
            return None
        except yaml.YAMLError:
            continue  # libyaml refuses some text PyYAML reads (and the reverse): try the other
    return None


# Python refuses to read an integer of more than this many digits (sys.int_info).
_LONG_NUMBER = re.compile(r"\d{4301,}")


def _open_quote(text: str, before: int) -> yaml.Mark | None:
    """Where a quoted value that runs over several lines starts, when one ends before
    line `before` (0-based): a quote left open swallows the next lines, and YAML only
    notices at the first line that no longer fits, after the mistake."""
    found = None
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if token.start_mark.line > before:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') and token.end_mark.line > token.start_mark.line:
                found = token.start_mark
    except yaml.YAMLError:
        pass
    return found


# PyYAML's words for the common mistakes, and ours: (words in its message, what we say).
_YAML_MISTAKES = (
    ("found unexpected end of stream", "a quote opened here is never closed"),
    ("found character '\\t' that cannot start any token", "a tab; indent with spaces only"),
    ("mapping values are not allowed here",
     ("a ':' where no field can start: this line is indented differently from the fields around it, or holds a value with ': ' "
      "that needs quotes")),
    ("expected <block end>, but found '<block mapping start>'", "this line is indented more than the field above it; line it up with the other fields"),
    ("expected <block end>, but found", "this line does not fit the indentation of the lines above it"),
    ("expected ',' or ']'", "a '[' list opened here is not closed with ']'"),
    ("expected ',' or '}'", "a '{' mapping opened here is not closed with '}'"),
    ("could not find expected ':'", "a line that is not 'field: value'"),
)


def _yaml_error(err: yaml.YAMLError, text: str) -> tuple[int, str]:
    """(line, what is wrong) for a YAML error: the line of the mistake, which is not
    always where YAML noticed it."""
    if isinstance(err, yaml.reader.ReaderError):  # a control character: it has an offset, not a mark
        return text.count("\n", 0, err.position) + 1, str(err).splitlines()[0]
    problem_mark = getattr(err, "problem_mark", None)
    context_mark = getattr(err, "context_mark", None)
    context = getattr(err, "context", None) or ""
    what = getattr(err, "problem", None) or str(err).splitlines()[0]
    detail = f"{context}, {what}" if context else what
    detail = next((ours for words, ours in _YAML_MISTAKES if words in detail), detail)
    # An unclosed quote, bracket or brace: the line to fix is where it opened. Any
    # other error (a bad indent, a stray colon) is on the line YAML stopped at.
    opened = context.startswith(("while scanning a quoted", "while scanning a double-quoted", "while parsing a flow"))
    mark = context_mark if opened and context_mark is not None else (problem_mark or context_mark)
    if not opened and problem_mark is not None:
        quote = _open_quote(text, problem_mark.line)
        if quote is not None and quote.line < problem_mark.line:
            mark = quote
            detail = (f"the quoted value that starts on line {quote.line + 1} runs on over the next lines, "
                      "so a quote is probably not closed")
    line = mark.line + 1 if mark else 1
    if problem_mark is not None and problem_mark.line + 1 != line:
        detail += f" (noticed on line {problem_mark.line + 1})"
    return line, detail


def parse_yaml(text: str, source: Source, problems: Problems) -> Any:
    """Load YAML text that starts on the first line of its file; report errors with file lines."""
    try:
        hazard = yaml_hazard(text)
        if hazard is not None:
            problems.add(source.display, hazard[0] + 1, "", hazard[1])
            source.ok = False
            return None
        try:
            source.node, data = _compose_load(text, _Loader if "\t" in text else _CLoader)
        except (yaml.YAMLError, UnicodeError):
            source.node, data = _compose_load(text, _Loader)
    except yaml.YAMLError as err:
        line, detail = _yaml_error(err, text)
        problems.add(source.display, line, "", f"the YAML cannot be read: {detail}. Check indentation, quotes, brackets and colons")
        source.ok = False
        return None
    except (ValueError, OverflowError, RecursionError) as err:
        # Not YAML errors but limits of Python, such as an integer of 5000 digits.
        digits = _LONG_NUMBER.search(text) if "digits" in str(err) else None
        line = text.count("\n", 0, digits.start()) + 1 if digits else 1
        why = "a number has too many digits" if "digits" in str(err) else str(err)[:200]
        problems.add(source.display, line, "", f"the YAML cannot be read: {why}")
        source.ok = False
        return None
    _duplicate_keys(source.node, source, problems)
    return data


def read_markdown(rel: str, display: str, raw: bytes, problems: Problems, *, require_front_matter: bool) -> Source:
    source = Source(rel=rel, display=display)
    if len(raw) > MAX_FILE_BYTES:
        problems.add(display, None, "", f"the file is {len(raw) // 1024} KiB; a content file may be at most {MAX_FILE_BYTES // 1024} KiB. Split it into pages")
        source.ok = False
        return source
    text = decode(raw, display, problems)
    if text is None:
        source.ok = False
        return source
    if not text.strip():
        problems.add(display, None, "", "the file is empty; it needs a front-matter block between '---' lines")
        source.ok = False
        return source
    if not _YAML.detect(text):
        source.body = text
        if require_front_matter:
            problems.add(display, 1, "", "the file has no front-matter; start it with a '---' line, the fields, and another '---' line")
            source.ok = False
        return source
    try:
        fm_text, body = _YAML.split(text)
    except ValueError:
        problems.add(display, 1, "", "the front-matter is not closed; add a '---' line after the fields")
        source.ok = False
        return source
    # python-frontmatter keeps the newline that ends the opening '---', so the
    # block's text starts on line 1 of the file and its lines match the file's.
    source.body = body
    source.body_line = text[: len(text) - len(body)].count("\n") + 1 if body else text.count("\n") + 1
    data = parse_yaml(fm_text, source, problems)
    if not source.ok:
        return source
    if data is None:
        data = {}
    if not isinstance(data, dict):
        problems.add(display, source.line(), "", f"the front-matter must be a mapping of fields ('title: ...'), not a {type(data).__name__}")
        source.ok = False
        return source
    source.meta = data
    return source

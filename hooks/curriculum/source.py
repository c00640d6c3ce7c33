"""Reading one content file: bytes -> text -> front-matter mapping + body, with line numbers.

MkDocs parses front-matter too, but silently drops YAML it cannot read, so we
read it ourselves. python-frontmatter finds the block; PyYAML's node tree gives
the line of every key, so a problem can point at the line to fix.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import frontmatter
import yaml

from .problems import Problems


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text: `date: 2024-03-01` stays a string."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_YAML = frontmatter.YAMLHandler()


@dataclass
class Source:
    """One content file, read and split. `rel` is relative to the content folder."""

    rel: str
    display: str  # the path shown in messages, e.g. content/papers/bert.md
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line number of the body's first line in the file
    node: yaml.Node | None = None  # composed front-matter, for line look-ups
    fm_line: int = 1  # line number of the front-matter's first line
    ok: bool = True

    def line(self, loc: tuple[Any, ...] = ()) -> int:
        """The line of the value at `loc` (keys and list indices) in the front-matter."""
        node, line = self.node, self.fm_line - 1
        if node is None:
            return line
        best = node.start_mark.line + self.fm_line
        for key in loc:
            child = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if key_node.value == key:
                        best = key_node.start_mark.line + self.fm_line
                        child = value_node
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                child = node.value[key]
                best = child.start_mark.line + self.fm_line
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
            line = key_node.start_mark.line + source.fm_line
            name = f"{path}.{key}" if path else key
            if key in seen:
                problems.add(source.display, line, name, f"is given twice (first on line {seen[key]}); keep one")
            else:
                seen[key] = line
            _duplicate_keys(value_node, source, problems, name)
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _duplicate_keys(child, source, problems, f"{path}[{index}]")


def parse_yaml(text: str, source: Source, problems: Problems) -> Any:
    """Load YAML text whose first line is `source.fm_line`; report errors with file lines."""
    try:
        source.node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as err:
        # The context mark is where the broken construct opened (an unclosed '[' or
        # quote), usually the line to fix; the problem mark is where YAML noticed.
        problem_mark = getattr(err, "problem_mark", None)
        mark = getattr(err, "context_mark", None) or problem_mark
        line = mark.line + source.fm_line if mark else source.fm_line
        what = getattr(err, "problem", None) or str(err).splitlines()[0]
        context = getattr(err, "context", None)
        detail = f"{context}, {what}" if context else what
        if problem_mark is not None and problem_mark.line + source.fm_line != line:
            detail += f" (noticed on line {problem_mark.line + source.fm_line})"
        problems.add(source.display, line, "", f"the YAML cannot be read: {detail}. Check indentation, quotes, brackets and colons")
        source.ok = False
        return None
    if source.node is not None:
        _duplicate_keys(source.node, source, problems)
    return data


def read_markdown(rel: str, display: str, raw: bytes, problems: Problems, *, require_front_matter: bool) -> Source:
    source = Source(rel=rel, display=display)
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
    source.fm_line = 1
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

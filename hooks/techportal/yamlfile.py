"""Read one YAML (or front-matter) file into plain data, keeping where each value came from.

The contributor never sees a parser traceback: every way a file can be unreadable becomes a
`Problem` in plain words, with the line and column the parser reported.
"""

from __future__ import annotations

import gc
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problems

try:  # libyaml is ten times faster and ships in PyYAML's wheels
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - only on a PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 256 * 1024  # a generous profile is 5 KB; anything this big is a mistake or an attack
MAX_NODES = 20_000  # bounds the work one file can cause, aliases or not
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"

Location = tuple[int, int]  # 1-based line, column


@dataclass
class Located:
    """Parsed data plus the source position of every mapping key and value, by field path.

    Positions are kept as the parser's marks and turned into line/column only when a problem is
    reported: most files have none, and at 40,000 profiles the conversion is measurable.
    """

    data: Any
    marks: dict[tuple, Any] = field(default_factory=dict)
    line_offset: int = 0

    def where(self, path: tuple) -> Location:
        """Closest known position for a field path: the field itself, else its nearest parent."""
        path = tuple(path)
        while path and path not in self.marks:
            path = path[:-1]
        mark = self.marks.get(path)
        return (mark.line + 1 + self.line_offset, mark.column + 1) if mark else (1, 1)


def read_text(path: Path, rel: str, problems: Problems) -> str | None:
    """Bytes → text, refusing what a web editor would show garbled or what is too big to be real."""
    try:
        if path.is_symlink():
            problems.add(rel, "is a symbolic link; add the file itself instead")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(rel, f"cannot be read ({exc.strerror})")
        return None
    if len(raw) > MAX_BYTES:
        problems.add(rel, f"is {len(raw):,} bytes; the most allowed is {MAX_BYTES:,} bytes")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.add(rel, "starts with a byte-order mark (BOM); save it as UTF-8 without BOM", line=1, column=1)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add(
            rel,
            "is not UTF-8 text; save it with UTF-8 encoding (byte "
            f"0x{raw[exc.start]:02x} cannot be read)",
            line=line,
            column=column,
        )
        return None
    if not text.strip():
        problems.add(rel, "is empty; it needs at least the required fields")
        return None
    return text


_TAB_INDENT = re.compile(r"^ *\t", re.MULTILINE)


def parse_yaml(text: str, rel: str, problems: Problems, *, line_offset: int = 0) -> Located | None:
    """YAML text → `Located`, or None after recording why it could not be read."""
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1 + line_offset
        problems.add(rel, "is indented with a tab; YAML needs spaces for indentation", line=line, column=1)
        return None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (0, 0)
        problems.add(rel, f"is not valid YAML: {_plain_yaml_error(exc)}", line=line, column=column)
        return None
    except yaml.YAMLError as exc:
        problems.add(rel, f"is not valid YAML: {exc}")
        return None
    if node is None:
        problems.add(rel, "is empty; it needs at least the required fields")
        return None
    located = Located(data=None, line_offset=line_offset)
    walker = _Walker(rel, problems, located)
    try:
        located.data = walker.build(node, ())
    except _Refused:
        return None
    return located


def parse_files(root: str, rels: list[str]) -> list[tuple[str, object, list]]:
    """Read and parse files in a worker process: (rel, plain data or None, problems) per file.

    Lives here, not in the loader, so that a worker imports only PyYAML, not pydantic and the models.
    """
    gc.disable()  # a short-lived process making many small objects and no cycles: see build.prepare
    out = []
    for rel in rels:
        problems = Problems()
        text = read_text(Path(root) / rel, rel, problems)
        ok, data = parse_data(text, rel, problems) if text is not None else (False, None)
        out.append((rel, data if ok else None, problems.items))
    return out


def parse_data(text: str, rel: str, problems: Problems) -> tuple[bool, Any]:
    """YAML text → (True, plain data) without positions, or (False, None) after recording why not.

    For worker processes, whose results are validated elsewhere (a file that fails validation is
    read again with positions). A file with no `&` has no anchors, hence no aliases: such files,
    most of them, skip the bookkeeping that positions and alias detection cost. Every other file,
    and every file this quick pass refuses, goes through `parse_yaml`, so the problems reported
    are exactly the ones `parse_yaml` reports.
    """
    if "&" not in text and not _TAB_INDENT.search(text):
        try:
            node = yaml.compose(text, Loader=_Loader)
            if node is not None:
                return True, _Plain().build(node)
        except (yaml.YAMLError, _Refused):
            pass
    located = parse_yaml(text, rel, problems)
    return (False, None) if located is None else (True, located.data)


class _Plain:
    """`_Walker.build` without positions, for a node tree with no aliases. Raises _Refused for
    anything `_Walker` would refuse or treat specially, so that `parse_yaml` deals with it."""

    def __init__(self) -> None:
        self.constructor = _Loader("")
        self.nodes = 0

    def build(self, node) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _Refused
        kind = node.__class__
        if kind is yaml.ScalarNode and node.tag == _STR:
            return node.value
        if kind is yaml.MappingNode:
            result: dict = {}
            for key_node, value_node in node.value:
                if key_node.__class__ is not yaml.ScalarNode or key_node.tag == _MERGE or key_node.value in result:
                    raise _Refused
                result[key_node.value] = self.build(value_node)
            return result
        if kind is yaml.SequenceNode:
            return [self.build(item) for item in node.value]
        try:
            return self.constructor.construct_object(node, deep=True)
        except (yaml.constructor.ConstructorError, ValueError):
            raise _Refused from None


class _Refused(Exception):
    pass


class _Walker:
    """Builds Python data from a node tree, recording positions, refusing aliases and duplicates."""

    def __init__(self, rel: str, problems: Problems, located: Located):
        self.rel, self.problems, self.located = rel, problems, located
        self.marks = located.marks
        self.seen: set[int] = set()
        self.constructor = _Loader("")  # only its scalar constructors are used

    def _refuse(self, node, message: str, path: tuple) -> None:
        line, column = node.start_mark.line + 1 + self.located.line_offset, node.start_mark.column + 1
        self.problems.add(self.rel, message, line=line, column=column, field=_dotted(path))
        raise _Refused

    def build(self, node, path: tuple) -> Any:
        if id(node) in self.seen:
            # An alias shares the anchored node and its position; point at where it is used instead.
            line, column = self.located.where(path)
            self.problems.add(self.rel, "uses a YAML alias (*name); write the value out in full instead",
                              line=line, column=column, field=_dotted(path))
            raise _Refused
        self.seen.add(id(node))
        if len(self.seen) > MAX_NODES:
            self._refuse(node, f"has more than {MAX_NODES:,} values; split it or shorten it", path)
        if path not in self.marks:
            self.marks[path] = node.start_mark
        if node.tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value  # most values are plain text: skip the generic constructor
        if isinstance(node, yaml.MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self._refuse(key_node, "has a field name that is not plain text", path)
                if key_node.tag == _MERGE:
                    self._refuse(key_node, "uses a YAML merge key (<<); write the fields out in full", path)
                key = key_node.value
                if key in result:
                    self._refuse(key_node, f"repeats the field `{key}`; keep only one", path + (key,))
                child = path + (key,)
                self.marks[child] = key_node.start_mark
                result[key] = self.build(value_node, child)
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self._refuse(node, f"has a value that cannot be read: {exc.problem}", path)
        except ValueError:  # e.g. 2024-02-30 looks like a date but is none: let the model say so
            return node.value


def _dotted(path: tuple) -> str:
    """("registrations", 0, "year") → "registrations[1].year": items counted from 1, as people do."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def field_path(dotted: str) -> tuple:
    """The inverse of `_dotted`: "registrations[1].year" → ("registrations", 0, "year")."""
    path: list = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", dotted):
        path.append(int(index) - 1 if index else name)
    return tuple(path)


def _plain_yaml_error(exc: yaml.MarkedYAMLError) -> str:
    problem = (exc.problem or "").strip()
    context = (exc.context or "").strip()
    if "mapping values are not allowed" in problem:
        return "a colon (:) inside a value; put the whole value in quotes"
    if "could not find expected ':'" in problem:
        return "a line that is not `field: value`; check the colon and the indentation"
    if "found character '\\t'" in problem:
        return "a tab character; use spaces"
    if "did not find expected key" in problem:
        return "the indentation does not line up with the field above"
    if "found undefined alias" in problem or "found unhashable key" in problem:
        return problem
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return "a quote or bracket that is never closed"
    return f"{problem} {('(' + context + ')') if context else ''}".strip()


FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(\r?\n|\Z)", re.DOTALL)


def split_front_matter(text: str, rel: str, problems: Problems) -> tuple[Located | None, str, int]:
    """A Markdown file → (front matter, body, line number where the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        problems.add(rel, "has no front matter; start the file with a `---` line, the fields, then `---`", line=1)
        return None, text, 1
    meta = parse_yaml(match.group(1) or "", rel, problems, line_offset=1)
    body_start = text.count("\n", 0, match.end()) + 1
    return meta, text[match.end():], body_start

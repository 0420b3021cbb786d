"""Walk the content folders, read every file, validate it, and report every problem at once.

Layout (the folder names are the identifiers, so nobody types a slug twice):

    institutions/<institution>.yml
    plans/<institution>/<plan>.yml
    profiles/<institution>/<person>/profile.yml   (+ the photo, in the same folder)
    stories/<story>.md                            (front matter + Markdown)
    awards/<institution>.yml
"""

from __future__ import annotations

import difflib
import multiprocessing
import os
import re
import site
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, Iterator, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problems
from .models import AwardList, Institution, Plan, Profile, StoryMeta
from .models.common import SLUG_PATTERN
from .yamlfile import Located, _dotted, parse_files, parse_yaml, read_text, split_front_matter

M = TypeVar("M", bound=BaseModel)
_SLUG = re.compile(SLUG_PATTERN)


@dataclass
class Record(Generic[M]):
    """A validated file: its model, where it lives, and the names its path gives it."""

    model: M
    path: str  # relative to the data root, forward slashes
    slug: str
    institution: str | None = None
    folder_path: str | None = None  # the folder the file is in (a string: Path objects cost at 40,000 files)
    body: str = ""  # Markdown body, for stories
    body_line: int = 0

    @property
    def folder(self) -> Path | None:
        return Path(self.folder_path) if self.folder_path is not None else None

    @property
    def key(self) -> str:
        return f"{self.institution}/{self.slug}" if self.institution else self.slug


@dataclass
class Content:
    institutions: dict[str, Record[Institution]] = field(default_factory=dict)
    plans: list[Record[Plan]] = field(default_factory=list)
    profiles: dict[str, Record[Profile]] = field(default_factory=dict)  # key: institution/person
    stories: dict[str, Record[StoryMeta]] = field(default_factory=dict)
    awards: list[Record[AwardList]] = field(default_factory=list)


class ProfileCache:
    """Valid profiles kept from one load to the next (a live preview rebuilds after every edit):
    a profile file whose size and modification time are unchanged is not read again.

    Only files that were valid are kept, and each load still checks every file's signature, walks
    the folders and re-resolves every reference, so a preview reports what a build would.
    """

    def __init__(self) -> None:
        self._root: Path | None = None
        self._kept: dict[str, tuple[Signature, Record[Profile]]] = {}
        self._seen: dict[str, Signature | None] = {}

    def unchanged(self, root: Path, rels: list[str]) -> dict[str, Record[Profile]]:
        """The kept records of the files in `rels` that did not change; forgets every other file."""
        if root != self._root:
            self._root, self._kept = root, {}
        prefix = str(root) + os.sep
        self._seen = {rel: file_signature(prefix + rel) for rel in rels}
        self._kept = {rel: kept for rel, kept in self._kept.items() if kept[0] == self._seen.get(rel)}
        return {rel: kept[1] for rel, kept in self._kept.items()}

    def keep(self, rel: str, record: Record[Profile]) -> None:
        if (signature := self._seen.get(rel)) is not None:
            self._kept[rel] = (signature, record)


Signature = tuple[int, int]  # (mtime in ns, size) of one file


def file_signature(path: str | os.PathLike) -> Signature | None:
    """(mtime in ns, size) of a file, or None if it is missing: how a preview tells an edit."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def load_content(root: Path, *, parallel_from: int | None = None,
                 cache: ProfileCache | None = None) -> tuple[Content, Problems]:
    """Read everything under `root`; the problems list is empty only if every file is valid.

    With a `cache`, profile files unchanged since the last load with it are not read again."""
    problems = Problems()
    content = Content()
    loader = _Loader(root, problems, PARALLEL_FROM if parallel_from is None else parallel_from)

    profile_files = loader.profile_files()
    kept = cache.unchanged(root, profile_files) if cache is not None else {}
    # starts the worker processes, if any, now
    parsed_profiles = loader.parse_all([rel for rel in profile_files if rel not in kept])
    for path in loader.files("institutions", "*.yml"):
        record = loader.yaml_record(path, Institution, slug=path.stem)
        if record:
            content.institutions[record.slug] = record

    for path in loader.files("plans", "*/*.yml"):
        record = loader.yaml_record(path, Plan, slug=path.stem, institution=path.parent.name)
        if record:
            content.plans.append(record)

    for rel in profile_files:  # in path order, kept or not, so that reports do not depend on the cache
        record = kept.get(rel)
        if record is None:
            _, parsed = next(parsed_profiles)  # the files not kept, in the same order
            _, institution, slug, _ = rel.split("/")
            record = loader.yaml_record(rel, Profile, slug=slug, institution=institution, parsed=parsed)
            if record and cache is not None:
                cache.keep(rel, record)
        if record:
            content.profiles[record.key] = record
    for _ in parsed_profiles:  # nothing is left: this lets the worker processes, if any, shut down
        pass

    for path in loader.files("stories", "*.md"):
        record = loader.story_record(path)
        if record:
            content.stories[record.slug] = record

    for path in loader.files("awards", "*.yml"):
        record = loader.yaml_record(path, AwardList, slug=path.stem, institution=path.stem)
        if record:
            content.awards.append(record)

    return content, problems


def load_file(root: Path, rel: str, model: type[M], problems: Problems) -> M | None:
    """One YAML file outside the usual folders (e.g. glossary.yml), read and validated with the
    same checks and messages as every other file; None if it is missing or has problems."""
    path = root / rel
    if not path.exists():
        return None
    loader = _Loader(root, problems)
    located = loader.parse(path, rel)
    return loader.validate(located, model, rel, path) if located is not None else None


class _Loader:
    def __init__(self, root: Path, problems: Problems, parallel_from: int = 10**9):
        self.root = root
        self.problems = problems
        self.parallel_from = parallel_from
        self._prefix = str(root) + os.sep

    def rel(self, path: Path) -> str:
        text = str(path)  # cheaper than Path.relative_to, called once or twice per file
        if text.startswith(self._prefix):
            return text[len(self._prefix):].replace(os.sep, "/")
        return path.relative_to(self.root).as_posix()

    def files(self, folder: str, pattern: str) -> list[Path]:
        base = self.root / folder
        if not base.is_dir():
            return []
        found = sorted(base.glob(pattern))
        if pattern.endswith(".yml"):  # a .yaml file would otherwise be skipped without a word
            for path in sorted(base.glob(pattern.removesuffix(".yml") + ".yaml")):
                self.problems.add(self.rel(path), "has the extension .yaml; rename it to end in .yml")
        return [p for p in found if p.is_file() or p.is_symlink()]

    def _check_slugs(self, path: Path | str, *names: str | None) -> bool:
        ok = True
        for name in names:
            if name is not None and not _SLUG.match(name):
                self.problems.add(
                    path if isinstance(path, str) else self.rel(path),
                    f"the name `{name}` in this path must be lower-case letters, digits and single hyphens "
                    f"(e.g. `{_slugify(name) or 'jane-doe'}`)",
                )
                ok = False
        return ok

    def parse_all(self, rels: list[str]) -> Iterator[tuple[str, "Located | object | None"]]:
        """(rel, parsed) per file: parsed is None (parse here) or data parsed in a worker process.

        Parsing YAML is most of the cost of loading 40,000 profiles, and MkDocs leaves the second
        core idle while it runs, so large sets are parsed in two worker processes, started as soon
        as this is called. Workers return plain data only; positions are recovered for the rare
        file that fails validation.
        """
        if len(rels) < self.parallel_from:
            return iter([(rel, None) for rel in rels])
        chunks = [rels[i: i + 500] for i in range(0, len(rels), 500)]
        context = multiprocessing.get_context("spawn")  # never fork a process that may run threads
        # Workers must find this package even when it is not installed (MkDocs puts the hooks
        # folder on sys.path only while loading the hook file).
        package_parent = str(Path(__file__).resolve().parent.parent)
        pool = ProcessPoolExecutor(max_workers=2, mp_context=context, initializer=site.addsitedir,
                                   initargs=(package_parent,))
        futures = [pool.submit(parse_files, str(self.root), chunk) for chunk in chunks]

        def results():
            with pool:
                for future in futures:
                    for rel, data, problems in future.result():
                        self.problems.items.extend(problems)
                        yield rel, (_UNREADABLE if data is None else Located(data))

        return results()

    def yaml_record(self, path: Path | str, model: type[M], *, slug: str, institution: str | None = None,
                    parsed: "Located | object | None" = None):
        """`path` is a Path, or a path relative to the root (the cheap form, for profiles)."""
        rel = path if isinstance(path, str) else self.rel(path)
        full = self._prefix + rel if isinstance(path, str) else str(path)
        if not self._check_slugs(rel, slug, institution):
            return None
        located = self.parse(Path(full), rel) if parsed is None else parsed
        if located is _UNREADABLE or located is None:
            return None
        instance = self.validate(located, model, rel, Path(full))
        if instance is None:
            return None
        return Record(instance, rel, slug, institution, os.path.dirname(full))

    def parse(self, path: Path, rel: str) -> Located | None:
        text = read_text(path, rel, self.problems)
        return parse_yaml(text, rel, self.problems) if text is not None else None

    def story_record(self, path: Path):
        rel = self.rel(path)
        if not self._check_slugs(path, path.stem):
            return None
        text = read_text(path, rel, self.problems)
        if text is None:
            return None
        located, body, body_line = split_front_matter(text, rel, self.problems)
        if located is None:
            return None
        meta = self.validate(located, StoryMeta, rel)
        if meta is None:
            return None
        if not body.strip():
            self.problems.add(rel, "has no story text after the front matter", line=body_line)
            return None
        return Record(meta, rel, path.stem, meta.institution, str(path.parent), body, body_line)

    def validate(self, located: Located, model: type[M], rel: str, path: Path | None = None) -> M | None:
        if not isinstance(located.data, dict):
            line, column = located.where(())
            self.problems.add(
                rel,
                "must be a set of `field: value` lines, not "
                + ("a list" if isinstance(located.data, list) else "a single value"),
                line=line,
                column=column,
            )
            return None
        try:
            return model.model_validate(located.data)
        except ValidationError as exc:
            if not located.marks and path is not None:  # parsed in a worker: read again for positions
                located = parse_yaml(read_text(path, rel, Problems()) or "", rel, Problems()) or located
            for error in exc.errors(include_url=False):
                loc = tuple(error["loc"])
                line, column = located.where(loc)
                self.problems.add(rel, explain(error, model), line=line, column=column, field=_dotted(loc))
            return None

    def profile_files(self) -> list[str]:
        """profiles/<institution>/<person>/profile.yml, sorted, in one walk of the folder (pathlib's
        glob and Path sorting cost seconds at 40,000 profiles). Any other YAML file under profiles/
        is reported: it would otherwise be ignored without a word."""
        base = self.root / "profiles"
        if not base.is_dir():
            return []
        found: list[str] = []

        def misplaced(rel: str, institution: str | None) -> None:
            if rel.endswith((".yml", ".yaml")):
                person = _slugify(rel.rsplit("/", 1)[-1].rsplit(".", 1)[0])
                inside = "" if institution else " inside their institution's folder"
                self.problems.add(rel, f"profiles live in a folder of their own{inside}: move this file to "
                                       f"profiles/{institution or '<institution>'}/{person}/profile.yml")

        for inst in _sorted_entries(base):
            if not inst.is_dir():
                misplaced(f"profiles/{inst.name}", None)
                continue
            for person in _sorted_entries(inst.path):
                folder = f"profiles/{inst.name}/{person.name}"
                if not person.is_dir():
                    misplaced(folder, inst.name)
                    continue
                for entry in _sorted_entries(person.path):
                    if entry.name == "profile.yml":
                        if entry.is_file() or entry.is_symlink():
                            found.append(f"{folder}/profile.yml")
                    elif entry.name == "profile.yaml":
                        self.problems.add(f"{folder}/{entry.name}", "has the extension .yaml; rename it to profile.yml")
                    elif entry.name.endswith((".yml", ".yaml")):
                        self.problems.add(f"{folder}/{entry.name}", "a profile file must be named profile.yml")
        return found


def _sorted_entries(folder) -> list[os.DirEntry]:
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: e.name)


PARALLEL_FROM = 2000  # below this, starting worker processes costs more than it saves
_UNREADABLE = object()


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the (nested) model that `loc` points into, for "did you mean" hints."""
    current: type[BaseModel] | None = model
    for part in loc[:-1]:
        if current is None or isinstance(part, int):
            continue
        info = current.model_fields.get(str(part))
        current = _inner_model(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _inner_model(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found:
            return found
    return None


def explain(error: dict, model: type[BaseModel]) -> str:
    """One pydantic error → 'what is wrong — what is allowed', in a contributor's words."""
    kind = error["type"]
    loc = tuple(error["loc"])
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind == "missing":
        return "is required but missing — add it"
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = _fields_at(model, loc)
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        hint = f"did you mean `{close[0]}`?" if close else "allowed here: " + ", ".join(f"`{k}`" for k in known)
        return f"`{name}` is not a field here — {hint}"
    if kind == "enum":
        return f"`{given}` is not allowed — use one of: {ctx.get('expected', '')}"
    if kind == "literal_error":
        return f"`{given}` is not allowed — use {ctx.get('expected', '')}"
    if kind in ("string_type", "string_sub_type"):
        return f"must be text, not {_describe(given)} — put it in quotes if needed"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, not {_describe(given)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, not {_describe(given)}"
    if kind in ("list_type",):
        return f"must be a list (lines starting with `- `), not {_describe(given)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"must be a group of `field: value` lines, not {_describe(given)}"
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"`{given}` is not a valid date — write it as YYYY-MM-DD, e.g. 2024-03-31"
    if kind == "string_too_short":
        return "is empty — write something or remove the field"
    if kind == "string_too_long":
        return f"is too long — at most {ctx.get('max_length')} characters"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "string_pattern_mismatch":
        return f"`{given}` is not allowed here — use lower-case letters, digits and single hyphens"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        word = {"greater_than_equal": "at least", "less_than_equal": "at most"}.get(kind, kind.replace("_", " "))
        return f"`{given}` is out of range — must be {word} {bound}"
    if kind == "value_error":
        message = str(ctx.get("error", error["msg"]))
        quotable = isinstance(given, str) and len(given) < 80 and "\n" not in given.strip()
        return f"`{given.strip()}` {message}" if quotable else message
    return error["msg"]


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"`{value}`"

"""Everything one build needs from the content, computed in one call: engine-independent."""

from __future__ import annotations

import gc
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import outputs, photos
from .errors import DataError, Problem, Problems
from .glossary import Glossary, load_glossary
from .loader import ProfileCache, load_content
from .pages import PageSpec, build_pages, facet_files
from .settings import Settings
from .yamlfile import field_path, parse_yaml, read_text, split_front_matter
from .site import Site, build_site


@dataclass
class Asset:
    """A file to publish as-is (a re-encoded photo, a data export)."""

    src_uri: str
    path: Path


@dataclass
class Build:
    site: Site
    glossary: Glossary
    pages: list[PageSpec]
    assets: list[Asset] = field(default_factory=list)
    files: list[outputs.GeneratedFile] = field(default_factory=list)  # feeds, exports, open data
    workdir: tempfile.TemporaryDirectory | None = None

    def close(self) -> None:
        if self.workdir:
            self.workdir.cleanup()


def prepare(root: Path, settings: Settings, *, site_url: str = "", site_name: str = "Technician Portal",
            cache: ProfileCache | None = None) -> Build:
    """Load, validate, resolve and lay out the whole portal; raise DataError listing every problem.

    `site_url` (the address the site is published at) makes feed, open data and share links absolute.
    A live preview passes the same `cache` to every build, so that unchanged profiles are not read again.
    """
    with _collector_paused():
        content, problems = load_content(root, cache=cache)
        glossary = load_glossary(root, problems)
        site = build_site(content, settings, problems)
        outputs.check_reserved(site, problems)
        if problems:
            raise DataError(locate(problems, root))
        links = outputs.Links(site_url, site_name)
        build = Build(site, glossary, build_pages(site, glossary, links),
                      files=outputs.generate(site, links) + facet_files(site))
        _prepare_photos(build, problems)
        if problems:
            build.close()
            raise DataError(locate(problems, root))
        # The graph lives as long as the build: out of the collector's sight, later collections
        # (and the first one, as soon as the collector resumes) need not scan it.
        gc.freeze()
    return build


@contextmanager
def _collector_paused():
    """Loading makes millions of small objects and almost no reference cycles, yet Python's cyclic
    collector would scan the growing heap again and again: about a third of loading time at
    10,000 profiles. What an earlier build froze (under `mkdocs serve`, the previous graph, garbage
    by now) is handed back to the collector and collected first, or it would be frozen again."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check(root: Path, settings: Settings) -> Problems:
    """Every problem `prepare` would raise, photos included, without keeping the results."""
    try:
        prepare(root, settings).close()
    except DataError as exc:
        return exc.problems
    return Problems()


def _prepare_photos(build: Build, problems: Problems) -> None:
    people = [p for p in build.site.people.values() if p.photo]
    if not people:
        return
    build.workdir = tempfile.TemporaryDirectory(prefix="techportal-photos-")
    out = Path(build.workdir.name)
    for n, person in enumerate(people):
        try:
            variants = photos.variants(person.photo.source)
        except photos.PhotoError as exc:
            problems.add(person.path, str(exc), field="photo.file")
            person.photo = None
            continue
        for variant in variants:
            target = out / f"{n}-{variant.slot}.{variant.format}"
            target.write_bytes(variant.data)
            build.assets.append(Asset(person.photo.src(variant.slot, variant.format), target))


def locate(problems: Problems, root: Path) -> Problems:
    """Give cross-reference problems (found after parsing) the line of the field they name.

    Positions are not kept for every record (that would cost memory at 40,000 profiles); the few
    files with such a problem are simply read again.
    """
    located = Problems()
    cache: dict[str, object] = {}
    for problem in problems.items:
        path = root / problem.path
        if problem.line or not problem.field or not path.is_file():
            located.items.append(problem)
            continue
        if problem.path not in cache:
            scratch = Problems()
            text = read_text(path, problem.path, scratch)
            if text is not None and path.suffix == ".md":
                cache[problem.path] = split_front_matter(text, problem.path, scratch)[0]
            else:
                cache[problem.path] = parse_yaml(text, problem.path, scratch) if text else None
        parsed = cache[problem.path]
        line, column = parsed.where(field_path(problem.field)) if parsed else (0, 0)
        located.items.append(Problem(problem.path, line, column, problem.field, problem.message))
    return located

"""Everything one build needs from the content, computed in one call: engine-independent."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import photos
from .errors import DataError, Problems
from .glossary import Glossary, load_glossary
from .loader import load_content
from .pages import PageSpec, build_pages
from .settings import Settings
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
    workdir: tempfile.TemporaryDirectory | None = None

    def close(self) -> None:
        if self.workdir:
            self.workdir.cleanup()


def prepare(root: Path, settings: Settings) -> Build:
    """Load, validate, resolve and lay out the whole portal; raise DataError listing every problem."""
    content, problems = load_content(root)
    glossary = load_glossary(root, problems)
    site = build_site(content, settings, problems)
    if problems:
        raise DataError(problems)
    build = Build(site, glossary, build_pages(site, glossary))
    _prepare_photos(build, problems)
    if problems:
        build.close()
        raise DataError(problems)
    return build


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
            target = out / f"{n}-{variant.width}.{variant.format}"
            target.write_bytes(variant.data)
            build.assets.append(Asset(person.photo.src(variant.width, variant.format), target))

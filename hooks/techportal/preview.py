"""Which generated pages an edit changed, so that a live preview re-renders only those.

At 40,000 profiles a full build takes minutes; a technician's edit touches their own page and the
few listings they appear on. A page that names the profile files it shows (`PageSpec.shows`) is
re-rendered when one of those files changes, or when the list itself changes (someone joined,
left, or moved across a page boundary). Anything else (institutions, plans, stories, awards,
glossary, templates, settings, the portal's code) may change any page, so a change there
re-renders everything, as do pages that show everything (home, sector, institution pages).

Engine-independent: the adapter asks `changed` before rendering and calls `commit` after a
successful build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .loader import Signature, file_signature
from .pages import PageSpec


class Preview:
    def __init__(self, root: Path, shared: Iterable[Path]) -> None:
        """`root` holds profiles/; `shared` are the files and folders any page may depend on."""
        self.root = root
        self.shared = list(shared)
        self._committed: tuple[tuple, dict[str, tuple]] | None = None
        self._pending: tuple[tuple, dict[str, tuple]] | None = None

    @property
    def first_build(self) -> bool:
        return self._committed is None

    def changed(self, specs: list[PageSpec]) -> set[str]:
        """The src_uris of the pages to render in this build."""
        stats: dict[str, Signature | None] = {}

        def signature(rel: str) -> Signature | None:
            if rel not in stats:
                stats[rel] = file_signature(self.root / rel)
            return stats[rel]

        shared = tuple(_tree_signature(self.shared))
        prints = {spec.src_uri: (spec.template, spec.title, tuple((rel, signature(rel)) for rel in spec.shows))
                  for spec in specs if spec.shows is not None}
        self._pending = (shared, prints)
        if self._committed is None or self._committed[0] != shared:
            return {spec.src_uri for spec in specs}
        before = self._committed[1]
        return {spec.src_uri for spec in specs
                if spec.shows is None or before.get(spec.src_uri) != prints[spec.src_uri]}

    def commit(self) -> None:
        """The build that asked `changed` succeeded: compare the next one with it."""
        if self._pending is not None:
            self._committed, self._pending = self._pending, None


def _tree_signature(paths: Iterable[Path]):
    for path in paths:
        if path.is_dir():
            for folder, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(files):
                    full = os.path.join(folder, name)
                    yield full, file_signature(full)
        else:
            yield str(path), file_signature(path)

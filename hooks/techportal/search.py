"""Full-text search with Pagefind: its index is sharded, so a first query fetches tens of kilobytes
where a lunr index of the whole site would be megabytes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index_site(site_dir: Path) -> None:
    """Write site_dir/pagefind/ from the built HTML (pages marked data-pagefind-body only)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
               "--force-language", "en", "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SearchIndexError(f"search indexing could not run: {exc}") from None
    if result.returncode != 0:
        raise SearchIndexError(f"search indexing failed: {(result.stderr or result.stdout).strip()[-2000:]}")

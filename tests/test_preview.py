"""`mkdocs serve --dirty`: after an edit, only the pages that show the edited profile are rendered again."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import PROFILE, make_project

pytestmark = pytest.mark.slow


def _people(n: int) -> dict[str, str]:
    return {f"profiles/test-university/person-{i:02d}/profile.yml": PROFILE.replace("Ada Tester", f"Person {i:02d}")
            for i in range(n)}


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    later = time.time() + 2  # a later mtime even on file systems with coarse timestamps
    os.utime(path, (later, later))


def test_preview_renders_only_what_an_edit_changed(tmp_path):
    from techportal.build import prepare
    from techportal.preview import Preview
    from techportal.settings import parse_settings

    project = make_project(tmp_path, _people(25))
    portal = yaml.safe_load((project / "mkdocs.yml").read_text())["extra"]["portal"]
    settings = parse_settings({**portal, "per_page": 10}, "mkdocs.yml")
    shared = [project / "institutions", project / "mkdocs.yml"]
    preview = Preview(project, shared)

    def changed() -> set[str]:
        build = prepare(project, settings)
        try:
            return preview.changed(build.pages)
        finally:
            build.close()

    everything = changed()
    assert "technicians/test-university/person-03/index.md" in everything
    preview.commit()
    always = changed()  # nothing edited: only pages that may show anything (home, institution…)
    preview.commit()
    assert "index.md" in always and not any(uri.startswith("technicians/test-university/") for uri in always)
    assert len(always) < len(everything) / 2

    profile = project / "profiles/test-university/person-15/profile.yml"
    _touch(profile, profile.read_text().replace("I keep the NMR running.", "I keep two NMRs running."))
    edited = changed() - always
    preview.commit()
    # her page, the A–Z page and the institution's listing page she is on, her skill's and register's page
    assert edited == {"technicians/test-university/person-15/index.md", "technicians/page/2/index.md",
                      "institutions/test-university/technicians/page/2/index.md",
                      "skills/nmr-spectroscopy/page/2/index.md", "registration/rscitech/page/2/index.md"}

    _touch(profile, profile.read_text().replace("Person 15", "Aaron Person"))  # moves to the first page
    moved = changed() - always
    preview.commit()
    assert {"institutions/test-university/technicians/index.md",
            "institutions/test-university/technicians/page/2/index.md"} <= moved  # off page 2, onto page 1
    assert "institutions/test-university/technicians/page/3/index.md" not in moved

    _touch(project / "institutions/test-university.yml", "name: Test University\nnation: Wales\n")
    assert changed() == everything  # shared content may appear anywhere


def test_mkdocs_serve_dirty_shows_an_edit_after_a_partial_render(tmp_path):
    project = make_project(tmp_path, _people(12))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(tmp_path)}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    log: list[str] = []

    def wait_for(pattern: str, timeout: float = 120) -> re.Match:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            log.append(line)
            if match := re.search(pattern, line):
                return match
        raise AssertionError(f"no {pattern!r} in:\n" + "".join(log))

    try:
        url = wait_for(r"Serving on (http://\S+)").group(1)
        total = int(re.search(r"rendering ([\d,]+) of", "".join(log)).group(1).replace(",", ""))
        profile = project / "profiles/test-university/person-07/profile.yml"
        _touch(profile, profile.read_text().replace("I keep the NMR running.", "I now run the mass spectrometer."))
        rendered = int(wait_for(r"Preview: rendering ([\d,]+) of").group(1).replace(",", ""))
        wait_for(r"Reloading browsers|Documentation built")
        assert rendered < total
        page = urllib.request.urlopen(url + "technicians/test-university/person-07/").read().decode()
        assert "I now run the mass spectrometer." in page
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_repeated_builds_in_one_process_do_not_keep_old_graphs(tmp_path):
    """`mkdocs serve` prepares the portal again and again in one process; each graph is frozen out
    of the garbage collector's sight while it is in use, and must be released by the next build."""
    import gc

    from techportal.build import prepare
    from techportal.settings import parse_settings

    project = make_project(tmp_path, _people(40))
    portal = yaml.safe_load((project / "mkdocs.yml").read_text())["extra"]["portal"]
    settings = parse_settings(portal, "mkdocs.yml")
    prepare(project, settings).close()  # imports and caches settle
    gc.unfreeze()
    gc.collect()
    before = len(gc.get_objects())
    frozen = []
    for _ in range(4):
        build = prepare(project, settings)
        build.close()
        del build
        frozen.append(gc.get_freeze_count())
    gc.unfreeze()
    graph = frozen[0] - before
    assert graph > 1000, (before, frozen)
    assert frozen[-1] - frozen[0] < graph / 4, (graph, frozen)  # not one more graph per build


def test_preview_reads_only_edited_profiles_and_reports_what_a_fresh_load_reports(tmp_path):
    from techportal.loader import ProfileCache, load_content

    project = make_project(tmp_path, _people(6))
    cache = ProfileCache()

    def load():
        cached, cached_problems = load_content(project, cache=cache)
        fresh, fresh_problems = load_content(project)
        assert [str(p) for p in cached_problems.sorted()] == [str(p) for p in fresh_problems.sorted()]
        assert list(cached.profiles) == list(fresh.profiles)
        assert all(cached.profiles[k].model == fresh.profiles[k].model for k in fresh.profiles)
        return cached, cached_problems

    first, _ = load()
    again, _ = load()
    assert all(again.profiles[k] is first.profiles[k] for k in first.profiles)  # nothing read again

    edited = project / "profiles/test-university/person-02/profile.yml"
    _touch(edited, edited.read_text().replace("I keep the NMR running.", "I run the NMR."))
    after_edit, _ = load()
    key = "test-university/person-02"
    assert after_edit.profiles[key] is not first.profiles[key]
    assert after_edit.profiles[key].model.summary == "I run the NMR."
    assert all(after_edit.profiles[k] is first.profiles[k] for k in first.profiles if k != key)

    _touch(edited, edited.read_text().replace("skills:", "skils:"))  # now invalid: reported, not kept
    _, problems = load()
    assert any("person-02/profile.yml:" in str(p) and "skils" in str(p) for p in problems.items)
    _, problems = load()  # still reported on the next build, though the file did not change again
    assert any("skils" in str(p) for p in problems.items)

    (project / "profiles/test-university/person-04/profile.yml").unlink()
    (project / "profiles/test-university/person-04").rmdir()
    removed, _ = load()
    assert "test-university/person-04" not in removed.profiles

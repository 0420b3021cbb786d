"""Shared fixtures: the demo site built once, and small throwaway projects built from a dict of files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENGINE_FILES = ("mkdocs.yml", "hooks", "overrides", "docs")


@dataclass
class Result:
    code: int
    out: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def run(args: list[str], cwd: Path) -> Result:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(cwd)})
    return Result(proc.returncode, proc.stdout + proc.stderr)


def build(project: Path, *extra: str) -> Result:
    return run(MKDOCS + ["build", "--strict", *extra], project)


def check(project: Path) -> Result:
    return run([sys.executable, "-m", "techportal", "check"], project)


INSTITUTION = "name: Test University\nnation: England\n"
PROFILE = """\
name: Ada Tester
job_title: Senior Technician
department: Chemistry
summary: I keep the NMR running.
skills: [NMR spectroscopy]
registrations:
  - title: RSciTech
    year: 2021
consent:
  given_on: 2026-01-05
"""


def make_project(tmp_path: Path, files: dict[str, str | bytes], *, with_defaults: bool = True) -> Path:
    """A minimal portal: the real engine files plus the given content (path → text or bytes)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ENGINE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    content = dict(files)
    if with_defaults:
        content.setdefault("institutions/test-university.yml", INSTITUTION)
    for rel, data in content.items():
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data) if data.startswith("\n") else data, encoding="utf-8")
    return project


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The embedded demo, built once with --strict into a temporary folder."""
    out = tmp_path_factory.mktemp("demo") / "site"
    result = build(ROOT, "--site-dir", str(out))
    assert result.code == 0, result.out
    return out


def read(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8") if not url.endswith(".html") else (site / url).read_text(encoding="utf-8")

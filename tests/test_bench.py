"""Smoke test of the scale benchmark: `tools/bench.py 60 --serve` produces its report (figures are not asserted)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT

NUMBER = r"[-+]?\d[\d,]*(?:\.\d+)?"
FIGURES = {
    # label: how many numbers the line must carry (portal, baseline and ratio where there is one)
    "build time": 3,
    "build CPU time": 3,
    "portal's own code": 2,
    "  in its MkDocs hooks": 2,
    "  called from templates": 2,
    "pagefind time": 2,
    "peak RSS mkdocs": 3,
    "peak RSS indexer": 2,
    "profile page bytes": 3,
    "site bytes": 3,
    "first-search payload": 3,
}


@pytest.mark.slow
def test_bench_report_is_produced(tmp_path):
    out_json = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "bench.py"), "60", "--serve", "--json", str(out_json),
         "--workdir", str(tmp_path)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("Technician Portal benchmark: N = 60 profiles")
    for label, count in FIGURES.items():
        matching = [line for line in lines if line.startswith(label + "  ")]
        assert len(matching) == 1, f"no table line for {label!r}:\n{proc.stdout}"
        numbers = [float(x.replace(",", "")) for x in re.findall(NUMBER, matching[0][len(label):])]
        assert len(numbers) >= count, f"{label!r} line lacks numbers: {matching[0]!r}"
        assert all(x == x for x in numbers)  # no NaN
    for label in ("build time", "portal's own code", "peak RSS mkdocs", "profile page bytes", "first-search payload"):
        line = next(line for line in lines if line.startswith(label + "  "))
        assert line.rstrip().endswith(("PASS", "MISS")), line
    # the same person's page is deterministic across N and N/10
    assert "profile compared: " in proc.stdout
    data = json.loads(out_json.read_text())
    assert data["page_bytes"] > 0 and data["page_bytes_small"] > 0
    assert data["payload"]["total"] > 0 and data["lunr"]["bytes"] > 0
    assert data["a"]["self_maxrss_kb"] > 0 and data["a"]["children_maxrss_kb"] > 0
    # mkdocs serve, with and without --dirty: an edit reached the served page (the bench checks it)
    dirty, full = data["serve"]
    assert dirty["dirty"] and not full["dirty"]
    assert dirty["edit_to_reload_s"] > 0 and full["edit_to_reload_s"] > 0
    assert int(dirty["pages_rendered"].replace(",", "")) > 0 and full["pages_rendered"] == "all"
    assert sum(line.startswith("mkdocs serve") for line in lines) == 2
    assert not list(tmp_path.glob("techportal-bench-*")), "the temporary projects were not removed"

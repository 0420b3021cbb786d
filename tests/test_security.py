"""Hostile content from pull requests: it is sanitised, refused, or stripped before it reaches a page."""

from __future__ import annotations

import io
import os
import re

import pytest
from PIL import Image

from conftest import build, check, make_project

pytestmark = pytest.mark.slow
DIR = "profiles/test-university/eve-hostile"
HOSTILE = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=\"alert('xss')\">",
    "[click](javascript:alert('xss'))",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">data</a>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<style>body{background:url(https://evil.example/x.png)}</style>",
    "<div style=\"background:url(https://evil.example/y.png)\">styled</div>",
    "<svg onload=\"alert('xss')\"></svg>",
    "\"><script>alert('attr')</script>",
]
PAYLOAD = " ".join(HOSTILE)


def _yaml_str(text: str) -> str:
    import json
    return json.dumps(text)


def hostile_profile() -> str:
    return f"""\
name: {_yaml_str("Eve " + HOSTILE[1])}
pronouns: {_yaml_str(HOSTILE[0])}
job_title: {_yaml_str("Technician " + HOSTILE[8])}
department: {_yaml_str(HOSTILE[0])}
grade: {_yaml_str(HOSTILE[7])}
summary: {_yaml_str(PAYLOAD)}
day_in_the_life: {_yaml_str(PAYLOAD)}
skills: [{_yaml_str(HOSTILE[0])}, {_yaml_str(HOSTILE[8])}]
equipment: [{_yaml_str(HOSTILE[1])}]
outreach: [{_yaml_str(HOSTILE[5])}]
groups:
  - name: {_yaml_str("Group " + HOSTILE[0])}
    pi: {_yaml_str(HOSTILE[1])}
career:
  - start: 2020
    role: {_yaml_str(HOSTILE[0])}
    organisation: {_yaml_str(HOSTILE[6])}
qualifications:
  - title: {_yaml_str(HOSTILE[8])}
awards:
  - scheme: {_yaml_str(HOSTILE[0])}
    year: 2024
outputs:
  - title: {_yaml_str(HOSTILE[1])}
    year: 2024
links:
  - label: {_yaml_str(HOSTILE[0])}
    url: https://example.org/?q=%22%3E%3Cscript%3E
consent:
  given_on: 2026-01-01
  show: [pronouns]
"""


STORY = f"""---
title: {_yaml_str("Story " + HOSTILE[0])}
kind: apprenticeship
institution: test-university
features: [eve-hostile]
date: 2026-01-01
summary: {_yaml_str(PAYLOAD)}
---
{chr(10).join(HOSTILE)}

<form action="https://evil.example/"><input name=x></form>
"""


def content_area(html: str) -> str:
    return html.split('<div id="tp-main" tabindex="-1"', 1)[1].split('>', 1)[1].split('<!-- end of search body -->', 1)[0]


def test_script_and_handlers_never_reach_a_page(tmp_path):
    project = make_project(tmp_path, {f"{DIR}/profile.yml": hostile_profile(), "stories/hostile.md": STORY})
    result = build(project)
    assert result.code == 0, result.out
    site = project / "site"
    pages = [site / "technicians/test-university/eve-hostile/index.html", site / "stories/hostile/index.html",
             site / "technicians/index.html", site / "skills/index.html", site / "index.html",
             site / "awards/index.html", site / "institutions/test-university/index.html"]
    for path in pages:
        html = path.read_text(encoding="utf-8")
        body = content_area(html)
        assert "<script" not in body, path
        assert not re.search(r"<[^>]+\son\w+\s*=", body), path
        assert not re.search(r'(?:href|src|action)="\s*(?:javascript|data|vbscript):', body), path
        for tag in ("<iframe", "<style", "<svg", "<form action", '<input name="x"'):
            assert tag not in body, (path, tag)
        assert not re.search(r'<[^>]+\sstyle="(?!--tp-size)', body), path
        assert not re.search(r'(?:href|src|action)="[^"]*evil\.example', body), path
        # the whole document, head and Material's header included, carries no live injected markup
        # (Material prints page titles and descriptions unescaped, so they must arrive escaped)
        outside_json = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
        assert "<script>alert" not in outside_json, path
        assert not re.search(r"<img[^>]*onerror", outside_json), path
        for meta in re.findall(r"<meta [^>]+>", html):
            assert "<script" not in meta
    profile = (site / "technicians/test-university/eve-hostile/index.html").read_text()
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in profile  # plain-text fields: shown, inert


@pytest.mark.parametrize("field,value", [
    ("links", "javascript:alert(1)"),
    ("links", "data:text/html,<script>alert(1)</script>"),
    ("links", "vbscript:msgbox(1)"),
    ("links", "//evil.example/"),
    ("groups_pi_url", "javascript:alert(1)"),
    ("outputs_url", "file:///etc/passwd"),
])
def test_unsafe_link_schemes_are_validation_errors(tmp_path, field, value):
    base = "name: Eve\njob_title: T\ndepartment: D\nsummary: S\nconsent: {given_on: 2026-01-01}\n"
    extra = {
        "links": f"links:\n  - label: x\n    url: {_yaml_str(value)}\n",
        "groups_pi_url": f"groups:\n  - name: G\n    pi_url: {_yaml_str(value)}\n",
        "outputs_url": f"outputs:\n  - title: O\n    url: {_yaml_str(value)}\n",
    }[field]
    project = make_project(tmp_path, {f"{DIR}/profile.yml": base + extra})
    result = check(project)
    assert result.code == 1
    assert re.search(r"profile\.yml:\d+:\d+: \w+\[1\]\.\w+: .*must be a web address starting https://", result.out), result.out


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (400, 300), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Ltd"  # Make
    gps = {1: "N", 2: (51.0, 30.0, 12.5), 3: "W", 4: (0.0, 7.0, 39.0)}
    exif[0x8825] = gps
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), comment=b"secret comment")
    data = buffer.getvalue()
    assert b"SpyCam" in data
    return data


def _with_photo(name: str, data: bytes, extra_files: dict | None = None) -> dict:
    profile = ("name: Eve\njob_title: T\ndepartment: D\nsummary: S\n"
               f"photo: {{file: {name}, alt: Eve at work}}\nconsent: {{given_on: 2026-01-01, show: [photo]}}\n")
    return {f"{DIR}/profile.yml": profile, f"{DIR}/{name}": data, **(extra_files or {})}


def test_photo_metadata_is_stripped_and_variants_published(tmp_path):
    project = make_project(tmp_path, _with_photo("me.jpg", _jpeg_with_gps()))
    result = build(project)
    assert result.code == 0, result.out
    out = project / "site/technicians/test-university/eve-hostile"
    published = sorted(p.name for p in out.iterdir() if p.name.startswith("photo-"))
    assert published == ["photo-160.jpg", "photo-160.webp", "photo-320.jpg", "photo-320.webp"]
    for name in published:
        data = (out / name).read_bytes()
        assert b"SpyCam" not in data and b"secret comment" not in data and b"GPS" not in data
        with Image.open(out / name) as image:
            assert not image.getexif()
    assert not (out / "me.jpg").exists()  # the original upload is never published


def test_svg_disguised_as_png_is_refused(tmp_path):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
    project = make_project(tmp_path, _with_photo("photo.png", svg))
    result = build(project)
    assert result.code == 1
    assert "photo.file: `photo.png` is not a readable JPEG, PNG or WebP image" in result.out
    assert not (project / "site").exists()


def test_decompression_bomb_is_refused(tmp_path):
    buffer = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(buffer, "PNG")  # tiny file, 400 megapixels
    assert len(buffer.getvalue()) < 200_000
    project = make_project(tmp_path, _with_photo("photo.png", buffer.getvalue()))
    result = check(project)
    assert result.code == 1
    assert "photo.file: `photo.png` has far too many pixels to be a photo — at most 40,000,000 pixels are allowed" in result.out


def test_photo_symlink_out_of_the_folder_is_refused(tmp_path):
    project = make_project(tmp_path, _with_photo("real.jpg", _jpeg_with_gps()))
    folder = project / DIR
    (folder / "real.jpg").rename(project / "outside.jpg")
    os.symlink(project / "outside.jpg", folder / "real.jpg")
    result = check(project)
    assert result.code == 1
    assert "photo.file: `real.jpg` is a symbolic link; add the image file itself" in result.out


@pytest.mark.parametrize("name", ["../other/photo.jpg", "/etc/passwd", "sub/photo.jpg", ".hidden.jpg"])
def test_photo_path_traversal_is_refused(tmp_path, name):
    project = make_project(tmp_path, _with_photo("x.jpg", _jpeg_with_gps()))
    text = (project / DIR / "profile.yml").read_text().replace("file: x.jpg", f"file: {_yaml_str(name)}")
    (project / DIR / "profile.yml").write_text(text)
    result = check(project)
    assert result.code == 1
    assert "must be a file name in the profile's own folder" in result.out


def test_unpublished_profile_leaves_no_trace(tmp_path):
    files = _with_photo("me.jpg", _jpeg_with_gps())
    files[f"{DIR}/profile.yml"] = files[f"{DIR}/profile.yml"].replace("name: Eve", "name: Evelyn Withdrawn") + "published: false\n"
    project = make_project(tmp_path, files)
    assert build(project).code == 0
    for path in (project / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            assert "Evelyn" not in path.read_text(errors="replace") and "eve-hostile" not in path.read_text(errors="replace")
    assert not (project / "site/technicians/test-university/eve-hostile").exists()

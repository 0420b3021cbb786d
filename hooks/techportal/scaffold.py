"""Starting files that say, in comments, what each field is for. The few fields everyone must write
hold a `TODO` placeholder, which the check refuses until it is replaced."""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

from .site import known_names, slugify


class ScaffoldError(ValueError):
    pass


PROFILE_TEMPLATE = """\
# yaml-language-server: $schema=../../../schemas/profile.schema.json
# Your public profile. Lines starting with # are notes for you; they are not published.
# Every field is explained in CONTRIBUTING.md. Run `python -m techportal check` to test it.

name: {name}
job_title: {job_title}
department: "TODO: your department, school or service"
# grade: Grade 6

summary: |
  TODO: two or three sentences about your work: what you do and who you support.

skills:            # skills and techniques, one per line
  - "TODO: a skill"

# equipment:       # equipment and facilities you look after
#   - Confocal microscope
# groups:          # research groups you work with, and their leader (PI)
#   - name: Structural Biology Group
#     pi: Dr A. Example
#     pi_url: https://www.example.ac.uk/staff/a-example
# registrations:   # RSciTech, RSci, CSci, EngTech, IEng, CEng, RITTech, AFHEA, FHEA, SFHEA, PFHEA
#   - title: RSciTech
#     year: 2021
# career:          # your path so far, oldest first
#   - start: 2015-09
#     role: Apprentice laboratory technician
# photo:           # a JPEG, PNG or WebP in this folder; also add `photo` under consent.show
#   file: photo.jpg
#   alt: {alt}
# orcid: 0000-0002-1825-0097
# email: you@example.ac.uk   # shown only if you add `email` under consent.show

{sample}consent:
  given_on: {today}   # the date you agreed to publish this profile
  show: []            # add any of: photo, email, pronouns
"""


def _ascii_slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return slugify(plain)


def _is_sample(root: Path, institution: str) -> bool:
    """A sample institution's people must be samples too (the check insists)."""
    import yaml

    data = yaml.safe_load((root / "institutions" / f"{institution}.yml").read_text(encoding="utf-8")) or {}
    return bool(isinstance(data, dict) and data.get("sample"))


def new_profile(root: Path, institution: str, name: str, job_title: str) -> Path:
    if not (root / "institutions" / f"{institution}.yml").is_file():
        known = [p.stem for p in (root / "institutions").glob("*.yml")]
        raise ScaffoldError(f"`{institution}` is not an institution — {known_names(institution, known)}")
    if not re.search(r"\w", name):
        raise ScaffoldError("the name is empty")
    folder = root / "profiles" / institution / _ascii_slug(name)
    path = folder / "profile.yml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; edit it instead")
    folder.mkdir(parents=True, exist_ok=True)
    sample = "sample: true\n" if _is_sample(root, institution) else ""
    path.write_text(PROFILE_TEMPLATE.format(
        name=json.dumps(name, ensure_ascii=False),
        job_title=json.dumps(job_title, ensure_ascii=False),
        alt=json.dumps(f"Head and shoulders photo of {name} in a laboratory", ensure_ascii=False),
        sample=sample,
        today=dt.date.today().isoformat(),
    ), encoding="utf-8")
    return path

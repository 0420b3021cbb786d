"""JSON Schemas for editors, generated from the models so they can never disagree."""

from __future__ import annotations

import json
from pathlib import Path

from .glossary import Glossary
from .models import FILE_KINDS

TITLES = {
    "institution": "Technician Portal institution (institutions/<name>.yml)",
    "plan": "Technician Portal action plan (plans/<institution>/<plan>.yml)",
    "profile": "Technician Portal profile (profiles/<institution>/<person>/profile.yml)",
    "story": "Technician Portal story front matter (stories/<name>.md)",
    "awards": "Technician Portal awards (awards/<institution>.yml)",
    "glossary": "Technician Portal glossary (glossary.yml)",
}


def generate() -> dict[str, str]:
    """File name → schema text."""
    kinds = {**FILE_KINDS, "glossary": Glossary}
    out = {}
    for kind, model in kinds.items():
        schema = model.model_json_schema(mode="validation")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": TITLES[kind], **{
            k: v for k, v in schema.items() if k != "title"}}
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return out


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written

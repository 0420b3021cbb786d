"""Abbreviations that plans use without expanding, shown on the glossary page and as <abbr> titles."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from .errors import Problems
from .models.common import Markdown, Model, Text
from .yamlfile import parse_yaml, read_text


class Term(Model):
    term: Text
    meaning: Text
    note: Markdown | None = Field(None, description="where the meaning comes from, or which plan uses it")
    used_by: list[Text] = Field(default_factory=list, description="institution file names whose plans use it")


class Glossary(Model):
    terms: list[Term] = Field(default_factory=list)


def load_glossary(root: Path, problems: Problems) -> Glossary:
    path = root / "glossary.yml"
    if not path.exists():
        return Glossary()
    text = read_text(path, "glossary.yml", problems)
    located = parse_yaml(text, "glossary.yml", problems) if text else None
    if located is None:
        return Glossary()
    from .loader import _Loader  # the same validation and messages as every other file

    return _Loader(root, problems).validate(located, Glossary, "glossary.yml") or Glossary()

"""Abbreviations that plans use without expanding, shown on the glossary page and as <abbr> titles."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from .errors import Problems
from .models.common import Markdown, Model, Text
from .loader import load_file


class Term(Model):
    term: Text
    meaning: Text
    note: Markdown | None = Field(None, description="where the meaning comes from, or which plan uses it")
    used_by: list[Text] = Field(default_factory=list, description="institution file names whose plans use it")


class Glossary(Model):
    terms: list[Term] = Field(default_factory=list)


def load_glossary(root: Path, problems: Problems) -> Glossary:
    return load_file(root, "glossary.yml", Glossary, problems) or Glossary()

"""A case study: Markdown prose with front matter naming the people it features."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import Field

from .common import Markdown, Model, Slug, Text


class StoryKind(str, Enum):
    career_progression = "career progression"
    regrading = "regrading"
    apprenticeship = "apprenticeship"
    registration = "registration story"
    day_in_the_life = "a day in the life"
    award = "award"
    research = "research contribution"
    outreach = "outreach"


class StoryMeta(Model):
    title: Text
    kind: StoryKind
    institution: Slug = Field(description="the institution's file name in institutions/, without .yml")
    features: list[Slug] = Field(default_factory=list, description="profile folder names of the people featured")
    date: dt.date
    summary: Markdown
    published: bool = True
    sample: bool = False

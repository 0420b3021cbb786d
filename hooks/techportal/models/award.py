"""Awards an institution's technicians won or were shortlisted for, listed per institution."""

from __future__ import annotations

from enum import Enum

from pydantic import Field, model_validator

from .common import Model, Slug, Text, Year
from .profile import AwardResult


class SchemeKind(str, Enum):
    internal = "internal"
    external = "external"


class Award(Model):
    scheme: Text = Field(description="e.g. Vice-Chancellor's Awards for Excellence, Papin Prize")
    kind: SchemeKind = Field(description="internal (the institution's own) or external")
    category: Text | None = None
    year: Year
    result: AwardResult = AwardResult.winner
    people: list[Slug] = Field(default_factory=list, description="profile folder names of the people awarded")
    team: Text | None = Field(None, description="name of a team, for a team award")

    @model_validator(mode="after")
    def _someone(self) -> "Award":
        if not self.people and not self.team:
            raise ValueError("needs `people` (profile names) or a `team` name")
        return self


class AwardList(Model):
    awards: list[Award] = Field(min_length=1)

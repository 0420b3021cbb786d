"""An institution's Technician Commitment action plan, as the institution wrote it."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import AfterValidator, Field

from . import periods
from .common import Markdown, Model, Slug, Text, Url

STANDARD_PILLARS = {
    "visibility": "Visibility",
    "recognition": "Recognition",
    "career-development": "Career Development",
    "sustainability": "Sustainability",
    "evaluating-impact": "Evaluating Impact",
}


def _check_period(value: str) -> str:
    periods.parse(value)
    return value


NormalisedDate = Annotated[
    str,
    AfterValidator(_check_period),
    Field(
        description="normalised date: 2019, 2019-Q2, 2019-06, 2019-06-30, ongoing, or a range A/B",
        json_schema_extra={"pattern": periods.PATTERN},
    ),
]


class TargetDate(Model):
    """A target date twice over: the plan's own words, and what they mean on a calendar."""

    text: Text = Field(description="the target date exactly as the plan words it")
    due: list[NormalisedDate] = Field(
        default_factory=list,
        description="one normalised value per date in `text`, by the plan's date convention; empty if it has none",
    )

    def periods(self) -> list[periods.Period]:
        return [periods.parse(value) for value in self.due]

    @property
    def deadline(self) -> dt.date | None:
        """The last completion date; None when the work is ongoing or undated."""
        ends = [p.end for p in self.periods()]
        if not ends or any(end is None for end in ends):
            return None
        return max(ends)  # type: ignore[type-var]


class Status(str, Enum):
    not_reported = "not reported"
    not_started = "not started"
    on_track = "on track"
    at_risk = "at risk"
    done = "done"


class ActionStatus(Model):
    state: Status = Field(Status.not_reported, description="where the action stands on the plan's as-of date")
    note: Markdown | None = None
    evidence: list[Url] = Field(default_factory=list, description="links that show the progress")


class Action(Model):
    number: Annotated[str, Field(max_length=10)] | None = Field(
        None, description="the institution's own number, as printed (gaps are kept); omit if the plan has none"
    )
    title: Markdown = Field(description="the action (or objective) in the plan's own words")
    section: Text | None = Field(None, description="the heading the plan lists this action under, if any")
    detail: Markdown | None = Field(None, description="the plan's detail, notes or description")
    rationale: Markdown | None = None
    supporting_actions: Markdown | None = Field(None, description="specific or supporting actions")
    success_measure: Markdown | None = None
    stakeholders: Markdown | None = Field(None, description="stakeholders or lead")
    target: TargetDate | None = None
    pillars: list[Slug] = Field(default_factory=list, description="ids of the plan's pillars this action serves")
    status: ActionStatus = Field(default_factory=ActionStatus)


class Pillar(Model):
    id: Slug = Field(description="e.g. visibility, recognition, career-development, sustainability, evaluating-impact")
    name: Text | None = Field(None, description="defaults to the standard name for the standard ids")
    description: Markdown | None = Field(None, description="the plan's own description of this pillar, if it gives one")

    @property
    def label(self) -> str:
        return self.name or STANDARD_PILLARS.get(self.id, self.id.replace("-", " ").title())


class Source(Model):
    title: Text
    url: Url | None = None
    note: Markdown | None = Field(None, description="how the source was obtained or transcribed")


class Plan(Model):
    title: Text
    stage: int | None = Field(None, ge=1, le=5, description="Technician Commitment stage, if stated")
    period: Text = Field(description="the plan's period as it states it, e.g. 'November 2018 – 2020'")
    starts: NormalisedDate | None = Field(None, description="normalised start of the period")
    ends: NormalisedDate | None = Field(None, description="normalised end of the period")
    status_as_of: dt.date | None = Field(None, description="the date the status information was last checked")
    source: Source
    introduction: Markdown | None = None
    progress_to_date: list[Markdown] = Field(default_factory=list, description="achievements the plan lists")
    date_convention: Markdown | None = Field(
        None, description="how the plan's target dates are read, e.g. 'Year 1 = 2019; Q1 = January–March'"
    )
    notes: Markdown | None = None
    pillars: list[Pillar] = Field(min_length=1)
    actions: list[Action] = Field(min_length=1)

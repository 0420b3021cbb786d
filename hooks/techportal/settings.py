"""Deployment settings, read from `extra.portal` in mkdocs.yml and validated like the data."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from .models.common import Email, Markdown, Model, Slug, Text, Url


class Contact(Model):
    name: Text = Field(description="who handles corrections and removal requests")
    email: Email
    url: Url | None = None


class AccessibilityStatement(Model):
    organisation: Text = Field(description="the organisation responsible for this website")
    contact_email: Email
    last_reviewed: dt.date
    known_issues: list[Markdown] = Field(default_factory=list)
    response_days: int = Field(5, ge=1, le=60, description="working days to reply to an accessibility request")


class Settings(Model):
    institutions: Literal["all"] | list[Slug] = Field(
        "all", description="`all`, or the file names (in institutions/) of the institutions to publish"
    )
    include_samples: bool = Field(True, description="publish fictional demo content (marked, never indexed)")
    as_of: dt.date | None = Field(None, description="the date plan status is judged against; defaults to today")
    contact: Contact
    accessibility: AccessibilityStatement
    per_page: int = Field(100, ge=10, le=500, description="profiles per page in no-JavaScript listings")
    data_root: Text = Field(".", description="folder holding institutions/, plans/, profiles/, stories/, awards/")

    def includes(self, institution: str) -> bool:
        return self.institutions == "all" or institution in self.institutions

    @property
    def today(self) -> dt.date:
        return self.as_of or dt.date.today()


class SettingsError(ValueError):
    """mkdocs.yml's `extra.portal` is missing or invalid; the message says where and why."""


def parse_settings(raw: object, config_name: str = "mkdocs.yml") -> Settings:
    """`extra.portal` as read by any engine or the CLI → Settings, or SettingsError in plain words."""
    from pydantic import ValidationError

    from .loader import explain

    if raw is None:
        raise SettingsError(f"{config_name}: extra.portal is missing — see README, 'Configuration'")
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise SettingsError("\n".join(
            f"{config_name}: extra.portal.{'.'.join(map(str, e['loc']))}: {explain(e, Settings)}" for e in exc.errors()
        )) from None

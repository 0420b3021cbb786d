"""An institution that signed the Technician Commitment."""

from __future__ import annotations

from enum import Enum

from pydantic import Field

from .common import Markdown, Model, Text, Url, Year


class Nation(str, Enum):
    england = "England"
    scotland = "Scotland"
    wales = "Wales"
    northern_ireland = "Northern Ireland"


class Institution(Model):
    name: Text = Field(description="full name, e.g. University of Glasgow")
    short_name: Text | None = Field(None, description="how the institution is usually shortened, e.g. UoB")
    website: Url | None = None
    logo: Text | None = Field(None, description="image file beside this file (optional)")
    nation: Nation | None = None
    signatory_year: Year | None = Field(None, description="year it signed the Technician Commitment, if known")
    contacts_url: Url | None = Field(None, description="page naming the steering group or contacts")
    about: Markdown | None = None
    sample: bool = Field(False, description="true for fictional demo content; sample pages are marked and not indexed")

    @property
    def display_short(self) -> str:
        return self.short_name or self.name

"""A technician's public profile, written by the technician, published only as they consented."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from pydantic import Field, field_validator

from .common import Doi, Email, Markdown, Model, Orcid, Text, Url, Year, YearMonth


class Registration(str, Enum):
    """Professional registers a technician can hold, by the body that awards them."""

    RSciTech = "RSciTech"
    RSci = "RSci"
    CSci = "CSci"
    EngTech = "EngTech"
    IEng = "IEng"
    CEng = "CEng"
    RITTech = "RITTech"
    AFHEA = "AFHEA"
    FHEA = "FHEA"
    SFHEA = "SFHEA"
    PFHEA = "PFHEA"

    @property
    def body(self) -> str:
        return REGISTRATION_BODIES[self]

    @property
    def long_name(self) -> str:
        return REGISTRATION_NAMES[self]


REGISTRATION_BODIES = {
    **{r: "Science Council" for r in (Registration.RSciTech, Registration.RSci, Registration.CSci)},
    **{r: "Engineering Council" for r in (Registration.EngTech, Registration.IEng, Registration.CEng)},
    Registration.RITTech: "BCS, The Chartered Institute for IT",
    **{r: "Advance HE" for r in (Registration.AFHEA, Registration.FHEA, Registration.SFHEA, Registration.PFHEA)},
}
REGISTRATION_NAMES = {
    Registration.RSciTech: "Registered Science Technician",
    Registration.RSci: "Registered Scientist",
    Registration.CSci: "Chartered Scientist",
    Registration.EngTech: "Engineering Technician",
    Registration.IEng: "Incorporated Engineer",
    Registration.CEng: "Chartered Engineer",
    Registration.RITTech: "Registered IT Technician",
    Registration.AFHEA: "Associate Fellow of the Higher Education Academy",
    Registration.FHEA: "Fellow of the Higher Education Academy",
    Registration.SFHEA: "Senior Fellow of the Higher Education Academy",
    Registration.PFHEA: "Principal Fellow of the Higher Education Academy",
}


class CreditRole(str, Enum):
    """CRediT contributor roles (https://credit.niso.org/)."""

    conceptualization = "Conceptualization"
    data_curation = "Data curation"
    formal_analysis = "Formal analysis"
    funding_acquisition = "Funding acquisition"
    investigation = "Investigation"
    methodology = "Methodology"
    project_administration = "Project administration"
    resources = "Resources"
    software = "Software"
    supervision = "Supervision"
    validation = "Validation"
    visualization = "Visualization"
    writing_original_draft = "Writing – original draft"
    writing_review_editing = "Writing – review & editing"


class AwardResult(str, Enum):
    winner = "winner"
    highly_commended = "highly commended"
    shortlisted = "shortlisted"
    nominated = "nominated"


class Shown(str, Enum):
    """Personal details that appear only when the person lists them under `consent.show`."""

    photo = "photo"
    email = "email"
    pronouns = "pronouns"


class Consent(Model):
    given_on: dt.date = Field(description="the date the person agreed to publish this profile")
    show: list[Shown] = Field(
        default_factory=list, description="personal details the person agreed to show: photo, email, pronouns"
    )


class Photo(Model):
    file: Text = Field(description="image file name in this profile's folder, e.g. photo.jpg (JPEG, PNG or WebP)")
    alt: Text = Field(description="what the photo shows, for people who cannot see it")


class Group(Model):
    name: Text = Field(description="research group, lab or facility name")
    pi: Text | None = Field(None, description="the group leader (principal investigator) you work with")
    pi_url: Url | None = Field(None, description="the PI's own staff page")
    url: Url | None = Field(None, description="the group's web page")


class CareerStep(Model):
    start: YearMonth = Field(description="when this role began: 2015 or 2015-09")
    role: Text
    organisation: Text | None = None


class Qualification(Model):
    title: Text = Field(description="e.g. HNC Applied Biology")
    awarded_by: Text | None = None
    year: Year | None = None


class HeldRegistration(Model):
    title: Registration = Field(description="the post-nominal, e.g. RSciTech, EngTech, FHEA")
    year: Year
    via: Text | None = Field(None, description="the licensed body you registered through, e.g. Royal Society of Biology")


class PersonalAward(Model):
    scheme: Text = Field(description="e.g. Papin Prize, THE Awards, Vice-Chancellor's Awards for Excellence")
    category: Text | None = None
    year: Year
    result: AwardResult = AwardResult.winner


class Output(Model):
    title: Text
    doi: Doi | None = None
    url: Url | None = None
    year: Year | None = None
    roles: list[CreditRole] = Field(default_factory=list, description="your CRediT roles in this output")


class Link(Model):
    label: Text
    url: Url


class Profile(Model):
    name: Text
    pronouns: Text | None = Field(None, description="shown only if `consent.show` lists pronouns")
    job_title: Text
    grade: Text | None = None
    department: Text = Field(description="department, school or service")
    groups: list[Group] = Field(default_factory=list)
    photo: Photo | None = Field(None, description="shown only if `consent.show` lists photo")
    summary: Markdown = Field(description="two or three sentences about your work")
    skills: list[Text] = Field(default_factory=list, description="skills and techniques")
    equipment: list[Text] = Field(default_factory=list, description="equipment and facilities you look after")
    day_in_the_life: Markdown | None = None
    career: list[CareerStep] = Field(default_factory=list, description="your path so far, oldest first")
    qualifications: list[Qualification] = Field(default_factory=list)
    registrations: list[HeldRegistration] = Field(default_factory=list)
    awards: list[PersonalAward] = Field(default_factory=list)
    outputs: list[Output] = Field(default_factory=list, description="research outputs you contributed to")
    orcid: Orcid | None = None
    outreach: list[Text] = Field(default_factory=list, description="e.g. STEM Ambassador, school visits")
    links: list[Link] = Field(default_factory=list)
    email: Email | None = Field(None, description="shown only if `consent.show` lists email")
    consent: Consent
    published: bool = Field(True, description="false keeps the profile off every page, feed, index and sitemap")
    sample: bool = Field(False, description="true for fictional demo people")

    def shows(self, detail: Shown) -> bool:
        return detail in self.consent.show

    # `python -m techportal new profile` writes placeholders starting "TODO"; one left in would be
    # published as it stands, so the check insists on real text (four fields, a cheap test).
    @field_validator("job_title", "department", "summary")
    @classmethod
    def _not_a_placeholder(cls, value: str) -> str:
        if value.startswith(PLACEHOLDER):
            raise ValueError("is the placeholder from the new-profile template — replace it with your own words")
        return value

    @field_validator("skills")
    @classmethod
    def _no_placeholder_skill(cls, skills: list[str]) -> list[str]:
        for number, skill in enumerate(skills, start=1):
            if skill.startswith(PLACEHOLDER):
                raise ValueError(f"skill {number}, `{skill}`, is the placeholder from the new-profile template — "
                                 "replace it with one of your skills")
        return skills


PLACEHOLDER = "TODO"

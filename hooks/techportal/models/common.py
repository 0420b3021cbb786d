"""Field types shared by every file kind: each carries its own validation and its own schema text."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class Model(BaseModel):
    """Base for every contributed record: unknown keys are errors, never silently dropped.

    YAML reads `grade: 6` or `period: 2024` as numbers; in a text field they mean the text, so
    numbers become text (true/false do not). Done by pydantic's core rather than a Python
    validator: text fields are most of a profile, and 40,000 profiles are validated per build.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False, coerce_numbers_to_str=True)


Text = Annotated[str, StringConstraints(min_length=1, max_length=500)]
"""One line of plain text, such as a name or a job title."""

Markdown = Annotated[
    str,
    StringConstraints(min_length=1, max_length=20_000),
    Field(json_schema_extra={"format": "markdown"}),
]
"""Free text; Markdown is allowed and rendered, raw HTML is sanitised."""

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="lower-case letters, digits and single hyphens, e.g. `jane-doe`"),
]

SAFE_SCHEMES = ("https", "http", "mailto")


def _check_url(value: str) -> str:
    value = value.strip()
    if value.startswith("/") and not value.startswith("//"):
        return value  # a link within this site
    parts = urlsplit(value)
    if parts.scheme.lower() not in SAFE_SCHEMES:
        raise ValueError("must be a web address starting https:// (or http://, mailto:, or / for this site)")
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        raise ValueError("is missing the site name after https://")
    if any(ch in value for ch in "\"'<> \t\n"):
        raise ValueError("must not contain spaces, quotes or angle brackets")
    return value


Url = Annotated[
    str,
    StringConstraints(max_length=2000),
    AfterValidator(_check_url),
    Field(json_schema_extra={"pattern": r"^(https?://[^\s\"'<>]+|mailto:[^\s\"'<>]+|/[^/][^\s\"'<>]*|/)$"}),
]

_EMAIL = re.compile(r"^[^@\s\"'<>]+@[^@\s\"'<>]+\.[^@\s\"'<>]+$")


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("must be an email address like name@example.ac.uk")
    return value


Email = Annotated[str, AfterValidator(_check_email), Field(json_schema_extra={"format": "email"})]


def _check_orcid(value: str) -> str:
    value = re.sub(r"^(https?://)?orcid\.org/", "", value.strip(), flags=re.IGNORECASE)
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", value):
        raise ValueError("must look like 0000-0002-1825-0097 (four groups of four)")
    digits = value.replace("-", "")
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if digits[-1] != expected:
        raise ValueError("is not a valid ORCID iD (its last digit does not match); copy it from orcid.org")
    return value


Orcid = Annotated[
    str,
    AfterValidator(_check_orcid),
    Field(
        description="ORCID iD, e.g. 0000-0002-1825-0097",
        json_schema_extra={"pattern": r"^((https?://)?orcid\.org/)?\d{4}-\d{4}-\d{4}-\d{3}[\dX]$"},
    ),
]


def _check_doi(value: str) -> str:
    value = value.strip()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix):]
    if not re.fullmatch(r"10\.\d{4,9}/[^\s\"'<>]+", value):
        raise ValueError("must be a DOI like 10.1234/abcd.5678 (it starts with 10.)")
    return value


Doi = Annotated[
    str,
    AfterValidator(_check_doi),
    Field(description="DOI, e.g. 10.1038/s41586-020-2649-2",
          json_schema_extra={"pattern": r"^((https?://(dx\.)?doi\.org/)|doi:|DOI:)?10\.\d{4,9}/\S+$"}),
]

Year = Annotated[int, Field(ge=1950, le=2100, description="a year, e.g. 2021")]

_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")


def _check_year_month(value: Any) -> str:
    value = str(value)
    if not _YEAR_MONTH.match(value):
        raise ValueError("must be a year (2019) or a year and month (2019-06)")
    return value


YearMonth = Annotated[
    str,
    AfterValidator(_check_year_month),
    Field(description="a year (2019) or year and month (2019-06)", json_schema_extra={"pattern": _YEAR_MONTH.pattern}),
]

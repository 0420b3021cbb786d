"""Normalised target dates: the one notation every plan's own date convention is translated into.

A plan says "Q2" (in Year 1), "Mar-20", "By end of May 2018" or "On-going"; the plan file keeps
those words verbatim and adds a normalised value in this notation:

    2019            a year            2019-Q2      a quarter (Q1 = January–March)
    2019-06         a month           2019-06-30   a day
    ongoing         no end date       A/B          a range from A to B (B may be `ongoing`)
"""

from __future__ import annotations

import calendar
import functools
import datetime as dt
import re
from dataclasses import dataclass

_POINT = r"\d{4}(?:-Q[1-4]|-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
PATTERN = rf"^(?:ongoing|{_POINT}(?:/(?:{_POINT}|ongoing))?)$"
_POINT_RE = re.compile(rf"^{_POINT}$")


@dataclass(frozen=True)
class Period:
    """First and last day a normalised value covers; `end` is None for open-ended work."""

    start: dt.date | None
    end: dt.date | None

    @property
    def ongoing(self) -> bool:
        return self.end is None


def _bounds(point: str) -> tuple[dt.date, dt.date]:
    year = int(point[:4])
    rest = point[5:]
    if not rest:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if rest.startswith("Q"):
        q = int(rest[1])
        first, last = 3 * q - 2, 3 * q
        return dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1])
    month = int(rest[:2])
    if len(rest) > 2:
        day = dt.date(year, month, int(rest[3:]))
        return day, day
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def parse(value: str) -> Period:
    """A normalised value → its Period. Raises ValueError in plain words."""
    if not re.match(PATTERN, value):
        raise ValueError(
            "must be a normalised date: 2019, 2019-Q2, 2019-06, 2019-06-30, ongoing, or a range like 2019-12/2020-06"
        )
    if value == "ongoing":
        return Period(None, None)
    first, _, last = value.partition("/")
    start, end = _bounds(first)
    if last == "ongoing":
        return Period(start, None)
    if last:
        last_start, end = _bounds(last)
        if last_start < start:
            raise ValueError(f"is a range that ends ({last}) before it starts ({first})")
    return Period(start, end)


@functools.lru_cache(maxsize=4096)  # the same few hundred dates recur across thousands of pages
def describe(value: str) -> str:
    """A short human reading of a normalised value, e.g. 'Apr–Jun 2019'."""
    if value == "ongoing":
        return "Ongoing"
    first, _, last = value.partition("/")
    text = _describe_point(first)
    if last:
        text += " – " + ("ongoing" if last == "ongoing" else _describe_point(last))
    return text


def _describe_point(point: str) -> str:
    start, end = _bounds(point)
    if len(point) == 4:
        return point
    if "Q" in point:
        return f"{start:%b}–{end:%b} {start.year}"
    if len(point) == 7:
        return f"{start:%b %Y}"
    return f"{start.day} {start:%b %Y}"

"""Filters our templates use, engine-neutral: any Jinja environment can register them."""

from __future__ import annotations

from . import markup
from .models import periods
from .site import slugify


def template_filters() -> dict:
    return {
        "markdown": markup.render,
        "markdown_inline": markup.render_inline,
        "describe_date": periods.describe,
        "skill_slug": slugify,
    }

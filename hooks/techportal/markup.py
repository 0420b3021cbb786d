"""Contributor Markdown → safe HTML, rendered once in the core before any template sees it."""

from __future__ import annotations

import functools
import html
import re

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h2", "h3", "h4", "h5", "h6", "hr", "sub", "sup", "abbr", "table", "thead", "tbody",
    "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}, "td": set()}
URL_SCHEMES = {"http", "https", "mailto"}

_converter = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def clean_html(raw: str) -> str:
    return nh3.clean(
        raw,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
    )


def _demote_headings(rendered: str, top: int) -> str:
    """A contributor's `# Heading` must not compete with the page's own h1."""
    if top <= 1:
        return rendered

    def shift(match: re.Match) -> str:
        level = min(6, int(match.group(2)) + top - 1)
        return f"<{match.group(1)}h{level}"

    return re.sub(r"<(/?)h([1-6])", shift, rendered)


# Text with none of these has no Markdown or HTML in it: escaping it gives exactly what the
# converter would, at a fraction of the cost (most profile text is plain prose in one or more
# paragraphs; 40,000 profiles add up).
# emphasis, code, links, headings, HTML, entities, tables, tabs (expanded to spaces)
_MARKUP_ANYWHERE = re.compile(r"[\\`*_\[\]#<>&|\t]")
_MARKUP_LINE_START = re.compile(r"\s*(?:[-+]|\d+[.)])\s|\s*[=-]+\s*$| {4}")  # list items, setext underlines, code blocks
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of a text with no Markdown or HTML in it, as the converter would show them;
    None if it has some."""
    if _MARKUP_ANYWHERE.search(text):
        return None
    # Line by line rather than one MULTILINE pattern: `^` would be tried at every character.
    for line in text.split("\n"):
        if _MARKUP_LINE_START.match(line) or line.endswith("  "):  # "  " at a line end: a hard break
            return None
    return [paragraph.lstrip() for paragraph in _PARAGRAPH_BREAK.split(text.strip())]


def render(text: str | None, *, top_heading: int = 2) -> Markup:
    """Markdown → sanitised HTML. Raw HTML in the source is allowed through only as far as nh3 allows."""
    if not text:
        return Markup("")
    paragraphs = _plain_paragraphs(text)
    if paragraphs is not None:
        return Markup("\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))
    return _convert(text, top_heading)


@functools.lru_cache(maxsize=16_384)  # under `mkdocs serve`, every rebuild renders the same texts again
def _convert(text: str, top_heading: int) -> Markup:
    _converter.reset()
    rendered = _converter.convert(text)
    return Markup(clean_html(_demote_headings(rendered, top_heading)))


def render_inline(text: str | None) -> Markup:
    """Markdown for a table cell or a heading: the same, without the wrapping paragraph."""
    rendered = str(render(text))
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


def plain(text: str | None, rendered: Markup | None = None) -> str:
    """Text for attributes and meta tags: Markdown rendered (or its rendering, if already made),
    tags dropped, entities decoded."""
    if not text:
        return ""
    rendered = render(text) if rendered is None else rendered
    if rendered == f"<p>{text.strip()}</p>":  # render's plain-prose shortcut: no tags, no entities
        return text.strip()
    return html.unescape(nh3.clean(str(rendered), tags=set())).strip()

"""Charts as inline SVG, drawn at build time from the same numbers the page's tables show.

No JavaScript and no colour-only meaning: every series has its own fill pattern (solid, stripes,
cross-hatch, dots, hollow) and an outline in the text colour, counts are written on the bars, and
colours are CSS custom properties (docs/assets/portal.css) so light and dark schemes both meet
contrast. Each SVG is `role="img"` named by its <title> and <desc>; the page shows the numbers again
in a table beside it. Every text and attribute value is escaped with `html.escape`; the output is
well-formed XML, so tests can parse it with xml.etree.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from html import escape

from markupsafe import Markup

from .models.periods import parse as parse_period
from .models.plan import Status

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 640
FONT = 15
SMALL = 13


@dataclass(frozen=True)
class Series:
    key: str    # stable id, used in data-series and CSS classes
    label: str
    style: str  # solid | stripes | crosshatch | dots | hollow
    tone: str   # green | blue | red | grey | indigo (CSS custom properties per scheme)


STATUS_STYLE = {
    Status.not_reported: ("hollow", "grey"),
    Status.not_started: ("dots", "grey"),
    Status.on_track: ("stripes", "blue"),
    Status.at_risk: ("crosshatch", "red"),
    Status.done: ("solid", "green"),
}
STATUS_SERIES = tuple(Series(s.name, s.value.capitalize(), *STATUS_STYLE[s]) for s in Status)
ACTIONS_SERIES = (Series("actions", "Actions", "solid", "indigo"),)
TIMELINE_SERIES = (
    Series("done", "Done", "solid", "green"),
    Series("overdue", "Not done, past target date", "crosshatch", "red"),
    Series("open", "Not done, target date not passed", "stripes", "blue"),
)


@dataclass
class Row:
    label: str
    values: list[int]
    extra: dict = field(default_factory=dict)  # table-only figures, e.g. {"overdue": 3}
    gap_before: bool = False                   # drawn apart from the row before (e.g. "Ongoing" after dates)
    sub: str = ""                              # a second label line for columns (e.g. the year under "Q1")

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass
class Chart:
    """A stacked bar chart: one bar per row, one segment per series."""

    id: str  # unique on its page: prefixes the ids of <title>, <desc> and patterns
    title: str
    summary: str  # the <desc>: what the chart shows, in words and numbers
    series: tuple[Series, ...]
    rows: list[Row]
    orientation: str = "bars"  # bars (horizontal) | columns (vertical)
    note: str = ""  # shown under the table: how the numbers were counted

    @property
    def svg(self) -> Markup:
        return Markup(_columns(self) if self.orientation == "columns" else _bars(self))


@dataclass
class Span:
    label: str
    start: dt.date | None
    end: dt.date | None  # None with a start: open-ended
    text: str            # the period in words, for the table


@dataclass
class RangeChart:
    """A timeline of periods (a plan's start to its end), with a marker at the as-of date."""

    id: str
    title: str
    summary: str
    spans: list[Span]
    today: dt.date

    @property
    def svg(self) -> Markup:
        return Markup(_ranges(self))


# --- SVG drawing -----------------------------------------------------------------------------------

def _a(value) -> str:
    return escape(str(value), quote=True)


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text_width(text: str, size: int) -> float:
    return len(text) * size * 0.56


def _fit(text: str, width: float, size: int) -> str:
    limit = max(4, int(width / (size * 0.56)))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _open(chart_id: str, width: float, height: float, title: str, summary: str, kind: str) -> list[str]:
    cid = _a(chart_id)
    return [
        f'<svg xmlns="{SVG_NS}" class="tp-chart__svg tp-chart__svg--{_a(kind)}" role="img" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" height="{_n(height)}" '
        f'aria-labelledby="{cid}-title {cid}-desc" id="{cid}">',
        f'<title id="{cid}-title">{_a(title)}</title>',
        f'<desc id="{cid}-desc">{_a(summary)}</desc>',
    ]


def _defs(chart_id: str, series: tuple[Series, ...]) -> str:
    parts = ["<defs>"]
    for s in series:
        pid = _a(f"{chart_id}-{s.key}")
        ink = f"tp-ink tp-ink--{_a(s.tone)}"
        if s.style == "stripes":
            parts.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                         f'<rect width="6" height="6" class="tp-paper"/><rect width="2.5" height="6" class="{ink}"/></pattern>')
        elif s.style == "crosshatch":
            parts.append(f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
                         f'<rect width="6" height="6" class="tp-paper"/><rect width="2" height="6" class="{ink}"/>'
                         f'<rect width="6" height="2" class="{ink}"/></pattern>')
        elif s.style == "dots":
            parts.append(f'<pattern id="{pid}" width="5" height="5" patternUnits="userSpaceOnUse">'
                         f'<rect width="5" height="5" class="tp-paper"/><circle cx="2.5" cy="2.5" r="1.3" class="{ink}"/></pattern>')
    parts.append("</defs>")
    return "".join(parts)


def _fill(chart_id: str, s: Series) -> str:
    """Attributes giving a shape the series' look: a pattern, a solid tone, or hollow."""
    if s.style == "solid":
        return f'class="tp-seg tp-ink tp-ink--{_a(s.tone)}"'
    if s.style == "hollow":
        return 'class="tp-seg tp-paper"'
    return f'class="tp-seg" fill="url(#{_a(chart_id)}-{_a(s.key)})"'


def _legend(chart: Chart, y: float) -> tuple[list[str], float]:
    """Swatch and label per series, wrapped onto as many lines as the width needs."""
    if len(chart.series) < 2:
        return [], y
    out, x, line = [], 0.0, 0
    for s in chart.series:
        w = 14 + 6 + _text_width(s.label, FONT) + 18
        if x and x + w > WIDTH:
            x, line = 0.0, line + 1
        top = y + line * 22
        out.append(f'<g class="tp-legend" data-series="{_a(s.key)}">'
                   f'<rect x="{_n(x + 0.5)}" y="{_n(top + 0.5)}" width="14" height="14" {_fill(chart.id, s)}/>'
                   f'<text x="{_n(x + 20)}" y="{_n(top + 12)}" font-size="{FONT}" class="tp-chart-text">{_a(s.label)}</text></g>')
        x += w
    return out, y + (line + 1) * 22 + 6


def _nice_max(value: int) -> tuple[int, int]:
    """An axis maximum at or above `value` and a tick step giving at most about six ticks."""
    if value <= 0:
        return 1, 1
    raw = value / 5
    magnitude = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(1, int(step))
    return int(math.ceil(value / step) * step), step


def _chip(cx: float, cy: float, value: int) -> str:
    """A count written on a segment, on a chip of page background so it reads over any pattern."""
    text = str(value)
    w = _text_width(text, SMALL) + 6
    return (f'<rect x="{_n(cx - w / 2)}" y="{_n(cy - 8)}" width="{_n(w)}" height="16" rx="3" class="tp-chip"/>'
            f'<text x="{_n(cx)}" y="{_n(cy + 4)}" font-size="{SMALL}" text-anchor="middle" class="tp-chart-text">{text}</text>')


def _bars(chart: Chart) -> str:
    label_w = min(200.0, max([_text_width(r.label, FONT) for r in chart.rows] + [60.0]) + 10)
    total_w = 40.0
    plot_x = label_w
    plot_w = WIDTH - label_w - total_w
    top = 4.0
    legend, top = _legend(chart, top)
    pitch, bar_h = 32.0, 22.0
    top_extra = sum(10 for r in chart.rows if r.gap_before)
    axis_max, step = _nice_max(max([r.total for r in chart.rows] + [0]))
    scale = plot_w / axis_max
    plot_h = len(chart.rows) * pitch + top_extra
    height = top + plot_h + 22
    out = _open(chart.id, WIDTH, height, chart.title, chart.summary, "bars")
    out.append(_defs(chart.id, chart.series))
    out += legend
    for tick in range(0, axis_max + 1, step):
        x = plot_x + tick * scale
        out.append(f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(top + plot_h)}" class="tp-grid"/>'
                   f'<text x="{_n(x)}" y="{_n(top + plot_h + 16)}" font-size="{SMALL}" text-anchor="middle" '
                   f'class="tp-chart-text">{tick}</text>')
    y = top
    for row in chart.rows:
        if row.gap_before:
            y += 10
        bar_y = y + (pitch - bar_h) / 2
        out.append(f'<g class="tp-row" data-category="{_a(row.label)}" data-total="{row.total}">')
        out.append(f'<text x="{_n(label_w - 8)}" y="{_n(bar_y + 14)}" font-size="{FONT}" text-anchor="end" '
                   f'class="tp-chart-text">{_a(_fit(row.label, label_w - 10, FONT))}</text>')
        x = plot_x
        for s, value in zip(chart.series, row.values):
            if not value:
                continue
            w = value * scale
            out.append(f'<rect x="{_n(x)}" y="{_n(bar_y)}" width="{_n(w)}" height="{_n(bar_h)}" {_fill(chart.id, s)} '
                       f'data-series="{_a(s.key)}" data-value="{value}"/>')
            if len(chart.series) > 1 and w >= _text_width(str(value), SMALL) + 10:
                out.append(_chip(x + w / 2, bar_y + bar_h / 2, value))
            x += w
        out.append(f'<text x="{_n(x + 6)}" y="{_n(bar_y + 14)}" font-size="{FONT}" font-weight="700" '
                   f'class="tp-chart-text tp-total">{row.total}</text>')
        out.append("</g>")
        y += pitch
    out.append("</svg>")
    return "".join(out)


def _columns(chart: Chart) -> str:
    axis_w = 34.0
    gaps = sum(16 for r in chart.rows if r.gap_before)
    pitch = min(80.0, max(46.0, (WIDTH - axis_w - gaps - 8) / max(1, len(chart.rows))))
    bar_w = round(pitch * 0.62, 1)
    width = max(WIDTH, axis_w + len(chart.rows) * pitch + gaps + 8)
    top = 4.0
    legend, top = _legend(chart, top)
    top += 14  # room for the totals above the tallest column
    plot_h = 150.0
    axis_max, step = _nice_max(max([r.total for r in chart.rows] + [0]))
    scale = plot_h / axis_max
    base = top + plot_h
    height = base + 36
    out = _open(chart.id, width, height, chart.title, chart.summary, "columns")
    out.append(_defs(chart.id, chart.series))
    out += legend
    for tick in range(0, axis_max + 1, step):
        y = base - tick * scale
        out.append(f'<line x1="{_n(axis_w)}" y1="{_n(y)}" x2="{_n(width - 4)}" y2="{_n(y)}" class="tp-grid"/>'
                   f'<text x="{_n(axis_w - 6)}" y="{_n(y + 4)}" font-size="{SMALL}" text-anchor="end" class="tp-chart-text">{tick}</text>')
    x = axis_w + (pitch - bar_w) / 2
    for row in chart.rows:
        if row.gap_before:
            x += 16
        cx = x + bar_w / 2
        out.append(f'<g class="tp-row" data-category="{_a(row.extra.get("period", row.label))}" data-total="{row.total}">')
        y = base
        for s, value in zip(chart.series, row.values):
            if not value:
                continue
            h = value * scale
            y -= h
            out.append(f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(bar_w)}" height="{_n(h)}" {_fill(chart.id, s)} '
                       f'data-series="{_a(s.key)}" data-value="{value}"/>')
            if h >= 18:
                out.append(_chip(cx, y + h / 2, value))
        if row.total:
            out.append(f'<text x="{_n(cx)}" y="{_n(y - 4)}" font-size="{SMALL}" font-weight="700" text-anchor="middle" '
                       f'class="tp-chart-text tp-total">{row.total}</text>')
        out.append(f'<text x="{_n(cx)}" y="{_n(base + 15)}" font-size="{SMALL}" text-anchor="middle" class="tp-chart-text">'
                   f'{_a(_fit(row.label, pitch - 2, SMALL))}</text>')
        if row.sub:
            out.append(f'<text x="{_n(cx)}" y="{_n(base + 29)}" font-size="{SMALL}" text-anchor="middle" '
                       f'class="tp-chart-text">{_a(row.sub)}</text>')
        out.append("</g>")
        x += pitch
    out.append(f'<line x1="{_n(axis_w)}" y1="{_n(base)}" x2="{_n(width - 4)}" y2="{_n(base)}" class="tp-axis"/>')
    out.append("</svg>")
    return "".join(out)


def _ranges(chart: RangeChart) -> str:
    dated = [s for s in chart.spans if s.start]
    label_w = min(230.0, max([_text_width(s.label, FONT) for s in chart.spans] + [60.0]) + 10)
    plot_x, plot_w = label_w, WIDTH - label_w - 14
    first = min([s.start.year for s in dated] + [chart.today.year])
    last = max([(s.end or chart.today).year for s in dated] + [chart.today.year])
    lo, hi = dt.date(first, 1, 1), dt.date(last + 1, 1, 1)
    span_days = (hi - lo).days

    def xof(day: dt.date) -> float:
        return plot_x + (day - lo).days / span_days * plot_w

    pitch, bar_h, top = 30.0, 18.0, 22.0
    plot_h = len(chart.spans) * pitch
    height = top + plot_h + 24
    out = _open(chart.id, WIDTH, height, chart.title, chart.summary, "ranges")
    out.append(_defs(chart.id, (Series("open", "Open-ended", "stripes", "indigo"),)))
    for year in range(first, last + 2):
        x = xof(dt.date(year, 1, 1))
        out.append(f'<line x1="{_n(x)}" y1="{_n(top)}" x2="{_n(x)}" y2="{_n(top + plot_h)}" class="tp-grid"/>')
        if year <= last:
            mid = xof(dt.date(year, 7, 1))
            out.append(f'<text x="{_n(mid)}" y="{_n(top + plot_h + 16)}" font-size="{SMALL}" text-anchor="middle" '
                       f'class="tp-chart-text">{year}</text>')
    y = top
    for s in chart.spans:
        bar_y = y + (pitch - bar_h) / 2
        out.append(f'<g class="tp-row" data-category="{_a(s.label)}" data-start="{_a(s.start or "")}" '
                   f'data-end="{_a(s.end or "")}">')
        out.append(f'<text x="{_n(label_w - 8)}" y="{_n(bar_y + 13)}" font-size="{FONT}" text-anchor="end" '
                   f'class="tp-chart-text">{_a(_fit(s.label, label_w - 10, FONT))}</text>')
        if s.start:
            end = s.end + dt.timedelta(days=1) if s.end else hi
            x0, x1 = xof(s.start), xof(end)
            look = 'class="tp-seg tp-ink tp-ink--indigo"' if s.end else f'class="tp-seg" fill="url(#{_a(chart.id)}-open)"'
            out.append(f'<rect x="{_n(x0)}" y="{_n(bar_y)}" width="{_n(max(2.0, x1 - x0))}" height="{_n(bar_h)}" {look}/>')
        else:
            out.append(f'<text x="{_n(plot_x + 4)}" y="{_n(bar_y + 13)}" font-size="{FONT}" font-style="italic" '
                       f'class="tp-chart-text">{_a(s.text)}</text>')
        out.append("</g>")
        y += pitch
    if lo <= chart.today < hi:
        x = xof(chart.today)
        label = f"As of {chart.today.day} {chart.today:%b %Y}"
        anchor = "end" if x > plot_x + plot_w / 2 else "start"
        dx = -4 if anchor == "end" else 4
        out.append(f'<line x1="{_n(x)}" y1="{_n(top - 4)}" x2="{_n(x)}" y2="{_n(top + plot_h)}" class="tp-marker"/>'
                   f'<text x="{_n(x + dx)}" y="{_n(top - 8)}" font-size="{SMALL}" text-anchor="{anchor}" '
                   f'class="tp-chart-text">{_a(label)}</text>')
    out.append("</svg>")
    return "".join(out)


# --- The charts the portal draws -------------------------------------------------------------------

def _counts(actions, today: dt.date) -> Row:
    values = [sum(1 for a in actions if a.model.status.state == s) for s in Status]
    return Row("", values, {"overdue": sum(1 for a in actions if a.overdue(today))})


def _status_words(row: Row) -> str:
    parts = [f"{n} {s.value}" for s, n in zip(Status, row.values) if n]
    return ", ".join(parts) or "none"


def status_by_pillar(plan, today: dt.date, chart_id: str = "chart-status") -> Chart:
    """The plan's actions by status: all actions first (each counted once), then each pillar."""
    everything = _counts(plan.actions, today)
    everything.label = "All actions"
    everything.extra["total_row"] = True
    rows = [everything]
    for n, (anchor, heading, _, actions) in enumerate(plan.groups):
        row = _counts(actions, today)
        row.label, row.gap_before = heading, n == 0
        row.extra["href"] = f"#{anchor}"
        rows.append(row)
    summary = (f"Status of {everything.total} actions, judged against {today.day} {today:%B %Y}. "
               + "; ".join(f"{r.label}: {r.total} ({_status_words(r)}; {r.extra['overdue']} past target date and not done)"
                           for r in rows) + ".")
    return Chart(chart_id, "Status of actions, overall and by pillar", summary, STATUS_SERIES, rows,
                 note="An action that serves more than one pillar is counted under each of them; "
                      "“All actions” counts each action once.")


def actions_per_pillar(plan, chart_id: str = "chart-pillars") -> Chart:
    rows = [Row(heading, [len(actions)], {"href": f"#{anchor}"}) for anchor, heading, _, actions in plan.groups]
    summary = (f"Number of actions per pillar, {len(plan.actions)} actions in all: "
               + "; ".join(f"{r.label}: {r.total}" for r in rows) + ".")
    return Chart(chart_id, "Actions per pillar", summary, ACTIONS_SERIES, rows,
                 note="An action that serves more than one pillar is counted under each of them.")


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def targets_over_time(plan, today: dt.date, chart_id: str = "chart-targets") -> Chart:
    """How many actions fall due in each quarter (or year, for long plans) of the plan period, and
    how many of those are done or past their target date; then open-ended and undated actions."""
    dated: dict[dt.date, list] = {}
    ongoing, undated = [], []
    for action in plan.actions:
        target = action.model.target
        if not target or not target.due:
            undated.append(action)
        elif target.deadline is None:
            ongoing.append(action)
        else:
            dated.setdefault(target.deadline, []).append(action)
    bounds = [d for d in dated]
    for value in (plan.model.starts, plan.model.ends):
        if value and value != "ongoing":
            period = parse_period(value)
            bounds += [d for d in (period.start, period.end) if d]
    rows: list[Row] = []
    by_year = False
    if bounds:
        first, last = min(bounds), max(bounds)
        by_year = (last.year - first.year) > 3
        keys: list[tuple[int, int]] = []
        if by_year:
            keys = [(y, 0) for y in range(first.year, last.year + 1)]
        else:
            y, q = _quarter(first)
            while (y, q) <= _quarter(last):
                keys.append((y, q))
                y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        buckets: dict[tuple[int, int], list] = {k: [] for k in keys}
        for deadline, actions in dated.items():
            buckets[(deadline.year, 0) if by_year else _quarter(deadline)] += actions
        previous_year = None
        for (year, q), actions in buckets.items():
            row = _timeline_row(actions, today)
            if by_year:
                row.label = str(year)
            else:
                row.label, row.sub = f"Q{q}", (str(year) if year != previous_year else "")
                row.extra["period"] = f"{year} Q{q}"
            row.extra.setdefault("period", row.label)
            previous_year = year
            rows.append(row)
    for label, actions in (("Ongoing", ongoing), ("No date", undated)):
        if actions:
            row = _timeline_row(actions, today)
            row.label, row.gap_before = label, bool(rows)
            row.extra["period"] = "Ongoing (no end date)" if label == "Ongoing" else "No target date"
            rows.append(row)
    unit = "year" if by_year else "quarter"
    summary = (f"Actions by the {unit} their target date ends, {len(plan.actions)} actions in all, judged against "
               f"{today.day} {today:%B %Y}. "
               + "; ".join(f"{r.extra['period']}: {r.total} ({r.values[0]} done, {r.values[1]} past target date and "
                           f"not done)" for r in rows if r.total) + ".")
    return Chart(chart_id, f"Target dates by {unit}", summary, TIMELINE_SERIES, rows, orientation="columns",
                 note=f"Each action is counted once, in the {unit} its last target date ends: a target of a whole "
                      f"year counts in its last quarter. Open-ended targets are counted under “Ongoing”.")


def _timeline_row(actions, today: dt.date) -> Row:
    done = sum(1 for a in actions if a.model.status.state == Status.done)
    overdue = sum(1 for a in actions if a.overdue(today))
    return Row("", [done, overdue, len(actions) - done - overdue])


def plan_periods(plans, today: dt.date, label, chart_id: str = "chart-periods") -> RangeChart:
    spans = []
    for plan in plans:
        start = end = None
        if plan.model.starts and plan.model.starts != "ongoing":
            start = parse_period(plan.model.starts).start
        if start and plan.model.ends:
            end = parse_period(plan.model.ends).end if plan.model.ends != "ongoing" else None
        text = plan.model.period if start else "Period not stated"
        spans.append(Span(label(plan), start, end, text))
    words = "; ".join(
        f"{s.label}: {s.start:%B %Y} to {s.end:%B %Y}" if s.start and s.end else
        f"{s.label}: from {s.start:%B %Y}, open-ended" if s.start else f"{s.label}: period not stated"
        for s in spans)
    return RangeChart(chart_id, "Plan periods", f"The period each plan covers. {words}. As of {today.day} {today:%B %Y}.",
                      spans, today)


def status_by_plan(plans, today: dt.date, label, chart_id: str = "chart-plan-status") -> Chart:
    rows = []
    for plan in plans:
        row = _counts(plan.actions, today)
        row.label = label(plan)
        row.extra["url"] = plan.url
        rows.append(row)
    summary = (f"Status of each plan's actions, judged against {today.day} {today:%B %Y}. "
               + "; ".join(f"{r.label}: {r.total} actions ({_status_words(r)}; {r.extra['overdue']} past target date "
                           f"and not done)" for r in rows) + ".")
    return Chart(chart_id, "Status of actions by plan", summary, STATUS_SERIES, rows)

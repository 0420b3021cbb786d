"""Plan progress and outward reach: charts, sector page, exports, feeds, open data, JSON-LD, link
previews and the sitemap, checked with the tools their consumers use (feedparser, PyLD, csv, an XML
parser) against figures computed here from the content files, not from the portal's own code."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import lxml.html
import pytest
import yaml
from pyld import jsonld

from techportal import markup, outputs
from techportal.models import Plan
from techportal.pages import THEMES

from conftest import ROOT, build, check, make_project, read
from test_browser import Visit, _axe, browser, origin  # noqa: F401  (fixtures shared with the browser suite)

SITE_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])["site_url"]
AS_OF = dt.date(2026, 11, 1)
NG = "northgate-university"
SVG = "{http://www.w3.org/2000/svg}"
STATUSES = ["not reported", "not started", "on track", "at risk", "done"]
STATUS_KEYS = ["not_reported", "not_started", "on_track", "at_risk", "done"]
PLAN_FILES = sorted((ROOT / "plans").glob("*/*.yml"))
REAL_INSTITUTIONS = ["cardiff-university", "liverpool-school-of-tropical-medicine", "university-of-bradford",
                     "university-of-glasgow", "university-of-portsmouth"]


def plan_id(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def load_plan(path: Path) -> tuple[dict, Plan]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return raw, Plan.model_validate(raw)


def plan_url(path: Path) -> str:
    return f"institutions/{path.parent.name}/plans/{path.stem}/"


def profiles() -> dict[str, dict]:
    return {p.parent.name: yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((ROOT / "profiles" / NG).glob("*/profile.yml"))}


def jsonld_of(html: str) -> dict:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, flags=re.S)
    assert len(scripts) == 1
    assert "</" not in scripts[0] and "<" not in scripts[0]
    return json.loads(scripts[0])


def schema_org_loader(url, options=None):
    """No network: https://schema.org resolves to a vocabulary-only context."""
    assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": "https://schema.org/"}}}


def expand(doc: dict) -> dict:
    expanded = jsonld.expand(doc, {"documentLoader": schema_org_loader})
    assert len(expanded) == 1
    return expanded[0]


S = "https://schema.org/"


def values(node: dict, prop: str) -> list:
    return [v.get("@value", v.get("@id", v)) for v in node.get(S + prop, [])]


# --- Progress charts: inline SVG and the table beside it -------------------------------------------

def svg_charts(html: str) -> dict[str, ET.Element]:
    charts = {}
    for text in re.findall(r"<svg\b.*?</svg>", html, flags=re.S):
        root = ET.fromstring(text)  # well-formed XML, or this fails
        charts[root.get("id")] = root
    return charts


def chart_rows(svg: ET.Element) -> dict[str, dict[str, int]]:
    rows = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("class") == "tp-row":
            segs = {r.get("data-series"): int(r.get("data-value")) for r in group.iter(f"{SVG}rect") if r.get("data-value")}
            assert sum(segs.values()) == int(group.get("data-total"))
            rows[group.get("data-category")] = segs
    return rows


def assert_accessible(svg: ET.Element) -> None:
    assert svg.get("role") == "img"
    ids = svg.get("aria-labelledby").split()
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert ids == [title.get("id"), desc.get("id")]
    assert title.text.strip() and desc.text.strip()


def assert_one_scale(svg: ET.Element, attr: str) -> None:
    """Bar lengths are proportional to their values: one scale for every segment."""
    ratios = [float(r.get(attr)) / int(r.get("data-value")) for r in svg.iter(f"{SVG}rect") if r.get("data-value")]
    assert ratios and max(ratios) / min(ratios) < 1.01, ratios


def table_after(html: str, caption: str) -> list[list[str]]:
    doc = lxml.html.fromstring(html)
    for table in doc.iter("table"):
        cap = table.find("caption")
        if cap is not None and cap.text_content().strip() == caption:
            return [[c.text_content().strip() for c in tr if c.tag in ("th", "td")] for tr in table.iter("tr")]
    raise AssertionError(f"no table captioned {caption!r}")


def expected_status(raw: dict, plan: Plan) -> dict[str, Counter]:
    """Status counts per pillar label (and for all actions), straight from the plan file."""
    labels = {p.id: p.label for p in plan.pillars}
    rows: dict[str, Counter] = {"All actions": Counter()}
    for p in plan.pillars:
        if any(p.id in a.pillars for a in plan.actions):
            rows[p.label] = Counter()
    for action_raw, action in zip(raw["actions"], plan.actions):
        state = (action_raw.get("status") or {}).get("state", "not reported")
        rows["All actions"][state] += 1
        for pid in action.pillars:
            rows[labels[pid]][state] += 1
        if not action.pillars:
            rows.setdefault("Actions not assigned to a pillar", Counter())[state] += 1
    return rows


def overdue(action) -> bool:
    deadline = action.target.deadline if action.target else None
    return bool(deadline and deadline < AS_OF and action.status.state.value != "done")


@pytest.mark.slow
@pytest.mark.parametrize("path", PLAN_FILES, ids=plan_id)
def test_status_chart_and_table_match_the_plan(demo_site, path):
    raw, plan = load_plan(path)
    html = read(demo_site, plan_url(path))
    charts = svg_charts(html)
    svg = charts["chart-status"]
    assert_accessible(svg)
    assert_one_scale(svg, "width")
    expected = expected_status(raw, plan)
    drawn = chart_rows(svg)
    assert list(drawn) == list(expected)
    for label, counts in expected.items():
        assert drawn[label] == {k: counts[s] for k, s in zip(STATUS_KEYS, STATUSES) if counts[s]}, label
        assert f"{label}: {sum(counts.values())} (" in svg.find(f"{SVG}desc").text
    table = table_after(html, "Actions by pillar and status")
    assert table[0] == ["Pillar", "Not reported", "Not started", "On track", "At risk", "Done",
                        "Past target date, not done", "Total"]
    labels = {p.id: p.label for p in plan.pillars}
    for row in table[1:]:
        counts = expected[row[0]]
        members = (plan.actions if row[0] == "All actions" else
                   [a for a in plan.actions if not a.pillars] if row[0] == "Actions not assigned to a pillar" else
                   [a for a in plan.actions if any(labels[p] == row[0] for p in a.pillars)])
        assert row[1:] == [str(counts[s]) for s in STATUSES] + [str(sum(map(overdue, members))), str(len(members))]
    # the headline under "Progress at a glance" gives the same totals
    done, total = expected["All actions"]["done"], len(plan.actions)
    assert re.search(rf"<strong>{done} of {total} actions? done</strong>", html)
    assert re.search(rf"<strong>{sum(map(overdue, plan.actions))} (?:is|are) past", html)


@pytest.mark.slow
@pytest.mark.parametrize("path", PLAN_FILES, ids=plan_id)
def test_pillar_and_target_charts_match_the_plan(demo_site, path):
    _, plan = load_plan(path)
    html = read(demo_site, plan_url(path))
    charts = svg_charts(html)
    pillars = charts["chart-pillars"]
    assert_accessible(pillars)
    assert_one_scale(pillars, "width")
    expected = {p.label: sum(1 for a in plan.actions if p.id in a.pillars) for p in plan.pillars}
    expected = {k: v for k, v in expected.items() if v}
    if any(not a.pillars for a in plan.actions):
        expected["Actions not assigned to a pillar"] = sum(1 for a in plan.actions if not a.pillars)
    assert {k: v["actions"] for k, v in chart_rows(pillars).items()} == expected
    assert {r[0]: int(r[1]) for r in table_after(html, "Actions per pillar")[1:]} == expected

    targets = charts["chart-targets"]
    assert_accessible(targets)
    assert_one_scale(targets, "height")
    by_quarter: Counter = Counter()
    late: Counter = Counter()
    for action in plan.actions:
        target = action.target
        if not target or not target.due:
            key = "No target date"
        elif target.deadline is None:
            key = "Ongoing (no end date)"
        else:
            key = f"{target.deadline.year} Q{(target.deadline.month - 1) // 3 + 1}"
        by_quarter[key] += 1
        late[key] += overdue(action)
    table = table_after(html, "Target dates by quarter: number of actions and their status")
    assert table[0] == ["Target date ends in", "Done", "Not done, past target date", "Not done, target date not passed", "Total"]
    shown = {r[0]: int(r[4]) for r in table[1:] if int(r[4])}
    assert shown == dict(by_quarter)
    assert {r[0]: int(r[2]) for r in table[1:] if int(r[4])} == dict(late)
    drawn = chart_rows(targets)
    assert {k: sum(v.values()) for k, v in drawn.items() if v} == dict(by_quarter)
    assert {k: v.get("overdue", 0) for k, v in drawn.items() if v} == dict(late)


@pytest.mark.slow
def test_plan_page_links_its_exports_and_the_progress_comes_first(demo_site):
    html = read(demo_site, "institutions/university-of-bradford/plans/2019-2020/")
    assert 'href="actions.csv" download="university-of-bradford-2019-2020-actions.csv"' in html
    assert 'href="actions.json" download="university-of-bradford-2019-2020-actions.json"' in html
    content = html.split('id="tp-main"')[1]
    assert content.index("Progress at a glance") < content.index('id="chart-status"') < content.index('id="pillar-visibility"')


# --- Exports: CSV and JSON per plan ----------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("path", PLAN_FILES, ids=plan_id)
def test_csv_export_round_trips_the_plan(demo_site, path):
    raw, plan = load_plan(path)
    data = (demo_site / plan_url(path) / "actions.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark, for spreadsheets
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    assert header == ["position", "number", "title", "section", "pillars", "pillar_labels", "detail", "rationale",
                      "supporting_actions", "success_measure", "stakeholders", "target", "due", "deadline", "status",
                      "status_note", "evidence", "overdue", "url"]
    assert len(body) == len(plan.actions) == len(raw["actions"])
    for row, action_raw, action in zip(body, raw["actions"], plan.actions):
        assert len(row) == len(header)
        cell = dict(zip(header, row))
        assert cell["title"] == action.title  # exactly the plan's own words
        assert cell["number"] == (action.number or "")
        for name in ("section", "detail", "rationale", "supporting_actions", "success_measure", "stakeholders"):
            value = getattr(action, name) or ""
            assert cell[name] == ("'" + value if value.startswith(("=", "+", "-", "@")) else value), name
        assert cell["pillars"].split("\n") == (action.pillars or [""])
        assert cell["target"] == (action.target.text if action.target else "")
        assert cell["due"] == "\n".join(action.target.due if action.target else [])
        assert cell["deadline"] == (action.target.deadline.isoformat() if action.target and action.target.deadline else "")
        assert cell["status"] == (action_raw.get("status") or {}).get("state", "not reported")
        assert cell["overdue"] == ("yes" if overdue(action) else "no")
        page, fragment = cell["url"].split("#")
        assert page == SITE_URL + plan_url(path)
        assert f'id="{fragment}"' in read(demo_site, plan_url(path))


@pytest.mark.slow
@pytest.mark.parametrize("path", PLAN_FILES, ids=plan_id)
def test_json_export_has_every_action_and_field(demo_site, path):
    _, plan = load_plan(path)
    data = json.loads((demo_site / plan_url(path) / "actions.json").read_text(encoding="utf-8"))
    outputs.PlanRecord.model_validate(data)  # the documented structure, nothing more
    assert [a["title"] for a in data["actions"]] == [a.title for a in plan.actions]
    assert [a["due"] for a in data["actions"]] == [a.target.due if a.target else [] for a in plan.actions]
    assert data["status_counts"]["not reported"] + sum(data["status_counts"][s] for s in STATUSES[1:]) == len(plan.actions)
    assert data["csv_url"] == SITE_URL + plan_url(path) + "actions.csv"


# --- Sector page -----------------------------------------------------------------------------------

@pytest.mark.slow
def test_sector_page_lists_all_five_real_plans(demo_site):
    html = read(demo_site, "sector/")
    assert "<h1>Sector overview</h1>" in html
    pillars = table_after(html, "Number of actions per pillar, by plan")
    for path in PLAN_FILES:
        _, plan = load_plan(path)
        assert f'href="../{plan_url(path)}"' in html
        name = yaml.safe_load((ROOT / "institutions" / f"{path.parent.name}.yml").read_text())["name"]
        row = next(r for r in pillars if r[0].startswith(name))
        assert row[-2] == str(len(plan.actions))
        assert row[-1] == str(sum(map(overdue, plan.actions)))
    assert {p.parent.name for p in PLAN_FILES} == set(REAL_INSTITUTIONS)
    tabs = [" ".join(a.text_content().split()) for a in lxml.html.fromstring(html).find_class("md-tabs__link")]
    assert "Sector" in tabs  # in the navigation
    charts = svg_charts(html)
    assert_accessible(charts["chart-periods"])
    status = chart_rows(charts["chart-plan-status"])
    assert sum(sum(v.values()) for v in status.values()) == sum(len(load_plan(p)[1].actions) for p in PLAN_FILES)


@pytest.mark.slow
def test_sector_themes_show_each_match_and_link_to_the_action(demo_site):
    html = read(demo_site, "sector/")
    doc = lxml.html.fromstring(html)
    plans = {plan_url(p): load_plan(p)[1] for p in PLAN_FILES}
    pages = {url: read(demo_site, url) for url in plans}
    matched_total = 0
    for theme in THEMES:
        section = doc.get_element_by_id(f"theme-{theme.slug}").getparent()
        for link in section.iter("a"):
            href = link.get("href")
            if "#action-" not in href:
                continue
            page, fragment = href.removeprefix("../").split("#")
            assert f'id="{fragment}"' in pages[page]  # the anchor exists on the plan page
            words = link.getparent().find(".//q").text_content()
            assert theme.regex.fullmatch(words), (theme.slug, words)
            title = " ".join(link.text_content().split())
            assert title in {" ".join(((f"{a.number}. " if a.number else "") + markup.plain(a.title)).split())
                             for a in plans[page].actions}, title
            matched_total += 1
    assert matched_total > 20
    # honest matching: "School" (a university department) is not outreach; "stem" in lower case is not STEM
    quoted = {q.text_content() for q in doc.get_element_by_id("theme-outreach").getparent().iter("q")}
    assert "School" not in quoted and "stem" not in quoted and "outreach" in quoted


def test_theme_vocabulary_matches_words_not_fragments():
    themes = {t.slug: t for t in THEMES}
    assert themes["outreach"].regex.search("STEM Ambassador scheme")
    assert not themes["outreach"].regex.search("problems stem from the School of Chemistry")
    assert themes["mentoring"].regex.search("a Mentorship programme").group(0) == "Mentorship"
    assert themes["professional-registration"].regex.search("becoming RSciTech registered")
    assert not themes["awards"].regex.search("awarded a grant")
    assert themes["attribution"].regex.search("naming of technicians on papers")


# --- Feeds -----------------------------------------------------------------------------------------

def parse_feed(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def stories() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8").split("---")[1]) | {"slug": p.stem}
            for p in sorted((ROOT / "stories").glob("*.md"))]


@pytest.mark.slow
def test_sector_feeds_are_valid_atom_with_absolute_links(demo_site):
    feed = parse_feed(demo_site / "feeds" / "stories.xml")
    assert feed.feed.title == "Technician Portal: new stories"
    assert {l.rel: l.href for l in feed.feed.links} == {"self": SITE_URL + "feeds/stories.xml", "alternate": SITE_URL + "stories/"}
    expected = sorted(stories(), key=lambda s: s["date"], reverse=True)
    assert [e.title for e in feed.entries] == [("Sample: " if s.get("sample") else "") + s["title"] for s in expected]
    for entry, story in zip(feed.entries, expected):
        assert entry.link == f"{SITE_URL}stories/{story['slug']}/"
        assert entry.updated.startswith(story["date"].isoformat())
        assert entry.id.startswith("urn:uuid:")
    awards = parse_feed(demo_site / "feeds" / "awards.xml")
    assert awards.entries and len({e.id for e in awards.entries}) == len(awards.entries)
    for entry in awards.entries + feed.entries:
        assert entry.link.startswith(SITE_URL) and entry.title.startswith("Sample: ")  # the demo's only content is sample
        assert (demo_site / entry.link.removeprefix(SITE_URL).split("#")[0] / "index.html").exists()
    # ids are stable: the same content gives the same ids on the next build
    assert [e.id for e in parse_feed(demo_site / "feeds" / "stories.xml").entries] == [e.id for e in feed.entries]


@pytest.mark.slow
@pytest.mark.parametrize("institution", REAL_INSTITUTIONS + [NG])
def test_institution_feeds_hold_only_that_institution(demo_site, institution):
    for kind in ("stories", "awards"):
        feed = parse_feed(demo_site / "institutions" / institution / "feeds" / f"{kind}.xml")
        assert feed.feed.links[0].href == f"{SITE_URL}institutions/{institution}/feeds/{kind}.xml"
        for entry in feed.entries:
            assert [t.term for t in entry.tags if t.scheme == SITE_URL + "institutions/"] == [institution]
        if institution == NG:
            assert feed.entries
        if kind == "stories":
            assert len(feed.entries) == sum(1 for s in stories() if s["institution"] == institution)


@pytest.mark.slow
@pytest.mark.parametrize("url,feeds", [
    ("", ["feeds/stories.xml", "feeds/awards.xml"]),
    ("stories/", ["feeds/stories.xml", "feeds/awards.xml"]),
    ("awards/", ["feeds/stories.xml", "feeds/awards.xml"]),
    ("institutions/university-of-glasgow/", ["institutions/university-of-glasgow/feeds/stories.xml",
                                             "institutions/university-of-glasgow/feeds/awards.xml"]),
])
def test_feeds_are_linked_in_the_head(demo_site, url, feeds):
    html = read(demo_site, url)
    head = html.split("</head>")[0]
    links = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', head)
    page_url = SITE_URL + url
    assert [urljoin(page_url, href) for href in links] == [SITE_URL + f for f in feeds]


# --- Open data -------------------------------------------------------------------------------------

@pytest.mark.slow
def test_open_data_follows_its_schema_and_holds_only_consented_fields(demo_site):
    sector = json.loads((demo_site / "data" / "sector.json").read_text(encoding="utf-8"))
    outputs.OpenData.model_validate(sector)
    schema = json.loads((demo_site / "data" / "schema.json").read_text(encoding="utf-8"))
    assert schema["$schema"].startswith("https://json-schema.org/") and schema["$id"] == SITE_URL + "data/schema.json"
    assert set(schema["properties"]) == set(sector)
    assert sector["$schema"] == schema["$id"]

    people = profiles()
    published = {slug for slug, p in people.items() if p.get("published", True)}
    by_url = {}
    for inst in sector["institutions"]:
        single = json.loads((demo_site / "data" / f"{inst['slug']}.json").read_text(encoding="utf-8"))
        assert single["institutions"] == [inst] and single["scope"] == inst["slug"]
        for person in inst["people"]:
            by_url[person["url"]] = person
    assert set(by_url) == {f"{SITE_URL}technicians/{NG}/{slug}/" for slug in published}
    for slug in published:
        data, shown = people[slug], set(people[slug]["consent"].get("show", []))
        record = by_url[f"{SITE_URL}technicians/{NG}/{slug}/"]
        assert record["email"] == (data.get("email") if "email" in shown else None)
        assert record["pronouns"] == (data.get("pronouns") if "pronouns" in shown else None)
        assert (record["photo"] is not None) == ("photo" in shown and "photo" in data)
        assert record["sample"] is True
        assert "consent" not in record and "published" not in record
    text = (demo_site / "data" / "sector.json").read_text(encoding="utf-8")
    for slug, data in people.items():
        if slug not in published:
            assert data["name"] not in text and slug not in text
        if data.get("email") and "email" not in data["consent"].get("show", []):
            assert data["email"] not in text
    plans = {(p["institution"], p["slug"]): p for i in sector["institutions"] for p in i["plans"]}
    for path in PLAN_FILES:
        assert len(plans[(path.parent.name, path.stem)]["actions"]) == len(load_plan(path)[1].actions)


@pytest.mark.slow
def test_open_data_page_documents_every_field(demo_site):
    html = read(demo_site, "data/")
    for record in outputs.field_docs():
        for field in record["fields"]:
            assert f"<code>{field['name']}</code>" in html, (record["name"], field["name"])
    assert 'href="sector.json"' in html and 'href="schema.json"' in html


# --- Structured data and link previews -------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("slug", sorted(s for s, p in profiles().items() if p.get("published", True)))
def test_profile_json_ld_expands_to_a_schema_org_person(demo_site, slug):
    data = profiles()[slug]
    shown = set(data["consent"].get("show", []))
    node = expand(jsonld_of(read(demo_site, f"technicians/{NG}/{slug}/")))
    assert node["@type"] == [S + "Person"]
    assert values(node, "name") == [data["name"]]
    assert values(node, "jobTitle") == [data["job_title"]]
    works = node[S + "worksFor"][0]
    assert works["@type"] == [S + "CollegeOrUniversity"] and values(works, "name") == ["Northgate University"]
    assert values(node, "knowsAbout") == data.get("skills", [])
    creds = node.get(S + "hasCredential", [])
    assert [c["@type"] for c in creds] == [[S + "EducationalOccupationalCredential"]] * len(data.get("registrations", []))
    same = values(node, "sameAs")
    if data.get("orcid"):
        assert f"https://orcid.org/{data['orcid']}" in same
    assert values(node, "email") == ([data["email"]] if "email" in shown and data.get("email") else [])
    assert bool(values(node, "image")) == ("photo" in shown and "photo" in data)
    assert "pronouns" not in json.dumps(node)


@pytest.mark.slow
@pytest.mark.parametrize("institution", REAL_INSTITUTIONS + [NG])
def test_institution_json_ld_expands_to_a_college_or_university(demo_site, institution):
    data = yaml.safe_load((ROOT / "institutions" / f"{institution}.yml").read_text(encoding="utf-8"))
    node = expand(jsonld_of(read(demo_site, f"institutions/{institution}/")))
    assert node["@type"] == [S + "CollegeOrUniversity"]
    assert values(node, "name") == [data["name"]]
    assert values(node, "mainEntityOfPage") == [f"{SITE_URL}institutions/{institution}/"]


@pytest.mark.slow
def test_every_portal_page_has_link_preview_meta(demo_site):
    checked = 0
    for path in demo_site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if 'id="tp-main"' not in html:
            continue
        head = html.split("</head>")[0]
        meta = dict(re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)">', head))
        for key in ("og:title", "og:description", "og:type", "og:url", "twitter:card"):
            assert meta.get(key), (path, key)
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', head).group(1)
        assert meta["og:url"] == canonical
        assert meta["twitter:card"] == "summary"
        checked += 1
    assert checked > 60


# --- Sitemap ---------------------------------------------------------------------------------------

@pytest.mark.slow
def test_sitemap_is_exactly_the_public_pages(demo_site):
    from techportal.build import prepare
    from techportal.cli import load_settings

    built = prepare(ROOT, load_settings(ROOT / "mkdocs.yml"), site_url=SITE_URL)
    try:
        generated = {SITE_URL + spec.url for spec in built.pages if not spec.sample}
        samples = {SITE_URL + spec.url for spec in built.pages if spec.sample}
    finally:
        built.close()
    docs = {SITE_URL + p.relative_to(ROOT / "docs").with_suffix("").as_posix().removesuffix("index") + "/"
            for p in (ROOT / "docs").rglob("*.md")}
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text for loc in ET.parse(demo_site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)]
    assert len(listed) == len(set(listed))
    assert set(listed) == generated | docs
    assert samples and not samples & set(listed)
    assert SITE_URL + "sector/" in listed and SITE_URL + "data/" in listed


# --- Hostile and private content in a fixture project ----------------------------------------------

HOSTILE_NAME = "Eve\u2028</script><script>alert(1)</script> <!-- & Co"
PLAN = """\
title: Test plan
period: 2025 - 2027
starts: "2025"
ends: "2027"
source: {title: Test source}
pillars:
  - id: visibility
  - id: recognition
actions:
  - title: '=HYPERLINK("https://evil.example/","click")'
    pillars: [visibility]
    target: {text: "Spring 2025", due: ["2025-Q2"]}
    status: {state: done, evidence: ["https://example.org/evidence"]}
  - title: Promote professional registration (RSciTech) to technicians
    detail: "- a list item\\n- another"
    pillars: [visibility, recognition]
    target: {text: "2027", due: ["2027"]}
    status: {state: on track, note: Half way}
  - title: Keep a technicians' network going
    target: {text: On-going, due: [ongoing]}
"""


def test_fixture_project_outputs_are_escaped_consented_and_complete(tmp_path):
    eve = (f"name: {json.dumps(HOSTILE_NAME)}\npronouns: she/her\nemail: eve@example.org\njob_title: Technician\n"
           "department: Chemistry\nsummary: Hello.\nskills: [NMR]\norcid: 0000-0002-1825-0097\n"
           "links:\n  - {label: Site, url: https://example.org/eve}\n  - {label: Local, url: /about/}\n"
           "consent: {given_on: 2026-01-01}\n")
    gone = "name: Evelyn Withdrawn\njob_title: T\ndepartment: D\nsummary: S\nconsent: {given_on: 2026-01-01}\npublished: false\n"
    story = ('---\ntitle: "A <b>bold</b> & </title> story"\nkind: apprenticeship\ninstitution: test-university\n'
             "features: [eve, evelyn]\ndate: 2026-02-03\nsummary: \"Eve & co \\u0001 <script>\"\n---\nBody.\n")
    awards = "awards:\n  - scheme: Papin Prize\n    kind: external\n    year: 2025\n    people: [eve, evelyn]\n"
    project = make_project(tmp_path, {
        "profiles/test-university/eve/profile.yml": eve,
        "profiles/test-university/evelyn/profile.yml": gone,
        "stories/hostile.md": story,
        "awards/test-university.yml": awards,
        "plans/test-university/2025-2027.yml": PLAN,
    })
    result = build(project)
    assert result.code == 0, result.out
    site = project / "site"

    ld = jsonld_of((site / "technicians/test-university/eve/index.html").read_text(encoding="utf-8"))
    assert ld["name"] == HOSTILE_NAME  # intact as data, inert as markup
    assert "email" not in ld and "image" not in ld
    assert ld["sameAs"] == ["https://orcid.org/0000-0002-1825-0097", "https://example.org/eve"]

    data = json.loads((site / "data/test-university.json").read_text(encoding="utf-8"))
    (person,) = data["institutions"][0]["people"]
    assert person["name"] == HOSTILE_NAME and person["email"] is None and person["pronouns"] is None
    assert person["awards"] == [{"scheme": "Papin Prize", "category": None, "year": 2025, "result": "winner", "team": None}]
    for path in site.rglob("*"):
        if path.suffix in (".json", ".xml", ".csv", ".html"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "Evelyn" not in text and "evelyn" not in text, path
            assert "eve@example.org" not in text and "she/her" not in text, path

    stories_feed = parse_feed(site / "feeds/stories.xml")
    assert stories_feed.entries[0].title == "A <b>bold</b> & </title> story"  # plain text, escaped by the XML writer
    assert "\x01" not in stories_feed.entries[0].summary
    awards_feed = parse_feed(site / "institutions/test-university/feeds/awards.xml")
    assert awards_feed.entries[0].title == f"Papin Prize (2025): winner — {HOSTILE_NAME}"

    text = (site / "institutions/test-university/plans/2025-2027/actions.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 3
    assert rows[0]["title"] == "'" + '=HYPERLINK("https://evil.example/","click")'  # inert in a spreadsheet
    assert rows[1]["detail"] == "'- a list item\n- another"
    assert rows[0]["evidence"] == "https://example.org/evidence" and rows[0]["status"] == "done"
    assert rows[1]["pillars"] == "visibility\nrecognition" and rows[1]["overdue"] == "no"
    assert rows[2]["pillars"] == "" and rows[2]["due"] == "ongoing" and rows[2]["deadline"] == ""
    exported = json.loads((site / "institutions/test-university/plans/2025-2027/actions.json").read_text())
    assert exported["actions"][0]["title"] == '=HYPERLINK("https://evil.example/","click")'  # exact in JSON
    assert exported["status_counts"] == {"not reported": 1, "not started": 0, "on track": 1, "at risk": 0, "done": 1}

    plan_html = (site / "institutions/test-university/plans/2025-2027/index.html").read_text(encoding="utf-8")
    status = chart_rows(svg_charts(plan_html)["chart-status"])
    assert status == {"All actions": {"not_reported": 1, "on_track": 1, "done": 1},
                      "Visibility": {"on_track": 1, "done": 1}, "Recognition": {"on_track": 1},
                      "Actions not assigned to a pillar": {"not_reported": 1}}
    targets = chart_rows(svg_charts(plan_html)["chart-targets"])
    assert targets["2025 Q2"] == {"done": 1} and targets["2027 Q4"] == {"open": 1}
    assert targets["Ongoing (no end date)"] == {"open": 1}
    sector = (site / "sector/index.html").read_text(encoding="utf-8")
    assert "matched <q>professional registration</q> in the action" in sector
    assert "matched <q>network</q> in the action" in sector


def test_institution_file_name_that_would_overwrite_open_data_is_refused(tmp_path):
    project = make_project(tmp_path, {"institutions/sector.yml": "name: Sector University\n"})
    result = check(project)
    assert result.code == 1
    assert "institutions/sector.yml" in result.out and "reserved for the portal's open data" in result.out


def test_build_without_site_url_says_what_is_needed(tmp_path):
    project = make_project(tmp_path, {})
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    result = build(project)
    assert result.code == 1
    assert "site_url is missing — feeds, open data and share links need the address" in result.out


def test_script_json_cannot_close_its_element():
    text = str(outputs.script_json({"name": "</script><!-- <script>", "amp": "a & b"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"name": "</script><!-- <script>", "amp": "a & b"}


# --- In the browser: the progress is on the first screen; new page types pass axe ------------------

@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("url", ["institutions/university-of-bradford/plans/2019-2020/",
                                 "institutions/university-of-glasgow/plans/2018-2020/"])
def test_plan_progress_fits_one_screen(browser, origin, url):
    visit = Visit(browser, origin, url, viewport={"width": 1280, "height": 800})
    try:
        bottoms = visit.page.evaluate("""() => ['.tp-progress__headline', '#chart-status', '.tp-progress table']
            .map(s => document.querySelector(s).getBoundingClientRect().bottom)""")
        assert max(bottoms) <= 800, bottoms
    finally:
        visit.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ["sector/", "data/"])
def test_new_page_types_pass_axe(browser, origin, url, scheme):
    visit = Visit(browser, origin, url, color_scheme=scheme)
    try:
        assert _axe(visit.page) == []
        assert not visit.errors
    finally:
        visit.close()

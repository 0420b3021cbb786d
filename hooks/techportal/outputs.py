"""Everything the portal publishes that is not a page: Atom feeds, plan exports (CSV and JSON), open
data with its JSON Schema, and the schema.org JSON-LD that profile and institution pages embed.

Engine-independent: `generate()` returns (site path, content) pairs; the adapter hands them to the
engine. Nothing here writes files. XML is built with ElementTree, JSON with json.dumps, CSV with the
csv module: never by pasting strings together.

What goes out, and what never does:
  * only published profiles (the site graph holds no others), and of a person's personal details only
    those listed under `consent.show`: email, pronouns and photo are otherwise null / absent;
  * profile fields are copied by an explicit list (`person_record`), so a field added to the profile
    model later is not published in open data until someone adds it here on purpose;
  * sample (fictional) content is included only when the deployment includes samples, and is marked:
    `"sample": true` in data, "Sample: " at the start of every feed entry title.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import types
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import partial
from typing import Callable, Literal, Union, get_args, get_origin

from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field

from . import markup
from .models.plan import Status
from .site import ActionNode, AwardEntry, InstitutionNode, Person, PlanNode, Site, Story

ATOM = "http://www.w3.org/2005/Atom"
FEED_LIMIT = 50  # entries per feed, newest first: readers poll feeds, they are not archives
SCHEMA_PATH = "data/schema.json"
SECTOR_DATA_PATH = "data/sector.json"
RESERVED_DATA_NAMES = {"sector", "schema"}  # institutions with these file names would overwrite them
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # cells a spreadsheet would run as a formula
SAMPLE_PREFIX = "Sample: "


@dataclass(frozen=True)
class Links:
    """Absolute addresses, from the deployment's site_url (a plain string from the engine's config)."""

    site_url: str = ""
    site_name: str = "Technician Portal"

    def absolute(self, path: str = "") -> str:
        base = self.site_url
        if base and not base.endswith("/"):
            base += "/"
        return base + path


@dataclass
class GeneratedFile:
    """A file to publish that the core produced in memory: a feed, an export, open data."""

    src_uri: str
    content: str | bytes


# --- Where things are ------------------------------------------------------------------------------

def feed_path(kind: str, inst: InstitutionNode | None = None) -> str:
    return f"{inst.url if inst else ''}feeds/{kind}.xml"


def feeds_for(inst: InstitutionNode | None = None) -> list[dict]:
    """The feeds a page links in its head and body: title and site path."""
    where = f" at {inst.name}" if inst else ""
    return [{"kind": "stories", "title": f"New stories{where} (Atom feed)", "url": feed_path("stories", inst)},
            {"kind": "awards", "title": f"New awards{where} (Atom feed)", "url": feed_path("awards", inst)}]


def institution_data_path(inst: InstitutionNode) -> str:
    return f"data/{inst.slug}.json"


def export_path(plan: PlanNode, ext: str) -> str:
    return f"{plan.url}actions.{ext}"


def export_filename(plan: PlanNode, ext: str) -> str:
    return f"{plan.institution.slug}-{plan.slug}-actions.{ext}"


def action_fragment(action: ActionNode) -> str:
    """The id of the action's first row on its plan page (a row per pillar it serves)."""
    for pillar in action.plan.pillars:
        if pillar.id in action.model.pillars:
            return f"{action.anchor}-pillar-{pillar.id}"
    return f"{action.anchor}-pillar-none"


def check_reserved(site: Site, problems) -> None:
    for inst in site.institutions.values():
        if inst.slug in RESERVED_DATA_NAMES:
            problems.add(inst.path, f"the file name `{inst.slug}` is reserved for the portal's open data "
                                    f"(data/{inst.slug}.json); rename the file, e.g. to `{inst.slug}-university.yml`")


# --- Open data: the records, with descriptions that become the JSON Schema and its docs page --------

class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActionRecord(Record):
    """One action of a plan: one row of the CSV export."""

    position: int = Field(description="the action's place in the plan, from 1")
    number: str | None = Field(description="the institution's own number for the action, as printed; null if it has none")
    title: str = Field(description="the action in the plan's own words (Markdown)")
    section: str | None = Field(description="the heading the plan lists the action under")
    pillars: list[str] = Field(description="ids of the plan's pillars the action serves")
    pillar_labels: list[str] = Field(description="names of those pillars")
    detail: str | None = Field(description="the plan's detail or notes (Markdown)")
    rationale: str | None = Field(description="why the action is in the plan (Markdown)")
    supporting_actions: str | None = Field(description="specific or supporting actions (Markdown)")
    success_measure: str | None = Field(description="how success is measured (Markdown)")
    stakeholders: str | None = Field(description="stakeholders or lead (Markdown)")
    target: str | None = Field(description="the target date exactly as the plan words it")
    due: list[str] = Field(description="the target date(s) normalised: 2019, 2019-Q2, 2019-06, 2019-06-30, "
                                       "ongoing, or a range A/B")
    deadline: dt.date | None = Field(description="the last day of the last target date; null when ongoing or undated")
    status: Literal[tuple(s.value for s in Status)] = Field(  # type: ignore[valid-type]
        description="where the action stands: " + ", ".join(s.value for s in Status))
    status_note: str | None = Field(description="what the institution says about the status (Markdown)")
    evidence: list[str] = Field(description="links that show the progress")
    overdue: bool = Field(description="true when the deadline passed before the as-of date and the action is not done")
    url: str = Field(description="the action on its plan page")


class PillarRecord(Record):
    id: str
    label: str
    actions: int = Field(description="number of actions serving this pillar")


class PlanRecord(Record):
    """An action plan with every action and its status."""

    institution: str = Field(description="the institution's id (its file name)")
    institution_name: str
    slug: str = Field(description="the plan's id within the institution")
    title: str
    period: str = Field(description="the plan's period as the plan states it")
    starts: str | None = Field(description="normalised start of the period")
    ends: str | None = Field(description="normalised end of the period")
    stage: int | None = Field(description="Technician Commitment stage, if stated")
    status_as_of: dt.date | None = Field(description="when the status information was last checked")
    as_of: dt.date = Field(description="the date overdue is judged against")
    source_title: str
    source_url: str | None
    url: str = Field(description="the plan's page")
    csv_url: str = Field(description="this plan as CSV, one row per action")
    json_url: str = Field(description="this plan as JSON")
    pillars: list[PillarRecord]
    status_counts: dict[str, int] = Field(description="number of actions per status (each action counted once)")
    overdue: int = Field(description="number of actions past their deadline and not done")
    sample: bool = Field(description="true for fictional demo content")
    actions: list[ActionRecord]


class GroupRecord(Record):
    name: str
    pi: str | None = Field(description="the group leader the person works with")
    pi_url: str | None
    url: str | None


class CareerRecord(Record):
    start: str = Field(description="year (2015) or year and month (2015-09)")
    role: str
    organisation: str | None


class QualificationRecord(Record):
    title: str
    awarded_by: str | None
    year: int | None


class RegistrationRecord(Record):
    title: str = Field(description="the post-nominal, e.g. RSciTech")
    name: str = Field(description="e.g. Registered Science Technician")
    body: str = Field(description="the body that holds the register, e.g. Science Council")
    year: int
    via: str | None = Field(description="the licensed body the person registered through")


class AwardRecord(Record):
    scheme: str
    category: str | None
    year: int
    result: str = Field(description="winner, highly commended, shortlisted or nominated")
    team: str | None = Field(description="the team named, for a team award")


class OutputRecord(Record):
    title: str
    doi: str | None
    url: str | None
    year: int | None
    roles: list[str] = Field(description="CRediT contributor roles")


class LinkRecord(Record):
    label: str
    url: str


class PhotoRecord(Record):
    url: str = Field(description="a 320-pixel JPEG, metadata removed")
    alt: str = Field(description="what the photo shows")


class PersonRecord(Record):
    """A published profile: only what the profile page shows. Email, pronouns and photo are null
    unless the person listed them under consent.show; withdrawn profiles are never included."""

    name: str
    url: str = Field(description="the profile page")
    pronouns: str | None = Field(description="only when the person consented to show them")
    job_title: str
    grade: str | None
    department: str
    groups: list[GroupRecord]
    summary: str = Field(description="Markdown")
    skills: list[str]
    equipment: list[str]
    day_in_the_life: str | None = Field(description="Markdown")
    career: list[CareerRecord]
    qualifications: list[QualificationRecord]
    registrations: list[RegistrationRecord]
    awards: list[AwardRecord] = Field(description="the person's own awards and team awards naming them")
    outputs: list[OutputRecord] = Field(description="research outputs the person contributed to")
    orcid: str | None = Field(description="ORCID iD, e.g. 0000-0002-1825-0097")
    outreach: list[str]
    links: list[LinkRecord]
    email: str | None = Field(description="only when the person consented to show it")
    photo: PhotoRecord | None = Field(description="only when the person consented to show it")
    stories: list[str] = Field(description="pages of the stories that feature the person")
    sample: bool = Field(description="true for fictional demo people")


class InstitutionRecord(Record):
    slug: str = Field(description="the institution's id (its file name)")
    name: str
    short_name: str | None
    nation: str | None
    website: str | None
    signatory_year: int | None = Field(description="year it signed the Technician Commitment")
    contacts_url: str | None
    url: str = Field(description="the institution's page on this portal")
    data_url: str = Field(description="this institution's open data file")
    feeds: dict[str, str] = Field(description="Atom feeds of the institution's new stories and awards")
    sample: bool = Field(description="true for the fictional demo institution")
    plans: list[PlanRecord]
    people: list[PersonRecord] = Field(description="published profiles, by name")


class OpenData(Record):
    """The portal's open data: data/sector.json holds every institution, data/<institution>.json one."""

    schema_: str = Field(alias="$schema", description="this file's JSON Schema")
    generator: str = Field(description="the site that published the file")
    site_url: str
    as_of: dt.date = Field(description="the date plan status and overdue actions are judged against")
    scope: str = Field(description="`sector`, or the id of the one institution the file covers")
    includes_samples: bool = Field(description="true when fictional demo content is included (marked sample)")
    institutions: list[InstitutionRecord]


def open_data_schema(links: Links) -> dict:
    schema = OpenData.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": links.absolute(SCHEMA_PATH),
            "title": "Technician Portal open data", **schema}


def field_docs() -> list[dict]:
    """Each record type with its fields, for the open data page: read from the models, so never stale."""
    docs = []
    for model in (OpenData, InstitutionRecord, PlanRecord, PillarRecord, ActionRecord, PersonRecord, GroupRecord,
                  CareerRecord, QualificationRecord, RegistrationRecord, AwardRecord, OutputRecord, LinkRecord,
                  PhotoRecord):
        fields = [{"name": info.alias or name, "type": _type_name(info.annotation), "description": info.description or ""}
                  for name, info in model.model_fields.items()]
        docs.append({"name": _record_name(model), "doc": (model.__doc__ or "").strip(), "fields": fields})
    return docs


def _record_name(model) -> str:
    return "File" if model is OpenData else model.__name__.removesuffix("Record")


def _type_name(annotation) -> str:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in args if a is not type(None)) + " or null"
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"object of {_type_name(args[1])}"
    if origin is Literal:
        return "text: one of " + ", ".join(args)
    if isinstance(annotation, type) and issubclass(annotation, Record):
        return _record_name(annotation)
    return {str: "text", int: "number", bool: "true/false", dt.date: "date (YYYY-MM-DD)"}.get(annotation, str(annotation))


# --- Records from the site graph -------------------------------------------------------------------

def action_record(action: ActionNode, links: Links, today: dt.date) -> ActionRecord:
    a = action.model
    target = a.target
    return ActionRecord(
        position=action.index, number=a.number, title=a.title, section=a.section,
        pillars=list(a.pillars), pillar_labels=action.pillar_labels, detail=a.detail, rationale=a.rationale,
        supporting_actions=a.supporting_actions, success_measure=a.success_measure, stakeholders=a.stakeholders,
        target=target.text if target else None, due=list(target.due) if target else [],
        deadline=target.deadline if target else None, status=a.status.state.value, status_note=a.status.note,
        evidence=list(a.status.evidence), overdue=action.overdue(today),
        url=links.absolute(f"{action.plan.url}#{action_fragment(action)}"),
    )


def plan_record(plan: PlanNode, links: Links, today: dt.date) -> PlanRecord:
    m = plan.model
    return PlanRecord(
        institution=plan.institution.slug, institution_name=plan.institution.name, slug=plan.slug, title=m.title,
        period=m.period, starts=m.starts, ends=m.ends, stage=m.stage, status_as_of=m.status_as_of, as_of=today,
        source_title=m.source.title, source_url=m.source.url, url=links.absolute(plan.url),
        csv_url=links.absolute(export_path(plan, "csv")), json_url=links.absolute(export_path(plan, "json")),
        pillars=[PillarRecord(id=p.id, label=p.label, actions=len(p.actions)) for p in plan.pillars],
        status_counts={s.value: n for s, n in plan.status_counts().items()}, overdue=len(plan.overdue(today)),
        sample=plan.institution.sample, actions=[action_record(a, links, today) for a in plan.actions],
    )


def person_record(person: Person, links: Links) -> PersonRecord:
    m = person.model
    awards = [AwardRecord(scheme=a.scheme, category=a.category, year=a.year, result=a.result.value, team=None)
              for a in m.awards]
    awards += [AwardRecord(scheme=a.scheme, category=a.category, year=a.year, result=a.result, team=a.team)
               for a in person.team_awards]
    return PersonRecord(
        name=person.name, url=links.absolute(person.url), pronouns=person.pronouns, job_title=m.job_title,
        grade=m.grade, department=m.department,
        groups=[GroupRecord(name=g.name, pi=g.pi, pi_url=g.pi_url, url=g.url) for g in m.groups],
        summary=m.summary, skills=list(m.skills), equipment=list(m.equipment), day_in_the_life=m.day_in_the_life,
        career=[CareerRecord(start=c.start, role=c.role, organisation=c.organisation) for c in m.career],
        qualifications=[QualificationRecord(title=q.title, awarded_by=q.awarded_by, year=q.year) for q in m.qualifications],
        registrations=[RegistrationRecord(title=r.title.value, name=r.title.long_name, body=r.title.body, year=r.year,
                                          via=r.via) for r in m.registrations],
        awards=awards,
        outputs=[OutputRecord(title=o.title, doi=o.doi, url=o.url, year=o.year, roles=[r.value for r in o.roles])
                 for o in m.outputs],
        orcid=m.orcid, outreach=list(m.outreach), links=[LinkRecord(label=k.label, url=k.url) for k in m.links],
        email=person.email,
        photo=PhotoRecord(url=links.absolute(person.photo.src(320, "jpg")), alt=person.photo.alt) if person.photo else None,
        stories=[links.absolute(s.url) for s in person.stories], sample=person.sample,
    )


def institution_record(inst: InstitutionNode, links: Links, today: dt.date) -> InstitutionRecord:
    m = inst.model
    return InstitutionRecord(
        slug=inst.slug, name=inst.name, short_name=m.short_name, nation=m.nation.value if m.nation else None,
        website=m.website, signatory_year=m.signatory_year, contacts_url=m.contacts_url, url=links.absolute(inst.url),
        data_url=links.absolute(institution_data_path(inst)),
        feeds={f["kind"]: links.absolute(f["url"]) for f in feeds_for(inst)}, sample=inst.sample,
        plans=[plan_record(p, links, today) for p in inst.plans],
        people=[person_record(p, links) for p in inst.people],
    )


def _open_data(site: Site, links: Links, scope: str, institutions: list[str]) -> str:
    """One open-data file from institution records already serialised: each record is written
    into the sector file and its own file, but turned into JSON once."""
    data = OpenData(**{"$schema": links.absolute(SCHEMA_PATH)}, generator=links.site_name, site_url=links.absolute(),
                    as_of=site.settings.today, scope=scope, includes_samples=site.settings.include_samples,
                    institutions=[])
    head = data.model_dump_json(by_alias=True)
    empty = '"institutions":[]}'
    assert head.endswith(empty)
    return head[: -len(empty)] + '"institutions":[' + ",".join(institutions) + "]}"


# --- Plan exports ----------------------------------------------------------------------------------

CSV_COLUMNS = list(ActionRecord.model_fields)


def _cell(value) -> str:
    """A CSV cell: lists one item per line, yes/no, ISO dates; formula-like text made inert."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, list):
        text = "\n".join(str(v) for v in value)
    elif isinstance(value, dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def plan_csv(plan: PlanNode, links: Links, today: dt.date) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # a byte-order mark, so spreadsheet programs read the file as UTF-8
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for action in plan.actions:
        record = action_record(action, links, today)
        writer.writerow([_cell(getattr(record, name)) for name in CSV_COLUMNS])
    return out.getvalue()


def plan_json(plan: PlanNode, links: Links, today: dt.date) -> str:
    return plan_record(plan, links, today).model_dump_json(indent=1)


# --- Atom feeds (RFC 4287) -------------------------------------------------------------------------

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Entry:
    key: str  # stable identity, hashed into the entry id
    title: str
    path: str
    updated: dt.date
    summary: str
    institution: InstitutionNode
    category: str


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _uuid(links: Links, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, links.absolute() + '#' + key)}"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _xml_text(text)
    return element


def atom_feed(title: str, self_path: str, page_path: str, entries: list[Entry], links: Links,
              today: dt.date) -> bytes:
    entries = sorted(entries, key=lambda e: (e.updated, e.key), reverse=True)[:FEED_LIMIT]
    # Unprefixed names under a default namespace declared on the root: every element is in Atom's.
    feed = ET.Element("feed", {"xmlns": ATOM, "{http://www.w3.org/XML/1998/namespace}lang": "en"})
    _sub(feed, "id", _uuid(links, self_path))
    _sub(feed, "title", title)
    _sub(feed, "updated", _stamp(max((e.updated for e in entries), default=today)))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=links.absolute(self_path))
    _sub(feed, "link", rel="alternate", type="text/html", href=links.absolute(page_path))
    author = _sub(feed, "author")
    _sub(author, "name", links.site_name)
    _sub(author, "uri", links.absolute())
    _sub(feed, "generator", "Technician Portal")
    for e in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", _uuid(links, e.key))
        _sub(entry, "title", e.title, type="text")
        _sub(entry, "link", rel="alternate", type="text/html", href=links.absolute(e.path))
        _sub(entry, "updated", _stamp(e.updated))
        _sub(entry, "published", _stamp(e.updated))
        _sub(entry, "summary", e.summary, type="text")
        _sub(entry, "category", term=e.institution.slug, label=e.institution.name,
             scheme=links.absolute("institutions/"))
        _sub(entry, "category", term=e.category)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _sample(title: str, sample: bool) -> str:
    return SAMPLE_PREFIX + title if sample else title


def story_entry(story: Story) -> Entry:
    m = story.model
    return Entry(f"story/{story.slug}", _sample(m.title, story.sample), story.url, m.date,
                 story.summary_text, story.institution, m.kind.value)


def award_title(award: AwardEntry) -> str:
    names = ", ".join(p.name for p in award.people)
    who = f"{award.team}: {names}" if award.team and names else (award.team or names)
    category = f", {award.category}" if award.category else ""
    return f"{award.scheme}{category} ({award.year}): {award.result} — {who}"


def award_entry(award: AwardEntry) -> Entry:
    people = ",".join(sorted(p.key for p in award.people))
    key = f"award/{award.institution.slug}/{award.scheme}/{award.category or ''}/{award.year}/{award.team or ''}/{people}"
    summary = f"{award_title(award)}, {award.institution.name}."
    return Entry(key, _sample(award_title(award), award.sample), f"awards/#year-{award.year}",
                 dt.date(award.year, 1, 1), summary, award.institution, "award")


def feeds(site: Site, links: Links) -> list[GeneratedFile]:
    today = site.settings.today
    name = links.site_name
    files = [
        GeneratedFile(feed_path("stories"), atom_feed(f"{name}: new stories", feed_path("stories"), "stories/",
                                                      [story_entry(s) for s in site.stories], links, today)),
        GeneratedFile(feed_path("awards"), atom_feed(f"{name}: new awards", feed_path("awards"), "awards/",
                                                     [award_entry(a) for a in site.awards], links, today)),
    ]
    for inst in site.institutions.values():
        files.append(GeneratedFile(feed_path("stories", inst), atom_feed(
            f"{name}: new stories at {inst.name}", feed_path("stories", inst), inst.url,
            [story_entry(s) for s in inst.stories], links, today)))
        files.append(GeneratedFile(feed_path("awards", inst), atom_feed(
            f"{name}: new awards at {inst.name}", feed_path("awards", inst), f"{inst.url}#awards",
            [award_entry(a) for a in inst.awards], links, today)))
    return files


# --- Structured data (schema.org JSON-LD) ----------------------------------------------------------

def script_json(data: dict) -> Markup:
    """JSON for a <script type="application/ld+json">: `<`, `>` and `&` written as \\u escapes, so no
    text (a name such as `</script><script>…`) can close the element or open a comment in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


class JsonLd:
    """Built when the page is rendered (not held for every profile at once); autoescape-safe."""

    def __init__(self, build: Callable[[], dict]):
        self._build = build

    def __html__(self) -> str:
        return str(script_json(self._build()))

    def data(self) -> dict:
        return self._build()


def _organisation(inst: InstitutionNode, links: Links) -> dict:
    data = {"@type": "CollegeOrUniversity", "@id": links.absolute(inst.url) + "#organization", "name": inst.name,
            "url": inst.model.website or links.absolute(inst.url)}
    if inst.model.short_name:
        data["alternateName"] = inst.model.short_name
    return data


def institution_jsonld(inst: InstitutionNode, links: Links) -> dict:
    m = inst.model
    data = {"@context": "https://schema.org", **_organisation(inst, links),
            "mainEntityOfPage": links.absolute(inst.url)}
    if m.about:
        data["description"] = markup.plain(m.about)
    if m.nation:
        data["address"] = {"@type": "PostalAddress", "addressCountry": "GB", "addressRegion": m.nation.value}
    same = [u for u in (m.website, m.contacts_url) if u and u.startswith(("https://", "http://"))]
    if same:
        data["sameAs"] = same
    return data


def person_jsonld(person: Person, links: Links) -> dict:
    m = person.model
    data = {"@context": "https://schema.org", "@type": "Person", "@id": links.absolute(person.url) + "#person",
            "name": person.name, "url": links.absolute(person.url), "jobTitle": m.job_title,
            "worksFor": _organisation(person.institution, links), "description": person.summary_text}
    if m.skills:
        data["knowsAbout"] = list(m.skills)
    if m.registrations:
        data["hasCredential"] = [{
            "@type": "EducationalOccupationalCredential", "name": f"{r.title.long_name} ({r.title.value})",
            "credentialCategory": "Professional registration",
            "recognizedBy": {"@type": "Organization", "name": r.title.body},
            "dateCreated": str(r.year),
        } for r in m.registrations]
    same = ([f"https://orcid.org/{m.orcid}"] if m.orcid else []) + [
        k.url for k in m.links if k.url.startswith(("https://", "http://"))]
    if same:
        data["sameAs"] = same
    if person.photo:  # set only when the person consented to show their photo
        data["image"] = links.absolute(person.photo.src(320, "jpg"))
    if person.email:  # consented emails only
        data["email"] = person.email
    return data


def person_ld(person: Person, links: Links) -> JsonLd:
    return JsonLd(partial(person_jsonld, person, links))


def institution_ld(inst: InstitutionNode, links: Links) -> JsonLd:
    return JsonLd(partial(institution_jsonld, inst, links))


# --- Everything ------------------------------------------------------------------------------------

def generate(site: Site, links: Links) -> list[GeneratedFile]:
    today = site.settings.today
    files = feeds(site, links)
    for plan in site.plans:
        files.append(GeneratedFile(export_path(plan, "csv"), plan_csv(plan, links, today)))
        files.append(GeneratedFile(export_path(plan, "json"), plan_json(plan, links, today)))
    files.append(GeneratedFile(SCHEMA_PATH, json.dumps(open_data_schema(links), indent=1, ensure_ascii=False)))
    institutions = sorted(site.institutions.values(), key=lambda i: i.name)
    records = [institution_record(inst, links, today).model_dump_json(by_alias=True) for inst in institutions]
    files.append(GeneratedFile(SECTOR_DATA_PATH, _open_data(site, links, "sector", records)))
    for inst, record in zip(institutions, records):
        files.append(GeneratedFile(institution_data_path(inst), _open_data(site, links, inst.slug, [record])))
    return files

"""One builder per page kind: site graph → `PageSpec`s (where, which template, what data).

Nothing here knows how pages are rendered; the adapter turns each spec into an engine page.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator, Sequence

from . import charts, markup, outputs
from .glossary import Glossary
from .models.plan import STANDARD_PILLARS
from .models.profile import REGISTRATION_BODIES
from .outputs import Links
from .site import ActionNode, Person, PlanNode, Site


@dataclass
class PageSpec:
    src_uri: str  # e.g. "technicians/uni/jane-doe/index.md"
    title: str
    template: str  # under overrides/, e.g. "portal/profile.html"
    context: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    sample: bool = False  # fictional content: marked on the page, kept out of search engines and the sitemap
    in_nav: bool = False  # only the few fixed section pages may appear in the navigation
    searchable: bool = True  # listing pages stay out of the search index: they only repeat profiles
    og_type: str = "website"  # OpenGraph type for link previews: website, profile or article
    # The profile files whose content this page shows, in order; None: it may show anything. A live
    # preview re-renders the page only when one of these changes (see preview.py).
    shows: tuple[str, ...] | None = None

    @property
    def url(self) -> str:
        return self.src_uri.removesuffix("index.md")


@dataclass
class Pagination:
    number: int
    count: int
    total_items: int
    first_url: str
    items: Sequence

    def url_of(self, number: int) -> str:
        return self.first_url if number == 1 else f"{self.first_url}page/{number}/"

    @property
    def previous_url(self) -> str | None:
        return self.url_of(self.number - 1) if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url_of(self.number + 1) if self.number < self.count else None

    @property
    def window(self) -> list[int | None]:
        """Page numbers to link: the first two, the last two and two either side of this one;
        None marks a gap. Computed here so a page costs the same whatever the number of pages."""
        wanted = {1, 2, self.count - 1, self.count, *range(self.number - 2, self.number + 3)}
        numbers = sorted(n for n in wanted if 1 <= n <= self.count)
        result: list[int | None] = []
        for n in numbers:
            if result and n - result[-1] > 1:
                result.append(None)
            result.append(n)
        return result

    @property
    def first_index(self) -> int:
        return 0 if not self.items else (self.total_items and 1) + (self.number - 1) * len(self.items)


def paginate(items: Sequence, per_page: int, first_url: str) -> Iterator[Pagination]:
    count = max(1, math.ceil(len(items) / per_page))
    for number in range(1, count + 1):
        chunk = items[(number - 1) * per_page: number * per_page]
        yield Pagination(number, count, len(items), first_url, chunk)


def _paged_specs(items, per_page, first_url, title, template, context, *, in_nav=False,
                 **kwargs) -> Iterator[PageSpec]:
    for page in paginate(items, per_page, first_url):
        suffix = "" if page.number == 1 else f" (page {page.number} of {page.count})"
        yield PageSpec(f"{page.url_of(page.number)}index.md", title + suffix, template,
                       {**context, "pagination": page}, searchable=False,
                       in_nav=in_nav and page.number == 1,  # later pages: never in the nav
                       shows=_profiles_shown(page.items), **kwargs)


def _profiles_shown(items) -> tuple[str, ...] | None:
    """The profile files behind a listing of people (or of (person, detail) pairs); None otherwise."""
    paths = []
    for item in items:
        person = item[0] if isinstance(item, tuple) else item
        if not isinstance(person, Person):
            return None
        paths.append(person.path)
    return tuple(paths)


def build_pages(site: Site, glossary: Glossary, links: Links | None = None) -> list[PageSpec]:
    links = links or Links()
    today = site.settings.today
    sector_feeds = outputs.feeds_for()
    per_page = site.settings.per_page
    people = sorted(site.people.values(), key=lambda p: (p.name.casefold(), p.key))
    registers = _registers(site)
    specs: list[PageSpec] = [
        PageSpec("index.md", "Technician Portal", "portal/home.html", {
            "counts": {
                "institutions": len(site.institutions),
                "plans": len(site.plans),
                "actions": sum(len(p.actions) for p in site.plans),
                "people": len(site.people),
                "stories": len(site.stories),
                "awards": len(site.awards),
            },
            "stories": site.stories[:3],
            "awards": site.awards[:5],
            "feeds": sector_feeds,
        }, description="Technicians' profiles, stories, awards and Technician Commitment action plans."),
        PageSpec("institutions/index.md", "Institutions", "portal/institutions.html",
                 {"institutions": sorted(site.institutions.values(), key=lambda i: i.name)}, in_nav=True,
                 description="Institutions that signed the Technician Commitment."),
        PageSpec("sector/index.md", "Sector overview", "portal/sector.html", _sector_context(site), in_nav=True,
                 description="The institutions' Technician Commitment action plans compared: pillars, periods, "
                             "progress and shared themes."),
        PageSpec("stories/index.md", "Stories", "portal/stories.html",
                 {"stories": site.stories, "feeds": sector_feeds}, in_nav=True,
                 description="Case studies of technicians' careers, registrations and achievements."),
        PageSpec("data/index.md", "Open data and feeds", "portal/data.html", _data_context(site),
                 description="The portal's open data, plan exports and feeds, with a description of every field."),
        PageSpec("registration/index.md", "Professional registration", "portal/registration.html",
                 {"registers": registers}, in_nav=True,
                 description="Technicians who hold professional registration."),
        PageSpec("skills/index.md", "Skills", "portal/skills.html",
                 {"skills": [(slug, site.skill_names[slug], len(ps)) for slug, ps in site.by_skill.items()]},
                 description="Skills and techniques technicians offer."),
        PageSpec("glossary/index.md", "Glossary", "portal/glossary.html", {"glossary": glossary}, in_nav=True,
                 description="Abbreviations used in action plans."),
        PageSpec("accessibility/index.md", "Accessibility statement", "portal/accessibility.html",
                 {"statement": site.settings.accessibility}),
        PageSpec("search/index.md", "Search", "portal/search.html", {}, searchable=False,
                 description="Search the portal."),
    ]
    directory = list(_paged_specs(people, per_page, "technicians/", "Technicians", "portal/directory.html",
                                  {"scope": None, "facets": _facets(site), "fetched_facets": FETCHED_FACETS,
                                   "all_choices": facet_path()}, in_nav=False,
                                  description="Directory of technicians: find people by institution, department, "
                                              "skill, equipment, registration and award."))
    directory[0].shows = None  # its filters list every institution, skill, register and award
    specs += directory

    # Newest first, a page at a time: the sector's awards grow with the number of people.
    specs += _paged_specs(site.awards, per_page, "awards/", "Awards", "portal/awards.html",
                          {"feeds": sector_feeds}, in_nav=True,
                          description="Awards won by technicians, newest first, with scheme, category and institution.")

    for register in registers:
        specs += _paged_specs(register["holders"], per_page, register["url"],
                              f"{register['title'].value}: {register['title'].long_name}", "portal/register.html",
                              {"register": register},
                              description=f"Technicians registered as {register['title'].long_name}.")

    for inst in site.institutions.values():
        specs.append(PageSpec(f"{inst.url}index.md", inst.name, "portal/institution.html", {
            "institution": inst, "feeds": outputs.feeds_for(inst), "data": outputs.institution_data_path(inst),
            "jsonld": outputs.institution_ld(inst, links),
        }, sample=inst.sample, description=f"Technicians, action plans, stories and awards at {inst.name}."))
        specs += _paged_specs(inst.people, per_page, inst.people_url, f"Technicians at {inst.name}",
                              "portal/directory.html", {"scope": inst}, sample=inst.sample)
        for group in inst.groups.values():
            specs.append(PageSpec(f"{group.url}index.md", group.name, "portal/group.html", {"group": group},
                                  searchable=False, shows=tuple(p.path for p in group.people),
                                  sample=inst.sample, description=f"Technicians in {group.name}, {inst.name}."))
    for plan in site.plans:
        specs.append(PageSpec(f"{plan.url}index.md", plan.title, "portal/plan.html", _plan_context(plan, today),
                              sample=plan.institution.sample,
                              description=f"{plan.institution.name}'s Technician Commitment action plan, {plan.model.period}."))
    for person in people:
        specs.append(PageSpec(f"{person.url}index.md", person.name, "portal/profile.html",
                              {"person": person, "jsonld": outputs.person_ld(person, links)},
                              sample=person.sample, og_type="profile", shows=(person.path,),
                              description=f"{person.model.job_title}, {person.institution.name}. {person.summary_text}"[:300]))
    for story in site.stories:
        specs.append(PageSpec(f"{story.url}index.md", story.model.title, "portal/story.html", {"story": story},
                              sample=story.sample, og_type="article", description=story.summary_text[:300]))
    for slug, skill_people in site.by_skill.items():
        specs += _paged_specs(skill_people, per_page, f"skills/{slug}/", f"Skill: {site.skill_names[slug]}",
                              "portal/skill.html", {"skill": site.skill_names[slug]})
    return specs


@dataclass
class Facet:
    key: str  # the Pagefind filter name on profile pages
    label: str
    values: list[str]
    choice_files: dict[str, str] | None = None  # value → the file of department/equipment choices it narrows to


def _facets(site: Site) -> list[Facet]:
    """Filter choices written into the directory page. Their sizes grow with small vocabularies
    (institutions, skills, registers, award schemes), not with the number of people. Departments
    and equipment are free text that grows with the sector, so their choices are fetched from a
    small file per institution (`facet_files`) when a visitor uses the filters."""
    schemes = {a.scheme for p in site.people.values() for a in p.model.awards}
    schemes |= {a.scheme for p in site.people.values() for a in p.team_awards}
    institutions = sorted((i for i in site.institutions.values() if i.people), key=lambda i: i.name)
    return [
        Facet("institution", "Institution", [i.name for i in institutions],
              {i.name: facet_path(i) for i in institutions}),
        Facet("skill", "Skill", sorted(site.skill_names.values(), key=str.casefold)),
        Facet("registration", "Professional registration", [r.value for r in site.by_registration]),
        Facet("award", "Award", sorted(schemes, key=str.casefold)),
    ]


FACETS_FOLDER = "technicians/facets/"
FETCHED_FACETS = (("department", "Department"), ("equipment", "Equipment"))


def facet_path(inst=None) -> str:
    return f"{FACETS_FOLDER}{inst.slug if inst else 'all'}.json"


def facet_files(site: Site) -> list[outputs.GeneratedFile]:
    """Department and equipment choices for the directory filters: one small JSON file per
    institution (and one for the whole portal), so a visitor downloads only the vocabulary of the
    institution they chose. Values are exactly the Pagefind filter values on profile pages."""
    def choices(people) -> str:
        counts: dict[str, dict[str, int]] = {key: defaultdict(int) for key, _ in FETCHED_FACETS}
        for person in people:
            counts["department"][person.model.department] += 1
            for item in set(person.model.equipment):
                counts["equipment"][item] += 1
        return json.dumps({key: sorted(values.items(), key=lambda kv: kv[0].casefold())
                           for key, values in counts.items()}, ensure_ascii=False, separators=(",", ":"))

    files = [outputs.GeneratedFile(facet_path(), choices(site.people.values()))]
    files += [outputs.GeneratedFile(facet_path(inst), choices(inst.people))
              for inst in site.institutions.values() if inst.people]
    return files


def _registers(site: Site) -> list[dict]:
    return [
        {"title": reg, "body": REGISTRATION_BODIES[reg], "holders": holders,
         "url": f"registration/{reg.value.lower()}/"}
        for reg, holders in site.by_registration.items()
    ]


# --- Plan progress ---------------------------------------------------------------------------------

def _plan_context(plan: PlanNode, today) -> dict:
    return {
        "plan": plan,
        "today": today,
        "counts": {status.name: n for status, n in plan.status_counts().items()},
        "overdue_count": len(plan.overdue(today)),
        "status_chart": charts.status_by_pillar(plan, today),
        "pillar_chart": charts.actions_per_pillar(plan),
        "targets_chart": charts.targets_over_time(plan, today),
        "exports": [
            {"label": "CSV", "url": outputs.export_path(plan, "csv"), "name": outputs.export_filename(plan, "csv"),
             "what": "for spreadsheets"},
            {"label": "JSON", "url": outputs.export_path(plan, "json"), "name": outputs.export_filename(plan, "json"),
             "what": "for programs"},
        ],
    }


# --- The sector page: plans compared, and themes they share -----------------------------------------

@dataclass(frozen=True)
class Theme:
    """A theme found across plans by a small vocabulary shown to readers.

    Terms match whole words; `*` stands for any ending (`mentor*`: mentor, mentoring, mentorship).
    Terms with a capital letter (RSciTech, STEM) match only as written, so "stem from" is not STEM;
    other terms match in any case. Matching is by words only, so the page shows every matched action,
    the part of it that matched and the words that matched, for a reader to judge.
    """

    slug: str
    label: str
    terms: tuple[str, ...]

    @cached_property
    def regex(self) -> re.Pattern:
        parts = []
        for term in self.terms:
            body = re.escape(term.rstrip("*")) + (r"\w*" if term.endswith("*") else r"\b")
            parts.append(rf"\b{body}" if any(c.isupper() for c in term) else rf"(?i:\b{body})")
        return re.compile("|".join(parts))


THEMES = (
    Theme("professional-registration", "Professional registration", (
        "professional registration", "professionally registered", "RSciTech", "RSci", "CSci", "EngTech",
        "registered", "registration")),
    Theme("apprenticeships", "Apprenticeships", ("apprentice*",)),
    Theme("career-pathways", "Career pathways and progression", ("career path*", "career progression", "progression")),
    Theme("attribution", "Attribution on research papers", (
        "naming of technicians on papers", "attribution", "authors on research papers", "authors on papers",
        "named as a contributor", "named as contributor", "co-author*", "coauthor*")),
    Theme("awards", "Awards and prizes", ("awards", "award", "prizes", "prize")),
    Theme("skills-audit", "Skills audit", (
        "skills audit", "skill audit", "audit of skills", "audit of technical skills", "skills survey",
        "skills mapping", "skills matrix", "training needs analysis")),
    Theme("mentoring", "Mentoring", ("mentor*",)),
    Theme("outreach", "Outreach and STEM engagement", (
        "outreach", "STEM", "public engagement", "ambassador*", "local schools", "schools and colleges",
        "school pupils", "school visits", "science festival*")),
    Theme("network", "Technician networks and community", (
        "network*", "community of practice", "communities of practice", "forum", "forums")),
)
THEME_FIELDS = (("title", "action"), ("section", "section heading"), ("detail", "detail"),
                ("supporting_actions", "specific actions"), ("success_measure", "success measure"))


@dataclass
class ThemeMatch:
    action: ActionNode
    field: str     # which part of the action matched, in words
    words: str     # the text that matched
    fragment: str  # the action's row on its plan page

    @property
    def title(self) -> str:
        return markup.plain(self.action.model.title)


def match_theme(theme: Theme, action: ActionNode) -> ThemeMatch | None:
    for name, label in THEME_FIELDS:
        found = theme.regex.search(getattr(action.model, name) or "")
        if found:
            return ThemeMatch(action, label, found.group(0), outputs.action_fragment(action))
    return None


def plan_label(plan: PlanNode) -> str:
    inst = plan.institution
    name = inst.name if len(inst.name) <= 26 else inst.model.display_short
    return f"{name} ({plan.model.period})" if len(inst.plans) > 1 else name


def _sector_context(site: Site) -> dict:
    today = site.settings.today
    plans = sorted(site.plans, key=lambda p: (p.institution.name, p.slug))
    pillar_names: dict[str, str] = {}
    for pid, label in STANDARD_PILLARS.items():
        if any(p.id == pid for plan in plans for p in plan.pillars):
            pillar_names[pid] = label
    for plan in plans:
        for p in plan.pillars:
            pillar_names.setdefault(p.id, p.label)
    rows = []
    for plan in plans:
        by_id = {p.id: len(p.actions) for p in plan.pillars}
        rows.append({"plan": plan, "label": plan_label(plan), "pillars": [by_id.get(pid) for pid in pillar_names],
                     "unassigned": len(plan.unassigned), "total": len(plan.actions),
                     "overdue": len(plan.overdue(today))})
    themes = []
    for theme in THEMES:
        found = []
        for plan in plans:
            matches = [m for m in (match_theme(theme, a) for a in plan.actions) if m]
            found.append({"plan": plan, "label": plan_label(plan), "matches": matches})
        themes.append({"theme": theme, "plans": found, "plan_count": sum(1 for f in found if f["matches"]),
                       "action_count": sum(len(f["matches"]) for f in found)})
    return {
        "today": today,
        "rows": rows,
        "pillar_columns": list(pillar_names.items()),
        "has_unassigned": any(r["unassigned"] for r in rows),
        "periods_chart": charts.plan_periods(plans, today, plan_label),
        "status_chart": charts.status_by_plan(plans, today, plan_label),
        "themes": themes,
        "theme_fields": [label for _, label in THEME_FIELDS],
    }


def _data_context(site: Site) -> dict:
    return {
        "sector": outputs.SECTOR_DATA_PATH,
        "schema": outputs.SCHEMA_PATH,
        "institutions": [(inst, outputs.institution_data_path(inst), outputs.feeds_for(inst))
                         for inst in sorted(site.institutions.values(), key=lambda i: i.name)],
        "plans": [(plan, outputs.export_path(plan, "csv"), outputs.export_path(plan, "json"))
                  for plan in sorted(site.plans, key=lambda p: (p.institution.name, p.slug))],
        "feeds": outputs.feeds_for(),
        "records": outputs.field_docs(),
        "csv_columns": outputs.CSV_COLUMNS,
        "feed_limit": outputs.FEED_LIMIT,
        "includes_samples": site.settings.include_samples,
    }

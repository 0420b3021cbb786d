"""One builder per page kind: site graph → `PageSpec`s (where, which template, what data).

Nothing here knows how pages are rendered; the adapter turns each spec into an engine page.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

from .glossary import Glossary
from .models.profile import REGISTRATION_BODIES
from .site import Site


@dataclass
class PageSpec:
    src_uri: str  # e.g. "technicians/uni/jane-doe/index.md"
    title: str
    template: str  # under overrides/, e.g. "portal/profile.html"
    context: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    sample: bool = False  # fictional content: marked on the page, kept out of search engines and the sitemap
    in_nav: bool = False  # only the few fixed section pages may appear in the navigation

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
    def first_index(self) -> int:
        return 0 if not self.items else (self.total_items and 1) + (self.number - 1) * len(self.items)


def paginate(items: Sequence, per_page: int, first_url: str) -> Iterator[Pagination]:
    count = max(1, math.ceil(len(items) / per_page))
    for number in range(1, count + 1):
        chunk = items[(number - 1) * per_page: number * per_page]
        yield Pagination(number, count, len(items), first_url, chunk)


def _paged_specs(items, per_page, first_url, title, template, context, **kwargs) -> Iterator[PageSpec]:
    for page in paginate(items, per_page, first_url):
        suffix = "" if page.number == 1 else f" (page {page.number} of {page.count})"
        yield PageSpec(f"{page.url_of(page.number)}index.md", title + suffix, template,
                       {**context, "pagination": page}, **kwargs)


def build_pages(site: Site, glossary: Glossary) -> list[PageSpec]:
    per_page = site.settings.per_page
    people = sorted(site.people.values(), key=lambda p: (p.name.casefold(), p.key))
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
        }, description="Technicians' profiles, stories, awards and Technician Commitment action plans."),
        PageSpec("institutions/index.md", "Institutions", "portal/institutions.html",
                 {"institutions": sorted(site.institutions.values(), key=lambda i: i.name)}, in_nav=True,
                 description="Institutions that signed the Technician Commitment."),
        PageSpec("stories/index.md", "Stories", "portal/stories.html", {"stories": site.stories}, in_nav=True,
                 description="Case studies of technicians' careers, registrations and achievements."),
        PageSpec("awards/index.md", "Awards", "portal/awards.html", _awards_context(site), in_nav=True,
                 description="Awards won by technicians, by year, scheme and institution."),
        PageSpec("registration/index.md", "Professional registration", "portal/registration.html",
                 {"registers": _registers(site)}, in_nav=True,
                 description="Technicians who hold professional registration."),
        PageSpec("skills/index.md", "Skills", "portal/skills.html",
                 {"skills": [(slug, site.skill_names[slug], len(ps)) for slug, ps in site.by_skill.items()]},
                 description="Skills and techniques technicians offer."),
        PageSpec("glossary/index.md", "Glossary", "portal/glossary.html", {"glossary": glossary}, in_nav=True,
                 description="Abbreviations used in action plans."),
        PageSpec("accessibility/index.md", "Accessibility statement", "portal/accessibility.html",
                 {"statement": site.settings.accessibility}),
        PageSpec("search/index.md", "Search", "portal/search.html", {}, description="Search the portal."),
    ]
    specs += _paged_specs(people, per_page, "technicians/", "Technicians", "portal/directory.html",
                          {"scope": None, "facets": _facets(site)}, in_nav=False,
                          description="Directory of technicians: find people by institution, skill and registration.")

    for inst in site.institutions.values():
        specs.append(PageSpec(f"{inst.url}index.md", inst.name, "portal/institution.html", {"institution": inst},
                              sample=inst.sample, description=f"Technicians, action plans, stories and awards at {inst.name}."))
        specs += _paged_specs(inst.people, per_page, inst.people_url, f"Technicians at {inst.name}",
                              "portal/directory.html", {"scope": inst}, sample=inst.sample)
        for group in inst.groups.values():
            specs.append(PageSpec(f"{group.url}index.md", group.name, "portal/group.html", {"group": group},
                                  sample=inst.sample, description=f"Technicians in {group.name}, {inst.name}."))
    for plan in site.plans:
        specs.append(PageSpec(f"{plan.url}index.md", plan.title, "portal/plan.html",
                              {"plan": plan, "today": site.settings.today}, sample=plan.institution.sample,
                              description=f"{plan.institution.name}'s Technician Commitment action plan, {plan.model.period}."))
    for person in people:
        specs.append(PageSpec(f"{person.url}index.md", person.name, "portal/profile.html", {"person": person},
                              sample=person.sample,
                              description=f"{person.model.job_title}, {person.institution.name}. {person.summary_text}"[:300]))
    for story in site.stories:
        specs.append(PageSpec(f"{story.url}index.md", story.model.title, "portal/story.html", {"story": story},
                              sample=story.sample, description=story.summary_text[:300]))
    for slug, skill_people in site.by_skill.items():
        specs += _paged_specs(skill_people, per_page, f"skills/{slug}/", f"Skill: {site.skill_names[slug]}",
                              "portal/skill.html", {"skill": site.skill_names[slug]})
    return specs


def _facets(site: Site) -> list[tuple[str, str, list[str]]]:
    """Filter choices for the directory: (Pagefind filter name, label, values). Sizes grow with the
    vocabulary (institutions, skills, registers), not with the number of people."""
    return [
        ("institution", "Institution", sorted(i.name for i in site.institutions.values() if i.people)),
        ("skill", "Skill", sorted(site.skill_names.values(), key=str.casefold)),
        ("registration", "Professional registration", [r.value for r in site.by_registration]),
    ]


def _awards_context(site: Site) -> dict:
    by_year: dict[int, list] = defaultdict(list)
    for award in site.awards:
        by_year[award.year].append(award)
    return {"by_year": sorted(by_year.items(), reverse=True), "count": len(site.awards)}


def _registers(site: Site) -> list[dict]:
    return [
        {"title": reg, "body": REGISTRATION_BODIES[reg], "holders": holders}
        for reg, holders in site.by_registration.items()
    ]

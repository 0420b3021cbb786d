"""The site graph: every record resolved against the others once, with the indexes pages need.

Built in O(N) after loading. Page builders read from here and never scan all profiles per page.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import markup, photos
from .errors import Problems
from .loader import Content, Record
from .models import Award, Institution, Plan, Profile, StoryMeta
from .models.plan import STANDARD_PILLARS, Action, Status
from .models.profile import Registration, Shown
from .settings import Settings


@functools.lru_cache(maxsize=8192)  # skills come from a shared vocabulary: each is slugified thousands of times
def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "item"


@dataclass(eq=False)
class InstitutionNode:
    slug: str
    model: Institution
    path: str
    plans: list["PlanNode"] = field(default_factory=list)
    people: list["Person"] = field(default_factory=list)
    stories: list["Story"] = field(default_factory=list)
    awards: list["AwardEntry"] = field(default_factory=list)
    groups: dict[str, "GroupNode"] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def sample(self) -> bool:
        return self.model.sample

    @property
    def url(self) -> str:
        return f"institutions/{self.slug}/"

    @property
    def people_url(self) -> str:
        return f"institutions/{self.slug}/technicians/"

    @cached_property
    def about_html(self):
        return markup.render(self.model.about)


@dataclass(eq=False)
class PillarNode:
    id: str
    label: str
    description_html: object
    actions: list["ActionNode"] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for a in self.actions if a.model.status.state == status)


@dataclass(eq=False)
class ActionNode:
    model: Action
    index: int  # position in the plan, from 1
    plan: "PlanNode"

    @property
    def anchor(self) -> str:
        return f"action-{slugify(self.model.number)}-{self.index}" if self.model.number else f"action-{self.index}"

    @property
    def label(self) -> str:
        return self.model.number or ""

    @cached_property
    def title_html(self):
        return markup.render_inline(self.model.title)

    def html(self, field_name: str):
        return markup.render(getattr(self.model, field_name))

    @property
    def pillar_labels(self) -> list[str]:
        return [self.plan.pillar_label(p) for p in self.model.pillars]

    def overdue(self, today: dt.date) -> bool:
        deadline = self.model.target.deadline if self.model.target else None
        return bool(deadline and deadline < today and self.model.status.state != Status.done)


@dataclass(eq=False)
class PlanNode:
    slug: str
    model: Plan
    path: str
    institution: InstitutionNode
    actions: list[ActionNode] = field(default_factory=list)
    pillars: list[PillarNode] = field(default_factory=list)
    unassigned: list[ActionNode] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"institutions/{self.institution.slug}/plans/{self.slug}/"

    @property
    def title(self) -> str:
        return f"{self.institution.name}: {self.model.title} ({self.model.period})"

    def pillar_label(self, pillar_id: str) -> str:
        for pillar in self.model.pillars:
            if pillar.id == pillar_id:
                return pillar.label
        return STANDARD_PILLARS.get(pillar_id, pillar_id)

    @cached_property
    def columns(self) -> set[str]:
        """The optional action fields this plan uses, so its tables show no empty columns."""
        names = ("number", "detail", "rationale", "supporting_actions", "success_measure", "stakeholders", "target")
        return {name for name in names if any(getattr(a.model, name) for a in self.actions)}

    @property
    def groups(self) -> list[tuple[str, str, object, list[ActionNode]]]:
        """(anchor, heading, description, actions) per pillar table, then actions given no pillar."""
        result = [(f"pillar-{p.id}", p.label, p.description_html, p.actions) for p in self.pillars if p.actions]
        if self.unassigned:
            result.append(("pillar-none", "Actions not assigned to a pillar", None, self.unassigned))
        return result

    def overdue(self, today: dt.date) -> list[ActionNode]:
        return [a for a in self.actions if a.overdue(today)]

    def status_counts(self) -> dict[Status, int]:
        counts = {status: 0 for status in Status}
        for action in self.actions:
            counts[action.model.status.state] += 1
        return counts


@dataclass(eq=False)
class PhotoNode:
    source: Path
    alt: str
    base: str  # site path without extension, e.g. technicians/x/y/photo

    def src(self, width: int, ext: str) -> str:
        return f"{self.base}-{width}.{ext}"


@dataclass(eq=False)
class Person:
    key: str
    slug: str
    model: Profile
    path: str
    institution: InstitutionNode
    photo: PhotoNode | None = None
    stories: list["Story"] = field(default_factory=list)
    team_awards: list["AwardEntry"] = field(default_factory=list)
    groups: list["GroupNode"] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def sample(self) -> bool:
        return self.model.sample or self.institution.sample

    @property
    def url(self) -> str:
        return f"technicians/{self.institution.slug}/{self.slug}/"

    @property
    def initials(self) -> str:
        parts = [p for p in re.split(r"[\s\-]+", self.name) if p[:1].isalpha()]
        return "".join(p[0].upper() for p in (parts[:1] + parts[1:][-1:])) or "?"

    @property
    def pronouns(self) -> str | None:
        return self.model.pronouns if self.model.shows(Shown.pronouns) else None

    @property
    def email(self) -> str | None:
        return self.model.email if self.model.shows(Shown.email) else None

    @cached_property
    def summary_html(self):
        return markup.render(self.model.summary)

    @cached_property
    def summary_text(self) -> str:
        return markup.plain(self.model.summary, self.summary_html)

    @cached_property
    def day_html(self):
        return markup.render(self.model.day_in_the_life, top_heading=3)


@dataclass(eq=False)
class GroupNode:
    slug: str
    name: str
    institution: InstitutionNode
    pi: str | None = None
    pi_url: str | None = None
    url_external: str | None = None
    people: list[Person] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"institutions/{self.institution.slug}/groups/{self.slug}/"


@dataclass(eq=False)
class Story:
    slug: str
    model: StoryMeta
    path: str
    body: str
    institution: InstitutionNode
    people: list[Person] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"stories/{self.slug}/"

    @property
    def sample(self) -> bool:
        return self.model.sample or self.institution.sample

    @cached_property
    def body_html(self):
        return markup.render(self.body)

    @cached_property
    def summary_text(self) -> str:
        return markup.plain(self.model.summary)


@dataclass(eq=False)
class AwardEntry:
    """One award, from an institution's awards file or from a person's own profile."""

    scheme: str
    category: str | None
    year: int
    result: str
    institution: InstitutionNode
    people: list[Person]
    team: str | None = None
    kind: str | None = None

    @property
    def sample(self) -> bool:
        return self.institution.sample


@dataclass
class Site:
    settings: Settings
    institutions: dict[str, InstitutionNode] = field(default_factory=dict)
    plans: list[PlanNode] = field(default_factory=list)
    people: dict[str, Person] = field(default_factory=dict)
    stories: list[Story] = field(default_factory=list)
    awards: list[AwardEntry] = field(default_factory=list)
    by_skill: dict[str, list[Person]] = field(default_factory=dict)
    skill_names: dict[str, str] = field(default_factory=dict)
    by_registration: dict[Registration, list[tuple[Person, int]]] = field(default_factory=dict)

    @property
    def groups(self) -> list[GroupNode]:
        return [g for inst in self.institutions.values() for g in inst.groups.values()]


def build_site(content: Content, settings: Settings, problems: Problems) -> Site:
    """Resolve every reference; anything that points nowhere becomes a problem, not a silent gap."""
    site = Site(settings)
    _check_settings(content, settings, problems)
    for slug, record in content.institutions.items():
        if settings.includes(slug) and (settings.include_samples or not record.model.sample):
            site.institutions[slug] = InstitutionNode(slug, record.model, record.path)

    for record in content.plans:
        inst = _institution(content, site, record, record.institution, problems, "the folder name")
        if inst:
            _add_plan(site, inst, record, problems)

    _add_people(content, site, problems)
    _add_stories(content, site, problems)
    _add_awards(content, site, problems)
    _index(site)
    return site


def _check_settings(content: Content, settings: Settings, problems: Problems) -> None:
    if settings.institutions != "all":
        for slug in settings.institutions:
            if slug not in content.institutions:
                problems.add(
                    "mkdocs.yml",
                    f"`{slug}` is not an institution — {known_names(slug, content.institutions)}",
                    field="extra.portal.institutions",
                )


def _institution(content, site, record: Record, slug: str | None, problems: Problems, how: str):
    """The included institution a record belongs to; None if excluded (by settings) or unknown (a problem)."""
    if slug in site.institutions:
        return site.institutions[slug]
    if slug not in content.institutions:
        problems.add(record.path, f"`{slug}` ({how}) is not an institution in institutions/ — "
                     + known_names(slug, content.institutions))
    return None


def known_names(name: str, known) -> str:
    """'did you mean …' for a near miss, else the list when it is short, else how to find it."""
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.75)
    if close:
        return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
    if len(known) <= 8:
        return "known: " + (", ".join(sorted(known)) or "none yet")
    return f"see the {len(known)} file names in institutions/"


def _add_plan(site: Site, inst: InstitutionNode, record: Record[Plan], problems: Problems) -> None:
    plan = PlanNode(record.slug, record.model, record.path, inst)
    pillars = {p.id: PillarNode(p.id, p.label, markup.render(p.description)) for p in record.model.pillars}
    plan.pillars = list(pillars.values())
    for index, action in enumerate(record.model.actions, start=1):
        node = ActionNode(action, index, plan)
        plan.actions.append(node)
        for j, pillar_id in enumerate(action.pillars):
            if pillar_id not in pillars:
                problems.add(
                    record.path,
                    f"`{pillar_id}` is not one of this plan's pillars — use one of: {', '.join(pillars)}",
                    field=f"actions[{index}].pillars[{j + 1}]",
                )
            else:
                pillars[pillar_id].actions.append(node)
        if not action.pillars:
            plan.unassigned.append(node)
    inst.plans.append(plan)
    site.plans.append(plan)


def _add_people(content: Content, site: Site, problems: Problems) -> None:
    seen_names: dict[tuple[str, str], str] = {}
    seen_orcid: dict[str, str] = {}
    for key, record in content.profiles.items():
        profile = record.model
        inst = _institution(content, site, record, record.institution, problems, "the folder above this profile")
        if inst is None or not profile.published:
            continue
        if profile.sample and not site.settings.include_samples:
            continue
        if inst.sample and not profile.sample:
            problems.add(record.path, "belongs to a sample institution, so it must say `sample: true`", field="sample")
        identity = (record.institution, profile.name.casefold())
        if identity in seen_names:
            problems.add(record.path, f"{profile.name} already has a profile at {seen_names[identity]} — keep one", field="name")
        seen_names[identity] = record.path
        if profile.orcid:
            if profile.orcid in seen_orcid:
                problems.add(record.path, f"this ORCID iD is already used by {seen_orcid[profile.orcid]}", field="orcid")
            seen_orcid[profile.orcid] = record.path
        person = Person(key, record.slug, profile, record.path, inst)
        if profile.photo:  # checked even when not shown, so consenting later cannot break the build
            try:
                source = photos.check_path(record.folder, profile.photo.file)
            except photos.PhotoError as exc:
                problems.add(record.path, str(exc), field="photo.file")
            else:
                if profile.shows(Shown.photo):
                    person.photo = PhotoNode(source, profile.photo.alt, f"{person.url}photo")
        for group in profile.groups:
            slug = slugify(group.name)
            node = inst.groups.get(slug)
            if node is None:
                node = inst.groups[slug] = GroupNode(slug, group.name, inst)
            node.pi = node.pi or group.pi
            node.pi_url = node.pi_url or group.pi_url
            node.url_external = node.url_external or group.url
            node.people.append(person)
            person.groups.append(node)
        inst.people.append(person)
        site.people[key] = person


def _resolve_people(site: Site, record: Record, inst: InstitutionNode, names: list[str], content: Content,
                    problems: Problems, field_name: str) -> list[Person]:
    """Profile references → people; unpublished people are left out without naming them."""
    found = []
    for i, name in enumerate(names, start=1):
        key = name if "/" in name else f"{inst.slug}/{name}"
        if key in site.people:
            found.append(site.people[key])
        elif key not in content.profiles:
            problems.add(
                record.path,
                f"`{name}` is not a profile — use the folder name of a profile in profiles/{inst.slug}/",
                field=f"{field_name}[{i}]",
            )
    return found


def _add_stories(content: Content, site: Site, problems: Problems) -> None:
    for slug, record in content.stories.items():
        meta = record.model
        inst = _institution(content, site, record, meta.institution, problems, "its `institution`")
        if inst is None or not meta.published or (meta.sample and not site.settings.include_samples):
            continue
        if inst.sample and not meta.sample:
            problems.add(record.path, "is about a sample institution, so it must say `sample: true`", field="sample")
        story = Story(slug, meta, record.path, record.body, inst)
        story.people = _resolve_people(site, record, inst, meta.features, content, problems, "features")
        for person in story.people:
            person.stories.append(story)
        inst.stories.append(story)
        site.stories.append(story)
    site.stories.sort(key=lambda s: (s.model.date, s.slug), reverse=True)


def _add_awards(content: Content, site: Site, problems: Problems) -> None:
    for record in content.awards:
        inst = _institution(content, site, record, record.institution, problems, "the file name")
        if inst is None:
            continue
        for index, award in enumerate(record.model.awards, start=1):
            people = _resolve_people(site, record, inst, award.people, content, problems, f"awards[{index}].people")
            if award.people and not people and not award.team:
                continue  # everyone named has withdrawn: the award is theirs to hide
            entry = _entry(award, inst, people)
            for person in people:
                person.team_awards.append(entry)
            inst.awards.append(entry)
            site.awards.append(entry)
    for person in site.people.values():
        for own in person.model.awards:
            entry = AwardEntry(own.scheme, own.category, own.year, own.result.value, person.institution, [person])
            person.institution.awards.append(entry)
            site.awards.append(entry)
    key = lambda a: (-a.year, a.scheme.casefold(), a.institution.name)  # noqa: E731
    site.awards.sort(key=key)
    for inst in site.institutions.values():
        inst.awards.sort(key=key)


def _entry(award: Award, inst: InstitutionNode, people: list[Person]) -> AwardEntry:
    return AwardEntry(award.scheme, award.category, award.year, award.result.value, inst, people, award.team,
                      award.kind.value)


def _index(site: Site) -> None:
    by_skill: dict[str, list[Person]] = defaultdict(list)
    by_registration: dict[Registration, list] = defaultdict(list)
    for person in site.people.values():
        for skill in dict.fromkeys(person.model.skills):
            slug = slugify(skill)
            site.skill_names.setdefault(slug, skill)
            by_skill[slug].append(person)
        for held in person.model.registrations:
            by_registration[held.title].append((person, held.year))
    site.by_skill = dict(sorted(by_skill.items()))
    site.by_registration = {r: sorted(by_registration[r], key=lambda pair: pair[0].name) for r in Registration
                            if r in by_registration}
    for inst in site.institutions.values():
        inst.people.sort(key=lambda p: p.name.casefold())
        for group in inst.groups.values():
            group.people.sort(key=lambda p: p.name.casefold())

"""The five transcribed plans: counts and first/last actions per pillar against figures counted from
the source documents, so a dropped, merged or invented action fails; and each plan page shows every
action with its number and target date."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from techportal.models import Plan

from conftest import ROOT, read

EXPECTED = sorted((ROOT / "tests" / "plans").glob("*.expected.yml"))


def load(expected_file: Path) -> tuple[dict, Plan]:
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    plan = Plan.model_validate(yaml.safe_load((ROOT / expected["plan"]).read_text(encoding="utf-8")))
    return expected, plan


def test_all_five_source_plans_are_transcribed():
    assert {p.name.removesuffix(".expected.yml") for p in EXPECTED} == {
        "university-of-glasgow", "university-of-bradford", "cardiff-university",
        "liverpool-school-of-tropical-medicine", "university-of-portsmouth",
    }


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_actions_per_pillar_match_the_source(expected_file):
    expected, plan = load(expected_file)
    assert len(plan.actions) == expected["actions_total"]
    assert {p.id for p in plan.pillars} >= set(expected["per_pillar"])
    for pillar, figures in expected["per_pillar"].items():
        titles = [a.title for a in plan.actions if pillar in a.pillars]
        assert len(titles) == figures["count"], pillar
        assert titles[0] == figures["first"], pillar
        assert titles[-1] == figures["last"], pillar


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_no_stray_html_or_entities_survive_transcription(expected_file):
    _, plan = load(expected_file)
    fields = ("title", "detail", "rationale", "supporting_actions", "success_measure", "stakeholders")
    texts = [getattr(a, f) or "" for a in plan.actions for f in fields]
    texts += [plan.introduction or "", *plan.progress_to_date, *(p.description or "" for p in plan.pillars)]
    for text in texts:
        assert not re.search(r"</?(p|i|u|b|br)>|&amp;|&lt;|\]\(#\)", text), text


def test_bradford_keeps_its_own_numbering_with_the_gap_at_9():
    plan = Plan.model_validate(yaml.safe_load((ROOT / "plans/university-of-bradford/2019-2020.yml").read_text()))
    numbers = [a.number for a in plan.actions]
    assert numbers == [str(n) for n in range(1, 17) if n != 9]
    action16 = plan.actions[-1]
    assert action16.target.due == ["2020-08", "2020-08", "ongoing"]


def test_glasgow_dates_follow_the_plans_own_convention():
    plan = Plan.model_validate(yaml.safe_load((ROOT / "plans/university-of-glasgow/2018-2020.yml").read_text()))
    for action in plan.actions:
        for text, due in zip(re.findall(r"Year ([12]) Q([1-4])", action.target.text), action.target.due):
            assert due == f"{2018 + int(text[0])}-Q{text[1]}", action.title


def _cell_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.mark.slow
@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_plan_page_shows_every_action_with_number_and_target(demo_site, expected_file):
    expected, plan = load(expected_file)
    institution, slug = expected["plan"].removeprefix("plans/").removesuffix(".yml").split("/")
    page = read(demo_site, f"institutions/{institution}/plans/{slug}/")
    rows = re.findall(r'<tr id="action-[^"]*">(.*?)</tr>', page, flags=re.S)
    text = " ".join(_cell_text(r) for r in rows)
    normal = lambda s: " ".join(s.split())  # noqa: E731
    for action in plan.actions:
        assert normal(_cell_text(str(__import__("techportal.markup").markup.render_inline(action.title)))) in normal(text)
        if action.number:
            assert re.search(rf'<td data-label="No\.">{re.escape(action.number)}</td>', page)
        if action.target:
            assert html.escape(action.target.text, quote=False) in page
    assert len(rows) == sum(max(1, len(a.pillars)) for a in plan.actions)

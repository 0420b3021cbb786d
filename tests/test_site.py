"""The demo portal as a visitor gets it: every page type exists and shows its data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import ROOT, read

pytestmark = pytest.mark.slow
NG = "northgate-university"


def profile_data(slug: str) -> dict:
    return yaml.safe_load((ROOT / f"profiles/{NG}/{slug}/profile.yml").read_text())


def published_profiles() -> list[str]:
    return sorted(p.parent.name for p in (ROOT / "profiles" / NG).glob("*/profile.yml")
                  if profile_data(p.parent.name).get("published", True))


def test_home_shows_counts_pillars_and_latest(demo_site):
    page = read(demo_site, "")
    assert f"<strong>{len(published_profiles())}</strong> technicians" in page
    assert "<strong>6</strong> institutions" in page
    for pillar in ("Visibility", "Recognition", "Career Development", "Sustainability"):
        assert f"<dt>{pillar}</dt>" in page
    assert page.count('class="tp-story"') == 3


def test_institutions_index_and_pages(demo_site):
    index = read(demo_site, "institutions/")
    for slug in ("university-of-glasgow", "university-of-bradford", "cardiff-university",
                 "liverpool-school-of-tropical-medicine", "university-of-portsmouth", NG):
        assert f'href="{slug}/"' in index
    glasgow = read(demo_site, "institutions/university-of-glasgow/")
    assert 'href="plans/2018-2020/"' in glasgow and "55 actions" in glasgow
    northgate = read(demo_site, f"institutions/{NG}/")
    assert "Sample:" in northgate and "Bioimaging Facility" in northgate


def test_directory_lists_every_published_person_and_paginates(demo_site):
    page = read(demo_site, "technicians/")
    names = [profile_data(s)["name"] for s in published_profiles()]
    for name in names:
        assert f">{name}</a>" in page
    assert page.count('class="tp-card"') == len(names)


@pytest.mark.parametrize("slug", published_profiles())
def test_profile_page_shows_its_data(demo_site, slug):
    data = profile_data(slug)
    page = read(demo_site, f"technicians/{NG}/{slug}/")
    shown = set(data["consent"].get("show", []))
    assert f"<h1>{data['name']}" in page
    assert data["job_title"] in page
    for reg in data.get("registrations", []):
        assert f"<strong>{reg['title']}</strong>" in page and str(reg["year"]) in page
    for skill in data.get("skills", []):
        assert f">{skill}</a>" in page
    if data.get("pronouns"):
        assert (f"({data['pronouns']})" in page) == ("pronouns" in shown)
    if data.get("email"):
        assert (data["email"] in page) == ("email" in shown)
    if "photo" in shown:
        alt = data["photo"]["alt"]
        assert f'alt="{alt}"' in page and 'type="image/webp"' in page
    else:
        assert 'class="tp-initials"' in page and "<img" not in page.split('class="md-content"')[1]
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Sample:" in page


def test_withdrawn_profile_appears_nowhere(demo_site):
    withdrawn = [p.parent.name for p in (ROOT / "profiles" / NG).glob("*/profile.yml")
                 if profile_data(p.parent.name).get("published") is False]
    assert withdrawn, "the demo keeps one withdrawn profile"
    for slug in withdrawn:
        name = profile_data(slug)["name"]
        assert not (demo_site / "technicians" / NG / slug).exists()
        for path in demo_site.rglob("*"):
            if path.suffix in (".html", ".xml", ".json", ".txt", ".csv") and path.is_file():
                text = path.read_text(encoding="utf-8", errors="replace")
                assert slug not in text and name not in text, path


def test_story_links_to_its_people_and_back(demo_site):
    stories = sorted((ROOT / "stories").glob("*.md"))
    assert len(stories) == 3
    for story in stories:
        meta = yaml.safe_load(story.read_text().split("---")[1])
        page = read(demo_site, f"stories/{story.stem}/")
        assert f"<h1>{meta['title']}</h1>" in page
        for person in meta["features"]:
            assert f'href="../../technicians/{NG}/{person}/"' in page
            profile = read(demo_site, f"technicians/{NG}/{person}/")
            assert f'href="../../../stories/{story.stem}/"' in profile


def test_awards_page_lists_file_and_profile_awards(demo_site):
    page = read(demo_site, "awards/")
    file_awards = yaml.safe_load((ROOT / f"awards/{NG}.yml").read_text())["awards"]
    own = sum(len(profile_data(s).get("awards", [])) for s in published_profiles())
    assert page.count("<li>\n    <strong>") == len(file_awards) + own
    for award in file_awards:
        assert award["scheme"].replace("'", "&#39;") in page or award["scheme"] in page


def test_registration_roll_lists_every_holder(demo_site):
    index = read(demo_site, "registration/")
    holders: dict[str, list[str]] = {}
    for slug in published_profiles():
        for reg in profile_data(slug).get("registrations", []):
            holders.setdefault(reg["title"], []).append(slug)
    for title, slugs in holders.items():
        assert f'href="{title.lower()}/"' in index
        assert re.search(rf'id="{title.lower()}".*?</th><td>[^<]+</td><td>{len(slugs)}</td>', index)
        page = read(demo_site, f"registration/{title.lower()}/")
        assert page.count('<th scope="row">') == len(slugs)
        for slug in slugs:
            assert f'href="../../technicians/{NG}/{slug}/"' in page


def test_group_pages_list_their_technicians(demo_site):
    page = read(demo_site, f"institutions/{NG}/groups/bioimaging-facility/")
    members = [s for s in published_profiles()
               if any(g["name"] == "Bioimaging Facility" for g in profile_data(s).get("groups", []))]
    assert len(members) >= 2
    assert page.count('class="tp-card"') == len(members)


def test_skill_pages_and_glossary_and_accessibility_statement(demo_site):
    assert "Confocal microscopy" in read(demo_site, "skills/")
    assert 'class="tp-card"' in read(demo_site, "skills/confocal-microscopy/")
    glossary = read(demo_site, "glossary/")
    assert '<abbr title="Scottish Vocational Qualification">SVQ</abbr>' in glossary
    statement = read(demo_site, "accessibility/")
    assert "accessibility@example.org" in statement and "WCAG" in statement


def test_sitemap_lists_real_pages_but_no_samples(demo_site):
    sitemap = (demo_site / "sitemap.xml").read_text()
    assert "institutions/university-of-glasgow/plans/2018-2020/" in sitemap
    assert NG not in sitemap and "/stories/" not in sitemap.replace("/stories/</loc>", "")


def test_profiles_are_never_in_the_nav(demo_site):
    home = read(demo_site, "")
    nav = home.split('class="md-nav md-nav--primary')[1].split("</nav>")[0]
    assert "technicians/northgate-university" not in nav
    assert len(re.findall(r'class="md-nav__link', nav)) < 20


def test_published_photos_carry_no_metadata(demo_site):
    photos = list((demo_site / "technicians").rglob("photo-*.jpg"))
    assert photos
    for path in photos:
        with Image.open(path) as image:
            assert not image.getexif() and "exif" not in image.info and "xmp" not in image.info


def test_no_page_loads_anything_from_another_host(demo_site):
    for path in demo_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|source|iframe)\b[^>]*>", html):
            for url in re.findall(r'(?:src|href|srcset)="([^"]+)"', tag):
                if tag.startswith("<link") and re.search(r'rel="(canonical|alternate|prev|next)"', tag):
                    continue
                assert not re.match(r"(https?:)?//", url), (path, tag)

"""Listings that grow with the number of people are paginated and complete without JavaScript."""

from __future__ import annotations

import re

import pytest

from conftest import PROFILE, build, make_project

pytestmark = pytest.mark.slow


def test_directory_pages_hold_everyone_once_and_link_to_each_other(tmp_path):
    award = "awards:\n  - scheme: Test Prize\n    year: {year}\n"
    files = {f"profiles/test-university/person-{i:02d}/profile.yml":
             PROFILE.replace("Ada Tester", f"Person {i:02d}") + award.format(year=2000 + i) for i in range(23)}
    project = make_project(tmp_path, files)
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"per_page: \d+", "per_page: 10", config.read_text()))
    result = build(project)
    assert result.code == 0, result.out
    site = project / "site"
    pages = [site / "technicians/index.html", site / "technicians/page/2/index.html", site / "technicians/page/3/index.html"]
    assert not (site / "technicians/page/4").exists()
    seen = []
    for number, page in enumerate(pages, start=1):
        html = page.read_text()
        seen += re.findall(r'class="tp-card__name" href="[^"]*">(Person \d+)</a>', html)
        assert f"Page {number} of 3 (23 in all)" in html
        assert ('<a rel="prev"' in html) == (number > 1) and ('<a rel="next"' in html) == (number < 3)
        assert '<a aria-current="page"' in html
    assert seen == [f"Person {i:02d}" for i in range(23)]
    # the same holds for a skill listing and the institution's listing
    skill = (site / "skills/nmr-spectroscopy/page/3/index.html").read_text()
    assert skill.count('class="tp-card"') == 3
    assert (site / "institutions/test-university/technicians/page/3/index.html").exists()
    # and for the registration roll: everyone holds RSciTech, 10 to a page
    roll = [(site / "registration/rscitech" / sub / "index.html").read_text() for sub in ("", "page/2", "page/3")]
    assert [page.count('<th scope="row">') for page in roll] == [10, 10, 3]
    assert "<td>23</td>" in (site / "registration/index.html").read_text()
    # and for the awards: newest first, grouped by year on each page, the first page alone in the nav
    awards = [(site / "awards" / sub / "index.html").read_text() for sub in ("", "page/2", "page/3")]
    years = [re.findall(r'<h2 id="year-(\d+)">', page) for page in awards]
    assert sum(years, []) == [str(year) for year in range(2022, 1999, -1)]
    assert [len(y) for y in years] == [10, 10, 3]
    assert "Person 22</a>" in awards[0] and "Person 00</a>" in awards[2]
    home = (site / "index.html").read_text()
    assert 'href="awards/"' in home and "awards/page/2/" not in home

"""The core without MkDocs: value types, dates, Markdown and sanitising."""

from __future__ import annotations

import datetime as dt
import html
import random

import nh3
import pytest
from pydantic import TypeAdapter, ValidationError

from techportal import markup
from techportal.models import periods
from techportal.models.common import Doi, Orcid, Url


@pytest.mark.parametrize("value,start,end", [
    ("2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
    ("2019-Q2", dt.date(2019, 4, 1), dt.date(2019, 6, 30)),
    ("2020-02", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
    ("2019-12/2020-06", dt.date(2019, 12, 1), dt.date(2020, 6, 30)),
    ("2019-06/ongoing", dt.date(2019, 6, 1), None),
    ("ongoing", None, None),
])
def test_normalised_dates_cover_the_right_days(value, start, end):
    period = periods.parse(value)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("value", ["2019-Q5", "2019-13", "19", "2020-06/2019-01", "soon", "2019-02-30"])
def test_bad_normalised_dates_are_refused(value):
    with pytest.raises(ValueError):
        periods.parse(value)


def test_describe_reads_naturally():
    assert periods.describe("2019-Q2") == "Apr–Jun 2019"
    assert periods.describe("2019-12/2020-06") == "Dec 2019 – Jun 2020"
    assert periods.describe("2019-06/ongoing") == "Jun 2019 – ongoing"


def test_orcid_checksum():
    orcid = TypeAdapter(Orcid)
    assert orcid.validate_python("0000-0002-1825-0097") == "0000-0002-1825-0097"
    assert orcid.validate_python("https://orcid.org/0000-0001-5109-3700") == "0000-0001-5109-3700"
    assert orcid.validate_python("0000-0002-9079-593X") == "0000-0002-9079-593X"
    with pytest.raises(ValidationError, match="last digit does not match"):
        orcid.validate_python("0000-0002-1825-0098")


def test_doi_prefixes_are_normalised():
    doi = TypeAdapter(Doi)
    for given in ("10.1038/nature12373", "https://doi.org/10.1038/nature12373", "http://dx.doi.org/10.1038/nature12373",
                  "doi:10.1038/nature12373"):
        assert doi.validate_python(given) == "10.1038/nature12373"
    with pytest.raises(ValidationError):
        doi.validate_python("nature12373")


@pytest.mark.parametrize("good", ["https://example.org/a?b=c", "http://example.org", "mailto:a@example.org", "/about/"])
def test_safe_urls_pass(good):
    assert TypeAdapter(Url).validate_python(good) == good


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example/",
                                 "ftp://example.org/", "https://", "https://example.org/a b", 'https://x.org/"onmouseover=1'])
def test_unsafe_urls_fail(bad):
    with pytest.raises(ValidationError):
        TypeAdapter(Url).validate_python(bad)


def test_markdown_is_rendered_and_sanitised():
    html = str(markup.render("**Bold** and [a link](https://example.org) <script>x()</script>"
                             "<a href='javascript:alert(1)' onclick='x()'>bad</a>"))
    assert "<strong>Bold</strong>" in html
    assert '<a href="https://example.org" rel="nofollow noopener">a link</a>' in html
    assert "<script" not in html and "onclick" not in html and "javascript:" not in html


def test_contributor_headings_never_compete_with_the_page_title():
    assert str(markup.render("# Big\n\ntext")).startswith("<h2>Big</h2>")
    assert str(markup.render("# Big", top_heading=3)).startswith("<h3>")


def test_plain_text_shortcut_gives_exactly_what_the_converter_gives():
    words = ["technician", "lab", "it's", "\"quoted\"", "50%", "well-known", "e.g.", "(ICP-MS)", "2019:", "x+y",
             "a=b", "!", "~", "ÆØÅ", "naïve", "—", "http://example.org", "3.", "-", "+", "1)", "=", "\n", "\n\n",
             "  ", "    ", "*", "_", "&", "<b>", "#", "|", "`", "3.\n", "-\n", "+\n", "1)\n", "  \n", "\t",
             "\n \n", "\n\n\n", " \n\n", "\n\n  ", "\n\n"]
    rng = random.Random(7)
    shortcut_paragraphs = 0
    for _ in range(6000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 12))).strip() or "x"
        shortcut_paragraphs += len(markup._plain_paragraphs(text) or ()) > 1
        markup._converter.reset()
        expected = markup.clean_html(markup._demote_headings(markup._converter.convert(text), 2))
        assert str(markup.render(text)) == expected, repr(text)
        slow = html.unescape(nh3.clean(expected, tags=set())).strip()
        assert markup.plain(text) == slow, repr(text)  # the text of meta descriptions and search cards
    assert shortcut_paragraphs > 100  # texts of several plain paragraphs took the shortcut, and matched


def test_parallel_parsing_reports_exactly_what_serial_parsing_reports(tmp_path):
    from conftest import PROFILE, make_project
    from techportal.loader import load_content

    files = {f"profiles/test-university/person-{i}/profile.yml": PROFILE.replace("Ada Tester", f"Person {i}")
             for i in range(12)}
    files["profiles/test-university/person-3/profile.yml"] = PROFILE.replace("skills:", "skils:")
    files["profiles/test-university/person-7/profile.yml"] = "name: [unclosed\n"
    files["profiles/test-university/person-9/profile.yml"] = b"\xef\xbb\xbfname: x\n"
    files["profiles/test-university/person-10/profile.yml"] = PROFILE + "department: Again\n"
    files["profiles/test-university/person-11/profile.yml"] = PROFILE.replace("skills: [NMR spectroscopy]",
                                                                             "skills: &s [NMR]\nequipment: *s")
    project = make_project(tmp_path, files)
    serial, serial_problems = load_content(project, parallel_from=10**9)
    parallel, parallel_problems = load_content(project, parallel_from=2)
    assert [str(p) for p in parallel_problems.sorted()] == [str(p) for p in serial_problems.sorted()]
    reported = [str(p) for p in serial_problems.sorted()]
    assert len(reported) == 5 and any(":5:1: skils:" in line for line in reported)
    assert any("person-11/profile.yml:" in line and "alias" in line for line in reported)
    assert sorted(parallel.profiles) == sorted(serial.profiles)
    assert all(parallel.profiles[k].model == serial.profiles[k].model for k in serial.profiles)


@pytest.mark.parametrize("text", [
    "name: Ada\nskills: [a, b]\nconsent: {given_on: 2026-01-05}\nyear: 2021\nflag: yes\nnothing:\n",
    "when: 2024-02-30\n",  # looks like a date, is none: kept as text for the model to explain
    "a: 1\na: 2\n",  # repeated field
    "base: &b {x: 1}\nother:\n  <<: *b\n",  # anchors and merge keys
    "? [complex, key]\n: value\n",  # a key that is not text
    "<<: {x: 1}\n",  # a merge key without an anchor
    "items: !!binary aGVsbG8=\n",  # a tag the safe loader refuses
    "list: [" + "1, " * 25_000 + "]\n",  # more values than allowed
    "name: [unclosed\n",
    "\tname: tab\n",
])
def test_worker_parsing_reads_and_refuses_exactly_what_parse_yaml_does(text):
    from techportal.errors import Problems
    from techportal.yamlfile import parse_data, parse_yaml

    expected_problems, problems = Problems(), Problems()
    located = parse_yaml(text, "x.yml", expected_problems)
    ok, data = parse_data(text, "x.yml", problems)
    assert [str(p) for p in problems.items] == [str(p) for p in expected_problems.items]
    assert ok == (located is not None)
    assert data == (located.data if located else None)


def test_pager_links_a_bounded_window_of_pages():
    from techportal.pages import Pagination

    def window(number, count):
        return Pagination(number, count, count * 10, "technicians/", []).window

    assert window(1, 1) == [1]
    assert window(1, 5) == [1, 2, 3, 4, 5]
    assert window(10, 400) == [1, 2, None, 8, 9, 10, 11, 12, None, 399, 400]
    assert window(400, 400) == [1, 2, None, 398, 399, 400]
    assert all(len(window(n, 400)) <= 11 for n in range(1, 401))

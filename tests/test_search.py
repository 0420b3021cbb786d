"""The search index of the demo, read back from Pagefind's bundle: what a visitor can find."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

NG = "northgate-university"


def fragments(site: Path) -> dict[str, dict]:
    """url → the record Pagefind keeps for a page (content, meta, filters)."""
    records = {}
    for path in (site / "pagefind/fragment").iterdir():
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(b"pagefind_dcd")
        record = json.loads(raw[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


@pytest.fixture(scope="module")
def index(demo_site) -> dict[str, dict]:
    return fragments(demo_site)


def test_every_searchable_page_is_indexed_and_listings_are_not(demo_site, index):
    searchable = {"/" + str(page.parent.relative_to(demo_site)).removeprefix(".") + "/"
                  for page in demo_site.rglob("index.html") if "data-pagefind-body" in page.read_text()}
    searchable = {url.replace("//", "/") for url in searchable}
    assert set(index) == searchable
    assert "/about/" in index  # hand-written pages too
    assert f"/technicians/{NG}/priya-shah/" in index and "/stories/" in index
    for listing in ("/technicians/", "/skills/confocal-microscopy/", "/awards/", "/registration/rscitech/",
                    f"/institutions/{NG}/groups/bioimaging-facility/", "/search/"):
        assert listing not in index, listing


def test_profile_is_found_by_its_filters(index):
    data = yaml.safe_load((ROOT / f"profiles/{NG}/priya-shah/profile.yml").read_text())
    record = index[f"/technicians/{NG}/priya-shah/"]
    assert record["meta"]["title"] == data["name"]
    filters = record["filters"]
    assert filters["type"] == ["Technician"] and filters["institution"] == ["Northgate University"]
    assert filters["department"] == [data["department"]]
    assert sorted(filters["skill"]) == sorted(data["skills"])
    assert sorted(filters["equipment"]) == sorted(data["equipment"])
    assert sorted(filters["registration"]) == sorted(r["title"] for r in data["registrations"])
    assert data["summary"].split()[0] in record["content"]
    assert "Skip to content" not in record["content"]  # the theme's chrome is not indexed


def test_plan_results_name_their_institution(index):
    plans = {url: r for url, r in index.items() if "/plans/" in url}
    assert len(plans) == 5
    for url, record in plans.items():
        slug = url.split("/")[2]
        name = yaml.safe_load((ROOT / f"institutions/{slug}.yml").read_text())["name"]
        assert record["meta"]["title"].endswith(f" — {name}"), record["meta"]
        assert record["meta"]["title"] not in record["content"]  # the hidden title is not indexed as text


def test_a_failed_indexer_fails_the_build_instead_of_hanging(tmp_path):
    from techportal.search import LiveIndex, SearchIndexError

    index = LiveIndex()
    page = '<html><body><div data-pagefind-body><h1>A</h1><p>words</p></div><!-- end of search body --></body></html>'
    index.add("/a/", page)
    index._process.kill()
    index._process.wait()
    with pytest.raises(SearchIndexError):
        for n in range(5000):  # more than the queue holds: the sender must not block
            index.add(f"/p{n}/", page)
        index.write(tmp_path / "pagefind")
    index.close()


def test_pages_rendered_after_the_bundle_is_written_are_refused(tmp_path):
    from techportal.search import LiveIndex, SearchIndexError

    index = LiveIndex()
    page = '<html><body><div data-pagefind-body><h1>A</h1></div><!-- end of search body --></body></html>'
    index.add("/a/", page)
    index.start_writing(tmp_path / "pagefind")
    with pytest.raises(SearchIndexError, match="/b/ is searchable but was rendered after"):
        index.add("/b/", page)
    index.add("/listing/", "<html><body>not searchable</body></html>")  # pages without a body are fine
    # contributor text naming the attribute (escaped, as every text is) does not make a page searchable
    index.add("/listing/2/", "<html><body><p>I add data-pagefind-body&gt; to pages</p></body></html>")
    index.write(tmp_path / "pagefind")
    assert (tmp_path / "pagefind/pagefind.js").exists()

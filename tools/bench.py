#!/usr/bin/env python3
"""Benchmark for "Scale to the whole sector": the portal at N synthetic profiles against plain MkDocs.

    python tools/bench.py N [--keep] [--json out.json] [--seed S] [--photos] [--quick] [--repeat R] [--profile out.prof] [--serve]
    python3 dev.py bench N

One run builds, each in its own process and each measured on its own:

  a   the portal: this project's engine files (mkdocs.yml, hooks/, overrides/, docs/, plans/,
      institutions/, glossary.yml; not the sample profiles, stories or awards) plus N synthetic
      profiles from tools/synthetic.py, `extra.portal.include_samples: true`, `python -m mkdocs build`;
  a'  the same project again with timing wrappers around the portal's MkDocs events, its core steps,
      the Pagefind step and MkDocs' own build phases (the own-code figures come from this run);
  a10 the portal at N/10, same seed and the same institutions, to compare one person's page;
  b   the baseline: plain Material (font: false, the default `search` plugin, no hooks) with the same
      N people as hand-written Markdown pages kept out of the nav; b' is b with the phase timers.

Every build runs as `python tools/bench.py --_launch build …`, a tiny launcher that runs
`python -m mkdocs` in-process and then records its own peak RSS (RUSAGE_SELF: MkDocs itself) apart
from RUSAGE_CHILDREN (the largest process it waited for, at any depth: the Pagefind indexer, and any
worker processes the portal's loader starts; the instrumented run tells those two apart by reading
RUSAGE_CHILDREN again when on_pre_build returns). Wall time is measured around the whole subprocess.

"Pagefind time" is the time the MkDocs process spends inside techportal.search calls, whatever their
shape (a one-shot indexing run after the build, or pages fed to a live indexer while MkDocs renders);
indexing that runs on the other core meanwhile is not in it, but shows in the children's CPU time.
The first-search payload is computed from the built bundle: see `pagefind_payload` for the assumptions.

Targets are printed beside the figures with PASS/MISS; they are reported, not asserted: the exit code
is 0 when the report was produced and 1 when a build failed. The machine is shared, so the table also
shows CPU time and the load average: when the load exceeds the core count, wall-time ratios are noisy.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ("mkdocs.yml", "hooks", "overrides", "docs", "plans", "institutions", "glossary.yml")
TARGETS = {"build_ratio": 1.15, "own_code_share": 10.0, "rss_ratio": 1.5, "page_diff": 2.0, "payload_ratio": 1 / 50}
RESULTS_SHOWN = 20  # docs/assets/search.js asks for data() of the first 20 results


# =============================================================================================
# The launcher: runs inside each build subprocess. Only stdlib imports before MkDocs starts.


class _Timers:
    def __init__(self) -> None:
        self.totals: dict[str, list] = {}  # key -> [calls, seconds]
        self.event_depth = 0
        self.code_depth = 0
        self.search_depth = 0

    def add(self, key: str, seconds: float) -> None:
        entry = self.totals.setdefault(key, [0, 0.0])
        entry[0] += 1
        entry[1] += seconds


def _timed(timers: _Timers, key: str, fn, kind: str = "part"):
    """Wrap fn. kind: 'event' (a portal MkDocs event), 'code' (portal code reached from templates:
    timed only outside events and outside other timed code, so nothing is counted twice), 'part'."""
    clock = time.perf_counter

    if kind == "event":
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            timers.event_depth += 1
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                timers.add(key, clock() - start)
                timers.event_depth -= 1
    elif kind == "search":  # only the outermost search call counts (write() may call close())
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if timers.search_depth:
                return fn(*args, **kwargs)
            timers.search_depth += 1
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                timers.add(key, clock() - start)
                timers.search_depth -= 1
    elif kind == "code":
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if timers.event_depth or timers.code_depth:
                return fn(*args, **kwargs)
            timers.code_depth += 1
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                timers.add(key, clock() - start)
                timers.code_depth -= 1
    else:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                timers.add(key, clock() - start)
    return wrapper


def _instrument(timers: _Timers, project: Path, marks: dict) -> dict:
    """Patch MkDocs' build phases and (if this is a portal project) the portal's events and core steps."""
    info: dict = {}
    import mkdocs.commands.build as B
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    original_build = B.build

    @functools.wraps(original_build)
    def build(*args, **kwargs):
        marks["build_start"] = time.perf_counter()
        try:
            return original_build(*args, **kwargs)
        finally:
            marks["build_end"] = time.perf_counter()

    B.build = build
    for name in ("get_files", "get_navigation", "_populate_page", "_build_theme_template", "_build_extra_template"):
        setattr(B, name, _timed(timers, f"mkdocs:{name}", getattr(B, name)))
    original_page = B._build_page

    def _build_page(page, *args, **kwargs):
        template = page.meta.get("template", "main.html") if page.meta else "main.html"
        key = f"mkdocs:_build_page[{template}]"
        start = time.perf_counter()
        try:
            return original_page(page, *args, **kwargs)
        finally:
            timers.add(key, time.perf_counter() - start)

    B._build_page = _build_page
    Files.copy_static_files = _timed(timers, "mkdocs:copy_static_files", Files.copy_static_files)
    Page.validate_anchor_links = _timed(timers, "mkdocs:validate_anchor_links", Page.validate_anchor_links)
    try:
        from material.plugins.search.plugin import SearchPlugin
    except ImportError:
        pass
    else:
        for name in ("on_page_context", "on_post_build"):
            setattr(SearchPlugin, name, _timed(timers, f"material-search:{name}", getattr(SearchPlugin, name)))

    hooks = project / "hooks"
    if (hooks / "techportal" / "mkdocs_adapter.py").is_file():
        # Import the project's own copy before MkDocs loads the hook file, which then binds the
        # wrapped functions (the hook file does `from techportal.mkdocs_adapter import on_…`).
        sys.path.insert(0, str(hooks))
        import techportal
        import techportal.build as core
        import techportal.markup as markup
        import techportal.mkdocs_adapter as adapter
        import techportal.search as search
        import techportal.templating as templating
        from techportal.models import periods

        info["techportal"] = str(Path(techportal.__file__).parent)
        # Children that ended by the end of on_pre_build (e.g. a loader's worker processes) are
        # told apart from the search indexer, which is waited for only at the end of the build.
        original_pre_build = adapter.on_pre_build

        @functools.wraps(original_pre_build)
        def on_pre_build(*args, **kwargs):
            try:
                return original_pre_build(*args, **kwargs)
            finally:
                usage = resource.getrusage(resource.RUSAGE_CHILDREN)
                marks["children_after_pre_build"] = (usage.ru_maxrss, usage.ru_utime + usage.ru_stime)

        adapter.on_pre_build = on_pre_build
        for name in dir(adapter):
            if name.startswith("on_") and callable(getattr(adapter, name)):
                setattr(adapter, name, _timed(timers, f"event:{name}", getattr(adapter, name), "event"))
        info["search_api"] = _instrument_search(timers, search)
        _instrument_prepare(timers, core)
        for name in ("render", "render_inline", "plain"):
            setattr(markup, name, _timed(timers, f"code:markup.{name}", getattr(markup, name), "code"))
        periods.describe = _timed(timers, "code:periods.describe", periods.describe, "code")
        if hasattr(templating, "slugify"):
            templating.slugify = _timed(timers, "code:slugify", templating.slugify, "code")
    return info


def _instrument_prepare(timers: _Timers, core) -> None:
    """Time each step `prepare` calls: functions named in techportal.build (load_content, build_site,
    build_pages, …) and `module.function(` calls it makes into other portal modules (outputs.generate, …).
    Only the outermost timed step counts, so a step that calls another is not counted twice."""
    import inspect
    import re
    import types

    depth = [0]

    def guarded(key, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            if depth[0]:
                return fn(*args, **kwargs)
            depth[0] += 1
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                timers.add(key, time.perf_counter() - start)
                depth[0] -= 1
        return wrapper

    source = inspect.getsource(core.prepare)
    for name in set(re.findall(r"\b([A-Za-z_]\w*)\(", source)):
        value = getattr(core, name, None)
        if inspect.isfunction(value) and value.__module__.startswith("techportal") and name != "prepare":
            setattr(core, name, guarded(f"prepare:{name}", value))
    for module_name, func in set(re.findall(r"\b([A-Za-z_]\w*)\.([A-Za-z_]\w*)\(", source)):
        module = getattr(core, module_name, None)
        value = getattr(module, func, None) if isinstance(module, types.ModuleType) else None
        if inspect.isfunction(value) and module.__name__.startswith("techportal"):
            setattr(module, func, guarded(f"prepare:{module_name}.{func}", value))


def _instrument_search(timers: _Timers, search) -> list[str]:
    """Time every public entry point of techportal.search, whatever its shape: a one-shot function
    run after the build (index_site) or an object fed page by page while MkDocs renders (LiveIndex)."""
    import inspect

    wrapped = []
    for name, value in list(vars(search).items()):
        if name.startswith("_") or getattr(value, "__module__", None) != search.__name__:
            continue
        if inspect.isfunction(value):
            setattr(search, name, _timed(timers, f"pagefind:{name}", value, "search"))
            wrapped.append(name)
        elif inspect.isclass(value) and not issubclass(value, BaseException):
            for method, fn in list(vars(value).items()):
                if (method == "__init__" or not method.startswith("_")) and inspect.isfunction(fn):
                    setattr(value, method, _timed(timers, f"pagefind:{name}.{method}", fn, "search"))
                    wrapped.append(f"{name}.{method}")
    return wrapped


def _launch(argv: list[str]) -> int:
    """Run `python -m mkdocs <argv>` in this process; write timings and rusage to $TP_BENCH_STATS."""
    started = time.perf_counter()
    stats_path = os.environ["TP_BENCH_STATS"]
    project = Path.cwd()
    timers = _Timers()
    marks: dict = {}
    info: dict = {}
    if os.environ.get("TP_BENCH_INSTRUMENT") == "1":
        info = _instrument(timers, project, marks)
    profile_path = os.environ.get("TP_BENCH_PROFILE")
    profiler = None
    if profile_path:
        import cProfile

        profiler = cProfile.Profile()
    import runpy

    sys.argv = ["mkdocs", *argv]
    code = 0
    try:
        if profiler:
            profiler.enable()
        runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile_path)
    ended = time.perf_counter()
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    stats = {
        "code": code,
        "inner_wall": ended - started,
        "startup": (marks["build_start"] - started) if "build_start" in marks else None,
        "build_call": (marks["build_end"] - marks["build_start"]) if "build_end" in marks else None,
        "self_maxrss_kb": own.ru_maxrss,
        "children_maxrss_kb": children.ru_maxrss,
        "self_cpu": own.ru_utime + own.ru_stime,
        "children_cpu": children.ru_utime + children.ru_stime,
        "timers": timers.totals,
        "children_after_pre_build": marks.get("children_after_pre_build"),
        **info,
    }
    with open(stats_path, "w", encoding="utf-8") as fh:
        json.dump(stats, fh)
    return code


# =============================================================================================
# Projects


def _python() -> str:
    """An interpreter that has MkDocs: this one, else the project's .venv."""
    import importlib.util

    if importlib.util.find_spec("mkdocs") and importlib.util.find_spec("material"):
        return sys.executable
    venv = ROOT / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if venv.exists():
        return str(venv)
    raise SystemExit("MkDocs is not installed here: run `python3 dev.py bench N` (it creates .venv).")


def _portal_project(dest: Path) -> None:
    """The engine and the real plans, without the sample people, stories and awards."""
    import re

    dest.mkdir(parents=True)
    for name in ENGINE:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.exists():
            shutil.copy2(source, dest / name)
    config = (dest / "mkdocs.yml").read_text(encoding="utf-8")
    config, samples = re.subn(r"(?m)^(\s+)include_samples:.*$", r"\1include_samples: true", config)
    config, insts = re.subn(r"(?m)^(\s+)institutions:.*$", r"\1institutions: all", config)
    if not samples or not insts:
        raise SystemExit("mkdocs.yml: cannot find extra.portal.include_samples / institutions to set for the benchmark")
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")


BASELINE_HOME = """\
# Technicians (baseline)

A plain Material for MkDocs site with one hand-written page per technician: the baseline the
portal is compared against. Every person here is fictional.
"""


def _fingerprint(project: Path) -> str:
    """A short hash of the engine code and templates measured (the tree changes while people work)."""
    import hashlib

    digest = hashlib.sha256()
    for folder in ("hooks", "overrides"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(project).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def _baseline_project(dest: Path) -> None:
    import yaml

    theme = {"name": "material", "font": False, "language": "en"}
    try:  # the portal's own theme settings (palette, features), without its template overrides
        portal = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        theme.update({k: v for k, v in (portal.get("theme") or {}).items() if k != "custom_dir"})
    except Exception:  # an !ENV tag or similar: the plain defaults are still a fair baseline
        pass
    config = {
        "site_name": "Technician Portal baseline",
        "site_url": "https://example.org/technician-portal-baseline/",
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "admonition", {"toc": {"permalink": False}}],
        "nav": [{"Home": "index.md"}, {"About": "about.md"}],
        "not_in_nav": "/technicians/\n",
        "extra": {"generator": False},
    }
    (dest / "docs").mkdir(parents=True)
    (dest / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (dest / "docs" / "index.md").write_text(BASELINE_HOME, encoding="utf-8")
    (dest / "docs" / "about.md").write_text("# About\n\nThe baseline for the portal's benchmark.\n", encoding="utf-8")


# =============================================================================================
# Builds


class BuildFailed(RuntimeError):
    pass


def _build(python: str, project: Path, site: Path, label: str, *, instrument: bool = False,
           profile: Path | None = None) -> dict:
    stats_path = project / f".bench-{label}.json"
    log_path = project / f".bench-{label}.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TP_BENCH_STATS": str(stats_path),
           "TP_BENCH_INSTRUMENT": "1" if instrument else "0", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("TP_BENCH_PROFILE", None)
    if profile:
        env["TP_BENCH_PROFILE"] = str(profile)
    command = [python, str(Path(__file__).resolve()), "--_launch", "build", "--site-dir", str(site)]
    print(f"  building {label} …", end="", flush=True, file=sys.stderr)
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    with open(log_path, "w", encoding="utf-8") as log:
        proc = subprocess.run(command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - start
    load_after = os.getloadavg()[0]
    print(f" {wall:.1f} s", file=sys.stderr, flush=True)
    if proc.returncode != 0 or not stats_path.exists():
        tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BuildFailed(f"build {label} failed (exit {proc.returncode}) in {project}:\n{tail}")
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    stats.update(wall=wall, load=(load_before, load_after), site=str(site))
    return stats


# =============================================================================================
# Measurements


def _tree_bytes(path: Path) -> tuple[int, int]:
    total = files = 0
    for folder, _, names in os.walk(path):
        for name in names:
            total += os.path.getsize(os.path.join(folder, name))
            files += 1
    return total, files


def _cbor(data: bytes, pos: int = 0):
    """A minimal CBOR decoder (enough for Pagefind's metadata): returns (value, next position)."""
    initial = data[pos]
    major, info = initial >> 5, initial & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    elif info == 31:
        arg = None  # indefinite length
    else:
        raise ValueError(f"unsupported CBOR item 0x{initial:02x}")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        if arg is None:
            raise ValueError("indefinite strings are not supported")
        raw = data[pos:pos + arg]
        return (raw if major == 2 else raw.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        if arg is None:
            while data[pos] != 0xFF:
                item, pos = _cbor(data, pos)
                items.append(item)
            return items, pos + 1
        for _ in range(arg):
            item, pos = _cbor(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        result = {}
        count = arg if arg is not None else 1 << 62
        for _ in range(count):
            if arg is None and data[pos] == 0xFF:
                return result, pos + 1
            key, pos = _cbor(data, pos)
            value, pos = _cbor(data, pos)
            result[key] = value
        return result, pos
    if major == 6:
        return _cbor(data, pos)
    return {20: False, 21: True, 22: None}.get(info), pos


def _pagefind_file(path: Path) -> bytes:
    raw = gzip.decompress(path.read_bytes())
    return raw[len(b"pagefind_dcd"):] if raw.startswith(b"pagefind_dcd") else raw


def pagefind_payload(site: Path, query: str) -> dict:
    """Bytes a visitor downloads for a first one-word search on the portal's search page.

    Assumptions (Pagefind 1.x, docs/assets/search.js): the page imports pagefind.js, which fetches
    pagefind-entry.json, the language's pf_meta file and the language's WebAssembly module
    (wasm.<lang>.pagefind); a one-word query loads the one index chunk whose word range holds the
    query (read from pf_meta; the query is compared unstemmed, which can pick a neighbouring chunk of
    similar size); search.js then loads the fragment of each of the first 20 results, counted as 20 times
    the mean fragment size. search.js applies no filters, so no filter chunk is loaded; the faceted
    directory (`pagefind.filters()`) would also load every filter chunk, shown separately. Sizes are the
    bytes as stored: Pagefind's chunks are already gzipped, pagefind.js is not.
    """
    base = site / "pagefind"
    entry_path = base / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    lang, details = next(iter(entry["languages"].items()))
    meta_path = base / f"pagefind.{details['hash']}.pf_meta"
    wasm_path = base / f"wasm.{details.get('wasm') or lang}.pagefind"
    parts = {
        "pagefind.js": (base / "pagefind.js").stat().st_size,
        "pagefind-entry.json": entry_path.stat().st_size,
        meta_path.name: meta_path.stat().st_size,
        wasm_path.name: wasm_path.stat().st_size if wasm_path.exists() else 0,
    }
    chunks = sorted((base / "index").glob("*.pf_index"))
    chunk_name, how = None, "largest chunk (pf_meta not decoded)"
    try:
        meta, _ = _cbor(_pagefind_file(meta_path))
        for item in meta[2]:  # [version, pages, index chunks [from, to, hash], filters, sorts, …]
            first, last, chunk_hash = item[0], item[1], item[2]
            if first <= query.lower() <= last:
                chunk_name, how = f"{chunk_hash}.pf_index", f"the chunk {first!r}…{last!r} holding {query!r}"
                break
    except Exception as exc:  # a format change: fall back to the largest chunk, an upper bound
        how = f"largest chunk (pf_meta not decoded: {exc})"
    sizes = {p.name: p.stat().st_size for p in chunks}
    if chunk_name not in sizes:
        chunk_name = max(sizes, key=sizes.get) if sizes else None
    parts[f"index/{chunk_name}"] = sizes.get(chunk_name, 0)
    fragments = [p.stat().st_size for p in (base / "fragment").glob("*.pf_fragment")]
    mean_fragment = sum(fragments) / len(fragments) if fragments else 0
    shown = min(RESULTS_SHOWN, len(fragments))
    parts[f"{shown} fragments (mean {mean_fragment:,.0f} B)"] = round(mean_fragment * shown)
    filters = sum(p.stat().st_size for p in (base / "filter").glob("*.pf_filter"))
    return {"total": sum(parts.values()), "parts": parts, "chunk": how, "index_chunks": len(chunks),
            "index_bytes": sum(sizes.values()), "filter_bytes": filters, "fragments": len(fragments)}


def lunr_index(site: Path) -> dict:
    path = site / "search" / "search_index.json"
    data = path.read_bytes()
    return {"bytes": len(data), "gzip_bytes": len(gzip.compress(data, 6))}


# =============================================================================================
# Report


def _mb(kb: float) -> str:
    return f"{kb / 1024:,.0f} MB"


def _size(n: float) -> str:
    if n >= 10 * 1024 * 1024:
        return f"{n / 1024 / 1024:,.1f} MB"
    if n >= 10 * 1024:
        return f"{n / 1024:,.1f} KB"
    return f"{n:,.0f} B"


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _timer(stats: dict, key: str) -> tuple[int, float]:
    calls, seconds = stats.get("timers", {}).get(key, (0, 0.0))
    return calls, seconds


def report(r: dict) -> str:
    a, b, ai, bi, small = r["a"], r["b"], r["a_instr"], r["b_instr"], r["a_small"]
    n, n_small = r["n"], r["n_small"]
    events = {k: v for k, v in ai["timers"].items() if k.startswith("event:")}
    pagefind_time = sum(v[1] for k, v in ai["timers"].items() if k.startswith("pagefind:"))
    hook_time = sum(v[1] for v in events.values()) - pagefind_time
    template_code = sum(v[1] for k, v in ai["timers"].items() if k.startswith("code:"))
    build_ratio = a["wall"] / b["wall"]
    cpu_a = a["self_cpu"] + a["children_cpu"]
    cpu_b = b["self_cpu"] + b["children_cpu"]
    own_code = hook_time + template_code  # the target's "portal's own code": events and what templates call
    own_share = 100 * own_code / a["wall"]
    rss_ratio = a["self_maxrss_kb"] / b["self_maxrss_kb"]
    page_n, page_small = r["page_bytes"], r["page_bytes_small"]
    page_diff = 100 * (page_n - page_small) / page_small if page_small else float("inf")
    payload, lunr = r["payload"], r["lunr"]
    payload_ratio = payload["total"] / lunr["bytes"]
    gz_ratio = payload["total"] / lunr["gzip_bytes"]

    rows = [
        ("figure", "portal (a)", "baseline (b)", "a/b", "target", "result"),
        ("build time", f"{a['wall']:.1f} s", f"{b['wall']:.1f} s", f"{build_ratio:.2f}",
         f"<= {TARGETS['build_ratio']}", _verdict(build_ratio <= TARGETS["build_ratio"])),
        ("build CPU time", f"{cpu_a:.1f} s", f"{cpu_b:.1f} s", f"{cpu_a / cpu_b:.2f}", "(info)", ""),
        ("portal's own code", f"{own_code:.2f} s", f"{own_share:.1f} % of a", "", f"<= {TARGETS['own_code_share']:.0f} %",
         _verdict(own_share <= TARGETS["own_code_share"])),
        ("  in its MkDocs hooks", f"{hook_time:.2f} s", f"{100 * hook_time / a['wall']:.1f} % of a", "", "(info)", ""),
        ("  called from templates", f"{template_code:.2f} s", f"{100 * template_code / a['wall']:.1f} % of a", "", "(info)", ""),
        ("pagefind time", f"{pagefind_time:.1f} s", f"{100 * pagefind_time / a['wall']:.1f} % of a", "", "(info)", ""),
        ("peak RSS mkdocs", _mb(a["self_maxrss_kb"]), _mb(b["self_maxrss_kb"]), f"{rss_ratio:.2f}",
         f"<= {TARGETS['rss_ratio']}x", _verdict(rss_ratio <= TARGETS["rss_ratio"])),
        ("peak RSS indexer", _mb(a["children_maxrss_kb"]), _mb(b["children_maxrss_kb"]), "", "(info)", ""),
        ("profile page bytes", f"{page_n:,} B at N", f"{page_small:,} B at N/10", f"{page_diff:+.2f} %",
         f"within {TARGETS['page_diff']:.0f} %", _verdict(abs(page_diff) <= TARGETS["page_diff"])),
        ("site bytes", _size(r["site_bytes"]), _size(r["baseline_site_bytes"]),
         f"{r['site_bytes'] / r['baseline_site_bytes']:.2f}", "(info)", ""),
        ("first-search payload", _size(payload["total"]), _size(lunr["bytes"]), f"{payload_ratio:.4f}",
         "<= 0.02 (1/50)", _verdict(payload_ratio <= TARGETS["payload_ratio"])),
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(6)]
    lines = [
        f"Technician Portal benchmark: N = {n:,} profiles in {r['institutions']} synthetic institutions "
        f"(seed {r['seed']}{', photos' if r['photos'] else ''}); N/10 = {n_small:,}; "
        f"hooks+overrides {r.get('fingerprint', '?')}",
        f"machine: {os.cpu_count()} CPUs; load average during the builds {r['load_min']:.1f}–{r['load_max']:.1f}"
        + ("  (above the core count: wall times are inflated by other work)" if r["load_max"] > (os.cpu_count() or 1) else ""),
        "",
    ]
    for i, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[k]) if k < 5 else cell for k, cell in enumerate(row)).rstrip())
        if i == 0:
            lines.append("-" * (sum(widths) + 10))

    for serve in r.get("serve", []):
        command = "mkdocs serve" + (" --dirty" if serve["dirty"] else "")
        lines.append(f"{command}: first build {serve['first_build_s']:.1f} s; one profile edited → browser reload "
                     f"{serve['edit_to_reload_s']:.1f} s ({serve['pages_rendered']} portal pages rendered again)")

    lines += ["", "Notes"]
    if r.get("walls") and len(r["walls"]["a"]) > 1:
        lines.append("  every run's wall time, fastest counted: " + "; ".join(
            f"{name} {', '.join(f'{w:.1f}' for w in walls)} s" for name, walls in r["walls"].items()))
    lines.append(f"  pages built: portal {r['pages_a']:,} ({r['portal_pages']:,} from portal templates), "
                 f"baseline {r['pages_b']:,}; files in site: portal {r['site_files']:,}, baseline {r['baseline_site_files']:,}")
    lines.append(f"  profile compared: {r['person']} (portal page {page_n:,} B, the same person's baseline page "
                 f"{r['baseline_page_bytes']:,} B)")
    lines.append(f"  portal's own code = its MkDocs events minus the time in techportal.search calls, plus the portal functions "
                 f"templates call (Markdown, dates, slugs), from the instrumented run (its wall {ai['wall']:.1f} s vs plain "
                 f"{a['wall']:.1f} s); % is of the plain build a ({100 * own_code / ai['wall']:.1f} % of the instrumented "
                 f"run's own wall)")
    lines.append("  pagefind time = time the MkDocs process spent in techportal.search calls ("
                 + ", ".join(f"{k.removeprefix('pagefind:')} {v[1]:.1f} s" for k, v in ai["timers"].items()
                             if k.startswith("pagefind:")) + "); indexing that overlaps rendering is not in it")
    lines.append(f"  CPU: portal mkdocs {a['self_cpu']:.1f} s + children {a['children_cpu']:.1f} s; "
                 f"baseline mkdocs {b['self_cpu']:.1f} s + children {b['children_cpu']:.1f} s")
    early = ai.get("children_after_pre_build")
    if early and early[0]:
        late = ai["children_maxrss_kb"]
        indexer = _mb(late) if late > early[0] else f"<= {_mb(early[0])} (not separable)"
        lines.append(f"  children ended during on_pre_build (loader workers): peak {_mb(early[0])}, CPU {early[1]:.1f} s; "
                     f"the indexer: peak {indexer}, CPU {ai['children_cpu'] - early[1]:.1f} s (instrumented run)")
    lines.append(f"  payload = 1/{1 / payload_ratio:,.0f} of search_index.json; lunr index gzipped: "
                 f"{_size(lunr['gzip_bytes'])}, payload against that: {gz_ratio:.4f}; "
                 f"with the directory's facets (all filter chunks, {_size(payload['filter_bytes'])}): "
                 f"{_size(payload['total'] + payload['filter_bytes'])}")
    lines.append(f"  pagefind index: {payload['index_chunks']} index chunks ({_size(payload['index_bytes'])}), "
                 f"{payload['fragments']:,} fragments; query {r['query']!r} → {payload['chunk']}")
    lines.append("  payload parts: " + ", ".join(f"{k} {_size(v)}" for k, v in payload["parts"].items()))
    lines.append(f"  synthetic data: portal {r['generate_s']:.1f} s for N, baseline Markdown {r['baseline_md_s']:.1f} s")

    lines += ["", "Where the portal's time goes (instrumented run a')"]
    for key, (calls, seconds) in sorted(ai["timers"].items(), key=lambda kv: -kv[1][1]):
        if key.startswith(("event:", "prepare:", "pagefind:", "code:")):
            lines.append(f"  {key:<34} {seconds:8.2f} s  {calls:>8,} calls")
    lines += ["", "MkDocs phases, portal (a') vs baseline (b')"]
    lines.append(f"  {'startup (imports, config, hooks)':<44} {ai['startup'] or 0:8.2f} s  {bi['startup'] or 0:8.2f} s")
    keys = sorted({k for s in (ai, bi) for k in s["timers"] if k.startswith(("mkdocs:", "material-search:"))},
                  key=lambda k: -max(_timer(ai, k)[1], _timer(bi, k)[1]))
    for key in keys:
        ca, sa = _timer(ai, key)
        cb, sb = _timer(bi, key)
        per = ""
        if key.startswith("mkdocs:_build_page") or key == "mkdocs:_populate_page":
            per = f"   {ca:>6,} vs {cb:>6,} pages, {1000 * sa / ca if ca else 0:6.2f} vs {1000 * sb / cb if cb else 0:6.2f} ms/page"
        lines.append(f"  {key:<44} {sa:8.2f} s  {sb:8.2f} s{per}")
    lines.append(f"  {'build() total':<44} {ai['build_call'] or 0:8.2f} s  {bi['build_call'] or 0:8.2f} s")
    lines.append(f"  portal at N/10: {small['wall']:.1f} s wall, {_mb(small['self_maxrss_kb'])} peak")
    if ai.get("techportal"):
        lines.append(f"  portal code measured: {ai['techportal']}")
    return "\n".join(lines)


def _profile_summary(path: Path, limit: int = 25) -> str:
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(str(path), stream=out)
    stats.sort_stats("tottime").print_stats(limit)
    out.write("\n--- the portal's own code and templates, by cumulative time ---\n")
    stats.sort_stats("cumulative").print_stats(r"techportal|overrides/portal|portal/", limit)
    return out.getvalue()


# =============================================================================================


def run(args) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import synthetic

    python = _python()
    n = args.n
    n_small = max(1, n // 10)
    work = Path(tempfile.mkdtemp(prefix=f"techportal-bench-{n}-", dir=args.workdir))
    print(f"bench: working in {work}", file=sys.stderr)
    result: dict = {"n": n, "n_small": n_small, "seed": args.seed, "photos": args.photos, "query": args.query,
                    "workdir": str(work)}
    try:
        portal, portal_small, baseline = work / "portal", work / "portal-small", work / "baseline"
        count = synthetic.institution_count(n)
        _portal_project(portal)
        result["fingerprint"] = _fingerprint(portal)
        start = time.perf_counter()
        gen = synthetic.generate(portal, n, seed=args.seed, institutions=count, photos=args.photos)
        result["generate_s"] = time.perf_counter() - start
        _portal_project(portal_small)
        gen_small = synthetic.generate(portal_small, n_small, seed=args.seed, institutions=count, photos=args.photos)
        _baseline_project(baseline)
        start = time.perf_counter()
        synthetic.baseline_markdown(baseline / "docs", n, seed=args.seed, institutions=count)
        result["baseline_md_s"] = time.perf_counter() - start
        result["institutions"] = len(gen.institutions)
        person = gen_small.rich_key  # generated first at N/10, so also present (identical) at N
        assert person in set(gen.keys), "the N/10 person is missing at N: the generator is not prefix-stable"
        result["person"] = person

        print(f"bench: {n:,} profiles generated in {result['generate_s']:.1f} s; building", file=sys.stderr)
        if args.quick:  # one build each, instrumented: the timers cost microseconds per call
            b = bi = _build(python, baseline, baseline / "site", "baseline-instrumented", instrument=True)
            a = ai = _build(python, portal, portal / "site", "portal-instrumented", instrument=True)
        else:
            # With --repeat R, each build runs R times, alternating portal and baseline, and the
            # fastest run of each counts: on a shared machine the minimum is the least disturbed.
            runs: dict[str, list] = {"a": [], "b": [], "ai": [], "bi": []}
            for _ in range(args.repeat):
                runs["b"].append(_build(python, baseline, baseline / "site", "baseline"))
                runs["a"].append(_build(python, portal, portal / "site", "portal"))
                runs["ai"].append(_build(python, portal, portal / "site-instr", "portal-instrumented", instrument=True))
                shutil.rmtree(portal / "site-instr", ignore_errors=True)
                runs["bi"].append(_build(python, baseline, baseline / "site-instr", "baseline-instrumented",
                                         instrument=True))
                shutil.rmtree(baseline / "site-instr", ignore_errors=True)
            a, b, ai, bi = (min(runs[k], key=lambda run: run["wall"]) for k in ("a", "b", "ai", "bi"))
            result["walls"] = {k: [round(run["wall"], 1) for run in v] for k, v in runs.items()}
        small = _build(python, portal_small, portal_small / "site", "portal-N/10".replace("/", "_"))
        if args.profile:
            _build(python, portal, portal / "site-prof", "portal-profiled", instrument=False, profile=Path(args.profile).resolve())
            shutil.rmtree(portal / "site-prof", ignore_errors=True)
        result.update(a=a, b=b, a_instr=ai, b_instr=bi, a_small=small)
        loads = [x for s in (a, b, ai, bi, small) for x in s["load"]]
        result["load_min"], result["load_max"] = min(loads), max(loads)

        inst, slug = person.split("/")
        page = Path("technicians") / inst / slug / "index.html"
        result["page_bytes"] = (portal / "site" / page).stat().st_size
        result["page_bytes_small"] = (portal_small / "site" / page).stat().st_size
        result["baseline_page_bytes"] = (baseline / "site" / page).stat().st_size
        result["site_bytes"], result["site_files"] = _tree_bytes(portal / "site")
        result["baseline_site_bytes"], result["baseline_site_files"] = _tree_bytes(baseline / "site")
        result["payload"] = pagefind_payload(portal / "site", args.query)
        result["lunr"] = lunr_index(baseline / "site")
        result["pages_a"] = sum(v[0] for k, v in ai["timers"].items() if k.startswith("mkdocs:_build_page"))
        result["portal_pages"] = sum(v[0] for k, v in ai["timers"].items() if k.startswith("mkdocs:_build_page[portal/"))
        result["pages_b"] = sum(v[0] for k, v in bi["timers"].items() if k.startswith("mkdocs:_build_page"))
        if args.serve:
            print("  measuring mkdocs serve --dirty and mkdocs serve …", file=sys.stderr)
            result["serve"] = [measure_serve(python, portal, person, dirty=True),
                               measure_serve(python, portal, person, dirty=False)]
        return result
    finally:
        if args.keep:
            print(f"bench: kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def measure_serve(python: str, project: Path, person: str, *, dirty: bool, timeout: float = 3600) -> dict:
    """`mkdocs serve` on the project: time to the first page served, then from saving an edit to
    one profile until the rebuild is done (MkDocs then tells the browser to reload), checking
    that the served page shows the edit."""
    import queue
    import re
    import socket
    import threading
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    args = [python, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"] + (["--dirty"] if dirty else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    server = subprocess.Popen(args, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in server.stdout], daemon=True).start()
    log: list[str] = []

    def wait_for(pattern: str) -> re.Match:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            try:
                line = lines.get(timeout=1)
            except queue.Empty:
                if server.poll() is not None:
                    break
                continue
            log.append(line)
            if match := re.search(pattern, line):
                return match
        raise BuildFailed("mkdocs serve: no " + pattern + " in its output:\n" + "".join(log[-20:]))

    try:
        url = wait_for(r"Serving on (http://\S+)").group(1)
        first = time.perf_counter() - start
        inst, slug = person.split("/")
        profile = project / "profiles" / inst / slug / "profile.yml"
        marker = "Edited while serving, to time the rebuild."
        text = profile.read_text(encoding="utf-8")
        edit_start = time.perf_counter()
        profile.write_text(re.sub(r"(?m)^summary: .*$", f"summary: {marker}", text, count=1), encoding="utf-8")
        wait_for(r"Detected file changes")
        rendered = wait_for(r"Preview: rendering ([\d,]+) of|Documentation built") if dirty else None
        wait_for(r"Reloading browsers")
        reload_s = time.perf_counter() - edit_start
        page = urllib.request.urlopen(f"{url}technicians/{inst}/{slug}/", timeout=60).read().decode()
        if marker not in page:
            raise BuildFailed("mkdocs serve: the edited profile page does not show the edit")
        profile.write_text(text, encoding="utf-8")
        pages = rendered.group(1) if rendered and rendered.group(1) else "all"
        return {"dirty": dirty, "first_build_s": first, "edit_to_reload_s": reload_s, "pages_rendered": pages}
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--_launch"]:
        return _launch(argv[1:])
    import argparse

    parser = argparse.ArgumentParser(description="Build the portal at N synthetic profiles against a plain MkDocs baseline.")
    parser.add_argument("n", type=int, help="number of synthetic profiles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--photos", action="store_true", help="give ~40%% of profiles a small generated JPEG")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects and sites")
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    parser.add_argument("--query", default="microscopy", help="the one-word query for the search payload")
    parser.add_argument("--workdir", help="where to create the temporary folder (default: the system temp folder)")
    parser.add_argument("--quick", action="store_true",
                        help="build each project once, instrumented, instead of a plain and an instrumented build")
    parser.add_argument("--profile", metavar="FILE", help="also build the portal at N under cProfile into FILE")
    parser.add_argument("--repeat", type=int, default=1, metavar="R",
                        help="run each build R times, alternating, and keep the fastest of each (less noise)")
    parser.add_argument("--serve", action="store_true",
                        help="also time `mkdocs serve` (with and without --dirty) from a profile edit to the reload")
    args = parser.parse_args(argv)
    if args.n < 10:
        parser.error("N must be at least 10 (the page comparison needs N/10 >= 1)")
    try:
        result = run(args)
    except BuildFailed as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    text = report(result)
    print(text)
    if args.profile:
        print("\ncProfile of the portal build at N (top functions by own time):")
        print(_profile_summary(Path(args.profile)))
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

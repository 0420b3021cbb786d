#!/usr/bin/env python3
"""Developer entry point that works on a machine with only Python.

    python3 dev.py serve    build and serve the demo portal at http://127.0.0.1:8000
    python3 dev.py build    build the demo portal into site/
    python3 dev.py test     run the whole test suite (browser tests included)
    python3 dev.py bench N  build N synthetic profiles against a plain-MkDocs baseline

The first run creates .venv/ and installs the project into it; later runs reuse it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".installed"


def ensure_venv() -> None:
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and PY.exists():
        return
    if not PY.exists():
        print("Creating .venv …", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    print("Installing the portal and its test tools into .venv …", flush=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def ensure_system_tools() -> None:
    """Chromium for browser tests and Java for the Nu HTML Checker, from Debian's packages."""
    missing = [pkg for pkg, exe in (("chromium", "chromium"), ("default-jre-headless", "java")) if not shutil.which(exe)]
    if not missing:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"The browser tests need {', '.join(missing)}: install with `sudo apt-get install {' '.join(missing)}`.")
    print(f"Installing {', '.join(missing)} with apt-get …", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, env=env)


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "serve"
    ensure_venv()
    os.chdir(ROOT)
    if command == "serve":
        return subprocess.call([str(BIN / "mkdocs"), "serve", *argv[1:]])
    if command == "build":
        return subprocess.call([str(BIN / "mkdocs"), "build", "--strict", *argv[1:]])
    if command == "test":
        ensure_system_tools()
        return subprocess.call([str(PY), "-m", "pytest", *argv[1:]])
    if command == "bench":
        return subprocess.call([str(PY), str(ROOT / "tools" / "bench.py"), *argv[1:]])
    if command == "check":
        return subprocess.call([str(PY), "-m", "techportal", "check", *argv[1:]])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

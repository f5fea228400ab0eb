"""Mozilla's HTTP Observatory for the slow tier: the `httpobs` package's local scanner, which
grades a site's security headers, cookies, redirects and content as observatory.mozilla.org did.

httpobs pins the server side of the Observatory (Flask, uWSGI, psycopg2, an old requests) though
its local scanner needs none of it, so `install()` puts it, without those, in a virtual
environment of its own, once per machine, with the few libraries the scanner imports.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from procs import clean_env, log, run

VERSION = "0.9.3"
# What httpobs.scanner imports, at versions that work with it on Python 3.11.
SCANNER_REQUIREMENTS = (
    "requests==2.34.2",
    "beautifulsoup4==4.15.0",
    "publicsuffixlist==1.1.2.20261023",
    "celery==5.7.0",  # only for its exception types
)
INSTALL_TIMEOUT = 600

SCAN = """
import json, sys
from httpobs.scanner.local import scan
print(json.dumps(scan(**json.loads(sys.argv[1]))))
"""


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/tracks/httpobs (~/.cache by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tracks" / "httpobs"


def install(directory: Path | None = None) -> Path:
    """The Python of a virtual environment with httpobs VERSION, made the first time."""
    directory = (directory or cache_dir()) / VERSION
    python = directory / "bin" / "python"
    marker = directory / ".installed"  # written last: an environment without it is remade
    if marker.exists():
        return python
    log(f"==> Installing httpobs {VERSION} into {directory} (once per machine)")
    shutil.rmtree(directory, ignore_errors=True)
    directory.parent.mkdir(parents=True, exist_ok=True)
    env = clean_env()
    run([sys.executable, "-m", "venv", str(directory)], cwd=directory.parent, env=env, timeout=120)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, *SCANNER_REQUIREMENTS], cwd=directory, env=env, timeout=INSTALL_TIMEOUT)
    run([*pip, "--no-deps", f"httpobs=={VERSION}"], cwd=directory, env=env, timeout=INSTALL_TIMEOUT)
    marker.touch()
    return python


def scan(python: Path, hostname: str, **options: Any) -> dict[str, Any]:
    """httpobs.scanner.local.scan(hostname, **options): http_port, https_port, path, verify (a CA
    file), cookies and headers."""
    env = clean_env()
    if isinstance(options.get("verify"), str):
        # requests prefers these to the CA file the scanner gives its session.
        env |= {"REQUESTS_CA_BUNDLE": options["verify"], "CURL_CA_BUNDLE": options["verify"]}
    output = subprocess.run(
        [str(python), "-c", SCAN, json.dumps({"hostname": hostname, **options})],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert output.returncode == 0, f"httpobs failed:\n{output.stdout}{output.stderr}"
    result = json.loads(output.stdout)
    assert "error" not in result, f"httpobs could not scan {options.get('path', '/')}: {result}"
    return result


def shortfalls(result: dict[str, Any]) -> dict[str, str]:
    """The tests that failed or took points off: name -> result (score modifier)."""
    return {
        name: f"{test['result']} ({test['score_modifier']:+d})"
        for name, test in result["tests"].items()
        if not test["pass"] or test["score_modifier"] < 0
    }

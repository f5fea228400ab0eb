"""Where the template lives: the one this package was installed from, at the version installed.

Copier renders from a git repository (it needs one to record `_commit` and to update later), so
the package does not copy the template into site-packages. It remembers where it came from instead:

- `pip install git+https://…@ref` records the URL and the exact commit in the distribution's
  `direct_url.json` (PEP 610);
- `pip install ./checkout` records the checkout's path there, and the build writes the commit it
  was built from into `tracks/_build.json` (setup.py), so a later `git pull` in the checkout does
  not change what an installed `tracks new` renders;
- run from a checkout without installing (tests, `python -m tracks`), it renders the checkout's
  HEAD, uncommitted changes included, as `copier copy --vcs-ref=HEAD` does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from urllib.parse import unquote, urlparse

CHECKOUT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Template:
    """A template repository (path or git URL) and the ref Copier renders."""

    src: str
    ref: str


def _direct_url() -> dict | None:
    try:
        text = metadata.distribution("tracks").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    return json.loads(text) if text else None


def _build_commit() -> str | None:
    try:
        text = resources.files("tracks").joinpath("_build.json").read_text()
    except FileNotFoundError:
        return None
    return json.loads(text).get("commit") or None


def from_direct_url(direct_url: dict | None, build_commit: str | None) -> Template | None:
    """The template named by a PEP 610 record, or None when it names none (e.g. an sdist/wheel)."""
    if not direct_url or "url" not in direct_url:
        return None
    url = direct_url["url"]
    if "vcs_info" in direct_url:
        # PEP 610 drops pip's `git+`; Copier needs it to take file:// and plain https:// URLs for git.
        return Template(src=f"git+{url}", ref=direct_url["vcs_info"].get("commit_id") or "HEAD")
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if direct_url.get("dir_info", {}).get("editable"):
        return Template(src=path, ref="HEAD")
    return Template(src=path, ref=build_commit or "HEAD")


def installed_template() -> Template:
    """The template `tracks new` renders: see the module's documentation."""
    found = from_direct_url(_direct_url(), _build_commit())
    if found:
        return found
    if (CHECKOUT / "copier.yml").is_file():
        return Template(src=str(CHECKOUT), ref="HEAD")
    raise RuntimeError(
        "cannot tell which Tracks template this command was installed from; pass --template <path or git URL>"
    )

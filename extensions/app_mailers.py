"""The emails of an app made with `make mailer`: which ones exist, and whether a new one may take
a name.

`existing_mailers` reads the emails made so far from their answers files
(`.copier/mailers/<name>.yml`); `mailer_error` is the Copier validator of a new one's name.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from jinja2.ext import Extension

if __package__ == "extensions":  # imported as a package: the tests and tools
    from extensions import naming
else:  # loaded by path, as Copier loads extensions: see _siblings.py
    naming = runpy.run_path(str(Path(__file__).with_name("_siblings.py")))["load"]("naming")

MAILERS_DIR = ".copier/mailers"
MAILER_NAME_MAX = 40
# The base app's emails, whose Send methods (SendCode, SendWelcome) a new one would repeat.
RESERVED_NAMES = frozenset({"code", "sign_in_code", "welcome"})

_MAILER_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def mailer_names(name: str) -> dict[str, str]:
    """The spellings of email `name` the templates use."""
    value = str(name)
    pascal = naming.go_pascal(value)
    return {
        "snake": value,
        "pascal": pascal,
        "component": pascal + "Email",  # the templ component of its HTML
        "data": pascal + "Data",  # what the email says
        "send": "Send" + pascal,
        "build": "build" + pascal,
        "outbox": naming.go_camel(value) + "Outbox",  # the tests' recording sender
        "preview": "preview" + pascal,
        "title": naming.prose(value).capitalize(),
        # The prefix of its message keys, and the topic of its locale files.
        "messages": "email_" + value,
    }


def existing_mailers(project_dir) -> list[str]:
    """The names of the emails made in the app at `project_dir`."""
    folder = Path(str(project_dir or ".")) / MAILERS_DIR
    found = []
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        match = re.search(
            r"^mailer_name:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", path.read_text(encoding="utf-8"), re.M
        )
        found.append(match.group(1) if match else path.stem)
    return found


def mailer_error(name, existing=()) -> str:
    """Why `name` cannot be a new email's name, or ""."""
    value = str(name or "").strip()
    if not value:
        return 'name is required, e.g. "weekly_digest".'
    if not _MAILER_NAME.fullmatch(value):
        return (
            f'name "{value}" must be snake_case: lower-case letters and digits, words joined by single '
            f'"_", starting with a letter, e.g. "weekly_digest".'
        )
    if len(value) > MAILER_NAME_MAX:
        return f'name "{value}" is longer than {MAILER_NAME_MAX} characters.'
    if value in RESERVED_NAMES:
        return (
            f'name "{value}" is an email of the application already; choose another, e.g. "{value}_reminder".'
        )
    if value in (existing or []):
        return f'email "{value}" already exists; choose another name.'
    return ""


class AppMailersExtension(Extension):
    """Registers the mailer filters: mailer_names, existing_mailers, mailer_error."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(
            mailer_names=mailer_names,
            existing_mailers=existing_mailers,
            mailer_error=mailer_error,
        )

"""The Copier answers of each command that renders, and the dry-run listing.

Every value is validated by the template's own validators (extensions/), when Copier asks the
question: nothing here re-checks names or fields.
"""

from __future__ import annotations

import contextlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import copier
from tracks.source import Template

# The choices of copier.yml's questions that `tracks new` has options for (a test keeps them equal).
DRIVERS = ("go-libsql", "sqlite3", "postgres")
OAUTH_PROVIDERS = ("github", "google")
QUEUE_PROVIDERS = ("database", "sqs", "pubsub")
SMS_PROVIDERS = ("sns", "twilio")

# Files a generator's task edits after rendering (registration lines), for the dry-run listing.
EDITED_BY_TASKS = {
    "resource": ["internal/app/resources.go"],
    "job": ["internal/app/tasks.go"],
    "page": ["internal/app/resources.go"],
    "mailer": ["internal/http/views/emails/previews.go"],
    "migration": [],
}

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_ACTION = re.compile(r"^\s*(create|overwrite|conflict|identical|skip)\s+(\S.*?)\s*$")


class BadArgument(ValueError):
    """An argument the command rejects before Copier sees it."""


def split_list(value: str | None, allowed: tuple[str, ...], what: str) -> list[str]:
    """`github,google` → ["github", "google"], each checked against `allowed`."""
    items = [item.strip() for item in (value or "").split(",") if item.strip()]
    for item in items:
        if item not in allowed:
            raise BadArgument(f"unknown {what} {item!r}; choose from {', '.join(allowed)}")
    return items


def app_name_for(directory: Path) -> str:
    """The default app name: the directory's name, as `rails new blog` names the app blog."""
    return directory.resolve().name


def new_answers(
    directory: Path,
    *,
    db: str | None = None,
    module: str | None = None,
    oauth: str | None = None,
    queue: str | None = None,
    sms: str | None = None,
    no_git: bool = False,
    name: str | None = None,
) -> dict:
    """Copier data for `tracks new`: only what the user chose, so that the rest is asked or defaulted."""
    data: dict = {"generator": "app", "app_name": name or app_name_for(directory)}
    if db is not None:
        if db not in DRIVERS:
            raise BadArgument(f"unknown database driver {db!r}; choose from {', '.join(DRIVERS)}")
        data["db_driver"] = db
    if module is not None:
        data["module_path"] = module
    if oauth is not None:
        data["oauth_providers"] = split_list(oauth, OAUTH_PROVIDERS, "OAuth provider")
    if queue is not None:
        data["queue_providers"] = split_list(queue, QUEUE_PROVIDERS, "job queue")
    if sms is not None:
        data["sms_providers"] = split_list(sms, SMS_PROVIDERS, "SMS provider")
    if no_git:
        data["init_git"] = False
    return data


def resource_answers(name: str, fields: list[str], owned: bool | None = None) -> dict:
    """Copier data for `tracks generate resource NAME FIELD…` (Rails syntax: title:string:required)."""
    if not fields:
        raise BadArgument("give at least one field, e.g. title:string:required body:text")
    data: dict = {"generator": "resource", "name": name, "fields": " ".join(fields)}
    if owned is not None:
        data["owned"] = owned
    return data


def job_answers(name: str) -> dict:
    return {"generator": "job", "job_name": name}


def page_answers(name: str, path: str | None = None, nav: bool = False) -> dict:
    data: dict = {"generator": "page", "page_name": name}
    if path is not None:
        data["page_path"] = path
    if nav:
        data["page_nav"] = True
    return data


def mailer_answers(name: str) -> dict:
    return {"generator": "mailer", "mailer_name": name}


def destroy_answers(name: str) -> dict:
    return {"generator": "destroy", "destroy_name": name}


def migration_answers(name: str) -> dict:
    return {"generator": "migration", "migration_name": name}


@dataclass
class Plan:
    """What a dry run would do: files Copier would write, files the generator's task would edit."""

    write: list[tuple[str, str]] = field(default_factory=list)  # (action, path)
    edit: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "files": [{"action": action, "path": path} for action, path in self.write],
            "edits": self.edit,
        }

    def lines(self) -> list[str]:
        out = [f"{action:>9}  {path}" for action, path in self.write]
        out += [f"{'edit':>9}  {path}" for path in self.edit]
        return out


def parse_actions(output: str) -> list[tuple[str, str]]:
    """The (action, path) lines of Copier's output, colours removed."""
    found = []
    for line in _ANSI.sub("", output).splitlines():
        match = _ACTION.match(line)
        if match:
            found.append((match.group(1), match.group(2)))
    return found


def render(template: Template, dst: Path, data: dict, *, defaults: bool, pretend: bool = False) -> str:
    """Run `copier copy` in-process; with pretend, nothing is written and its listing is returned.

    A validator's refusal raises ValueError with the validator's message."""
    captured = io.StringIO()
    quiet = contextlib.ExitStack()
    if pretend:
        quiet.enter_context(contextlib.redirect_stderr(captured))
        quiet.enter_context(contextlib.redirect_stdout(captured))
    with quiet:
        copier.run_copy(
            template.src,
            str(dst),
            data=data,
            defaults=defaults,
            vcs_ref=template.ref,
            unsafe=True,
            pretend=pretend,
        )
    return captured.getvalue()


def plan(template: Template, dst: Path, data: dict) -> Plan:
    """A dry run of a generator in the app at `dst`."""
    output = render(template, dst, data, defaults=True, pretend=True)
    return Plan(write=parse_actions(output), edit=list(EDITED_BY_TASKS.get(data["generator"], [])))


def validation_message(error: Exception) -> str:
    """Copier's "Validation error for question 'x': why" without the question's prefix noise."""
    return str(error).strip()

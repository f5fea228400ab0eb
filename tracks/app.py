"""The app the command runs in: found from the working directory by its `.copier-answers.yml`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from tracks.source import Template

ANSWERS = ".copier-answers.yml"


class NotInApp(Exception):
    """Raised when a command that needs an app runs outside one."""

    def __init__(self, start: Path):
        super().__init__(
            f"{start} is not inside a Tracks app (no {ANSWERS} with generator: app in it or above it). "
            "Run this command from your app's directory, or create one with `tracks new DIR`."
        )


@dataclass(frozen=True)
class App:
    """A generated app: its root and the answers it was generated with."""

    root: Path
    answers: dict

    @property
    def template(self) -> Template:
        """The template and version the app records, which its generators render from."""
        return Template(src=str(self.answers["_src_path"]), ref=str(self.answers.get("_commit") or "HEAD"))

    @property
    def db_driver(self) -> str:
        return str(self.answers.get("db_driver", ""))


def read_answers(path: Path) -> dict | None:
    """The answers of a Tracks app in `path`, or None when `path` holds none."""
    try:
        answers = yaml.safe_load((path / ANSWERS).read_text())
    except (OSError, yaml.YAMLError):
        return None
    if isinstance(answers, dict) and answers.get("generator") == "app" and answers.get("_src_path"):
        return answers
    return None


def find_app(start: Path) -> App | None:
    """The app containing `start` (or `start` itself), or None."""
    start = start.resolve()
    for path in (start, *start.parents):
        answers = read_answers(path)
        if answers is not None:
            return App(root=path, answers=answers)
    return None


def require_app(start: Path) -> App:
    app = find_app(start)
    if app is None:
        raise NotInApp(start)
    return app


def read_env(root: Path) -> dict[str, str]:
    """KEY=value lines of the app's .env (no shell expansion, like the app's own loader)."""
    env: dict[str, str] = {}
    try:
        lines = (root / ".env").read_text().splitlines()
    except OSError:
        return env
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        env[key.strip()] = value.strip().strip("'\"")
    return env

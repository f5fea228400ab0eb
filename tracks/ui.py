"""`tracks ui`: a terminal dashboard of the app (Textual).

The running app's health, its routes, the migrations' status and the newest lines of the
`tracks dev` log, refreshed every few seconds; keys run the tests and the migrations. What it
shows comes from tracks/appstate.py, as `tracks mcp`'s tools do.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from textual.app import App as TextualApp
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Log, Static

from tracks import appstate
from tracks.app import App

DEV_LOG = "tmp/dev.log"  # written by `tracks dev`
LOG_LINES = 200
REFRESH_SECONDS = 3.0


def tail(path: Path, lines: int = LOG_LINES) -> list[str]:
    """The last lines of a file, or none when it does not exist."""
    try:
        with path.open("rb") as f:
            f.seek(0, 2)
            f.seek(max(0, f.tell() - 256 * lines))
            return f.read().decode(errors="replace").splitlines()[-lines:]
    except OSError:
        return []


def health_text(app: App) -> str:
    try:
        health = appstate.health(app)
    except appstate.Unavailable as error:
        return f"[b]Health[/b]: not running\n{error}"
    lines = [f"[b]Health[/b]: {health.get('status', '?')} ({health['url']})"]
    for name, check in sorted(health.get("checks", {}).items()):
        lines.append(f"  {name}: {check.get('status', check)}")
    for name, state in sorted((health.get("services") or {}).items()):
        lines.append(f"  {name}: {state}")
    return "\n".join(lines)


class Dashboard(TextualApp):
    """The dashboard of one app."""

    TITLE = "tracks ui"
    CSS = """
    #top { height: 45%; }
    #health { width: 40%; border: round $accent; padding: 0 1; }
    #migrations { width: 60%; border: round $accent; }
    #routes { height: 1fr; border: round $accent; }
    #log { height: 1fr; border: round $accent; }
    #status { height: 3; padding: 0 1; }
    """
    BINDINGS = [
        ("t", "run_tests", "Run tests"),
        ("m", "migrate", "Migrate"),
        ("r", "refresh", "Refresh"),
        ("q", "quit", "Quit"),
    ]

    def __init__(self, app: App, refresh_seconds: float = REFRESH_SECONDS) -> None:
        super().__init__()
        self.target = app
        self.refresh_seconds = refresh_seconds
        self.sub_title = str(app.root)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="top"):
            yield Static("Health: …", id="health")
            yield DataTable(id="migrations")
        with Horizontal():
            yield DataTable(id="routes")
            with Vertical():
                yield Log(id="log", max_lines=LOG_LINES)
                yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#routes", DataTable).add_columns("method", "pattern")
        self.query_one("#migrations", DataTable).add_columns("migration", "state")
        self.action_refresh()
        self.set_interval(self.refresh_seconds, self.action_refresh)

    def status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    def action_refresh(self) -> None:
        self.run_worker(self.load, thread=True, exclusive=True, group="refresh")

    def load(self) -> None:
        """In a worker thread: read everything, then show it on the UI thread."""
        health = health_text(self.target)
        routes: list[dict[str, Any]] | str
        try:
            routes = appstate.routes(self.target)
        except appstate.Unavailable as error:
            routes = str(error)
        try:
            migrations = appstate.migrations(self.target)
        except appstate.Unavailable as error:
            migrations = str(error)
        log = tail(self.target.root / DEV_LOG)
        self.call_from_thread(self.show, health, routes, migrations, log)

    def show(self, health: str, routes: Any, migrations: Any, log: list[str]) -> None:
        self.query_one("#health", Static).update(health)
        table = self.query_one("#routes", DataTable)
        table.clear()
        if isinstance(routes, str):
            table.add_row("—", routes.splitlines()[0] if routes else "")
        else:
            for route in routes:
                table.add_row(str(route.get("method", "")), str(route.get("pattern", "")))
        table = self.query_one("#migrations", DataTable)
        table.clear()
        if isinstance(migrations, str):
            table.add_row(migrations.splitlines()[0] if migrations else "", "—")
        else:
            for migration in migrations:
                name = migration.get("source") or migration.get("name") or migration.get("version")
                table.add_row(Path(str(name)).name, str(migration.get("state", "")))
        widget = self.query_one("#log", Log)
        widget.clear()
        widget.write_lines(log or [f"no {DEV_LOG} yet: run `tracks dev` to see its log here"])

    def action_run_tests(self) -> None:
        self.status("running go test ./...")
        self.run_worker(self.tests, thread=True, exclusive=True, group="command")

    def tests(self) -> None:
        try:
            summary = appstate.run_tests(self.target)
        except appstate.Unavailable as error:
            self.call_from_thread(self.status, f"tests: {error}")
            return
        text = f"tests: {summary['passed']} passed, {summary['failed']} failed, {summary['skipped']} skipped"
        for failure in summary["failures"][:3]:
            text += f"\n  FAIL {failure['package']} {failure['test']}"
        self.call_from_thread(self.status, text)

    def action_migrate(self) -> None:
        self.status("migrating: make db-migrate")
        self.run_worker(self.migrate, thread=True, exclusive=True, group="command")

    def migrate(self) -> None:
        result = subprocess.run(
            ["make", "db-migrate"],
            cwd=self.target.root,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=appstate.COMMAND_TIMEOUT,
            check=False,
        )
        last = (result.stdout + result.stderr).strip().splitlines()[-1:] or [""]
        outcome = "done" if result.returncode == 0 else f"failed ({result.returncode})"
        self.call_from_thread(self.status, f"migrate: {outcome}: {last[0]}")
        self.call_from_thread(self.action_refresh)

"""`tracks ui`: a terminal dashboard of the app (Textual).

The running app's health, its routes, the migrations' status, the job counts and the newest
lines of the `tracks dev` log, refreshed every few seconds; keys run the tests and the
migrations. What it shows comes from tracks/appstate.py, as `tracks mcp`'s tools do.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
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
# The tables build the app (a `go run` each): they refresh every this many refreshes, and on `r`.
TABLE_REFRESHES = 5


def tail(path: Path, lines: int = LOG_LINES) -> list[str]:
    """The last lines of a file, or none when it does not exist."""
    try:
        with path.open("rb") as f:
            f.seek(0, 2)
            f.seek(max(0, f.tell() - 256 * lines))
            return f.read().decode(errors="replace").splitlines()[-lines:]
    except OSError:
        return []


# The dashboard's job columns: River's states, grouped as the jobs page groups them.
JOB_COLUMNS = ("waiting", "running", "retrying", "done", "failed")
_JOB_STATES = {
    "waiting": ("available", "scheduled", "pending"),
    "running": ("running",),
    "retrying": ("retryable",),
    "done": ("completed",),
    "failed": ("cancelled", "discarded"),
}


def job_row(by_state: dict[str, int]) -> list[str]:
    """A kind's counts by state (`server jobs --json`), in JOB_COLUMNS."""
    return [str(sum(by_state.get(state, 0) for state in _JOB_STATES[column])) for column in JOB_COLUMNS]


def migration_row(migration: dict[str, Any]) -> list[str]:
    name = migration.get("name") or migration.get("version")
    return [Path(str(name)).name, str(migration.get("state", ""))]


# How each table shows one item of its JSON command.
TABLE_ROWS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "routes": lambda route: [str(route.get("method", "")), str(route.get("pattern", ""))],
    "migrations": migration_row,
    "jobs": lambda kind: [str(kind.get("kind", "")), *job_row(kind.get("by_state") or {})],
}


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
    #left { width: 40%; }
    #health { height: 1fr; border: round $accent; padding: 0 1; }
    #jobs { height: 1fr; border: round $accent; }
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
        self.ticks = 0
        self.loading_tables = False
        self.sub_title = str(app.root)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="top"):
            with Vertical(id="left"):
                yield Static("Health: …", id="health")
                yield DataTable(id="jobs")
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
        self.query_one("#jobs", DataTable).add_columns("job", *JOB_COLUMNS)
        self.action_refresh()
        self.set_interval(self.refresh_seconds, self.tick)

    def status(self, text: str) -> None:
        self.query_one("#status", Static).update(text)

    def tick(self) -> None:
        self.ticks += 1
        self.run_worker(self.load_health, thread=True, exclusive=True, group="health")
        if self.ticks % TABLE_REFRESHES == 0:
            self.refresh_tables()

    def action_refresh(self) -> None:
        self.run_worker(self.load_health, thread=True, exclusive=True, group="health")
        self.refresh_tables()

    def refresh_tables(self) -> None:
        if not self.loading_tables:  # the last load is still building the app
            self.loading_tables = True
            self.run_worker(self.load_tables, thread=True, group="tables")

    def load_health(self) -> None:
        """In a worker thread: the health and the log, shown on the UI thread."""
        self.call_from_thread(self.show_health, health_text(self.target), tail(self.target.root / DEV_LOG))

    def load_tables(self) -> None:
        """In a worker thread: each table's rows, shown as soon as they are read."""
        try:
            for name, read in (
                ("routes", appstate.routes),
                ("migrations", appstate.migrations),
                ("jobs", appstate.jobs),
            ):
                try:
                    found: Any = read(self.target)
                except appstate.Unavailable as error:
                    found = str(error)
                self.call_from_thread(self.show_table, name, found)
        finally:
            self.loading_tables = False

    def show_health(self, health: str, log: list[str]) -> None:
        self.query_one("#health", Static).update(health)
        widget = self.query_one("#log", Log)
        widget.clear()
        widget.write_lines(log or [f"no {DEV_LOG} yet: run `tracks dev` to see its log here"])

    def show_table(self, name: str, found: list[dict[str, Any]] | str) -> None:
        """Rows of the routes, migrations or jobs table, or the reason they cannot be read."""
        table = self.query_one(f"#{name}", DataTable)
        table.clear()
        if isinstance(found, str):
            reason = found.splitlines()[0] if found else ""
            table.add_row(reason, *("—" for _ in range(len(table.columns) - 1)))
            return
        for item in found:
            table.add_row(*TABLE_ROWS[name](item))

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

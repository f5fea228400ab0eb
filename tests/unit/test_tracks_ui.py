"""`tracks ui`: the dashboard driven by Textual's test pilot, in an app with no server running."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import DataTable, Log, Static

from tracks import appstate
from tracks.app import App
from tracks.ui import JOB_COLUMNS, Dashboard, job_row, tail

ANSWERS = "_commit: HEAD\n_src_path: /templates/tracks\ngenerator: app\ndb_driver: go-libsql\n"


def make_app(root: Path) -> App:
    root.mkdir(parents=True)
    (root / ".copier-answers.yml").write_text(ANSWERS)
    (root / ".env").write_text("PORT=1\n")  # nothing listens on port 1
    return App(root=root, answers={"generator": "app", "_src_path": "/templates/tracks"})


def test_tail_reads_the_last_lines(tmp_path: Path) -> None:
    log = tmp_path / "dev.log"
    log.write_text("".join(f"line {i}\n" for i in range(1000)))
    assert tail(log, 3) == ["line 997", "line 998", "line 999"]
    assert tail(tmp_path / "missing.log") == []


def test_the_dashboard_shows_the_dev_log_and_that_no_server_runs(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path / "blog")
    (app.root / "tmp").mkdir()
    (app.root / "tmp/dev.log").write_text("server: listening on :8080\nGET /posts 200 3ms\n")
    monkeypatch.delenv("PORT", raising=False)

    async def drive() -> tuple[str, list[str], bool]:
        dashboard = Dashboard(app, refresh_seconds=60)
        async with dashboard.run_test() as pilot:
            for _ in range(100):  # the first refresh runs in a worker thread
                await pilot.pause(0.05)
                if "not running" in str(dashboard.query_one("#health", Static).render()):
                    break
            health = str(dashboard.query_one("#health", Static).render())
            log = [str(line) for line in dashboard.query_one("#log", Log).lines]
            await pilot.press("q")
            return health, log, dashboard.is_running

    health, log, running = asyncio.run(drive())
    assert "not running" in health and "http://127.0.0.1:1/api/health" in health
    assert "tracks dev" in health
    assert log == ["server: listening on :8080", "GET /posts 200 3ms"]
    assert not running, "q quits"


def test_job_counts_are_grouped_as_the_jobs_page_groups_them() -> None:
    counts = {"available": 2, "scheduled": 1, "running": 1, "retryable": 3, "completed": 7, "discarded": 1}
    assert dict(zip(JOB_COLUMNS, job_row(counts), strict=True)) == {
        "waiting": "3",
        "running": "1",
        "retrying": "3",
        "done": "7",
        "failed": "1",
    }


def test_the_dashboard_shows_routes_migrations_and_jobs(tmp_path: Path, monkeypatch) -> None:
    app = make_app(tmp_path / "blog")
    monkeypatch.setattr(appstate, "routes", lambda app: [{"method": "GET", "pattern": "/posts"}])
    monkeypatch.setattr(
        appstate, "migrations", lambda app: [{"name": "20250101000000_create_users.sql", "state": "applied"}]
    )
    monkeypatch.setattr(
        appstate, "jobs", lambda app: [{"kind": "welcome_email", "by_state": {"completed": 4}, "total": 4}]
    )

    async def drive() -> dict[str, list]:
        dashboard = Dashboard(app, refresh_seconds=60)
        async with dashboard.run_test() as pilot:
            jobs = dashboard.query_one("#jobs", DataTable)
            for _ in range(100):
                await pilot.pause(0.05)
                if jobs.row_count:
                    break
            tables = {
                name: [dashboard.query_one(f"#{name}", DataTable).get_row_at(0)]
                for name in ("routes", "migrations", "jobs")
            }
            await pilot.press("q")
            return tables

    tables = asyncio.run(drive())
    assert tables["routes"] == [["GET", "/posts"]]
    assert tables["migrations"] == [["20250101000000_create_users.sql", "applied"]]
    assert tables["jobs"] == [["welcome_email", "0", "0", "0", "4", "0"]]

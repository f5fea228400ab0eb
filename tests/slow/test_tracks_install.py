"""The `tracks` command as a user gets it: installed with pip into a fresh virtualenv from a clean
clone of this repository's HEAD, then run against the apps it creates."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from apps import REPO
from procs import clean_env, log, run

pytestmark = pytest.mark.slow

MODULE = "github.com/acme/shop"


def tracks_result(
    tracks: Path, *args: str, cwd: Path, path: str | None = None
) -> subprocess.CompletedProcess:
    env = clean_env(TRACKS_STRICT="1", **({"PATH": path} if path is not None else {}))
    log(f"    $ tracks {' '.join(args)}")
    return subprocess.run(
        [str(tracks), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=1200,
    )


def git_status(app: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=app, capture_output=True, text=True).stdout


def pip_install(root: Path, name: str, requirement: str) -> Path:
    """`pip install requirement` into a fresh virtualenv root/name; its `tracks` script."""
    venv, env = root / name, clean_env()
    run([sys.executable, "-m", "venv", str(venv)], cwd=root, env=env, timeout=300)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run([*pip, requirement], cwd=root, env=env, timeout=900)
    return venv / "bin" / "tracks"


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A clean clone of this repository at HEAD (committed work only), and that commit."""
    root = tmp_path_factory.mktemp("tracks-install")
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    env = clean_env()
    run(
        ["git", "clone", "--quiet", "--no-checkout", str(REPO), str(root / "clone")],
        cwd=root,
        env=env,
        timeout=300,
    )
    run(["git", "checkout", "--quiet", commit], cwd=root / "clone", env=env, timeout=60)
    return root / "clone", commit


@pytest.fixture(scope="module")
def installed(clone) -> tuple[Path, str]:
    """The `tracks` script of a fresh virtualenv installed from the clone, and its commit."""
    path, commit = clone
    return pip_install(path.parent, "venv", str(path)), commit


def test_installed_from_a_git_url_renders_that_commit(clone, tmp_path: Path) -> None:
    path, commit = clone
    tracks = pip_install(path.parent, "venv-git", f"git+file://{path}@{commit}")
    run([str(tracks), "new", "blog", "--no-git", "--defaults"], cwd=tmp_path, env=clean_env(), timeout=1800)
    answers = yaml.safe_load((tmp_path / "blog" / ".copier-answers.yml").read_text())
    assert answers["_src_path"] == f"git+file://{path}"
    assert commit.startswith(str(answers["_commit"]))


@pytest.fixture(scope="module")
def new_app(installed, tmp_path_factory) -> Callable[[str], Path]:
    """`tracks new <dir> --db <driver>`, once per driver."""
    tracks, _ = installed
    made: dict[str, Path] = {}

    def make(driver: str) -> Path:
        if driver not in made:
            root = tmp_path_factory.mktemp(f"tracks-{driver}")
            start = time.monotonic()
            run(
                [str(tracks), "new", "shop", "--db", driver, "--module", MODULE, "--defaults"],
                cwd=root,
                env=clean_env(TRACKS_STRICT="1"),
                timeout=1800,
            )
            log(f"    tracks new --db {driver}: {time.monotonic() - start:.1f}s")
            made[driver] = root / "shop"
        return made[driver]

    return make


def test_tracks_new_renders_the_installed_version(db_driver: str, new_app, installed) -> None:
    _, commit = installed
    app = new_app(db_driver)
    answers = yaml.safe_load((app / ".copier-answers.yml").read_text())
    assert answers["db_driver"] == db_driver
    assert answers["module_path"] == MODULE
    assert answers["app_name"] == "shop"
    assert commit.startswith(str(answers["_commit"]))
    assert (app / "go.sum").is_file() and (app / ".git").is_dir()
    assert git_status(app) == ""


@pytest.fixture(scope="module")
def shop(new_app) -> Path:
    return new_app("go-libsql")


def test_generate_dry_run_writes_nothing(installed, shop: Path) -> None:
    tracks, _ = installed
    result = tracks_result(
        tracks, "generate", "resource", "post", "title:string:required", "--dry-run", "--json", cwd=shop
    )
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert {"action": "create", "path": "internal/posts/post.go"} in plan["files"]
    assert plan["edits"] == ["internal/app/resources.go"]
    assert git_status(shop) == ""


def test_generate_bad_input_says_why_and_writes_nothing(installed, shop: Path, tmp_path: Path) -> None:
    tracks, _ = installed
    result = tracks_result(tracks, "generate", "resource", "post", "title:strin", cwd=shop)
    assert result.returncode == 1
    assert 'unknown type "strin" (did you mean "string"?)' in result.stderr
    assert "Traceback" not in result.stderr
    assert git_status(shop) == ""

    outside = tracks_result(tracks, "generate", "job", "send_digest", cwd=tmp_path)
    assert outside.returncode == 1
    assert "is not inside a Tracks app" in outside.stderr


def test_generate_then_build(installed, shop: Path) -> None:
    tracks, _ = installed
    start = time.monotonic()
    for args in (
        ["generate", "resource", "post", "title:string:required", "body:text"],
        ["generate", "job", "send_digest"],
        ["generate", "migration", "add_summary_to_posts"],
        ["build"],
    ):
        result = tracks_result(tracks, *args, cwd=shop)
        assert result.returncode == 0, result.stdout + result.stderr
    log(f"    generate resource, job, migration and build: {time.monotonic() - start:.1f}s")
    assert (shop / ".copier/resources/post.yml").is_file()
    assert (shop / ".copier/jobs/send_digest.yml").is_file()
    assert list((shop / "internal/db/migrations").glob("*_add_summary_to_posts.sql"))
    assert "d.Posts()," in (shop / "internal/app/resources.go").read_text()
    assert (shop / "bin/server").is_file()


def test_doctor_names_a_missing_tool_and_its_fix(installed, shop: Path, tmp_path: Path) -> None:
    tracks, _ = installed
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("go", "gcc", "git"):  # npm left out
        found = subprocess.run(["which", tool], capture_output=True, text=True).stdout.strip()
        (bin_dir / tool).symlink_to(found)
    result = tracks_result(tracks, "doctor", "--json", cwd=shop, path=str(bin_dir))
    assert result.returncode == 1, result.stdout
    checks = {check["name"]: check for check in json.loads(result.stdout)}
    assert checks["go"]["ok"] and checks["git"]["ok"] and checks["copier"]["ok"]
    assert not checks["npm"]["ok"]
    assert checks["npm"]["fix"] == "install Node.js 20 or newer from https://nodejs.org/"
    assert checks["database"]["ok"]


def test_db_status_and_update(installed, shop: Path) -> None:
    tracks, _ = installed
    for args in (["db", "migrate"], ["db", "status"]):
        result = tracks_result(tracks, *args, cwd=shop)
        assert result.returncode == 0, result.stdout + result.stderr
    assert "create_posts.sql" in result.stdout + result.stderr

    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false"]
    run(["git", "add", "-A"], cwd=shop, env=clean_env(), timeout=60)
    run([*git, "commit", "--quiet", "-m", "generated"], cwd=shop, env=clean_env(), timeout=60)
    start = time.monotonic()
    result = tracks_result(tracks, "update", cwd=shop)
    log(f"    tracks update of the app, a resource and a job: {time.monotonic() - start:.1f}s")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Already up to date: nothing changed." in result.stdout


def test_routes_json_and_destroy(installed, shop: Path) -> None:
    """`routes --json` and `db status --json` print JSON alone; `destroy resource` refuses a
    referenced resource and an unknown one, changing nothing, and removes an unreferenced one,
    whose drop migration then applies."""
    tracks, _ = installed
    result = tracks_result(tracks, "routes", "--json", cwd=shop)
    assert result.returncode == 0, result.stderr
    routes = json.loads(result.stdout)
    assert {"method": "GET", "pattern": "/posts"} in routes and {
        "method": "POST",
        "pattern": "/login",
    } in routes

    result = tracks_result(
        tracks, "generate", "resource", "comment", "post:references:posts", "body:text", cwd=shop
    )
    assert result.returncode == 0, result.stdout + result.stderr
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@localhost", "-c", "commit.gpgsign=false"]
    run(["git", "add", "-A"], cwd=shop, env=clean_env(), timeout=60)
    run([*git, "commit", "--quiet", "-m", "comments"], cwd=shop, env=clean_env(), timeout=60)

    for name, refusal in (
        ("post", 'resource "post" is referenced by comment'),
        ("tag", 'no resource "tag" in this app (resources: comment, post)'),
    ):
        result = tracks_result(tracks, "destroy", "resource", name, cwd=shop)
        assert result.returncode == 1 and refusal in result.stderr, result.stdout + result.stderr
        assert git_status(shop) == "", "a refusal changes nothing"

    start = time.monotonic()
    result = tracks_result(tracks, "destroy", "resource", "comment", cwd=shop)
    log(f"    tracks destroy resource comment: {time.monotonic() - start:.1f}s")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (shop / "internal/comments").exists() and not (shop / ".copier/resources/comment.yml").exists()
    assert "d.Comments()," not in (shop / "internal/app/resources.go").read_text()
    assert "d.Posts()," in (shop / "internal/app/resources.go").read_text()
    (drop,) = (shop / "internal/db/migrations").glob("*_drop_comments.sql")
    assert drop.read_text().startswith("-- +goose Up\n")

    assert tracks_result(tracks, "db", "migrate", cwd=shop).returncode == 0
    result = tracks_result(tracks, "db", "status", "--json", cwd=shop)
    assert result.returncode == 0, result.stderr
    states = {m["name"]: m["state"] for m in json.loads(result.stdout)}
    assert states[drop.name] == "applied", states
    assert tracks_result(tracks, "build", cwd=shop).returncode == 0
    result = tracks_result(tracks, "routes", "--json", cwd=shop)
    assert not any("/comments" in r["pattern"] for r in json.loads(result.stdout))


def test_mcp_session_drives_the_app(installed, new_app, tmp_path: Path) -> None:
    """An agent's session with the installed `tracks mcp`, through the SDK's stdio client: dry
    run, refusal, generation, the resource list, migrations, routes, tests (passing and
    failing), health before and with a running server, doctor."""
    import asyncio

    from mcp import ClientSession, StdioServerParameters, stdio_client
    from web import start_server

    tracks, _ = installed
    app = new_app("sqlite3")
    run(["go", "build", "-o", "bin/server", "./cmd/server"], cwd=app, env=clean_env(), timeout=900)
    failing = app / "internal/app/agent_failing_test.go"

    async def session_run(port: int, steps):
        params = StdioServerParameters(command=str(tracks), args=["mcp"], cwd=app, env={"PORT": str(port)})
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            return await steps(session)

    async def calls(session: ClientSession) -> dict:
        call = session.call_tool
        results = {
            "dry": await call(
                "generate_resource", {"name": "gadget", "fields": ["label:string:required"], "dry_run": True}
            )
        }
        results["dry_status"] = git_status(app)
        results["bad"] = await call("generate_resource", {"name": "gadget", "fields": ["label:strng"]})
        results["bad_status"] = git_status(app)
        results["made"] = await call(
            "generate_resource", {"name": "gadget", "fields": ["label:string:required"]}
        )
        results["resources"] = await call("list_resources", {})
        results["migrations"] = await call("migration_status", {})
        results["routes"] = await call("list_routes", {})
        results["tests"] = await call("run_tests", {"package": "./internal/gadgets/..."})
        broken = 'func TestAgentSeesThis(t *testing.T) { t.Fatal("deliberately broken") }'
        failing.write_text(f'package app\n\nimport "testing"\n\n{broken}\n')
        results["failing"] = await call("run_tests", {"package": "./internal/app"})
        failing.unlink()
        results["no_server"] = await call("check_health", {})
        results["doctor"] = await call("doctor", {})
        return results

    start = time.monotonic()
    results = asyncio.run(session_run(1, calls))
    log(f"    the MCP session: {time.monotonic() - start:.1f}s")

    assert not results["dry"].is_error, results["dry"].content
    assert {"action": "create", "path": "internal/gadgets/gadget.go"} in results["dry"].structured_content[
        "files"
    ]
    assert results["dry_status"] == ""
    assert results["bad"].is_error and 'unknown type "strng"' in results["bad"].content[0].text
    assert results["bad_status"] == ""
    assert not results["made"].is_error, results["made"].content
    assert (app / "internal/gadgets/gadget.go").is_file()
    assert {"action": "create", "path": "internal/gadgets/gadget.go"} in results["made"].structured_content[
        "files"
    ]
    (gadget,) = results["resources"].structured_content["resources"]
    assert gadget["name"] == "gadget" and gadget["fields"] == ["label:string:required"]
    assert not results["migrations"].is_error, results["migrations"].content
    migrations = results["migrations"].structured_content["migrations"]
    assert any("create_gadgets" in str(m) for m in migrations), migrations
    assert not results["routes"].is_error, results["routes"].content
    routes = results["routes"].structured_content["routes"]
    assert any("/gadgets" in str(r) for r in routes), routes
    tests = results["tests"].structured_content
    assert tests["ok"] and tests["passed"] > 0 and tests["failed"] == 0, tests
    failed = results["failing"].structured_content
    assert not failed["ok"] and failed["failed"] == 1, failed
    assert failed["failures"][0]["test"] == "TestAgentSeesThis"
    assert "deliberately broken" in failed["failures"][0]["output"]
    assert results["no_server"].is_error and "tracks dev" in results["no_server"].content[0].text
    assert {check["name"] for check in results["doctor"].structured_content["checks"]} >= {
        "go",
        "git",
        "copier",
    }

    with start_server(
        app, app / "bin/server", f"file:{tmp_path / 'mcp.db'}", tmp_path / "server.log"
    ) as server:

        async def health(session: ClientSession):
            return await session.call_tool("check_health", {})

        result = asyncio.run(session_run(server.port, health))
    assert not result.is_error, result.content
    assert result.structured_content["status"] == "healthy"
    assert result.structured_content["checks"]["database"]["status"] == "ok"


def test_dashboard_shows_a_running_app_and_runs_its_tests(new_app, tmp_path: Path, monkeypatch) -> None:
    """`tracks ui` through Textual's pilot, on a real app with its server running: health,
    routes, migrations and job counts shown; `t` runs the tests, `m` the migrations."""
    import asyncio

    from textual.widgets import DataTable, Static
    from web import start_server

    from tracks.app import require_app
    from tracks.ui import Dashboard

    app_dir = new_app("sqlite3")
    binary = app_dir / "bin/server"
    if not binary.exists():
        run(["go", "build", "-o", str(binary), "./cmd/server"], cwd=app_dir, env=clean_env(), timeout=900)
    database = f"file:{tmp_path / 'ui.db'}"
    monkeypatch.setenv("PYTHONPATH", str(REPO))

    async def until(pilot, check, what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not check():
            assert time.monotonic() < deadline, f"the dashboard never showed {what}"
            await pilot.pause(0.2)

    async def drive(dashboard: Dashboard) -> dict:
        seen = {}
        async with dashboard.run_test(size=(160, 50)) as pilot:
            health = dashboard.query_one("#health", Static)
            routes = dashboard.query_one("#routes", DataTable)
            migrations = dashboard.query_one("#migrations", DataTable)
            status = dashboard.query_one("#status", Static)
            await until(pilot, lambda: "healthy" in str(health.render()), "a healthy app", 120)
            await until(pilot, lambda: routes.row_count > 5, "the routes", 120)
            seen["routes"] = [routes.get_row_at(i) for i in range(routes.row_count)]
            # Each table shows as soon as it is read, one after the other.
            await until(pilot, lambda: migrations.row_count > 0, "the migrations", 120)
            seen["migrations"] = migrations.row_count
            jobs = dashboard.query_one("#jobs", DataTable)
            await until(pilot, lambda: jobs.row_count >= 2, "the job counts", 120)
            seen["jobs"] = [jobs.get_row_at(i) for i in range(jobs.row_count)]
            await pilot.press("t")
            await until(pilot, lambda: "passed" in str(status.render()), "the tests' result", 900)
            seen["tests"] = str(status.render())
            await pilot.press("m")
            await until(pilot, lambda: "migrate: done" in str(status.render()), "the migration", 300)
            await pilot.press("q")
        return seen

    with start_server(app_dir, binary, database, tmp_path / "server.log") as server:
        monkeypatch.setenv("PORT", str(server.port))
        monkeypatch.setenv("DATABASE_URL", database)
        seen = asyncio.run(drive(Dashboard(require_app(app_dir), refresh_seconds=1)))
    assert any(str(row[1]) == "/login" for row in seen["routes"]), seen["routes"]
    assert seen["migrations"] > 0
    assert {str(row[0]) for row in seen["jobs"]} >= {"welcome_email", "clean_expired"}, seen["jobs"]
    assert " 0 failed" in seen["tests"], seen["tests"]

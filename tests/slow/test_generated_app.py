"""Slow tier: generate the app for every database driver and put it through its own gates.

For each driver, once: `copier copy` with tasks (strict, with git init) -> go vet -> go test ->
go build -> run the binary and talk to it over HTTP (sign in with a code from the development
mailbox, over plain HTTP and in headless Chromium) -> SIGTERM. The sqlite3 app also has every
OAuth provider (EXTRA_ANSWERS). Go's module and build caches are shared between drivers and runs,
so only the first build on a machine is slow.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from apps import GeneratedApp, generate_app
from procs import clean_env, log, run
from web import Server, Visitor, chromium_page, mailbox_code, start_server

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SHUTDOWN_TIMEOUT = 15
# Chromium as root, offline: no sandbox, and none of its calls home.
# Optional features switched on in one driver's app each, so that every optional file is
# compiled and tested without a render per combination.
EXTRA_ANSWERS = {"sqlite3": ["oauth_providers=[github, google]"]}


@pytest.fixture(scope="module")
def app(
    db_driver: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> GeneratedApp:
    """The app generated with `copier copy` and its post-copy tasks, once per driver."""
    return generate_app(
        db_driver, tmp_path_factory.mktemp(f"app-{db_driver}"), request, EXTRA_ANSWERS.get(db_driver, [])
    )


def test_copy_runs_post_copy_tasks(app: GeneratedApp) -> None:
    assert re.search(r"^tracks: \[1/\d+\] ", app.copy_output, re.M), "no progress from the post-copy task"
    assert "tracks: done in" in app.copy_output
    assert (app.path / ".env").is_file(), ".env should be written by the post-copy task"
    assert (app.path / ".git").is_dir(), "init_git=true should create a git repository"
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=app.path, capture_output=True, text=True, check=False
    )
    assert head.returncode == 0, f"no first commit: {head.stderr}"
    tracked = subprocess.run(
        ["git", "ls-files", ".env"], cwd=app.path, capture_output=True, text=True, check=True
    )
    assert not tracked.stdout.strip(), ".env holds secrets and must not be committed"


def test_go_vet(app: GeneratedApp) -> None:
    log(f"\n==> [{app.driver}] go vet")
    app.go("vet", "./...")


def test_go_test(app: GeneratedApp) -> None:
    log(f"\n==> [{app.driver}] go test")
    app.go("test", "./...")


def test_integration_tests(app: GeneratedApp) -> None:
    if not (app.path / "tests/integration").is_dir():
        pytest.skip("the app has no tests/integration")
    log(f"\n==> [{app.driver}] go test -tags integration")
    app.go("test", "-tags", "integration", "./tests/integration/...")


@pytest.fixture(scope="module")
def binary(app: GeneratedApp) -> Path:
    log(f"\n==> [{app.driver}] go build")
    app.go("build", "-o", "bin/server", "./cmd/server")
    return app.path / "bin/server"


def test_go_build(binary: Path) -> None:
    assert binary.is_file()
    assert os.access(binary, os.X_OK)


@pytest.fixture(scope="module")
def server(app: GeneratedApp, binary: Path) -> Iterator[Server]:
    """The built binary serving on a free loopback port, healthy (GET /api/health is 200)."""
    log(f"\n==> [{app.driver}] serve")
    with start_server(app.path, binary, app.database_url, app.path.parent / "server.log") as srv:
        yield srv


def test_health_reports_database_ok(server: Server) -> None:
    status, headers, body = server.get("/api/health")
    assert status == 200
    assert headers.get("content-type", "").startswith("application/json")
    health = json.loads(body)
    assert health["status"] == "healthy", health
    assert health["checks"]["database"]["status"] == "ok", health


def test_home_page_scripts_carry_the_csp_nonce(server: Server) -> None:
    status, headers, body = server.get("/")
    if status != 200:
        server.fail(f"GET / answered {status}:\n{body[:2000]}")
    csp = headers.get("content-security-policy", "")
    nonces = set(re.findall(r"'nonce-([^']+)'", csp))
    assert len(nonces) == 1, f"expected one nonce in the CSP header, got: {csp!r}"
    nonce = nonces.pop()
    scripts = re.findall(r"<script\b[^>]*>", body, flags=re.IGNORECASE)
    assert scripts, "the home page loads no script (htmx and Alpine are expected)"
    for tag in scripts:
        found = re.findall(r"""\snonce\s*=\s*["']?([^"'\s>]+)""", tag, flags=re.IGNORECASE)
        assert found == [nonce], f"{tag} should carry nonce {nonce!r}"


def test_sign_in_end_to_end_over_http(server: Server) -> None:
    """A new user signs in with the code from the development mailbox, then signs out."""
    visitor = Visitor(server)
    email = "ada@example.com"
    assert visitor.request("GET", "/dashboard")[:2] == (303, "/login")
    assert visitor.request("POST", "/login", {"email": "not an email"})[0] == 422
    assert visitor.request("POST", "/login", {"email": email})[:2] == (303, "/verify-otp")
    status, _, body = visitor.request("GET", "/verify-otp")
    assert status == 200 and email in body

    code = mailbox_code(visitor, email)
    status, location, _ = visitor.request("POST", "/verify-otp", {"code": code})
    if (status, location) != (303, "/dashboard"):
        server.fail(f"POST /verify-otp answered {status} -> {location!r}")
    status, _, body = visitor.request("GET", "/dashboard")
    assert status == 200 and email in body
    replay = visitor.request("POST", "/verify-otp", {"code": code})
    assert replay[:2] == (303, "/login"), "the code is spent and nothing is pending"

    assert visitor.request("POST", "/logout", {})[:2] == (303, "/")
    assert visitor.request("GET", "/dashboard")[:2] == (303, "/login"), "signed out"


def test_sign_in_in_a_real_browser(server: Server) -> None:
    """The whole sign-in flow in headless Chromium, with HTMX on, and no CSP violation."""
    base = f"http://127.0.0.1:{server.port}"
    problems: list[str] = []
    with chromium_page(problems) as page:
        page.goto(base + "/")
        assert page.evaluate("typeof window.htmx") == "object", "htmx is loaded"
        page.click("[data-testid=sign-in]")
        page.wait_for_url(base + "/login")
        page.fill("#email", "grace@example.com")
        page.click("button[type=submit]")
        page.wait_for_url(base + "/verify-otp")

        code = mailbox_code(Visitor(server), "grace@example.com")
        page.fill("#code", "00000000" if code != "00000000" else "11111111")
        page.click("#verify button[type=submit]")
        page.wait_for_selector("[data-testid=form-error]")
        page.fill("#code", code)
        page.click("#verify button[type=submit]")
        page.wait_for_url(base + "/dashboard")
        assert "grace@example.com" in page.inner_text("[data-testid=user-email]")

        page.click("[data-testid=sign-out]")
        page.wait_for_url(base + "/")
        page.wait_for_selector("[data-testid=sign-in]")
    assert not problems, "the browser reported errors:\n" + "\n".join(problems)


def test_sigterm_shuts_down_cleanly(server: Server) -> None:
    server.proc.send_signal(signal.SIGTERM)
    try:
        code = server.proc.wait(timeout=SHUTDOWN_TIMEOUT)
    except subprocess.TimeoutExpired:
        server.fail(f"still running {SHUTDOWN_TIMEOUT}s after SIGTERM")
    if code != 0:
        server.fail(f"exited with {code} after SIGTERM, expected 0")


def git_status(app: GeneratedApp) -> str:
    return run(["git", "status", "--porcelain"], cwd=app.path, env=clean_env(), timeout=60)


def test_worktree_stays_clean(app: GeneratedApp, server: Server) -> None:
    """Building, testing and running leave nothing untracked, and regenerating changes nothing."""
    if server.proc.poll() is None:  # selected without the shutdown test
        server.proc.terminate()
        server.proc.wait(timeout=SHUTDOWN_TIMEOUT)
    assert not git_status(app).strip(), "files left behind that .gitignore does not cover"
    log(f"\n==> [{app.driver}] regenerate templ and sqlc code")
    app.go("tool", "templ", "generate")
    app.go("tool", "sqlc", "generate")
    changed = git_status(app)
    assert not changed.strip(), f"regenerating code changed the committed tree:\n{changed}"


def test_make_db_create_adds_a_migration_that_applies(app: GeneratedApp) -> None:
    """`make db-create` runs the migration generator from the template the app came from; goose
    then accepts the new, still empty migration."""
    log(f"\n==> [{app.driver}] make db-create")
    migrations = app.path / "internal/db/migrations"
    before = set(migrations.iterdir())
    copier_bin = Path(sys.executable).with_name("copier")
    # HEAD (with uncommitted changes) rather than the commit recorded at copy time.
    run(
        ["make", "db-create", "name=add_probe", f"COPIER={copier_bin}", "TRACKS_REF=HEAD"],
        cwd=app.path,
        env=clean_env(),
        timeout=120,
    )
    added = set(migrations.iterdir()) - before
    try:
        assert len(added) == 1 and next(iter(added)).name.endswith("_add_probe.sql"), added
        app.go("test", "-count=1", "./internal/db/...")
    finally:
        for path in added:
            path.unlink()

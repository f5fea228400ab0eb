"""Slow tier: generate the app for every database driver and put it through its own gates.

For each driver, once: `copier copy` with tasks (strict, with git init) -> go vet -> go test ->
go build -> run the binary and talk to it over HTTP (sign in with a code from the development
mailbox, over plain HTTP and in headless Chromium) -> SIGTERM. The sqlite3 app also has every
OAuth provider (EXTRA_ANSWERS). Go's module and build caches are shared between drivers and runs,
so only the first build on a machine is slow.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import ingress
import observatory
import production
import pubsub
import pytest
import slowclients
import smtp
import sqs
from apps import GeneratedApp, generate_app
from mailpit import MailpitServer, mailpit_server
from procs import clean_env, log, rss_kb, run
from web import Server, Visitor, chromium_page, mailbox_code, start_server

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
SHUTDOWN_TIMEOUT = 15
# Chromium as root, offline: no sandbox, and none of its calls home.
# Optional features switched on in one driver's app each, so that every optional file is
# compiled and tested without a render per combination.
# Every email provider is compiled in on every driver (one render each), so that its tests run
# against each driver's app.
EXTRA_ANSWERS = {
    "go-libsql": ["email_providers=[smtp, ses, sendgrid]"],
    "sqlite3": [
        "oauth_providers=[github, google]",
        "queue_providers=[database, sqs]",
        "sms_providers=[sns, twilio]",
        "email_providers=[smtp, ses, sendgrid]",
    ],
    "postgres": [
        "queue_providers=[database, pubsub]",
        "sms_providers=[twilio]",
        "email_providers=[smtp, ses, sendgrid]",
    ],
}


@pytest.fixture(scope="module")
def app(
    db_driver: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> GeneratedApp:
    """The app generated with `copier copy` and its post-copy tasks, once per driver. The SQS job
    queue's, the SES sender's and the SNS sender's tests get the session's AWS emulator, the SMTP
    sender's the session's Mailpit."""
    answers = EXTRA_ANSWERS.get(db_driver, [])
    generated = generate_app(db_driver, tmp_path_factory.mktemp(f"app-{db_driver}"), request, answers)
    if any("sqs" in answer for answer in answers):
        generated.test_env["TEST_SQS_ENDPOINT"] = request.getfixturevalue("sqs_endpoint")
    if any("ses" in answer for answer in answers):
        generated.test_env["TEST_SES_ENDPOINT"] = request.getfixturevalue("sqs_endpoint")
    if any("sns" in answer for answer in answers):
        generated.test_env["TEST_SNS_ENDPOINT"] = request.getfixturevalue("sns_endpoint")
    if has_smtp(db_driver):
        mailpit = request.getfixturevalue("mailpit")
        generated.test_env["TEST_SMTP_ADDR"] = mailpit.smtp_addr
        generated.test_env["TEST_MAILPIT_URL"] = mailpit.url
    return generated


def has_smtp(driver: str) -> bool:
    """Whether the driver's app has the SMTP sender compiled in."""
    return any(a.startswith("email_providers=") and "smtp" in a for a in EXTRA_ANSWERS.get(driver, []))


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


def test_a_new_app_passes_its_linters(app: GeneratedApp) -> None:
    """golangci-lint, before any resource exists (test_resources lints an app with resources)."""
    if app.driver != "sqlite3":
        pytest.skip("linted once, on the app with every optional file (EXTRA_ANSWERS)")
    log(f"\n==> [{app.driver}] make lint")
    app.make("lint")


def test_go_test(app: GeneratedApp) -> None:
    log(f"\n==> [{app.driver}] go test")
    app.go("test", "./...")


# The load of `make bench`'s SQLite step: long enough to have caught, more often than not, the
# rare "database is locked" of go-libsql's deferred transactions (about 1 in 60,000 writes);
# the app's TestSQLiteWriteWaitsForAnotherWriter catches that cause every time.
LOAD_SECONDS = 10


def test_sqlite_writes_never_fail_under_load(app: GeneratedApp, tmp_path: Path) -> None:
    """32 writers (each a transaction that reads, then writes) and 32 readers on the app's SQLite
    pools, as `make bench` runs them (bench/goapp/cmd/dbconc): not one "database is locked"."""
    if app.driver == "postgres":
        pytest.skip("the SQLite-family pools only")
    log(f"\n==> [{app.driver}] {LOAD_SECONDS}s of 32 writers and 32 readers on the app's pools")
    # The command exists only in the build's overlay, so the app's worktree stays as it was.
    overlay = tmp_path / "overlay.json"
    source = REPO / "bench/goapp/cmd/dbconc/main.go"
    overlay.write_text(json.dumps({"Replace": {str(app.path / "cmd/dbconc/main.go"): str(source)}}))
    binary = tmp_path / "dbconc"
    app.go("build", f"-overlay={overlay}", "-o", str(binary), "./cmd/dbconc")
    output = run(
        [str(binary), "-designs", "app", "-dir", str(tmp_path), "-duration", f"{LOAD_SECONDS}s"],
        cwd=tmp_path,
        env=clean_env(),
        timeout=LOAD_SECONDS + 120,
    )
    (figures,) = json.loads(output)["results"]
    assert figures["writes"] > 0 and figures["reads"] > 0, figures
    assert figures["busy_locked_errors"] == 0 and figures["other_errors"] == 0, figures


# The app's fuzz targets: the parsers of what visitors and operators type.
FUZZ_TARGETS = (
    "FuzzNormalizeEmail",
    "FuzzNormalizePhone",
    "FuzzNormalizeCode",
    "FuzzSafeReturnPath",
    "FuzzMatch",
    "FuzzParse",
    "FuzzSettings",
)


def test_make_fuzz_runs_every_fuzz_target(app: GeneratedApp) -> None:
    """`make fuzz` finds every fuzz target and runs it (here for a moment; no crasher is found). On
    one driver: the parsers do not depend on it."""
    if app.driver != "sqlite3":
        pytest.skip("fuzzed once")
    log(f"\n==> [{app.driver}] make fuzz FUZZTIME=1s")
    output = app.make("fuzz", "FUZZTIME=1s")
    for target in FUZZ_TARGETS:
        assert f"==> {target} (" in output, output
    assert "FAIL" not in output, output


def test_smtp_sender_delivers_to_mailpit(app: GeneratedApp) -> None:
    """The app's own test of its SMTP sender against the session's Mailpit runs, and passes: it is
    not skipped for want of TEST_SMTP_ADDR and TEST_MAILPIT_URL."""
    if not has_smtp(app.driver):
        pytest.skip("this app has no SMTP sender compiled in")
    log(f"\n==> [{app.driver}] the SMTP sender against Mailpit ({app.test_env['TEST_SMTP_ADDR']})")
    test = "TestSMTPSenderDeliversToMailpit"
    output = app.go("test", "-count=1", "-v", "-run", f"^{test}$", "./internal/adapters/email")
    assert f"--- PASS: {test}" in output, output


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


def test_sign_in_by_text_message_over_http(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest
) -> None:
    """A user adds a phone number on the account page, confirms it with the texted code and
    signs in with a code texted to it; in development the texts are on the mailbox page. A
    server of its own: the shared one has used up this client's sign-in posts."""
    server_log = app.path.parent / "sms.log"
    with start_server(app.path, binary, new_database(app, request, "sms"), server_log) as server:
        sign_in_by_text(server)


def sign_in_by_text(server: Server) -> None:
    visitor = Visitor(server)
    sign_in(visitor, "hopper@example.com")
    assert visitor.request("POST", "/account/phone", {"phone": "+1 202 555 0175"})[:2] == (
        303,
        "/account/phone/confirm",
    )
    code = texted_code(visitor, "+12025550175")
    assert visitor.request("POST", "/account/phone/confirm", {"code": code})[:2] == (303, "/account/phone")
    status, _, body = visitor.request("GET", "/account/phone")
    assert status == 200 and ">+12025550175<" in body, "the number is confirmed"
    assert visitor.request("POST", "/logout", {})[:2] == (303, "/")

    sent = visitor.request("POST", "/login/phone", {"phone": "+12025550175"})
    assert sent[:2] == (303, "/login/phone/verify")
    status, _, body = visitor.request("POST", "/login/phone/verify", {"code": "00000000"})
    assert status == 422, "a wrong code is refused"
    code = texted_code(visitor, "+12025550175")
    assert visitor.request("POST", "/login/phone/verify", {"code": code})[:2] == (303, "/dashboard")
    status, _, body = visitor.request("GET", "/dashboard")
    assert status == 200 and "hopper@example.com" in body


def sign_in(visitor: Visitor, email: str) -> None:
    """Sign visitor in with a code emailed to email."""
    assert visitor.request("POST", "/login", {"email": email})[:2] == (303, "/verify-otp")
    code = mailbox_code(visitor, email)
    assert visitor.request("POST", "/verify-otp", {"code": code})[:2] == (303, "/dashboard")


def texted_code(visitor: Visitor, phone: str) -> str:
    """The newest code texted to phone, read from the development mailbox page."""
    status, _, body = visitor.request("GET", "/dev/mailbox")
    assert status == 200, f"GET /dev/mailbox answered {status}"
    for text in re.findall(r'<li[^>]*data-testid="text".*?</li>', body, flags=re.S):
        code = re.search(r"Your verification code is: (\d{8})", text)
        if f">{phone}<" in text and code:
            return code.group(1)
    raise AssertionError(f"no code texted to {phone} in the development mailbox")


def test_sigterm_shuts_down_cleanly(server: Server) -> None:
    server.proc.send_signal(signal.SIGTERM)
    try:
        code = server.proc.wait(timeout=SHUTDOWN_TIMEOUT)
    except subprocess.TimeoutExpired:
        server.fail(f"still running {SHUTDOWN_TIMEOUT}s after SIGTERM")
    if code != 0:
        server.fail(f"exited with {code} after SIGTERM, expected 0")


def readme_production_env(app: GeneratedApp) -> dict[str, str]:
    """The settings of the README's `docker run` over the image's own (its Dockerfile's ENV),
    without the address, which start_server chooses on loopback."""
    readme = (app.path / "README.md").read_text()
    env = production.dockerfile_env((app.path / "Dockerfile").read_text()) | production.docker_run(readme).env
    for name in ("HOST", "PORT"):
        env.pop(name)
    return env


def test_the_readme_production_examples_start_as_written(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest
) -> None:
    """The README's `docker run`, as far as it runs without Docker: the image's settings (its
    Dockerfile's ENV) and the command's -e settings, the release step `migrate up`, then the
    image's command, healthy, and its HEALTHCHECK passes. Then the systemd unit: systemd accepts
    it, and its ExecStartPre and ExecStart run with the settings its comment lists. Only the
    address, the database's location (the volume, or a server of the test's) and the binary's
    path are the test's."""
    readme = (app.path / "README.md").read_text()
    dockerfile = (app.path / "Dockerfile").read_text()
    docker = production.docker_run(readme)
    env = readme_production_env(app)
    assert env["APP_ENV"] == "production"
    assert env["EMAIL_PROVIDER"] != "log", "production refuses the log email provider"
    if app.driver == "postgres":
        assert "@db.example.com" in env["DATABASE_URL"]
        env["DATABASE_URL"] = new_database(app, request, "docker")
    else:
        volume = app.path.parent / "docker-volume"
        volume.mkdir()
        mount = docker.volumes[0].split(":")[1]
        env["DATABASE_URL"] = env["DATABASE_URL"].replace(mount, str(volume))
    run([str(binary), "migrate", "up"], cwd=app.path, env=clean_env(**env), timeout=120)
    docker_log = app.path.parent / "docker-run.log"
    command = production.dockerfile_command(dockerfile)
    with start_server(app.path, binary, env["DATABASE_URL"], docker_log, env=env, args=command) as server:
        status, _, body = server.get("/api/health/ready")
        assert status == 200, body
        run(
            [str(binary), "health"],
            cwd=app.path,
            env=clean_env(HOST="127.0.0.1", PORT=str(server.port)),
            timeout=30,
        )

    name = next((app.path / "deploy/systemd").glob("*.service")).stem
    unit_text = (app.path / f"deploy/systemd/{name}.service").read_text()
    unit = production.systemd_unit(unit_text)
    state = app.path.parent / "systemd-state"
    state.mkdir()
    settings = {key: docker.env[key] for key in docker.env if key != "DATABASE_URL"}
    settings["APP_ENV"] = "production"
    (database_url,) = re.findall(r"^# DATABASE_URL=(\S+)", unit_text, flags=re.M)
    if app.driver == "postgres":
        settings["DATABASE_URL"] = new_database(app, request, "systemd")
    else:
        settings["DATABASE_URL"] = database_url.replace(unit.working_directory, str(state))
    env_file = state / "env"
    production.write_env_file(env_file, settings)
    installed = f"/usr/local/bin/{name}"
    test_unit = state / f"{name}.service"
    local = unit_text.replace(installed, str(binary)).replace(unit.environment_file, str(env_file))
    test_unit.write_text(local)
    run(["systemd-analyze", "verify", str(test_unit)], cwd=state, env=clean_env(), timeout=60)

    unit_env = production.read_env_file(env_file)
    for command in unit.exec_start_pre:
        assert command[0] == installed
        run([str(binary), *command[1:]], cwd=state, env=clean_env(**unit_env), timeout=120)
    assert unit.exec_start[0] == installed
    with start_server(
        state, binary, unit_env["DATABASE_URL"], state / "serve.log", env=unit_env, args=unit.exec_start[1:]
    ) as server:
        status, _, body = server.get("/api/health/ready")
        assert status == 200, body


# --- Mozilla's HTTP Observatory ---------------------------------------------------------------

# A+ is 100; the bonuses of a CSP that allows nothing by default and nothing unsafe (+10),
# frame-ancestors (+5), a private Referrer-Policy (+5) and only secure cookies (+5) reach 125.
OBSERVATORY_TARGET = 120
ERROR_PAGE = "/no-such-page"


def test_the_observatory_scores_every_kind_of_page_at_least_120(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """httpobs' local scanner against the production app behind an ingress on loopback (TLS
    with a test CA, plain HTTP redirected to HTTPS): the home page, the sign-in page, an error
    page, an asset and an API answer, then, signed in, the home page and the dashboard. Each
    scores at least OBSERVATORY_TARGET, with no test failed. The production settings are the
    README's `docker run`, with the session's Mailpit as its SMTP server."""
    if not has_smtp(app.driver) or app.driver != "sqlite3":
        pytest.skip("scanned once: the headers do not depend on the driver")
    mailpit = request.getfixturevalue("mailpit")
    python = observatory.install()
    ca = ingress.make_ca(tmp_path / "ca")
    env = readme_production_env(app) | {
        "DATABASE_URL": f"file:{tmp_path / 'observatory.db'}",
        "DB_AUTO_MIGRATE": "true",
        "EMAIL_FROM": "Tracks Test <noreply@example.com>",  # as sign_in_code expects
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(mailpit.smtp_port),
        "SMTP_TLS": "none",
        "RATE_LIMIT_LOGIN": "1000",
    }
    log(f"\n==> [{app.driver}] the HTTP Observatory's scan of the production app behind TLS")
    with ingress.ingress(ca) as front:
        env["BASE_URL"] = front.base
        with start_server(app.path, binary, env["DATABASE_URL"], tmp_path / "server.log", env=env) as server:
            front.upstream_port = server.port
            visitor = Visitor(server, base=front.base, context=ca.client_context())
            status, _, home = visitor.request("GET", "/")
            assert status == 200, home
            stylesheet = re.search(r'href="(/assets/[^"]+\.css)"', home)
            assert stylesheet, "the home page links its stylesheet"
            email_sign_in(server, mailpit, visitor, "observatory@example.com")
            cookies = {cookie.name: cookie.value for cookie in visitor.cookies}
            assert cookies, "signing in set the session cookie"

            anonymous = ("/", "/login", ERROR_PAGE, stylesheet.group(1), "/api/health/live")
            scans = [(path, {}) for path in anonymous]
            scans += [(path, cookies) for path in ("/", "/dashboard")]
            scores = {}
            for path, with_cookies in scans:
                result = observatory.scan(
                    python,
                    ingress.HOST,
                    http_port=front.http_port,
                    https_port=front.https_port,
                    path=path,
                    verify=str(ca.ca),
                    cookies=with_cookies,
                )
                name = f"{path} (signed in)" if with_cookies else path
                # Plain HTTP's redirect ends at the page itself (signed in: not at the sign-in page);
                # httpobs records no destination for a 4xx answer.
                destination = result["tests"]["redirection"]["destination"]
                if path != ERROR_PAGE:
                    assert destination == front.base + path, f"{name} ended at {destination}"
                scores[name] = result["scan"]["score"]
                log(f"      {name}: {result['scan']['score']} ({result['scan']['grade']})")
                failed = observatory.shortfalls(result)
                assert not failed, f"the Observatory's tests of {name} that fail or take points off: {failed}"
            stop(server)
    assert all(score >= OBSERVATORY_TARGET for score in scores.values()), scores


# --- Slow clients ----------------------------------------------------------------------------

SLOW_HEADERS, SLOW_BODIES, NON_READERS = 200, 100, 50
ATTACK_SECONDS = 8
PROBE_P99_MS = 250
MEMORY_GROWTH_MIB = 64
# Shorter than the defaults (5s, 15s, 15s), so that the test sees every timeout end its clients.
SHORT_TIMEOUTS = {
    "SERVER_READ_HEADER_TIMEOUT": "2s",
    "SERVER_READ_TIMEOUT": "4s",
    "SERVER_WRITE_TIMEOUT": "4s",
}


def test_slow_clients_are_cut_off_while_everyone_else_is_served(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """200 connections that send their headers a byte at a time, 100 that send a form's body so,
    and 50 that ask for the JavaScript bundle 200 times over and never read the answers. Meanwhile
    a probe's requests on new connections all succeed with a p99 within PROBE_P99_MS, the
    server's timeouts end every slow connection, and its memory grows by less than
    MEMORY_GROWTH_MIB."""
    if app.driver != "sqlite3":
        pytest.skip("once: the HTTP server does not depend on the driver")
    log(f"\n==> [{app.driver}] {SLOW_HEADERS + SLOW_BODIES + NON_READERS} slow clients and a probe")
    env = SHORT_TIMEOUTS | {"RATE_LIMIT_REQUESTS": "1000000", "RATE_LIMIT_LOGIN": "1000000"}
    database = new_database(app, request, "slow")
    with start_server(app.path, binary, database, tmp_path / "server.log", env=env) as server:
        status, _, home = Visitor(server).request("GET", "/")
        script = re.search(r'src="(/assets/[^"]+\.js)"', home)
        assert status == 200 and script, "the home page links its script"
        baseline = rss_kb(server.proc.pid) / 1024
        memory = [baseline]
        done = threading.Event()

        def sample_memory() -> None:
            while not done.wait(0.5):
                memory.append(rss_kb(server.proc.pid) / 1024)

        clients = slowclients.open_attack(
            server.port,
            slow_headers=SLOW_HEADERS,
            slow_bodies=SLOW_BODIES,
            non_readers=NON_READERS,
            large_path=script.group(1),
        )
        try:
            with concurrent.futures.ThreadPoolExecutor(3) as pool:
                trickling = pool.submit(slowclients.trickle, clients, done)
                sampling = pool.submit(sample_memory)
                probing = pool.submit(slowclients.probe, server.port, "/api/health/live", done)
                time.sleep(ATTACK_SECONDS)
                done.set()
                probe, _, _ = probing.result(), trickling.result(), sampling.result()
            readers = [client for client in clients if client.kind == "never reads"]
            readers_cut = sum(slowclients.cut_off(client) for client in readers)
        finally:
            slowclients.close_all(clients)
        stop(server)
    lasted = {kind: max(c.lasted() for c in clients if c.kind == kind) for kind in ("headers", "body")}
    log(
        f"      probe: {len(probe.latencies)} requests, p99 {probe.p99_ms():.1f} ms, "
        f"max {probe.max_ms():.1f} ms; slow headers cut within {lasted['headers']:.1f}s, "
        f"slow bodies within {lasted['body']:.1f}s, {readers_cut}/{NON_READERS} readers that never "
        f"read cut; RSS {baseline:.0f} -> {max(memory):.0f} MiB"
    )
    assert not probe.failures, probe.failures[:5]
    assert probe.p99_ms() <= PROBE_P99_MS
    for kind in ("headers", "body"):
        still_open = [client for client in clients if client.kind == kind and client.closed is None]
        assert not still_open, f"{len(still_open)} slow-{kind} connections open after {ATTACK_SECONDS}s"
    assert readers_cut == NON_READERS, f"{NON_READERS - readers_cut} readers that never read were not cut"
    assert max(memory) - baseline < MEMORY_GROWTH_MIB, memory


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


# --- Background jobs ---------------------------------------------------------------------------
#
# The welcome email of a new user is a job (enqueued with the account, in its transaction), so
# signing up is the way these tests enqueue real jobs from outside. EMAIL_PROVIDER=log writes
# each email to the server's JSON log, where the tests count them.

WELCOME = "Welcome to"
JOB_WAIT = 60  # seconds for jobs to be done; the worker polls every second


def new_database(app: GeneratedApp, request: pytest.FixtureRequest, name: str) -> str:
    """The URL of a new, empty database for one test (the server migrates it in development)."""
    if app.driver == "postgres":
        return request.getfixturevalue("postgres").create_database(f"{app.path.parent.name}_{name}")
    return f"file:{app.path.parent / name}.db"


def sign_up(server: Server, email: str) -> None:
    """A new user signs in for the first time, which enqueues their welcome email."""
    visitor = Visitor(server)
    status, location, _ = visitor.request("POST", "/login", {"email": email})
    if (status, location) != (303, "/verify-otp"):
        server.fail(f"POST /login for {email} answered {status} -> {location!r}")
    status, location, _ = visitor.request("POST", "/verify-otp", {"code": mailbox_code(visitor, email)})
    if (status, location) != (303, "/dashboard"):
        server.fail(f"POST /verify-otp for {email} answered {status} -> {location!r}")


def logged_emails(*logs: Path, subject: str = WELCOME) -> list[str]:
    """The recipients of the emails with subject (a prefix) that the servers logged."""
    recipients = []
    for path in logs:
        for line in path.read_text(errors="replace").splitlines():
            if not line.startswith("{"):
                continue
            entry = json.loads(line)
            if entry.get("subject", "").startswith(subject):
                recipients.append(entry["to"])
    return recipients


def start_worker(app_dir: Path, binary: Path, env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    """`server worker` in env (the whole environment), logging to log_path."""
    with log_path.open("wb") as out:
        return subprocess.Popen(
            [str(binary), "worker"],
            cwd=app_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def wait_for(condition: object, what: str, timeout: float = JOB_WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout:.0f}s")
        time.sleep(0.1)


def stop(server: Server) -> None:
    """SIGTERM, and a clean exit within the shutdown timeout."""
    server.proc.send_signal(signal.SIGTERM)
    try:
        code = server.proc.wait(timeout=SHUTDOWN_TIMEOUT + 30)
    except subprocess.TimeoutExpired:
        server.fail("still running after SIGTERM")
    if code != 0:
        server.fail(f"exited with {code} after SIGTERM, expected 0")


def test_a_job_enqueued_before_a_crash_runs_exactly_once_after_restart(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest
) -> None:
    log(f"\n==> [{app.driver}] jobs survive SIGKILL")
    url = new_database(app, request, "crash")
    logs = [app.path.parent / f"crash-{n}.log" for n in range(3)]
    # A server that leaves its jobs to workers, killed after enqueueing: nothing ran.
    with start_server(app.path, binary, url, logs[0], env={"JOBS_IN_PROCESS": "false"}) as srv:
        sign_up(srv, "crash@example.com")
        srv.proc.kill()
        srv.proc.wait()
    assert logged_emails(logs[0]) == []

    with start_server(app.path, binary, url, logs[1]) as srv:
        wait_for(lambda: logged_emails(logs[1]), "the welcome email after the restart")
        stop(srv)
    with start_server(app.path, binary, url, logs[2]) as srv:
        time.sleep(3)  # three poll intervals: time enough to run a job left behind
        stop(srv)
    assert logged_emails(*logs) == ["crash@example.com"], "the job ran exactly once"


@pytest.mark.parametrize("shutdown_timeout", ["20s", "1s"], ids=["finishes", "cut-short"])
def test_a_job_running_at_sigterm_completes_or_is_retried(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest, shutdown_timeout: str
) -> None:
    """The welcome email goes to an SMTP server that takes 4 s to accept it; SIGTERM comes meanwhile."""
    log(f"\n==> [{app.driver}] SIGTERM while a job runs (JOBS_SHUTDOWN_TIMEOUT={shutdown_timeout})")
    capture = smtp.SMTPCapture(slow_subject=WELCOME, delay=4)
    smtp_server, smtp_port = smtp.start(capture)
    env = {
        "EMAIL_PROVIDER": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_port),
        "SMTP_TLS": "none",
        "JOBS_SHUTDOWN_TIMEOUT": shutdown_timeout,
    }
    url = new_database(app, request, f"sigterm-{shutdown_timeout}")
    logs = [app.path.parent / f"sigterm-{shutdown_timeout}-{n}.log" for n in range(2)]
    try:
        with start_server(app.path, binary, url, logs[0], env=env) as srv:
            sign_up(srv, "busy@example.com")
            wait_for(lambda: capture.in_progress, "the welcome job sending its email")
            stop(srv)
        if shutdown_timeout == "20s":
            assert len(capture.matching(smtp.subject_starts(WELCOME))) == 1, "the running job finished"
        # Whatever the first run did, after a restart the email has been delivered, and the job is
        # not left pending: a further restart sends nothing more.
        capture.delay = 0
        with start_server(app.path, binary, url, logs[1], env=env) as srv:
            capture.wait_for(smtp.subject_starts(WELCOME, "busy@example.com"), timeout=JOB_WAIT)
            time.sleep(3)
            stop(srv)
        delivered = capture.matching(smtp.subject_starts(WELCOME))
        assert 1 <= len(delivered) <= 2, f"at least once, retried at most once: {delivered}"
        if shutdown_timeout == "20s":
            assert len(delivered) == 1, "a job that finished is not run again"
    finally:
        smtp_server.shutdown()


def test_sign_ups_and_the_worker_share_the_database_under_load(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest
) -> None:
    """Concurrent sign-ups write users, codes, sessions and jobs while the worker completes jobs:
    no request fails, no "database is locked", and every welcome email is sent exactly once."""
    users = 60
    log(f"\n==> [{app.driver}] {users} concurrent sign-ups with the worker running")
    url = new_database(app, request, "load")
    server_log = app.path.parent / "load.log"
    env = {"RATE_LIMIT_REQUESTS": "1000000", "RATE_LIMIT_LOGIN": "1000000", "JOBS_CONCURRENCY": "20"}
    with start_server(app.path, binary, url, server_log, env=env) as srv:
        emails = [f"user{n}@example.com" for n in range(users)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(lambda e: sign_up(srv, e), emails))
        wait_for(lambda: len(logged_emails(server_log)) >= users, f"{users} welcome emails")
        time.sleep(2)
        stop(srv)
    assert sorted(logged_emails(server_log)) == sorted(emails), "each welcome email exactly once"
    text = server_log.read_text(errors="replace").lower()
    for problem in ("database is locked", "sqlite_busy", '"level":"error"'):
        assert problem not in text, f"the server logged {problem!r}:\n{text[-3000:]}"


def test_two_workers_run_each_of_500_jobs_exactly_once(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest
) -> None:
    if app.driver != "postgres":
        pytest.skip("several worker processes share one database server on PostgreSQL")
    cluster = request.getfixturevalue("postgres")
    log(f"\n==> [{app.driver}] two `server worker` processes, 500 jobs")
    url = new_database(app, request, "workers")
    env = clean_env(APP_ENV="development", DATABASE_URL=url, LOG_FORMAT="json", JOBS_CONCURRENCY="10")
    run([str(binary), "migrate", "up"], cwd=app.path, env=env, timeout=120)
    # 500 welcome_email jobs, inserted as another producer would: rows of River's job table.
    insert = (
        "INSERT INTO river_job (args, kind, max_attempts, priority, queue, state, scheduled_at) "
        "SELECT jsonb_build_object('user_id', 'u' || n, 'email', 'user' || n || '@example.com', "
        "'username', 'user' || n), 'welcome_email', 5, 1, 'default', 'available', now() "
        "FROM generate_series(1, 500) AS n"
    )
    database = url.rsplit("/", 1)[1].split("?")[0]
    run(
        [
            str(cluster.bin_dir / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(cluster.port),
            "-U",
            "postgres",
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-c",
            insert,
        ],
        cwd=app.path,
        env=clean_env(),
        timeout=60,
    )
    logs = [app.path.parent / f"worker-{n}.log" for n in range(2)]
    workers = [start_worker(app.path, binary, env, path) for path in logs]
    try:
        wait_for(lambda: len(logged_emails(*logs)) >= 500, "500 welcome emails", timeout=120)
        time.sleep(2)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        codes = [worker.wait(timeout=60) for worker in workers]
    sent = logged_emails(*logs)
    assert sorted(sent) == sorted(f"user{n}@example.com" for n in range(1, 501)), "each job exactly once"
    per_worker = [len(logged_emails(path)) for path in logs]
    assert all(per_worker), f"both workers took jobs: {per_worker}"
    assert codes == [0, 0], f"workers exit 0 after SIGTERM: {codes}"


def test_welcome_emails_go_through_sqs(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest
) -> None:
    """With QUEUE_PROVIDER=sqs the welcome email is a message on SQS, sent once the user exists."""
    if not any("sqs" in answer for answer in EXTRA_ANSWERS.get(app.driver, [])):
        pytest.skip("this app has no SQS queue compiled in")
    endpoint = request.getfixturevalue("sqs_endpoint")
    log(f"\n==> [{app.driver}] jobs on SQS ({endpoint})")
    queue_url = sqs.create_queue(endpoint, f"{app.path.parent.name}-welcome")
    env = {
        "QUEUE_PROVIDER": "sqs",
        "SQS_QUEUE_URL": queue_url,
        "SQS_WAIT_TIME": "1s",
        "AWS_ENDPOINT_URL_SQS": endpoint,
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    server_log = app.path.parent / "sqs.log"
    with start_server(app.path, binary, new_database(app, request, "sqs"), server_log, env=env) as srv:
        for n in range(3):
            sign_up(srv, f"sqs{n}@example.com")
        wait_for(lambda: len(logged_emails(server_log)) >= 3, "three welcome emails through SQS")
        stop(srv)
    assert sorted(logged_emails(server_log)) == [f"sqs{n}@example.com" for n in range(3)]


def test_welcome_emails_go_through_pubsub(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """With QUEUE_PROVIDER=pubsub the welcome email is a message on Pub/Sub, sent once the user
    exists; a `server worker` of its own runs it."""
    if not any("pubsub" in answer for answer in EXTRA_ANSWERS.get(app.driver, [])):
        pytest.skip("this app has no Pub/Sub queue compiled in")
    with pubsub.pubsub_emulator(tmp_path, topics=["jobs"], subscriptions={"jobs-workers": "jobs"}) as host:
        log(f"\n==> [{app.driver}] jobs on Pub/Sub ({host})")
        env = {
            "QUEUE_PROVIDER": "pubsub",
            "PUBSUB_EMULATOR_HOST": host,
            "PUBSUB_PROJECT_ID": pubsub.PROJECT,
            "PUBSUB_TOPIC": "jobs",
            "PUBSUB_SUBSCRIPTION": "jobs-workers",
            "JOBS_IN_PROCESS": "false",
        }
        database = new_database(app, request, "pubsub")
        server_log, worker_log = tmp_path / "server.log", tmp_path / "worker.log"
        with start_server(app.path, binary, database, server_log, env=env) as srv:
            for n in range(3):
                sign_up(srv, f"pubsub{n}@example.com")
            assert not logged_emails(server_log), "the server runs no jobs with JOBS_IN_PROCESS=false"
            worker_env = clean_env(APP_ENV="development", DATABASE_URL=database, LOG_FORMAT="json", **env)
            worker = start_worker(app.path, binary, worker_env, worker_log)
            wait_for(lambda: len(logged_emails(worker_log)) >= 3, "three welcome emails through Pub/Sub")
            worker.send_signal(signal.SIGTERM)
            assert worker.wait(timeout=60) == 0
            stop(srv)
    assert sorted(logged_emails(worker_log)) == [f"pubsub{n}@example.com" for n in range(3)]


# --- Email through a real SMTP server --------------------------------------------------------

BREAKER_OPEN_FOR = 5  # seconds: EMAIL_BREAKER_OPEN_FOR of the server below
ATTEMPT_TIMEOUT = 10  # seconds: resilience.DefaultTimeout, the per-attempt timeout of an email
COULD_NOT_SEND = "We could not send your code. Try again in a minute."


def test_sign_in_by_email_through_mailpit_survives_an_outage(
    app: GeneratedApp, binary: Path, request: pytest.FixtureRequest, mailpit_binary: Path, tmp_path: Path
) -> None:
    """EMAIL_PROVIDER=smtp with a real SMTP server, Mailpit: a user signs in with the code read
    back from Mailpit's API. Then Mailpit stops: once the email breaker has seen enough failures,
    asking for a code answers 503 at once, the other pages still serve, /api/health shows the
    provider degraded; Mailpit comes back, and after the breaker's open time codes are sent
    again without restarting the app. A Mailpit and a server of their own: this test stops one,
    and the shared server has used up this client's sign-in posts."""
    if not has_smtp(app.driver):
        pytest.skip("this app has no SMTP sender compiled in")
    log(f"\n==> [{app.driver}] sign-in codes through Mailpit, which stops and comes back")
    with mailpit_server(mailpit_binary, tmp_path) as mailpit:
        env = {
            "EMAIL_PROVIDER": "smtp",
            "EMAIL_FROM": "Tracks Test <noreply@example.com>",
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(mailpit.smtp_port),
            "SMTP_USERNAME": "mailer",
            "SMTP_PASSWORD": "secret",
            "SMTP_TLS": "none",
            "EMAIL_BREAKER_OPEN_FOR": f"{BREAKER_OPEN_FOR}s",
            "RATE_LIMIT_LOGIN": "1000",
        }
        database = new_database(app, request, "mailpit")
        with start_server(app.path, binary, database, tmp_path / "server.log", env=env) as server:
            user = Visitor(server)
            email_sign_in(server, mailpit, user, "lovelace@example.com")
            # The welcome email too: no job of this user's is left to send during the outage.
            mailpit.wait_for("lovelace@example.com", count=2)

            mailpit.stop()
            log("      Mailpit stopped")
            opened_at, open_answer = breaker_opens(server)
            log(f"      with the breaker open, POST /login answered 503 in {open_answer * 1000:.1f} ms")
            assert open_answer < ATTEMPT_TIMEOUT / 10, (
                f"an open breaker answers at once, not after {open_answer:.2f}s "
                f"(per-attempt timeout {ATTEMPT_TIMEOUT}s)"
            )
            for path, visitor in (("/", Visitor(server)), ("/login", Visitor(server)), ("/dashboard", user)):
                status, _, body = visitor.request("GET", path)
                assert status == 200, f"GET {path} answered {status} while email is down"
            assert "lovelace@example.com" in user.request("GET", "/dashboard")[2], "still signed in"
            health = email_health(server)
            assert health == ("degraded", "open"), f"/api/health with the breaker open: {health}"

            mailpit.start()
            log("      Mailpit started again")
            recovered = time.monotonic()
            deadline = opened_at + BREAKER_OPEN_FOR + 15
            n = 0
            while True:
                n += 1
                address = f"back{n}@example.com"
                status, location, body = Visitor(server).request("POST", "/login", {"email": address})
                if status == 303:
                    break
                assert status == 503 and COULD_NOT_SEND in body, f"POST /login answered {status}"
                if time.monotonic() > deadline:
                    server.fail(f"no code sent {BREAKER_OPEN_FOR + 15}s after the breaker opened")
                time.sleep(0.25)
            closed_after = time.monotonic() - opened_at
            log(
                f"      sending again {closed_after:.1f}s after the breaker opened "
                f"({time.monotonic() - recovered:.1f}s after Mailpit came back)"
            )
            assert closed_after >= BREAKER_OPEN_FOR - 0.5, "the breaker stayed open for its open time"
            assert location == "/verify-otp"
            assert sign_in_code(mailpit, address), "the code arrived in Mailpit"
            email_sign_in(server, mailpit, Visitor(server), "hopper@example.com")
            stop(server)
    log_text = (tmp_path / "server.log").read_text(errors="replace")
    assert '"to":"open"' in log_text and '"to":"half-open"' in log_text, "breaker changes are logged"


def email_sign_in(server: Server, mailpit: MailpitServer, visitor: Visitor, address: str) -> None:
    """Sign visitor in with the code emailed to address, read back from Mailpit."""
    before = len(mailpit.messages_to(address))
    status, location, _ = visitor.request("POST", "/login", {"email": address})
    if (status, location) != (303, "/verify-otp"):
        server.fail(f"POST /login for {address} answered {status} -> {location!r}")
    mailpit.wait_for(address, count=before + 1)
    code = sign_in_code(mailpit, address)
    status, location, _ = visitor.request("POST", "/verify-otp", {"code": code})
    if (status, location) != (303, "/dashboard"):
        server.fail(f"POST /verify-otp with the code from Mailpit answered {status} -> {location!r}")
    status, _, body = visitor.request("GET", "/dashboard")
    assert status == 200 and address in body


def sign_in_code(mailpit: MailpitServer, address: str) -> str:
    """The code of the newest sign-in email to address, checked as Mailpit received it: sender,
    recipient, subject, and the code in both the text and the HTML part."""
    codes = [m for m in mailpit.wait_for(address) if m["Subject"].endswith(" sign-in code")]
    assert codes, f"no sign-in email to {address} in Mailpit"
    message = codes[0]
    assert message["From"] == {"Name": "Tracks Test", "Address": "noreply@example.com"}, message["From"]
    assert [to["Address"] for to in message["To"]] == [address], message["To"]
    assert message["Subject"].startswith("Your "), message["Subject"]
    assert message["Username"] == "mailer", "the app authenticated with SMTP_USERNAME"
    code = re.search(r"\b(\d{8})\b", message["Text"])
    assert code, f"no 8-digit code in the text part: {message['Text']!r}"
    assert code.group(1) in message["HTML"], "the HTML part carries the code too"
    return code.group(1)


def breaker_opens(server: Server) -> tuple[float, float]:
    """Ask for codes while the SMTP server is down until the email breaker opens; every answer is
    the 503 page. Returns when the breaker opened (time.monotonic) and how long the first answer
    with the breaker open took."""
    opened_at = 0.0
    for n in range(1, 11):
        start = time.monotonic()
        status, _, body = Visitor(server).request("POST", "/login", {"email": f"down{n}@example.com"})
        elapsed = time.monotonic() - start
        assert status == 503 and COULD_NOT_SEND in body, f"POST /login while SMTP is down answered {status}"
        if opened_at:
            return opened_at, elapsed
        state = email_health(server)[1]
        log(f"      POST /login #{n}: 503 in {elapsed * 1000:.0f} ms, breaker {state}")
        if state == "open":
            opened_at = time.monotonic()
    server.fail("the email breaker did not open after 10 failed sends")
    raise AssertionError  # unreachable: server.fail raises


def email_health(server: Server) -> tuple[str, str]:
    """The application's status in /api/health (which answers 200) and the email breaker's state."""
    status, _, body = server.get("/api/health")
    assert status == 200, f"/api/health answered {status}: {body}"
    health = json.loads(body)
    return health["status"], health.get("services", {}).get("email:smtp", "")

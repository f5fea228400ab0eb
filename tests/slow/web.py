"""Talking to a generated app's server in the slow tier: starting the binary, and a browser-like
HTTP client that keeps cookies and sees redirects."""

from __future__ import annotations

import contextlib
import http.client
import http.cookiejar
import re
import shutil
import ssl
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from procs import clean_env, free_port, log

HEALTH_TIMEOUT = 60
# Chromium as root, offline: no sandbox, and none of its calls home.
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Server:
    proc: subprocess.Popen[bytes]
    port: int
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def get(self, path: str) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", path, headers={"Accept": "text/html,application/json"})
            resp = conn.getresponse()
            headers = {k.lower(): v for k, v in resp.getheaders()}
            return resp.status, headers, resp.read().decode("utf-8", errors="replace")
        finally:
            conn.close()

    def fail(self, message: str) -> None:
        pytest.fail(f"{message}\n--- server log ---\n{self.log()}", False)


@contextlib.contextmanager
def start_server(
    app_dir: Path,
    binary: Path,
    database_url: str,
    log_path: Path,
    env: dict[str, str] | None = None,
    args: list[str] | None = None,
) -> Iterator[Server]:
    """The binary serving the app in development on a free loopback port, once GET /api/health is 200.

    env adds to or overrides the server's environment; args are the binary's arguments (none:
    it serves).
    """
    port = free_port()
    env = clean_env(
        **{
            "APP_ENV": "development",
            "HOST": "127.0.0.1",
            "PORT": str(port),
            "BASE_URL": f"http://127.0.0.1:{port}",
            "DATABASE_URL": database_url,
            "LOG_FORMAT": "json",
            **(env or {}),
        }
    )
    log(f"      starting {binary.name} on 127.0.0.1:{port} ({database_url})")
    with log_path.open("wb") as out:
        proc = subprocess.Popen(
            [str(binary), *(args or [])],
            cwd=app_dir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    srv = Server(proc=proc, port=port, log_path=log_path)
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT
        while True:
            if proc.poll() is not None:
                srv.fail(f"the server exited with {proc.returncode} before becoming healthy")
            try:
                status, _, body = srv.get("/api/health")
                if status == 200:
                    break
            except OSError:
                status, body = None, ""
            if time.monotonic() > deadline:
                srv.fail(f"GET /api/health not 200 after {HEALTH_TIMEOUT}s (last: {status} {body[:500]})")
            time.sleep(0.25)
        log("      healthy")
        yield srv
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


class Visitor:
    """A cookie-keeping HTTP client that sees every redirect, like a browser's network log."""

    def __init__(self, server: Server, base: str = "", context: ssl.SSLContext | None = None) -> None:
        """A visitor of server, at base (its loopback port by default), trusting the certificates
        context trusts over HTTPS."""
        self.base = base or f"http://127.0.0.1:{server.port}"
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies),
            _NoRedirect(),
            urllib.request.HTTPSHandler(context=context),
        )

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, Location, body). Forms are sent as a same-origin browser sends them."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if form is not None:
            req.add_header("Origin", self.base)
            req.add_header("Sec-Fetch-Site", "same-origin")
        try:
            with self.opener.open(req, timeout=10) as resp:
                return resp.status, resp.headers.get("Location", ""), resp.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.headers.get("Location", ""), err.read().decode()


def mailbox_code(visitor: Visitor, email: str) -> str:
    """The newest sign-in code sent to email, read from the development mailbox page."""
    status, _, body = visitor.request("GET", "/dev/mailbox")
    assert status == 200, f"GET /dev/mailbox answered {status}"
    for message in re.findall(r'<li[^>]*data-testid="message".*?</li>', body, flags=re.S):
        # Other emails (the welcome email) carry no code.
        code = re.search(r"\b(\d{8})\b", message)
        if f">{email}<" in message and code:
            return code.group(1)
    raise AssertionError(f"no sign-in code to {email} in the development mailbox")


def is_problem(kind: str, text: str) -> bool:
    """Whether a browser console message shows a fault. Chromium logs every 4xx response as an
    error; the 422 of a form re-shown with a message is expected, anything else is not."""
    expected = "Failed to load resource: the server responded with a status of 422"
    return kind == "error" and not text.startswith(expected)


@contextlib.contextmanager
def chromium_page(problems: list[str]) -> Iterator[object]:
    """A page in Debian's headless Chromium (driven by Playwright) that appends every console
    error, page error and CSP violation to problems."""
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian's chromium is not installed (make test-slow installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=BROWSER_ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda m: problems.append(m.text) if is_problem(m.type, m.text) else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            # Chromium logs CSP violations as console errors; the event names the directive too.
            page.add_init_script(
                "document.addEventListener('securitypolicyviolation', e => console.error("
                "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
            )
            page.set_default_timeout(15_000)
            yield page
        finally:
            browser.close()

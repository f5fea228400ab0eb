"""Mailpit (github.com/axllent/mailpit) for the slow tier: a real SMTP server that keeps every
message it accepts and serves them on its REST API.

`install()` builds it with `go install` once per machine, into a cache directory, with Go's
shared module and build caches; `MailpitServer` runs it on free loopback ports, and can stop it
and start it again on the same ports, as an SMTP server that goes away and comes back does.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.processes import clean_env, free_port, log

MODULE = "github.com/axllent/mailpit"
VERSION = "v1.33.1"
INSTALL_TIMEOUT = 1200
START_TIMEOUT = 30
MESSAGE_TIMEOUT = 30


class MailpitError(RuntimeError):
    """Mailpit could not be installed or started."""


def cache_dir() -> Path:
    """Where the Mailpit binaries are kept: $XDG_CACHE_HOME/tracks/mailpit (~/.cache by default)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "tracks" / "mailpit"


def install(directory: Path | None = None) -> Path:
    """The Mailpit binary of VERSION, built with `go install` the first time and reused after."""
    directory = (directory or cache_dir()) / VERSION
    binary = directory / "mailpit"
    if os.access(binary, os.X_OK):
        log(f"==> Mailpit {VERSION}: {binary}")
        return binary
    go = shutil.which("go")
    if go is None:
        raise MailpitError(f"Mailpit is installed with `go install {MODULE}@{VERSION}`: go is not on PATH")
    log(f"==> Installing Mailpit into {directory}: go install {MODULE}@{VERSION} (once per machine)")
    directory.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    # Built into a directory of its own, then moved into place: a binary that is there is whole,
    # even when two runs install at once or one is interrupted.
    with tempfile.TemporaryDirectory(dir=directory, prefix=".install-") as gobin:
        env = clean_env(GOBIN=gobin)
        proc = subprocess.Popen(
            [go, "install", f"{MODULE}@{VERSION}"],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
        )
        lines = []
        assert proc.stdout is not None
        for line in proc.stdout:  # `go: downloading ...` lines, while the modules come in
            lines.append(line)
            log(f"    | {line.rstrip()}")
        try:
            code = proc.wait(timeout=INSTALL_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            code = None
        built = Path(gobin) / "mailpit"
        if code != 0 or not built.is_file():
            proxy = env.get("GOPROXY") or "the default proxy"
            reason = "timed out" if code is None else f"exit {code}"
            raise MailpitError(
                f"`go install {MODULE}@{VERSION}` failed ({reason}). "
                f"It needs the Go module proxy ({proxy}) or a module cache that already holds "
                f"Mailpit's modules. Output:\n{''.join(lines[-60:])}"
            )
        os.replace(built, binary)
    log(f"      installed in {time.monotonic() - start:.0f}s")
    return binary


class MailpitServer:
    """One Mailpit process on loopback, with its own database, that can be stopped and started
    again on the same ports (the database keeps the messages across restarts)."""

    def __init__(self, binary: Path, workdir: Path) -> None:
        self.binary = binary
        self.workdir = workdir
        self.smtp_port = free_port()
        self.http_port = free_port()
        self.log_path = workdir / "mailpit.log"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def smtp_addr(self) -> str:
        return f"127.0.0.1:{self.smtp_port}"

    @property
    def url(self) -> str:
        """The address of the web interface and of the API under /api/v1."""
        return f"http://127.0.0.1:{self.http_port}"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def start(self) -> None:
        """Start Mailpit and return once its API and its SMTP port answer."""
        assert self.proc is None, "Mailpit is running already"
        cmd = [
            str(self.binary),
            "--smtp",
            self.smtp_addr,
            "--listen",
            f"127.0.0.1:{self.http_port}",
            "--database",
            str(self.workdir / "mailpit.db"),
            # Any credentials over plain SMTP: the app authenticates when SMTP_USERNAME is set.
            "--smtp-auth-accept-any",
            "--smtp-auth-allow-insecure",
            # Offline and fast: no release check, no reverse DNS of each client.
            "--disable-version-check",
            "--smtp-disable-rdns",
        ]
        # Mailpit reads MP_* variables as settings: the developer's own must not change it.
        env = {k: v for k, v in clean_env().items() if not k.startswith("MP_")}
        with self.log_path.open("ab") as out:
            self.proc = subprocess.Popen(
                cmd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not (self._api_ready() and self._smtp_open()):
            if self.proc.poll() is not None:
                code, self.proc = self.proc.returncode, None
                raise MailpitError(f"Mailpit exited with {code} on start-up:\n{self.log()}")
            if time.monotonic() > deadline:
                self.stop()
                raise MailpitError(f"Mailpit did not answer within {START_TIMEOUT}s:\n{self.log()}")
            time.sleep(0.1)

    def stop(self) -> None:
        """Stop Mailpit; once this returns, its ports refuse connections."""
        if self.proc is None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None

    def _api_ready(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/readyz", timeout=2) as resp:
                return resp.status == 200
        except OSError:
            return False

    def _smtp_open(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.smtp_port), timeout=2):
                return True
        except OSError:
            return False

    def api(self, path: str) -> Any:
        """GET /api/v1/<path>, decoded."""
        with urllib.request.urlopen(f"{self.url}/api/v1/{path}", timeout=10) as resp:
            return json.load(resp)

    def messages_to(self, address: str) -> list[dict[str, Any]]:
        """The messages to address, newest first, each as GET /api/v1/message/{ID} returns it
        (From, To, Subject, Text, HTML...)."""
        found = self.api("search?" + urllib.parse.urlencode({"query": f"to:{address}"}))
        return [self.api(f"message/{urllib.parse.quote(m['ID'])}") for m in found["messages"]]

    def wait_for(
        self, address: str, count: int = 1, timeout: float = MESSAGE_TIMEOUT
    ) -> list[dict[str, Any]]:
        """The messages to address, once there are at least count of them."""
        deadline = time.monotonic() + timeout
        while True:
            messages = self.messages_to(address)
            if len(messages) >= count:
                return messages
            if time.monotonic() > deadline:
                subjects = [m["Subject"] for m in messages]
                raise AssertionError(
                    f"{count} message(s) to {address} expected in Mailpit within {timeout}s; got {subjects}"
                )
            time.sleep(0.1)


@contextlib.contextmanager
def mailpit_server(binary: Path, workdir: Path) -> Iterator[MailpitServer]:
    """A started MailpitServer, stopped when the block ends."""
    server = MailpitServer(binary, workdir)
    server.start()
    log(f"      Mailpit: SMTP on {server.smtp_addr}, API on {server.url}")
    try:
        yield server
    finally:
        server.stop()

"""`tracks doctor`: is this machine (and this app) ready? Each problem comes with its fix."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import urlparse

from tracks.app import App, read_env

GO_MIN_VERSION = "1.26"
# The Python packages the template needs at render time (copier.yml's _jinja_extensions).
PACKAGES = ("copier", "copier-template-extensions", "jinja2-time")

Which = Callable[[str], str | None]
Run = Callable[[list[str]], str]


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def line(self) -> str:
        mark = "ok" if self.ok else "FAIL"
        text = f"{mark:>4}  {self.name}: {self.detail}"
        return text + (f"\n      fix: {self.fix}" if self.fix else "")


def _run(cmd: list[str]) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=True).stdout.strip()


def version_tuple(text: str) -> tuple[int, ...]:
    """(1, 26, 1) from "go1.26.1", "1.26" or "v20.11.0"; () when there is no version in it."""
    match = re.search(r"(\d+(?:\.\d+)*)", text)
    return tuple(int(part) for part in match.group(1).split(".")) if match else ()


def check_go(which: Which, run: Run, minimum: str = GO_MIN_VERSION) -> Check:
    fix = f"install Go {minimum} or newer from https://go.dev/dl/"
    if not which("go"):
        return Check("go", False, "not found on PATH", fix)
    try:
        found = run(["go", "env", "GOVERSION"])
    except (OSError, subprocess.SubprocessError) as error:
        return Check("go", False, f"`go env GOVERSION` failed: {error}", fix)
    if version_tuple(found)[:2] < version_tuple(minimum)[:2]:
        return Check("go", False, f"{found} is older than {minimum}", fix)
    return Check("go", True, found)


def check_tool(name: str, which: Which, run: Run, version_args: list[str], fix: str, why: str = "") -> Check:
    path = which(name)
    if not path:
        return Check(name, False, "not found on PATH" + (f" ({why})" if why else ""), fix)
    try:
        first = run([name, *version_args]).splitlines()
    except (OSError, subprocess.SubprocessError) as error:
        return Check(name, False, f"`{name} {' '.join(version_args)}` failed: {error}", fix)
    return Check(name, True, first[0] if first else path)


def check_packages(version: Callable[[str], str] = metadata.version) -> list[Check]:
    checks = []
    for package in PACKAGES:
        try:
            checks.append(Check(package, True, version(package)))
        except metadata.PackageNotFoundError:
            checks.append(
                Check(
                    package, False, "not installed", "reinstall tracks: pip install --force-reinstall tracks"
                )
            )
    return checks


def check_port(port: int, host: str = "127.0.0.1") -> Check:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return Check(
                f"port {port}",
                False,
                "in use (the app's server listens on it)",
                f"stop what listens on it (`lsof -i :{port}`), or set another PORT in .env",
            )
    return Check(f"port {port}", True, "free")


def check_database(url: str, root: Path, connect: Callable[[str, int], None] | None = None) -> Check:
    """Reachable for PostgreSQL (a TCP connection); a writable directory for a SQLite file."""
    if not url:
        return Check(
            "database",
            False,
            "DATABASE_URL is not set in .env",
            "set DATABASE_URL in .env (see .env.example)",
        )
    parsed = urlparse(url)
    if parsed.scheme in ("postgres", "postgresql"):
        host, port = parsed.hostname or "localhost", parsed.port or 5432
        try:
            (connect or _connect)(host, port)
        except OSError as error:
            return Check(
                "database",
                False,
                f"PostgreSQL at {host}:{port} is not reachable ({error})",
                "start PostgreSQL (e.g. `sudo systemctl start postgresql`), or fix DATABASE_URL in .env",
            )
        return Check("database", True, f"PostgreSQL at {host}:{port} accepts connections")
    if parsed.scheme == "file" or not parsed.scheme:
        path = Path(parsed.path or parsed.opaque or url.removeprefix("file:"))
        directory = (root / path).parent
        nearest = next((p for p in (directory, *directory.parents) if p.exists()), root)
        if not nearest.is_dir() or not _writable(nearest):
            return Check(
                "database", False, f"cannot create {path} ({nearest} is not writable)", f"chmod u+w {nearest}"
            )
        return Check("database", True, f"SQLite file {path}")
    return Check("database", True, f"{parsed.scheme} database (not probed)")


def _connect(host: str, port: int) -> None:
    with socket.create_connection((host, port), timeout=3):
        pass


def _writable(path: Path) -> bool:
    import os

    return os.access(path, os.W_OK)


def app_go_minimum(app: App) -> str:
    """GO_MIN_VERSION from the app's Makefile (it may have been raised there)."""
    try:
        match = re.search(r"^GO_MIN_VERSION\s*\??=\s*(\S+)", (app.root / "Makefile").read_text(), re.M)
    except OSError:
        return GO_MIN_VERSION
    return match.group(1) if match else GO_MIN_VERSION


def summary(checks: list[Check]) -> str:
    problems = sum(not check.ok for check in checks)
    if not problems:
        return "Everything is in place."
    plural = "s" if problems > 1 else ""
    return f"{problems} problem{plural}: run the fix shown under each FAIL, then `tracks doctor` again."


def run_checks(app: App | None, which: Which = shutil.which, run: Run = _run) -> list[Check]:
    """Every check; the app's (database, port, cgo) only inside an app."""
    checks = [check_go(which, run, app_go_minimum(app) if app else GO_MIN_VERSION)]
    if app is None or app.db_driver != "postgres":
        checks.append(
            check_tool(
                "gcc",
                which,
                run,
                ["--version"],
                "Debian/Ubuntu: sudo apt-get install build-essential; Fedora: sudo dnf install gcc; "
                "macOS: xcode-select --install",
                "the SQLite drivers need cgo",
            )
        )
    checks.append(
        check_tool(
            "npm", which, run, ["--version"], "install Node.js 20 or newer from https://nodejs.org/", "assets"
        )
    )
    checks.append(
        check_tool("git", which, run, ["--version"], "install git: https://git-scm.com/downloads", "updates")
    )
    checks += check_packages()
    if app is not None:
        env = read_env(app.root)
        checks.append(check_database(env.get("DATABASE_URL", ""), app.root))
        try:
            checks.append(check_port(int(env.get("PORT") or 8080)))
        except ValueError:
            checks.append(
                Check("port", False, f"PORT={env['PORT']!r} in .env is not a number", "set PORT=8080 in .env")
            )
    return checks

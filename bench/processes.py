"""What the benchmark and the slow tests need to run a generated app as a separate process: an
environment free of the developer's own app settings, a free loopback port, progress lines, a
process's memory, and a throwaway PostgreSQL cluster. bench/run.py uses them, and tests/slow/procs.py and
tests/slow/conftest.py pass them on to the slow tests."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

# Variables of the developer's shell that would change what the generated app or Go does.
_APP_ENV_VARS = re.compile(
    r"^(APP_ENV|HOST|PORT|BASE_URL|DATABASE_URL|DATABASE_DRIVER|DB_.*|LOG_.*|RATE_LIMIT_.*|TRUSTED_PROXIES"
    r"|SESSION_KEY|SERVER_.*|TEST_DATABASE_URL|TRACKS_SKIP_HOOKS|GOFLAGS)$"
)


def free_port() -> int:
    """A TCP port that is free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int, field: str = "VmRSS") -> int:
    """A field of a running process's memory, in KiB: VmRSS (resident now) or VmHWM (its peak)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} for {pid}")


def clean_env(environ: Mapping[str, str] | None = None, **overrides: str) -> dict[str, str]:
    """`environ` (default: this process's environment) without the app's settings, plus `overrides`."""
    source = os.environ if environ is None else environ
    env = {k: v for k, v in source.items() if not _APP_ENV_VARS.match(k)}
    env.update(overrides)
    return env


def log(message: str) -> None:
    """Print a progress line at once, so that it shows before a long step's output."""
    print(message, flush=True)


# --- PostgreSQL ------------------------------------------------------------------------------

PG_USER = "postgres"


class PostgresError(RuntimeError):
    """The throwaway cluster could not be installed, started or given a database."""


def find_pg_bin(root: Path = Path("/usr/lib/postgresql")) -> Path | None:
    """The bin directory of the newest PostgreSQL server under root (Debian's layout), else of the
    initdb on PATH; None when there is neither."""

    def major(initdb: Path) -> int:
        version = initdb.parent.parent.name
        return int(version) if version.isdigit() else 0

    candidates = sorted(root.glob("*/bin/initdb"), key=major)
    if candidates:
        return candidates[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def install_postgres() -> None:
    """Debian's server package; the Makefile normally did this already (scripts/ensure_postgres.sh)."""
    if os.geteuid() != 0:
        raise PostgresError(
            "PostgreSQL server binaries (initdb, pg_ctl) not found; install the postgresql package"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    log("==> Installing PostgreSQL with apt-get")
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            output = f"{result.stdout}\n{result.stderr}"
            raise PostgresError(f"{' '.join(cmd)} failed ({result.returncode}):\n{output}")


@dataclass
class PostgresCluster:
    """A running cluster reachable over TCP on 127.0.0.1 as the trusted `postgres` superuser."""

    bin_dir: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgres://{PG_USER}@127.0.0.1:{self.port}/{database}?sslmode=disable"

    def create_database(self, name: str) -> str:
        """Create an empty database (dropping any previous one of that name) and return its URL."""
        for tool, args in (("dropdb", ["--if-exists"]), ("createdb", [])):
            cmd = [str(self.bin_dir / tool), "-h", "127.0.0.1", "-p", str(self.port), "-U", PG_USER]
            cmd += [*args, name]
            result = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise PostgresError(f"{tool} {name} failed:\n{result.stdout}{result.stderr}")
        return self.url(name)


def _run(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        output = f"{result.stdout}\n{result.stderr}"
        raise PostgresError(f"{what} failed ({result.returncode}): {' '.join(cmd)}\n{output}")


@contextlib.contextmanager
def postgres_cluster(core: str | None = None) -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster in a temporary directory (installed with apt-get first if missing),
    running while the context lasts and removed after it. With core, the server's processes run
    on that CPU core only (taskset)."""
    bin_dir = find_pg_bin()
    if bin_dir is None:
        install_postgres()
        bin_dir = find_pg_bin()
        if bin_dir is None:
            raise PostgresError("apt-get installed postgresql but initdb is still missing")

    # PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user. The
    # directory must be world-traversable, which pytest's tmp_path is not.
    base = Path(tempfile.mkdtemp(prefix="tracks-pg-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, user=PG_USER, group=PG_USER)
        as_owner = ["runuser", "-u", PG_USER, "--"]
    pinned = ["taskset", "-c", core] if core is not None else []
    data, server_log = base / "data", base / "postgres.log"
    port = free_port()
    pg_ctl = [*as_owner, str(bin_dir / "pg_ctl"), "-D", str(data)]

    log(f"==> Starting PostgreSQL ({bin_dir.parent.name}) on 127.0.0.1:{port}")
    try:
        _run(
            [*as_owner, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", PG_USER, "-E", "UTF8"],
            "initdb",
        )
        # fsync off: a throwaway cluster, and the tests create and drop many objects.
        options = f"-h 127.0.0.1 -p {port} -k {base}"
        options += " -c fsync=off -c full_page_writes=off -c max_connections=200"
        started = subprocess.run(
            [*pinned, *pg_ctl, "-l", str(server_log), "-o", options, "-w", "-t", "60", "start"],
            capture_output=True,
            text=True,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        if started.returncode != 0:
            text = server_log.read_text() if server_log.exists() else ""
            raise PostgresError(
                f"pg_ctl start failed:\n{started.stdout}{started.stderr}\n--- server log ---\n{text}"
            )
    except BaseException:
        shutil.rmtree(base, ignore_errors=True)
        raise
    try:
        yield PostgresCluster(bin_dir=bin_dir, port=port)
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True, check=False)
        shutil.rmtree(base, ignore_errors=True)

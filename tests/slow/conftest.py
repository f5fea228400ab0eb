"""Slow-tier fixtures: a throwaway PostgreSQL cluster for the generated postgres app."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# The repository root, so that tests can import bench/ (the benchmark's shared definitions).
REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.processes import free_port  # noqa: E402

PG_USER = "postgres"


def _find_pg_bin() -> Path | None:
    def major(initdb: Path) -> int:
        version = initdb.parent.parent.name
        return int(version) if version.isdigit() else 0

    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=major)
    if candidates:
        return candidates[-1].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _install_postgres() -> None:
    """Debian's server package; the Makefile normally did this already (scripts/ensure_postgres.sh)."""
    if os.geteuid() != 0:
        pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) not found; install the postgresql package")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    print("==> Installing PostgreSQL with apt-get", flush=True)
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            pytest.fail(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


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
            cmd = [
                str(self.bin_dir / tool),
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                PG_USER,
                *args,
                name,
            ]
            result = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                pytest.fail(f"{tool} {name} failed:\n{result.stdout}{result.stderr}")
        return self.url(name)


def _run(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False, stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        pytest.fail(f"{what} failed ({result.returncode}): {' '.join(cmd)}\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster in a temporary directory, started for the session and removed after it."""
    bin_dir = _find_pg_bin()
    if bin_dir is None:
        _install_postgres()
        bin_dir = _find_pg_bin()
        assert bin_dir is not None, "apt-get installed postgresql but initdb is still missing"

    # PostgreSQL refuses to run as root: as root, the cluster belongs to the postgres user. pytest's
    # own tmp_path lives in a root-only directory, hence a separate world-traversable one.
    base = Path(tempfile.mkdtemp(prefix="tracks-pg-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, user=PG_USER, group=PG_USER)
        as_owner = ["runuser", "-u", PG_USER, "--"]
    data, log = base / "data", base / "postgres.log"
    port = free_port()
    pg_ctl = [*as_owner, str(bin_dir / "pg_ctl"), "-D", str(data)]

    print(f"\n==> Starting PostgreSQL ({bin_dir.parent.name}) on 127.0.0.1:{port}", flush=True)
    _run(
        [*as_owner, str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", PG_USER, "-E", "UTF8"],
        "initdb",
    )
    # fsync off: a throwaway cluster, and the tests create and drop many objects.
    options = f"-h 127.0.0.1 -p {port} -k {base} -c fsync=off -c full_page_writes=off -c max_connections=200"
    started = subprocess.run(
        [*pg_ctl, "-l", str(log), "-o", options, "-w", "-t", "60", "start"],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if started.returncode != 0:
        server_log = log.read_text() if log.exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(
            f"pg_ctl start failed:\n{started.stdout}{started.stderr}\n--- server log ---\n{server_log}"
        )
    try:
        yield PostgresCluster(bin_dir=bin_dir, port=port)
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True, check=False)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def sqs_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An SQS emulator (moto's server mode) on a loopback port, for the session."""
    from sqs import moto_server

    with moto_server(tmp_path_factory.mktemp("moto") / "moto.log") as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def sns_endpoint(sqs_endpoint: str) -> str:
    """An SNS emulator: moto's server serves every AWS API on the one endpoint."""
    return sqs_endpoint

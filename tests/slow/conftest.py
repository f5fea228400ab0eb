"""Slow-tier fixtures: a throwaway PostgreSQL cluster for the generated postgres app, an AWS emulator
and Mailpit, a real SMTP server."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The repository root, so that tests can import bench/ (the benchmark's shared definitions).
REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from mailpit import MailpitError, MailpitServer, install, mailpit_server  # noqa: E402

from bench.processes import PostgresCluster, PostgresError, postgres_cluster  # noqa: E402


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster in a temporary directory, started for the session and removed after it
    (bench/processes.py, which the benchmark shares)."""
    try:
        with postgres_cluster() as cluster:
            yield cluster
    except PostgresError as e:
        pytest.fail(str(e))


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


@pytest.fixture(scope="session")
def mailpit_binary() -> Path:
    """Mailpit, installed with `go install` the first time (tests/slow/mailpit.py)."""
    try:
        return install()
    except MailpitError as e:
        pytest.fail(str(e), False)


@pytest.fixture(scope="session")
def mailpit(mailpit_binary: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[MailpitServer]:
    """Mailpit on free loopback ports for the session: SMTP at .smtp_addr, its API at .url."""
    try:
        with mailpit_server(mailpit_binary, tmp_path_factory.mktemp("mailpit")) as server:
            yield server
    except MailpitError as e:
        pytest.fail(str(e), False)

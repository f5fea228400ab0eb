"""Slow-tier fixtures: a throwaway PostgreSQL cluster for the generated postgres app."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The repository root, so that tests can import bench/ (the benchmark's shared definitions).
REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

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

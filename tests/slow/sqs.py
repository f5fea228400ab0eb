"""Amazon SQS for the slow tier: moto's AWS API emulator in server mode, on a loopback port."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest

from bench.processes import free_port

CREDENTIALS = {"region_name": "us-east-1", "aws_access_key_id": "test", "aws_secret_access_key": "test"}


@contextlib.contextmanager
def moto_server(log_path: Path) -> Iterator[str]:
    """Start `moto_server` (from the virtualenv that runs the tests) and yield its endpoint URL."""
    executable = Path(sys.executable).parent / "moto_server"
    if not executable.is_file():
        pytest.fail(f"{executable} not found: install the dev dependencies (make setup)")
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as out:
        proc = subprocess.Popen(
            [str(executable), "-H", "127.0.0.1", "-p", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(endpoint + "/moto-api/", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"moto_server did not start:\n{log_path.read_text(errors='replace')}")
                time.sleep(0.2)
        yield endpoint
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def create_queue(endpoint: str, name: str) -> str:
    """Create an SQS queue on the emulator and return its URL."""
    client = boto3.client("sqs", endpoint_url=endpoint, **CREDENTIALS)
    return client.create_queue(QueueName=name)["QueueUrl"]

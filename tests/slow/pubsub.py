"""Google Cloud Pub/Sub for the slow tier: Google's own test server (pstest), served on a loopback
port by the small program in pubsub_emulator/."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

EMULATOR = Path(__file__).resolve().parent / "pubsub_emulator"
PROJECT = "tracks-test"


@contextlib.contextmanager
def pubsub_emulator(work_dir: Path, *, topics: list[str], subscriptions: dict[str, str]) -> Iterator[str]:
    """Build and start the emulator with the topics and the subscriptions (ID to topic ID) in
    project PROJECT, and yield its host:port (the value of PUBSUB_EMULATOR_HOST)."""
    binary = work_dir / "pubsub-emulator"
    built = subprocess.run(
        ["go", "build", "-o", str(binary), "."], cwd=EMULATOR, capture_output=True, text=True, check=False
    )
    if built.returncode != 0:
        pytest.fail(f"build the Pub/Sub emulator:\n{built.stdout}{built.stderr}")
    pairs = ",".join(f"{topic}:{sub}" for sub, topic in subscriptions.items())
    log_path = work_dir / "pubsub-emulator.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [str(binary), "-project", PROJECT, "-topics", ",".join(topics), "-subscriptions", pairs],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=log,
        )
    try:
        assert proc.stdout is not None
        addr = proc.stdout.readline().decode().strip()
        if not addr:
            proc.wait(timeout=30)
            pytest.fail(f"the Pub/Sub emulator did not start:\n{log_path.read_text(errors='replace')}")
        yield addr
    finally:
        proc.terminate()
        proc.wait(timeout=30)

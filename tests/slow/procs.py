"""Processes for the slow tier: commands whose output becomes the failure message, and the helpers
it shares with the benchmark (a clean environment for generated apps, a free port, progress lines),
which live in bench/processes.py."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest

from bench.processes import clean_env, free_port, log, rss_kb

__all__ = ["OUTPUT_TAIL", "clean_env", "free_port", "log", "rss_kb", "run"]

OUTPUT_TAIL = 150  # lines of a failed command's output shown in the failure message


def run(cmd: list[str], *, cwd: Path, env: dict[str, str], timeout: float, stream: bool = False) -> str:
    """Run cmd and return its combined output; fail the test with the output if it fails.

    stream=True echoes the output as it comes (visible with `pytest -s`), for long steps.
    """
    shown = " ".join(cmd)
    log(f"    $ {shown}")
    start = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
        start_new_session=True,
    )

    def kill() -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line)
            if stream:
                log(f"    | {line.rstrip()}")
        returncode = proc.wait()
    finally:
        timer.cancel()
    elapsed = time.monotonic() - start
    output = "".join(lines)
    if returncode != 0:
        reason = f"timed out after {timeout:.0f}s" if returncode == -signal.SIGKILL else f"exit {returncode}"
        tail = "".join(lines[-OUTPUT_TAIL:])
        pytest.fail(f"`{shown}` in {cwd} failed ({reason}, {elapsed:.0f}s). Output (tail):\n{tail}", False)
    log(f"      ok ({elapsed:.1f}s)")
    return output

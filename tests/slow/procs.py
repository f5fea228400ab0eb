"""Processes for the slow tier: a clean environment for generated apps, and commands whose output
becomes the failure message."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

OUTPUT_TAIL = 150  # lines of a failed command's output shown in the failure message
# Variables of the developer's shell that would change what the generated app or Go does.
_APP_ENV_VARS = re.compile(
    r"^(APP_ENV|HOST|PORT|BASE_URL|DATABASE_URL|DATABASE_DRIVER|DB_.*|LOG_.*|RATE_LIMIT_.*|TRUSTED_PROXIES"
    r"|SESSION_KEY|SERVER_.*|TEST_DATABASE_URL|TRACKS_SKIP_HOOKS|GOFLAGS)$"
)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def clean_env(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not _APP_ENV_VARS.match(k)}
    env.update(overrides)
    return env


def log(message: str) -> None:
    print(message, flush=True)


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

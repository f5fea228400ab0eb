"""What the benchmark and the slow tests need to run a generated app as a separate process: an
environment free of the developer's own app settings, a free loopback port, and progress lines.
bench/run.py uses them, and tests/slow/procs.py passes them on to the slow tests."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Mapping

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


def clean_env(environ: Mapping[str, str] | None = None, **overrides: str) -> dict[str, str]:
    """`environ` (default: this process's environment) without the app's settings, plus `overrides`."""
    source = os.environ if environ is None else environ
    env = {k: v for k, v in source.items() if not _APP_ENV_VARS.match(k)}
    env.update(overrides)
    return env


def log(message: str) -> None:
    """Print a progress line at once, so that it shows before a long step's output."""
    print(message, flush=True)

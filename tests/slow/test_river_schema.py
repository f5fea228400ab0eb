"""Slow tier: the River migrations in the template are River's own SQL for the pinned version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]


def test_river_migrations_match_the_pinned_river_release() -> None:
    # Downloads River's driver modules through the Go module proxy (or finds them in the cache).
    result = subprocess.run(
        [sys.executable, "scripts/river_migrations.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr

"""Fixtures for the unit tests of extensions/ and hooks/."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from plumbum import local

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # extensions/ and hooks/ live at the repository root
    sys.path.insert(0, str(REPO))

IDENTITY_VARIABLES = (
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "EMAIL",
)


@pytest.fixture
def no_tools(tmp_path_factory):
    """PATH with no programs on it. Commands read plumbum's `local.env`, which is a snapshot of the
    environment taken at import, so monkeypatch.setenv("PATH", ...) would not reach them."""
    empty = tmp_path_factory.mktemp("empty-path")
    with local.env(PATH=str(empty)):
        yield empty


@pytest.fixture
def git_without_identity(tmp_path_factory):
    """A git that sees no user.name or user.email anywhere."""
    home = tmp_path_factory.mktemp("home")
    config = home / "gitconfig"
    config.write_text("")
    with local.env(HOME=str(home), GIT_CONFIG_GLOBAL=str(config), GIT_CONFIG_NOSYSTEM="1"):
        for name in IDENTITY_VARIABLES:
            local.env.pop(name, None)
        yield

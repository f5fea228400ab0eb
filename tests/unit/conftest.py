"""Fixtures for the unit tests of extensions/ and hooks/."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

import pytest
from plumbum import local

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # extensions/ and hooks/ live at the repository root
    sys.path.insert(0, str(REPO))

# Runs extensions/<argv[1]>.py the way Copier runs an extension file: on its own, under Copier's
# module name, with the template nowhere on sys.path; then prints eval(argv[2]).
_LOAD_BY_PATH = """\
import sys
from importlib.util import module_from_spec, spec_from_file_location
spec = spec_from_file_location(f"copier_template_extensions.{sys.argv[1]}", sys.argv[3])
module = module_from_spec(spec)
sys.modules[spec.name] = module
spec.loader.exec_module(module)
print(eval(sys.argv[2], {"module": module}))
"""

IDENTITY_VARIABLES = (
    "GIT_AUTHOR_NAME",
    "GIT_AUTHOR_EMAIL",
    "GIT_COMMITTER_NAME",
    "GIT_COMMITTER_EMAIL",
    "EMAIL",
)


@pytest.fixture
def load_by_path():
    """`load_by_path("fields", "module.first_string_field(...)")` loads extensions/fields.py as
    Copier does, in a fresh isolated interpreter outside the repository, and returns what the
    expression (over `module`) prints."""

    def load(name: str, expression: str) -> str:
        path = REPO / "extensions" / f"{name}.py"
        result = subprocess.run(
            [sys.executable, "-I", "-c", _LOAD_BY_PATH, name, expression, str(path)],
            capture_output=True,
            text=True,
            cwd="/",
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    return load


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


@pytest.fixture
def go_mod():
    """`go_mod(directory)` makes `directory` an app for the hooks: a go.mod naming the module
    example.com/app (or `module`), which declares goimports as a tool if `goimports` is true."""
    from hooks.steps import GOIMPORTS_TOOL  # importable once this file has set up sys.path

    def write(directory: Path, module: str = "example.com/app", *, goimports: bool = False) -> Path:
        path = directory / "go.mod"
        tool = f"\ntool {GOIMPORTS_TOOL}\n" if goimports else ""
        path.write_text(f"module {module}\n\ngo 1.26\n{tool}")
        return path

    return write


Main = Callable[[Sequence[str], Mapping[str, str], TextIO, Path], int]


@pytest.fixture
def run_main():
    """`code, output = run_main(post_job.main, ["--name=x"], project, TRACKS_STRICT="1")` runs a
    hook's main on `project` with exactly the environment given, and returns its exit status and
    what it printed."""

    def run(main: Main, argv: Sequence[str], project_dir: Path, **environ: str) -> tuple[int, str]:
        out = io.StringIO()
        code = main(argv, environ, out, project_dir)
        return code, out.getvalue()

    return run

"""The app's update hook: go.sum follows the go.mod an update merged."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from hooks import post_update


def test_does_nothing_in_a_throwaway_render(tmp_path, go_mod):
    go_mod(tmp_path)
    out = io.StringIO()
    assert post_update.main(environ={"TRACKS_STRICT": "1"}, out=out, project_dir=tmp_path) == 0
    assert out.getvalue() == "", "no go.sum: not the app"


def test_a_missing_go_is_advice_not_a_failure(tmp_path, no_tools, go_mod):
    go_mod(tmp_path)
    (tmp_path / "go.sum").write_text("")
    out = io.StringIO()
    assert post_update.main(environ={}, out=out, project_dir=tmp_path) == 0
    assert "'go' was not found on PATH" in out.getvalue()
    assert post_update.main(environ={"TRACKS_STRICT": "1"}, out=io.StringIO(), project_dir=tmp_path) == 1


@pytest.mark.skipif(shutil.which("go") is None, reason="needs the Go toolchain")
def test_tidies_go_sum(tmp_path, go_mod):
    go_mod(tmp_path)
    (tmp_path / "go.sum").write_text("stale.example/mod v1.0.0 h1:AAAA=\n")
    (tmp_path / "main.go").write_text("package main\n\nfunc main() {}\n")
    out = io.StringIO()
    assert post_update.main(environ={"TRACKS_STRICT": "1"}, out=out, project_dir=tmp_path) == 0, (
        out.getvalue()
    )
    assert "stale.example" not in (tmp_path / "go.sum").read_text()
    subprocess.run(["go", "build", "./..."], cwd=tmp_path, check=True)

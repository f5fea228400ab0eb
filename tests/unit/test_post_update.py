"""The app's update hook: go.sum follows the go.mod an update merged; pages without messages are listed."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest

from hooks import post_update, steps


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


def test_lists_the_apps_pages_that_predate_locales(tmp_path):
    pages = tmp_path / "internal/http/views/pages"
    pages.mkdir(parents=True)
    (tmp_path / steps.LOCALES_DIR).mkdir(parents=True)
    (pages / "home.templ").write_text("package pages\n\ntempl Home() {\n\t<h1>Welcome</h1>\n}\n")
    (pages / "about.templ").write_text('package pages\n\nimport "example.com/app/internal/i18n"\n')
    result = steps.list_untranslated_pages(tmp_path)
    assert result.status == steps.OK, result
    listing = (tmp_path / steps.UNTRANSLATED_LIST).read_text()
    assert listing.startswith("# Templ files left untranslated")
    assert listing.splitlines()[-1] == "internal/http/views/pages/home.templ"
    assert "about.templ" not in listing, "a page that uses its messages is not listed"
    assert "dashboard.templ" not in listing, "nor a page the app deleted"

    assert steps.list_untranslated_pages(tmp_path).status == steps.SKIPPED, "listed once"
    assert (tmp_path / steps.UNTRANSLATED_LIST).read_text() == listing
    (pages / "dashboard.templ").write_text("package pages\n")
    assert steps.list_untranslated_pages(tmp_path).status == steps.OK
    assert (
        tmp_path / steps.UNTRANSLATED_LIST
    ).read_text() == listing + "internal/http/views/pages/dashboard.templ\n"


def test_an_app_without_locales_gets_no_list(tmp_path):
    assert steps.list_untranslated_pages(tmp_path).status == steps.SKIPPED
    assert not (tmp_path / steps.UNTRANSLATED_LIST).exists()

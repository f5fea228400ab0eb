"""What the resource, job, page and mailer hooks share (hooks/generators.py): their arguments,
TRACKS_SKIP_HOOKS, formatting a unit's files outside an app, and finding the app whose goimports
formats them."""

from __future__ import annotations

import io

import pytest

from hooks import generators, post_job, post_mailer, post_page, post_resource

HOOKS = [
    pytest.param(post_resource, id="resource"),
    pytest.param(post_job, id="job"),
    pytest.param(post_page, id="page"),
    pytest.param(post_mailer, id="mailer"),
]
# Each generator's hook, a name for its unit and one Go file that the unit of that name has.
UNITS = [
    pytest.param(post_resource, "post", "internal/posts/post.go", id="resource"),
    pytest.param(post_job, "send_digest", "internal/tasks/send_digest.go", id="job"),
    pytest.param(post_page, "pricing", "internal/http/pricing_page.go", id="page"),
    pytest.param(
        post_mailer, "weekly_digest", "internal/http/views/emails/weekly_digest_email.go", id="mailer"
    ),
]


@pytest.mark.parametrize(("hook", "name", "go_file"), UNITS)
def test_outside_an_app_the_hook_only_formats_the_units_files(tmp_path, run_main, hook, name, go_file):
    """copier update renders the unit's old and new versions into empty directories: they are
    formatted like the app's copy, and nothing else happens there."""
    source = tmp_path / go_file
    source.parent.mkdir(parents=True)
    source.write_text("package unit\nvar   x = 1\n")
    code, output = run_main(hook.main, [f"--name={name}"], tmp_path, TRACKS_STRICT="1")
    assert code == 0, output
    assert f"not inside an app (no go.mod); formatted the {hook.HOOK.unit}" in output
    assert "set TRACKS_APP_DIR=<app>" in output
    assert source.read_text() == "package unit\n\nvar x = 1\n"
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert written == [source], "nothing registered or generated"


@pytest.mark.parametrize("hook", HOOKS)
def test_skip_hooks_does_nothing(tmp_path, go_mod, run_main, hook):
    go_mod(tmp_path)
    code, output = run_main(hook.main, ["--name=thing"], tmp_path, TRACKS_SKIP_HOOKS="1")
    assert code == 0
    assert output == f"tracks: TRACKS_SKIP_HOOKS is set; skipping the {hook.HOOK.unit} steps\n"
    assert [path.name for path in tmp_path.iterdir()] == ["go.mod"]


@pytest.mark.parametrize("hook", HOOKS)
def test_unknown_arguments_are_ignored(tmp_path, run_main, hook):
    """A newer copier.yml may pass more arguments; failing on them would fail the generator."""
    code, output = run_main(hook.main, ["--name=thing", "--future=1"], tmp_path, TRACKS_STRICT="1")
    assert code == 0, output


@pytest.mark.parametrize("hook", HOOKS)
def test_a_missing_name_is_a_usage_error(tmp_path, capsys, hook):
    with pytest.raises(SystemExit) as exited:
        hook.main(["--module=example.com/app"], {}, io.StringIO(), tmp_path)
    assert exited.value.code == 2
    assert f"post_{hook.HOOK.unit}.py: error: the following arguments are required: --name" in (
        capsys.readouterr().err
    )


def test_tool_module_is_the_app_even_from_a_throwaway_render(tmp_path, go_mod):
    app, render = tmp_path / "app", tmp_path / "render"
    app.mkdir()
    render.mkdir()
    go_mod(app, goimports=True)
    assert generators.tool_module(app, {}) == app
    assert generators.tool_module(render, {"TRACKS_APP_DIR": str(app)}) == app
    assert generators.tool_module(render, {"PWD": str(app)}) == app
    assert generators.tool_module(render, {"PWD": str(render)}) is None

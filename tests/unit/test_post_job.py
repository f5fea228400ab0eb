"""The job hook: the job's registration in the app-owned internal/app/tasks.go (created for an app
that lacks it), the files it formats, and the generic registry helpers it shares with resources."""

from __future__ import annotations

import pytest

from hooks import post_job, steps

MODULE = "example.com/app"
ARGS = ["--name=send_digest", f"--module={MODULE}"]
LINE = "jobs.Register(kinds, tasks.SendDigestHandler{Log: log}.Handle, jobs.KindConfig{})"
JOB_KINDS = "package app\n\nfunc jobKinds() {\n\tif err := RegisterTasks(kinds, log); err != nil {\n\t}\n}\n"


@pytest.fixture
def app(tmp_path, go_mod):
    """`app()` makes tmp_path a minimal app and returns the path of its tasks.go: go.mod (without
    goimports, so formatting falls back to gofmt), jobs.go with `job_kinds` and, unless registry is
    false, tasks.go as the app template renders them."""

    def make(*, registry: bool = True, job_kinds: str = JOB_KINDS):
        go_mod(tmp_path, MODULE)
        (tmp_path / "internal/app").mkdir(parents=True)
        (tmp_path / post_job.JOB_KINDS).write_text(job_kinds)
        if registry:
            steps.create_app_file(tmp_path, steps.TASKS_REGISTRY, MODULE)
        return tmp_path / steps.TASKS_REGISTRY

    return make


def test_task_line():
    assert steps.task_line("SendDigest") == LINE


def test_the_template_registry_renders_with_the_module_path_only():
    text = steps.app_file(steps.TASKS_REGISTRY, MODULE)
    assert f'"{MODULE}/internal/jobs"' in text
    assert "func RegisterTasks(kinds *jobs.Kinds, log zerolog.Logger) error {" in text
    assert "\t// tracks:jobs\n" in text


def test_app_file_refuses_a_template_with_more_jinja(tmp_path):
    (tmp_path / "x.go.jinja").write_text('import "{{ module_path }}/a"\n{% if x %}{% endif %}\n')
    with pytest.raises(ValueError, match="uses more Jinja"):
        steps.app_file("x.go", MODULE, tmp_path)


def test_app_file_copies_a_plain_file():
    assert steps.app_file(steps.TASKS_DOC, MODULE).endswith("package tasks\n")


def test_create_app_file_never_overwrites(tmp_path):
    path = tmp_path / steps.TASKS_REGISTRY
    path.parent.mkdir(parents=True)
    path.write_text("mine\n")
    assert steps.create_app_file(tmp_path, steps.TASKS_REGISTRY, MODULE).status == steps.SKIPPED
    assert path.read_text() == "mine\n"
    assert steps.create_app_file(tmp_path / "new", steps.TASKS_REGISTRY, "").status == steps.FAILED


def test_register_job_replaces_the_placeholder_and_is_idempotent(tmp_path, app):
    path = app()
    assert "_, _ = kinds, log" in path.read_text()
    assert steps.register_job(tmp_path, LINE).status == steps.OK
    other = LINE.replace("SendDigest", "Resize")
    steps.register_job(tmp_path, other)
    assert steps.register_job(tmp_path, LINE).status == steps.SKIPPED
    text = path.read_text()
    assert text.count(LINE) == 1
    assert f"\t{LINE}\n\t{other}\n\t// tracks:jobs\n\treturn nil\n" in text
    assert "unused until" not in text


def test_register_line_works_for_any_registry(tmp_path):
    placeholder = "\t_ = r // unused until the first resource is generated\n"
    (tmp_path / "r.go").write_text(f"func f() {{\n{placeholder}\t// here\n}}\n")
    assert steps.register_line(tmp_path, "r.go", "// here", "g()").status == steps.OK
    assert (tmp_path / "r.go").read_text() == "func f() {\n\tg()\n\t// here\n}\n"


def test_go_files_are_the_job_and_its_test():
    assert post_job.go_files("send_digest") == [
        "internal/tasks/send_digest.go",
        "internal/tasks/send_digest_test.go",
    ]


def test_plan():
    titles = [step.title for step in post_job.plan(None, "sync_api_keys", MODULE)]
    assert titles == [
        f"create {steps.TASKS_DOC}",
        f"create {steps.TASKS_REGISTRY}",
        f"register SyncAPIKeys in {steps.TASKS_REGISTRY}",
        "go tool goimports",
        f"check that {post_job.JOB_KINDS} runs the registered jobs",
    ]


def test_hook_registers_the_job(tmp_path, app, run_main):
    path = app()
    code, output = run_main(post_job.main, ARGS, tmp_path, TRACKS_STRICT="1")
    assert code == 0, output
    assert LINE in path.read_text()
    assert (tmp_path / steps.TASKS_DOC).is_file()
    code, output = run_main(post_job.main, ARGS, tmp_path)
    assert code == 0
    assert "already registered" in output
    assert path.read_text().count(LINE) == 1


def test_hook_creates_the_registry_of_an_app_that_lacks_it(tmp_path, app, run_main):
    path = app(registry=False)
    code, output = run_main(post_job.main, ARGS, tmp_path)
    assert code == 0
    assert f"ok: wrote {steps.TASKS_REGISTRY}" in output
    text = path.read_text()
    assert f'"{MODULE}/internal/jobs"' in text
    assert LINE in text


def test_hook_says_when_the_app_does_not_run_the_registry(tmp_path, app, run_main):
    app(job_kinds="package app\n")
    code, output = run_main(post_job.main, ARGS, tmp_path)
    assert code == 0, "advice, not a failed copy"
    assert "does not call RegisterTasks(kinds, log)" in output
    assert "run 'make update'" in output
    assert run_main(post_job.main, ARGS, tmp_path, TRACKS_STRICT="1")[0] == 1


def test_hook_advice_keeps_the_lines_braces(tmp_path, no_tools, go_mod, run_main):
    """The registry cannot be written: the advice quotes the Go line as it is."""
    go_mod(tmp_path, MODULE)
    registry = tmp_path / steps.TASKS_REGISTRY
    registry.parent.mkdir(parents=True)
    registry.write_text("package app\n")  # no marker
    _, output = run_main(post_job.main, ARGS, tmp_path)
    assert f"add the line '{LINE}' to RegisterTasks" in output

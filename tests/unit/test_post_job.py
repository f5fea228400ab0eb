"""The job hook: the job's registration in the app-owned internal/app/tasks.go (created for an app
that lacks it), the files it formats, and the generic registry helpers it shares with resources."""

from __future__ import annotations

import io

import pytest

from hooks import post_job, steps

MODULE = "example.com/app"
LINE = "jobs.Register(kinds, tasks.SendDigestHandler{Log: log}.Handle, jobs.KindConfig{})"
JOB_KINDS = "package app\n\nfunc jobKinds() {\n\tif err := RegisterTasks(kinds, log); err != nil {\n\t}\n}\n"


def app(tmp_path, *, registry: bool = True, job_kinds: str = JOB_KINDS):
    """A minimal app: go.mod (without goimports, so formatting falls back to gofmt), jobs.go and,
    unless registry is false, tasks.go as the app template renders them."""
    (tmp_path / "go.mod").write_text(f"module {MODULE}\n\ngo 1.26\n")
    (tmp_path / "internal/app").mkdir(parents=True)
    (tmp_path / post_job.JOB_KINDS).write_text(job_kinds)
    if registry:
        steps.create_app_file(tmp_path, steps.TASKS_REGISTRY, MODULE)
    return tmp_path / steps.TASKS_REGISTRY


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


def test_register_job_replaces_the_placeholder_and_is_idempotent(tmp_path):
    path = app(tmp_path)
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


def test_hook_registers_the_job(tmp_path):
    path = app(tmp_path)
    out = io.StringIO()
    code = post_job.main(["--name=send_digest", f"--module={MODULE}"], {"TRACKS_STRICT": "1"}, out, tmp_path)
    assert code == 0, out.getvalue()
    assert LINE in path.read_text()
    assert (tmp_path / steps.TASKS_DOC).is_file()
    again = io.StringIO()
    assert post_job.main(["--name=send_digest", f"--module={MODULE}"], {}, again, tmp_path) == 0
    assert "already registered" in again.getvalue()
    assert path.read_text().count(LINE) == 1


def test_hook_creates_the_registry_of_an_app_that_lacks_it(tmp_path):
    path = app(tmp_path, registry=False)
    out = io.StringIO()
    assert post_job.main(["--name=send_digest", f"--module={MODULE}"], {}, out, tmp_path) == 0
    assert f"ok: wrote {steps.TASKS_REGISTRY}" in out.getvalue()
    text = path.read_text()
    assert f'"{MODULE}/internal/jobs"' in text
    assert LINE in text


def test_hook_says_when_the_app_does_not_run_the_registry(tmp_path):
    app(tmp_path, job_kinds="package app\n")
    out = io.StringIO()
    args = ["--name=send_digest", f"--module={MODULE}"]
    assert post_job.main(args, {}, out, tmp_path) == 0, "advice, not a failed copy"
    assert "does not call RegisterTasks(kinds, log)" in out.getvalue()
    assert "run 'make update'" in out.getvalue()
    assert post_job.main(args, {"TRACKS_STRICT": "1"}, io.StringIO(), tmp_path) == 1


def test_hook_advice_keeps_the_lines_braces(tmp_path, no_tools):
    """The registry cannot be written: the advice quotes the Go line as it is."""
    (tmp_path / "go.mod").write_text(f"module {MODULE}\n")
    registry = tmp_path / steps.TASKS_REGISTRY
    registry.parent.mkdir(parents=True)
    registry.write_text("package app\n")  # no marker
    out = io.StringIO()
    post_job.main(["--name=send_digest", f"--module={MODULE}"], {}, out, tmp_path)
    assert f"add the line '{LINE}' to RegisterTasks" in out.getvalue()


def test_outside_an_app_the_hook_only_formats_the_job(tmp_path):
    tasks = tmp_path / "internal/tasks"
    tasks.mkdir(parents=True)
    (tasks / "send_digest.go").write_text("package tasks\nvar   x = 1\n")
    out = io.StringIO()
    assert post_job.main(["--name=send_digest"], {"TRACKS_STRICT": "1"}, out, tmp_path) == 0
    assert "not inside an app (no go.mod); formatted the job" in out.getvalue()
    assert (tasks / "send_digest.go").read_text() == "package tasks\n\nvar x = 1\n"
    assert not (tmp_path / steps.TASKS_REGISTRY).exists()


def test_skip_hooks(tmp_path):
    out = io.StringIO()
    assert post_job.main(["--name=x"], {"TRACKS_SKIP_HOOKS": "1"}, out, tmp_path) == 0
    assert "skipping the job steps" in out.getvalue()

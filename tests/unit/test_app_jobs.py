"""The jobs of an app: the names a new job may take, and those that exist."""

from __future__ import annotations

import jinja2
import pytest

from extensions.app_jobs import AppJobsExtension, existing_jobs, job_error, job_list, job_names

# --- Job errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["send_digest", "sync", "import_users", "sync_api_keys", "resize_v2", "go2"])
def test_valid_job_names(name):
    assert job_error(name, ["cleanup_uploads"]) == ""


@pytest.mark.parametrize(
    ("name", "existing", "fragments"),
    [
        ("", [], ["name is required", '"send_digest"']),
        ("   ", [], ["name is required"]),
        ("1abc", [], ['"1abc" must be snake_case', 'e.g. "send_digest"']),
        ("send-digest!", [], ['"send-digest!" must be snake_case', 'e.g. "send_digest"']),
        ("SendDigest", [], ["must be snake_case", 'e.g. "send_digest"']),
        ("send digest", [], ["must be snake_case"]),
        ("send__digest", [], ["must be snake_case"]),
        ("_send", [], ["must be snake_case"]),
        ("func", [], ['"func" is a Go keyword', '"func_job"']),
        ("type", [], ["Go keyword"]),
        ("go", [], ["Go keyword"]),
        ("digest_test", [], ['ends in "_test"', "Go test file"]),
        ("sync_linux", [], ['ends in "_linux"', "only for linux"]),
        ("resize_amd64", [], ['ends in "_amd64"']),
        ("build_windows_arm64", [], ['ends in "_windows_arm64"']),
        ("welcome_email", [], ["job kind of the application itself"]),
        ("clean_expired", [], ["job kind of the application itself"]),
        ("doc", [], ["internal/tasks/doc.go"]),
        ("send_digest", ["send_digest"], ['job "send_digest" already exists']),
        ("send_digest", "resize, send_digest", ["already exists"]),
        ("send_digest_handler", ["send_digest"], ['Go type "SendDigestHandler"', 'job "send_digest"']),
        ("send", ["send_handler"], ['Go type "SendHandler"']),
        ("a" * 64, [], ["64 characters long", "at most 63"]),
    ],
)
def test_job_errors(name, existing, fragments):
    message = job_error(name, existing)
    for fragment in fragments:
        assert fragment in message
    assert message.endswith(".")


def test_linux_alone_is_a_name_not_a_constraint():
    assert job_error("linux") == ""
    assert job_error("test") == ""


def test_job_names():
    assert job_names("sync_api_keys") == {
        "kind": "sync_api_keys",
        "pascal": "SyncAPIKeys",
        "handler": "SyncAPIKeysHandler",
        "words": "sync API keys",
    }


# --- Existing jobs -------------------------------------------------------------------------------


def test_existing_jobs_reads_answers_files_and_the_tasks_package(tmp_path):
    assert existing_jobs(tmp_path) == []
    folder = tmp_path / ".copier" / "jobs"
    folder.mkdir(parents=True)
    (folder / "send_digest.yml").write_text("_commit: v1\ngenerator: job\njob_name: send_digest\n")
    (folder / "odd.yml").write_text("_commit: v1\n")
    (folder / "notes.txt").write_text("job_name: ignored\n")
    tasks = tmp_path / "internal" / "tasks"
    tasks.mkdir(parents=True)
    for name in ("doc.go", "send_digest.go", "send_digest_test.go", "by_hand.go", "helpers_test.go"):
        (tasks / name).write_text("package tasks\n")
    assert existing_jobs(tmp_path) == ["odd", "send_digest", "by_hand"]


@pytest.mark.parametrize(
    ("existing", "names"),
    [(None, []), ((), []), ("", []), ("a, b", ["a", "b"]), ("a b", ["a", "b"]), (["a", " "], ["a"])],
)
def test_job_list(existing, names):
    assert job_list(existing) == names


# --- Jinja and Copier ----------------------------------------------------------------------------


def test_filters_are_registered(tmp_path):
    env = jinja2.Environment(extensions=[AppJobsExtension], undefined=jinja2.StrictUndefined)
    template = env.from_string("{{ name | job_error(dir | existing_jobs) }}|{{ (name | job_names).pascal }}")
    assert template.render(name="send_digest", dir=tmp_path) == "|SendDigest"
    assert template.render(name="func", dir=tmp_path).startswith('name "func" is a Go keyword')


def test_copier_yml_registers_the_extension(copier_config):
    assert "extensions/app_jobs.py:AppJobsExtension" in copier_config["_jinja_extensions"]


def test_loads_outside_the_extensions_package(load_by_path):
    assert load_by_path("app_jobs", "module.job_names('send_digest')['handler']") == "SendDigestHandler"

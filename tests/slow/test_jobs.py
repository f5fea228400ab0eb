"""Slow tier: a background job made with `make job` in a fresh app.

Jobs do not depend on the database driver, so one app (the default driver) is enough: the job is
generated through the app's real Makefile target, registered in internal/app/tasks.go, and the app
builds, vets and passes the job's own tests (which run it through the registered handler); the
job's files are gofmt- and lint-clean. Generating it again, or a job with a bad name, writes
nothing, and `make update` updates the job from its answers file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from apps import REPO, GeneratedApp, edit, generate_app, make_generator, make_update
from procs import clean_env, log, run
from sources import git as template_git
from sources import working_tree_source

pytestmark = pytest.mark.slow

DRIVER = "go-libsql"
LINE = "jobs.Register(kinds, tasks.SendDigestHandler{Log: log}.Handle, jobs.KindConfig{})"
REGISTRY = "internal/app/tasks.go"
JOB_TEMPLATE = "subtemplates/job/template/internal/tasks/{{ job_name }}.go.jinja"


def make_job(app: GeneratedApp, name: str) -> subprocess.CompletedProcess[str]:
    return make_generator(app.path, "job", f"name={name}")


def git(app: GeneratedApp, *args: str) -> str:
    return run(["git", *args], cwd=app.path, env=clean_env(), timeout=60)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree's template, tagged v1.0.0 in a repository of its own, so that the job's
    answers record a commit that `make update` finds again (and a later release can be made)."""
    return working_tree_source(tmp_path_factory.mktemp("jobs-template"), "v1.0.0")


@pytest.fixture(scope="module")
def blog(
    template: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> GeneratedApp:
    app = generate_app(DRIVER, tmp_path_factory.mktemp("jobs"), request, source=template, ref="v1.0.0")
    log("\n==> make job name=send_digest")
    made = make_job(app, "send_digest")
    log(made.stdout + made.stderr)
    assert made.returncode == 0, made.stdout + made.stderr
    git(app, "add", "-A")
    git(app, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-qm", "Send digests")
    return app


def test_the_job_is_recorded_and_registered(blog: GeneratedApp) -> None:
    assert (blog.path / ".copier/jobs/send_digest.yml").is_file()
    for name in ("send_digest.go", "send_digest_test.go"):
        assert (blog.path / "internal/tasks" / name).is_file()
    registry = (blog.path / REGISTRY).read_text()
    assert registry.count(LINE) == 1
    assert '\t"example.com/myapp/internal/tasks"\n' in registry, "goimports added the import"
    assert "unused until" not in registry


def test_the_app_builds_vets_and_passes_the_jobs_tests(blog: GeneratedApp) -> None:
    blog.go("build", "./...")
    blog.go("vet", "./...")
    output = blog.go("test", "-count=1", "-v", "./internal/tasks/...", "./internal/app/...")
    for test in ("TestSendDigestHandler", "TestSendDigestIsRegistered"):
        assert f"--- PASS: {test} " in output
    gofmt = ["gofmt", "-l", "internal/tasks", "internal/app"]
    unformatted = run(gofmt, cwd=blog.path, env=clean_env(), timeout=60)
    assert not unformatted.strip(), unformatted


def test_the_jobs_files_are_lint_clean(blog: GeneratedApp) -> None:
    version = re.search(r"^GOLANGCI_LINT_VERSION \?= (\S+)$", (blog.path / "Makefile").read_text(), re.M)
    assert version, "the Makefile pins golangci-lint"
    lint = f"github.com/golangci/golangci-lint/v2/cmd/golangci-lint@{version.group(1)}"
    # internal/app too, for the registry: it must read as if written by hand once a job is in it.
    blog.go("run", lint, "run", "./internal/tasks/...", "./internal/app/...", timeout=1800)


def test_generating_the_job_again_writes_nothing(blog: GeneratedApp) -> None:
    again = make_job(blog, "send_digest")
    assert again.returncode != 0
    assert 'job "send_digest" already exists' in again.stdout + again.stderr
    # The hook alone, as `copier update` runs it again: registering is idempotent.
    hook = run(
        [sys.executable, str(REPO / "hooks/post_job.py"), "--name=send_digest", "--module=example.com/myapp"],
        cwd=blog.path,
        env=clean_env(TRACKS_STRICT="1"),
        timeout=300,
    )
    assert "already registered" in hook
    assert not git(blog, "status", "--porcelain").strip(), "nothing was written"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "usage: make job name=<snake_case_name>"),
        ("1abc", 'name must be snake_case (lower-case letters, digits and single underscores), got "1abc"'),
        ("send-digest!", "name must be snake_case"),
        ("func", 'name "func" is a Go keyword'),
        ("welcome_email", 'name "welcome_email" is a job kind of the application itself'),
    ],
)
def test_a_bad_name_writes_nothing(blog: GeneratedApp, name: str, message: str) -> None:
    made = make_job(blog, name)
    assert made.returncode != 0
    assert message in made.stdout + made.stderr
    assert not git(blog, "status", "--porcelain").strip(), f"make job name={name!r} wrote something"


def test_make_update_updates_the_job(blog: GeneratedApp, template: Path) -> None:
    """A newer template changes the job's file: `make update` brings it in from the job's answers,
    and registering again on the way adds nothing."""
    edit(template / JOB_TEMPLATE, "// Kind names the job.", "// Kind names the job (changed upstream).")
    template_git(template, "commit", "-q", "-am", "v1.1.0: the job changes")
    template_git(template, "tag", "v1.1.0")

    result = make_update(blog.path)
    assert "==> copier update --answers-file .copier/jobs/send_digest.yml" in result.stdout
    code = (blog.path / "internal/tasks/send_digest.go").read_text()
    assert "// Kind names the job (changed upstream)." in code
    assert "<<<<<<<" not in code
    assert (blog.path / REGISTRY).read_text().count(LINE) == 1
    blog.go("build", "./...")
    blog.go("test", "-count=1", "./internal/tasks/...")

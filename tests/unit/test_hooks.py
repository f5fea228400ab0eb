"""Post-copy steps: .env, the command runner, gofmt, git, and the script's exit status."""

from __future__ import annotations

import io
import re
import shutil
import stat
import sys
from pathlib import Path

import pytest
from plumbum import local

from hooks import post_copy, steps

REPO = Path(__file__).resolve().parents[2]
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
needs_gofmt = pytest.mark.skipif(shutil.which("gofmt") is None, reason="gofmt is not installed")


def env_values(path: Path) -> dict[str, str]:
    lines = path.read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


# --- write_env -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("driver", "url"),
    [
        ("go-libsql", "file:data/app.db"),
        ("sqlite3", "file:data/app.db"),
        ("postgres", "postgres://postgres:postgres@localhost:5432/my_blog_development?sslmode=disable"),
    ],
)
def test_write_env_creates_a_private_file(tmp_path, driver, url):
    result = steps.write_env(tmp_path, driver, "my_blog")

    assert result.status == steps.OK
    env = tmp_path / ".env"
    assert stat.S_IMODE(env.stat().st_mode) == 0o600
    values = env_values(env)
    assert values["DATABASE_URL"] == url
    assert re.fullmatch(r"[0-9a-f]{64}", values["SESSION_KEY"])
    assert values["APP_ENV"] == "development"
    assert values["PORT"] == "8080"
    assert values["BASE_URL"] == "http://localhost:8080"
    assert values["LOG_LEVEL"] == "debug"


EXAMPLE = """\
# Application
APP_ENV=production
HOST=127.0.0.1
PORT=8080
# BASE_URL=https://example.com
# Secret for signing sessions
SESSION_KEY=change-me-to-a-random-secret-of-32-characters-or-more
DATABASE_URL=file:data/app.db
TEST_DATABASE_URL=postgres://localhost/blog_test
# LOG_LEVEL=debug
# LOG_FORMAT=console
"""


def test_write_env_starts_from_the_example(tmp_path):
    (tmp_path / ".env.example").write_text(EXAMPLE)

    steps.write_env(tmp_path, "postgres", "blog")

    text = (tmp_path / ".env").read_text()
    values = env_values(tmp_path / ".env")
    assert values["APP_ENV"] == "development"
    assert values["HOST"] == "127.0.0.1"  # keys the hook does not set are kept
    assert values["TEST_DATABASE_URL"] == "postgres://localhost/blog_test"
    assert values["BASE_URL"] == "http://localhost:8080"  # commented out in the example: switched on
    assert values["LOG_LEVEL"] == "debug"
    assert values["DATABASE_URL"].endswith("/blog_development?sslmode=disable")
    assert re.fullmatch(r"[0-9a-f]{64}", values["SESSION_KEY"])
    assert "# Secret for signing sessions" in text  # documentation is kept
    assert "# LOG_FORMAT=console" in text
    assert "change-me" not in text


def test_env_file_appends_settings_the_example_lacks():
    text = steps.env_file("# header\nPORT=1\n", {"PORT": "8080", "SESSION_KEY": "k"})
    assert text == "# header\nPORT=8080\nSESSION_KEY=k\n"


def test_env_file_prefers_an_active_line_to_a_comment():
    text = steps.env_file("# PORT=3000\nPORT=1\n", {"PORT": "8080"})
    assert text == "# PORT=3000\nPORT=8080\n"


@pytest.mark.parametrize("app", ["my-blog", "My Blog", "my_blog"])
def test_postgres_database_name_is_snake_case(app):
    assert steps.database_url("postgres", app).endswith("/my_blog_development?sslmode=disable")


def test_write_env_never_overwrites(tmp_path):
    env = tmp_path / ".env"
    env.write_text("SESSION_KEY=mine\n")

    result = steps.write_env(tmp_path, "sqlite3", "blog")

    assert result.status == steps.SKIPPED
    assert env.read_text() == "SESSION_KEY=mine\n"


def test_each_copy_gets_its_own_session_key(tmp_path):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    steps.write_env(first, "go-libsql", "blog")
    steps.write_env(second, "go-libsql", "blog")
    assert env_values(first / ".env")["SESSION_KEY"] != env_values(second / ".env")["SESSION_KEY"]


# --- run -----------------------------------------------------------------------------------------


def test_run_success(tmp_path):
    assert steps.run(["true"], tmp_path) == steps.Result(steps.OK)


def test_run_failure_keeps_the_tail_of_stderr(tmp_path):
    script = "for i in $(seq 1 100); do echo line$i >&2; done; exit 3"
    result = steps.run(["sh", "-c", script], tmp_path)

    assert result.status == steps.FAILED
    assert "status 3" in result.detail
    lines = result.output.splitlines()
    assert len(lines) == steps.TAIL_LINES
    assert lines[0] == "line61"
    assert lines[-1] == "line100"


def test_run_uses_the_project_directory(tmp_path):
    steps.run(["sh", "-c", "pwd > here"], tmp_path)
    assert Path((tmp_path / "here").read_text().strip()).resolve() == tmp_path.resolve()


def test_missing_tool_is_a_result_not_an_exception(tmp_path, no_tools):
    result = steps.run(["npm", "ci"], tmp_path)
    assert result.status == steps.MISSING
    assert result.tool == "npm"
    assert result.problem


# --- run_steps -----------------------------------------------------------------------------------


def test_run_steps_reports_progress_and_install_advice(tmp_path, no_tools):
    out = io.StringIO()
    plan = [
        steps.Step("npm ci", lambda: steps.run(["npm", "ci"], tmp_path)),
        steps.Step("npm run build", lambda: steps.run(["npm", "run", "build"], tmp_path)),
        steps.Step("write .env", lambda: steps.write_env(tmp_path, "sqlite3", "blog")),
    ]

    advice = steps.run_steps(plan, tmp_path, out)

    text = out.getvalue()
    assert [line for line in text.splitlines() if re.match(r"tracks: \[\d/3\]", line)] == [
        "tracks: [1/3] npm ci",
        "tracks: [2/3] npm run build",
        "tracks: [3/3] write .env",
    ]
    assert (
        f"tracks: 'npm' was not found on PATH; install Node.js 20+ (https://nodejs.org) and then "
        f"run 'make setup' in {tmp_path.resolve()} to finish" in text
    )
    assert text.count("install Node.js") == 1  # told once, then "see above"
    assert len(advice) == 1
    assert (tmp_path / ".env").is_file()  # steps that need no missing tool still ran


def test_run_steps_shows_a_failure_and_skips_dependent_steps(tmp_path):
    out = io.StringIO()
    plan = [
        steps.Step("prepare", lambda: steps.run(["sh", "-c", "echo broken >&2; exit 1"], tmp_path)),
        steps.Step("generate", lambda: steps.run(["true"], tmp_path), needs="prepare"),
        steps.Step("format", lambda: steps.run(["true"], tmp_path)),
    ]

    advice = steps.run_steps(plan, tmp_path, out)

    text = out.getvalue()
    assert "failed: 'sh -c echo broken >&2; exit 1' exited with status 1" in text
    assert "    broken" in text
    assert "skipped: needs 'prepare', which failed" in text
    assert "fix the problem above and then run 'make setup'" in text
    assert len(advice) == 1


def test_run_steps_survives_a_crashing_step(tmp_path):
    def crash() -> steps.Result:
        raise OSError("disk full")

    out = io.StringIO()
    advice = steps.run_steps([steps.Step("crash", crash)], tmp_path, out)
    assert "failed: OSError: disk full" in out.getvalue()
    assert len(advice) == 1


# --- gofmt, assets, git --------------------------------------------------------------------------


@needs_gofmt
def test_gofmt_fixes_a_badly_formatted_file(tmp_path):
    (tmp_path / "go.mod").write_text("module example.com/x\n\ngo 1.25\n")
    (tmp_path / "main.go").write_text('package main\nimport "fmt"\nfunc main(){\nfmt.Println( 1 )}\n')
    (tmp_path / "ok.go").write_text("package main\n")

    result = steps.gofmt(tmp_path)

    assert result == steps.Result(steps.OK, "reformatted 1 file")
    assert (tmp_path / "main.go").read_text() == (
        'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println(1)\n}\n'
    )
    assert steps.gofmt(tmp_path).detail == "all Go files already formatted"


@needs_gofmt
def test_gofmt_reports_a_file_that_does_not_parse(tmp_path):
    (tmp_path / "broken.go").write_text("package main\nfunc {\n")
    result = steps.gofmt(tmp_path)
    assert result.status == steps.FAILED
    assert "broken.go" in result.output


def test_assets_are_skipped_without_package_json(tmp_path):
    assert steps.build_assets(tmp_path).status == steps.SKIPPED


def test_sqlc_is_skipped_without_config(tmp_path):
    assert steps.sqlc_generate(tmp_path).status == steps.SKIPPED


@needs_git
@pytest.mark.parametrize("gitignore", [None, ".env\n"], ids=["no-gitignore", "env-ignored"])
def test_git_creates_a_repository_with_one_commit(tmp_path, gitignore):
    (tmp_path / "main.go").write_text("package main\n")
    (tmp_path / ".env").write_text("SESSION_KEY=secret\n")
    if gitignore:
        (tmp_path / ".gitignore").write_text(gitignore)

    result = steps.init_git(tmp_path, enabled=True)

    assert result.status == steps.OK, result
    git = local["git"]["-C", str(tmp_path)]
    assert git("rev-list", "--count", "HEAD").strip() == "1"
    assert git("log", "-1", "--format=%s").strip() == steps.COMMIT_MESSAGE
    assert git("branch", "--show-current").strip() == "main"
    assert ".env" not in git("ls-files").split()
    assert "main.go" in git("ls-files").split()


@needs_git
def test_git_commits_without_a_configured_identity(tmp_path, git_without_identity):
    (tmp_path / "README.md").write_text("hi\n")

    result = steps.init_git(tmp_path, enabled=True)

    assert result.status == steps.OK, result
    author = local["git"]("-C", str(tmp_path), "log", "-1", "--format=%an <%ae>").strip()
    assert author == "Tracks <tracks@localhost>"


@needs_git
def test_git_keeps_an_existing_repository(tmp_path):
    (tmp_path / ".git").mkdir()
    assert steps.init_git(tmp_path, enabled=True).status == steps.SKIPPED


def test_git_can_be_turned_off(tmp_path):
    assert steps.init_git(tmp_path, enabled=False) == steps.Result(steps.SKIPPED, "init_git is false")


# --- post_copy.main ------------------------------------------------------------------------------

ARGS = ["--driver=postgres", "--init-git=true", "--app=my_blog"]


def test_problems_do_not_fail_the_copy(tmp_path, no_tools, run_main):
    code, text = run_main(post_copy.main, ARGS, tmp_path)
    assert code == 0
    assert "tracks: [1/8] write .env" in text
    assert "tracks: [8/8] git init and first commit" in text
    assert re.search(r"tracks: finished with 3 problems in [\d.]+s; run 'make setup' in ", text)
    assert "my_blog_development" in (tmp_path / ".env").read_text()


def test_strict_mode_exits_1_after_attempting_every_step(tmp_path, no_tools, run_main):
    code, output = run_main(post_copy.main, ARGS, tmp_path, TRACKS_STRICT="1")
    assert code == 1
    assert "tracks: [8/8]" in output


def test_skip_hooks_does_nothing(tmp_path, run_main):
    code, output = run_main(post_copy.main, ARGS, tmp_path, TRACKS_SKIP_HOOKS="1")
    assert code == 0
    assert output == "tracks: TRACKS_SKIP_HOOKS is set; skipping the post-copy steps\n"
    assert not (tmp_path / ".env").exists()


def test_unknown_arguments_are_ignored(tmp_path, no_tools, run_main):
    code, output = run_main(post_copy.main, ["--driver=sqlite3", "--future=1"], tmp_path)
    assert code == 0
    assert "ignoring unknown arguments: --future=1" in output


def test_script_runs_from_any_directory(tmp_path, no_tools):
    # As Copier runs it: by path, with the new project as the working directory.
    python = local[sys.executable][str(REPO / "hooks" / "post_copy.py"), *ARGS].with_cwd(str(tmp_path))
    with local.env(TRACKS_STRICT="1"):
        code, stdout, stderr = python.run(retcode=None)
    assert code == 1, stderr
    assert "tracks: [1/8] write .env" in stdout
    assert (tmp_path / ".env").is_file()
    with local.env(TRACKS_STRICT="0"):
        assert python.run(retcode=None)[0] == 0

"""The `tracks` command: argument parsing, the answers it gives Copier, doctor's checks."""

from __future__ import annotations

import json
import os
import re
import socket
from pathlib import Path

import pytest

import copier
from tracks import cli, doctor, generate
from tracks.app import find_app, read_env
from tracks.source import Template, from_direct_url

REPO = Path(__file__).resolve().parents[2]

APP_ANSWERS = "_commit: abc1234\n_src_path: /templates/tracks\ngenerator: app\ndb_driver: {driver}\n"


def make_app(root: Path, driver: str = "go-libsql", env: str = "") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / ".copier-answers.yml").write_text(APP_ANSWERS.format(driver=driver))
    (root / ".env").write_text(env)
    return root


# --- answers -----------------------------------------------------------------


def test_new_answers_name_the_app_after_its_directory(tmp_path):
    assert generate.new_answers(tmp_path / "blog") == {"generator": "app", "app_name": "blog"}


def test_new_answers_carry_every_option():
    data = generate.new_answers(
        Path("blog"), db="postgres", module="github.com/acme/blog", oauth="github, google", no_git=True
    )
    assert data == {
        "generator": "app",
        "app_name": "blog",
        "db_driver": "postgres",
        "module_path": "github.com/acme/blog",
        "oauth_providers": ["github", "google"],
        "init_git": False,
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"db": "mysql"}, "unknown database driver 'mysql'; choose from go-libsql, sqlite3, postgres"),
        ({"oauth": "github,twitter"}, "unknown OAuth provider 'twitter'; choose from github, google"),
        ({"queue": "kafka"}, "unknown job queue 'kafka'; choose from database, sqs, pubsub"),
        ({"sms": "carrier_pigeon"}, "unknown SMS provider 'carrier_pigeon'; choose from sns, twilio"),
    ],
    ids=["driver", "oauth", "queue", "sms"],
)
def test_new_answers_reject_unknown_choices(kwargs, message):
    with pytest.raises(generate.BadArgument, match=message):
        generate.new_answers(Path("blog"), **kwargs)


def test_new_answers_lists():
    data = generate.new_answers(Path("blog"), queue="database,sqs", sms="twilio")
    assert (data["queue_providers"], data["sms_providers"]) == (["database", "sqs"], ["twilio"])


@pytest.mark.parametrize(
    ("question", "constant"),
    [
        ("db_driver", generate.DRIVERS),
        ("oauth_providers", generate.OAUTH_PROVIDERS),
        ("queue_providers", generate.QUEUE_PROVIDERS),
        ("sms_providers", generate.SMS_PROVIDERS),
    ],
)
def test_option_choices_are_copier_ymls(question, constant, copier_config):
    spec = copier_config[question]["choices"]
    assert list(constant) == (list(spec.values()) if isinstance(spec, dict) else list(spec))


def test_resource_answers_join_rails_style_fields():
    data = generate.resource_answers(
        "post", ["title:string:required", "author:references:users"], owned=False
    )
    assert data == {
        "generator": "resource",
        "name": "post",
        "fields": "title:string:required author:references:users",
        "owned": False,
    }


def test_resource_answers_need_a_field():
    with pytest.raises(generate.BadArgument, match="at least one field"):
        generate.resource_answers("post", [])


def test_job_and_migration_answers():
    assert generate.job_answers("send_digest") == {"generator": "job", "job_name": "send_digest"}
    assert generate.page_answers("pricing") == {"generator": "page", "page_name": "pricing"}
    assert generate.mailer_answers("weekly_digest") == {"generator": "mailer", "mailer_name": "weekly_digest"}
    assert generate.page_answers("faq", "/help/faq", nav=True) == {
        "generator": "page",
        "page_name": "faq",
        "page_path": "/help/faq",
        "page_nav": True,
    }
    assert generate.migration_answers("add_x") == {"generator": "migration", "migration_name": "add_x"}


def test_parse_actions_reads_copiers_coloured_listing():
    output = (
        "Copying from template version 1.0\n"
        "\x1b[32m\x1b[1m    create\x1b[39m\x1b[0m  internal/posts/post.go\n"
        " > Running task 2 of 3: [...]\n"
        "  conflict  internal/app/posts.go\n"
    )
    assert generate.parse_actions(output) == [
        ("create", "internal/posts/post.go"),
        ("conflict", "internal/app/posts.go"),
    ]


def test_plan_lines_and_json():
    plan = generate.Plan(write=[("create", "a.go")], edit=["internal/app/resources.go"])
    assert plan.lines() == ["   create  a.go", "     edit  internal/app/resources.go"]
    assert plan.as_json() == {
        "files": [{"action": "create", "path": "a.go"}],
        "edits": ["internal/app/resources.go"],
    }


# --- where the template is -----------------------------------------------------


@pytest.mark.parametrize(
    ("direct_url", "expected"),
    [
        (
            {"url": "https://example.com/tracks.git", "vcs_info": {"vcs": "git", "commit_id": "f00"}},
            Template("git+https://example.com/tracks.git", "f00"),
        ),
        ({"url": "file:///src/tracks", "dir_info": {}}, Template("/src/tracks", "b17")),
        ({"url": "file:///src/tracks", "dir_info": {"editable": True}}, Template("/src/tracks", "HEAD")),
        ({"url": "https://example.com/tracks-0.1.tar.gz", "archive_info": {}}, None),
        (None, None),
    ],
    ids=["git-url", "checkout", "editable", "archive", "none"],
)
def test_from_direct_url(direct_url, expected):
    assert from_direct_url(direct_url, "b17") == expected


# --- the app ----------------------------------------------------------------------


def test_find_app_from_a_subdirectory(tmp_path):
    root = make_app(tmp_path / "blog")
    (root / "internal" / "posts").mkdir(parents=True)
    app = find_app(root / "internal" / "posts")
    assert app is not None and app.root == root.resolve()
    assert app.template == Template("/templates/tracks", "abc1234")
    assert app.db_driver == "go-libsql"


def test_find_app_ignores_other_answers_files(tmp_path):
    (tmp_path / ".copier-answers.yml").write_text("_src_path: x\ngenerator: resource\n")
    assert find_app(tmp_path) is None


def test_read_env(tmp_path):
    (tmp_path / ".env").write_text("# comment\nPORT=9090\nDATABASE_URL='file:data/app.db'\nnonsense\n")
    assert read_env(tmp_path) == {"PORT": "9090", "DATABASE_URL": "file:data/app.db"}


def test_make_command_passes_the_copier_beside_python(tmp_path):
    app = find_app(make_app(tmp_path / "blog"))
    cmd = cli.make_command(app, "update", "TRACKS_VERSION=v1")
    assert cmd[:4] == ["make", "-C", str(app.root), "update"]
    assert cmd[4].startswith("COPIER=") and cmd[4].endswith("copier")
    assert cmd[5] == "TRACKS_VERSION=v1"


# --- command line --------------------------------------------------------------------


def run_tracks(*argv: str) -> int:
    _, code = cli.Tracks.run(["tracks", *argv], exit=False)
    return code


@pytest.mark.parametrize(
    "argv",
    [
        ["generate", "resource", "post", "title:string"],
        ["generate", "job", "send_digest", "--dry-run"],
        ["generate", "migration", "add_x"],
        ["db", "migrate"],
        ["db", "create", "add_x"],
        ["update"],
        ["test"],
    ],
    ids=lambda argv: "-".join(argv[:2]),
)
def test_app_commands_refuse_outside_an_app(argv, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert run_tracks(*argv) == 1
    assert "is not inside a Tracks app" in capsys.readouterr().err


def test_json_needs_dry_run(capsys):
    assert run_tracks("generate", "job", "send_digest", "--json") != 0
    captured = capsys.readouterr()
    assert "Given --json, the following are missing ['dry-run']" in captured.out + captured.err


def test_new_refuses_a_non_empty_directory(tmp_path, capsys):
    (tmp_path / "blog").mkdir()
    (tmp_path / "blog" / "notes.txt").write_text("mine")
    assert run_tracks("new", str(tmp_path / "blog"), "--defaults") == 1
    assert "exists and is not empty" in capsys.readouterr().err


def test_new_refuses_inside_an_app(tmp_path, capsys):
    root = make_app(tmp_path / "blog")
    assert run_tracks("new", str(root / "other"), "--defaults") == 1
    assert "inside a Tracks app" in capsys.readouterr().err


def test_new_reports_unknown_oauth_provider(tmp_path, capsys):
    assert run_tracks("new", str(tmp_path / "blog"), "--oauth", "twitter", "--defaults") == 1
    assert "unknown OAuth provider 'twitter'" in capsys.readouterr().err
    assert not (tmp_path / "blog").exists()


@pytest.fixture(scope="module")
def rendered_app(tmp_path_factory) -> Path:
    """An app rendered without its tasks (no Go needed): enough for the generators' dry runs."""
    dst = tmp_path_factory.mktemp("app") / "blog"
    copier.run_copy(
        str(REPO), str(dst), defaults=True, vcs_ref="HEAD", unsafe=True, skip_tasks=True, quiet=True
    )
    # A render of uncommitted changes records a commit that exists only in Copier's scratch copy.
    answers = dst / ".copier-answers.yml"
    answers.write_text(re.sub(r"(?m)^_commit: .*$", "_commit: HEAD", answers.read_text()))
    return dst


def test_dry_run_lists_files_and_writes_none(rendered_app, monkeypatch, capsys):
    monkeypatch.chdir(rendered_app)
    before = sorted(p.relative_to(rendered_app) for p in rendered_app.rglob("*"))
    assert run_tracks("generate", "resource", "post", "title:string", "body:text", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "create  internal/posts/post.go" in out
    assert "edit  internal/app/resources.go" in out
    assert sorted(p.relative_to(rendered_app) for p in rendered_app.rglob("*")) == before


def test_generate_shows_the_validators_message(rendered_app, monkeypatch, capsys):
    monkeypatch.chdir(rendered_app)
    assert run_tracks("generate", "resource", "post", "title:strin", "--dry-run") == 1
    err = capsys.readouterr().err
    assert 'error: Validation error for question \'fields\': "title:strin": unknown type "strin"' in err


# --- doctor ---------------------------------------------------------------------------


def fake_which(*present: str):
    return lambda name: f"/usr/bin/{name}" if name in present else None


def fake_run(outputs: dict[str, str]):
    return lambda cmd: outputs[cmd[0]]


@pytest.mark.parametrize(
    ("present", "goversion", "ok", "detail"),
    [
        ((), "", False, "not found on PATH"),
        (("go",), "go1.24.3", False, "go1.24.3 is older than 1.26"),
        (("go",), "go1.26.1", True, "go1.26.1"),
    ],
    ids=["missing", "old", "ok"],
)
def test_check_go(present, goversion, ok, detail):
    check = doctor.check_go(fake_which(*present), fake_run({"go": goversion}))
    assert (check.ok, check.detail) == (ok, detail)
    assert ok or "https://go.dev/dl/" in check.fix


def test_check_tool_names_the_fix():
    check = doctor.check_tool("npm", fake_which(), fake_run({}), ["--version"], "install Node.js", "assets")
    assert not check.ok and check.detail == "not found on PATH (assets)" and check.fix == "install Node.js"


def test_check_port_in_use():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        check = doctor.check_port(sock.getsockname()[1])
    assert not check.ok and "lsof -i" in check.fix


def test_check_database_postgres_unreachable(tmp_path):
    def refuse(host, port):
        raise ConnectionRefusedError("connection refused")

    check = doctor.check_database("postgres://u:p@db.local:6543/app", tmp_path, connect=refuse)
    assert not check.ok and "db.local:6543" in check.detail and "DATABASE_URL" in check.fix


def test_check_database_sqlite_file(tmp_path):
    assert doctor.check_database("file:data/app.db", tmp_path).ok


def test_run_checks_in_a_postgres_app_skips_gcc_and_checks_the_database(tmp_path):
    app = find_app(make_app(tmp_path / "blog", "postgres", "PORT=0\nDATABASE_URL=\n"))
    checks = doctor.run_checks(
        app, fake_which("go", "npm", "git"), fake_run({"go": "go1.26.0", "npm": "10", "git": "2"})
    )
    names = [check.name for check in checks]
    assert "gcc" not in names and "database" in names
    assert [check.fix for check in checks if not check.ok] == ["set DATABASE_URL in .env (see .env.example)"]


def test_doctor_exits_1_on_a_problem(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(doctor.shutil, "which", fake_which())
    monkeypatch.setattr(
        doctor, "run_checks", lambda app: [doctor.Check("go", False, "not found", "install Go")]
    )
    assert run_tracks("doctor", "--json") == 1
    assert '"fix": "install Go"' in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["update", "--version", "v1.2.0"], ("update", "TRACKS_VERSION=v1.2.0")),
        (["update"], ("update",)),
        (["db", "status"], ("db-status",)),
        (["routes"], ("routes",)),
        (["db", "rollback"], ("db-rollback",)),
        (["db", "seed"], ("db-seed",)),
        (["db", "reset"], ("db-reset",)),
        (["build"], ("build",)),
    ],
    ids=lambda value: "-".join(value) if isinstance(value, list) else None,
)
def test_delegating_commands_run_the_apps_make_target(argv, expected, monkeypatch):
    calls = []
    monkeypatch.setattr(cli, "run_make", lambda *args: calls.append(args) or 0)
    assert run_tracks(*argv) == 0
    assert calls == [expected]


def test_doctor_summary():
    ok, bad = doctor.Check("go", True, "go1.26"), doctor.Check("npm", False, "missing", "install Node.js")
    assert doctor.summary([ok]) == "Everything is in place."
    assert doctor.summary([ok, bad, bad]).startswith("2 problems: ")
    assert bad.line() == "FAIL  npm: missing\n      fix: install Node.js"


def test_db_rollback_steps(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(cli, "run_make", lambda *args: calls.append(args) or 0)
    assert run_tracks("db", "rollback", "3") == 0
    assert calls == [("db-rollback",)] * 3
    assert run_tracks("db", "rollback", "zero") == 1
    assert "STEPS must be a positive number, got 'zero'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "server_args"),
    [(["routes", "--json"], "routes --json"), (["db", "status", "--json"], "migrate status --json")],
    ids=["routes", "db-status"],
)
def test_json_commands_prepare_the_app_then_print_the_servers_json_alone(
    argv, server_args, tmp_path, monkeypatch, capfd
):
    app = make_app(tmp_path / "blog")
    (app / "Makefile").write_text("prepare:\n\t@echo 'templ: generated 12 files'\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    go = bin_dir / "go"
    go.write_text('#!/bin/sh\nprintf \'{"args": "%s", "cwd": "%s"}\\n\' "$*" "$PWD"\n')
    go.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    monkeypatch.chdir(app)

    assert run_tracks(*argv) == 0
    out, err = capfd.readouterr()
    assert json.loads(out) == {"args": f"run ./cmd/server {server_args}", "cwd": str(app)}
    assert "templ: generated 12 files" in err


def test_json_commands_ask_an_older_app_to_update_first(tmp_path, monkeypatch, capsys):
    app = make_app(tmp_path / "blog")
    (app / "Makefile").write_text("db-status:\n\t@true\n")
    monkeypatch.chdir(app)
    assert run_tracks("routes", "--json") == 1
    assert "run `tracks update`" in capsys.readouterr().err


def test_dev_runs_make_dev_and_keeps_its_log_for_the_dashboard(tmp_path, monkeypatch, capfd):
    app = make_app(tmp_path / "blog")
    (app / "Makefile").write_text("dev:\n\t@echo 'server: listening on :8080'\n\t@echo 'GET / 200' >&2\n")
    monkeypatch.chdir(app)
    assert run_tracks("dev") == 0
    assert "server: listening on :8080" in capfd.readouterr().out
    logged = (app / "tmp/dev.log").read_text().splitlines()
    assert [line for line in logged if not line.startswith("make")] == [
        "server: listening on :8080",
        "GET / 200",
    ]


def test_destroy_renders_the_destroy_generator_in_the_app(tmp_path, monkeypatch):
    app = make_app(tmp_path / "blog")
    calls = []
    monkeypatch.setattr(generate, "render", lambda template, dst, data, defaults: calls.append((dst, data)))
    monkeypatch.chdir(app)
    assert run_tracks("destroy", "resource", "post") == 0
    assert calls == [(app, {"generator": "destroy", "destroy_name": "post"})]


def test_destroy_says_why_it_refuses(tmp_path, monkeypatch, capsys):
    app = make_app(tmp_path / "blog")

    def refuse(*args, **kwargs):
        raise ValueError("Validation error for question 'destroy_name': no resource \"tag\" in this app")

    monkeypatch.setattr(generate, "render", refuse)
    monkeypatch.chdir(app)
    assert run_tracks("destroy", "resource", "tag") == 1
    assert 'no resource "tag" in this app' in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert run_tracks("destroy", "resource", "tag") == 1
    assert "is not inside a Tracks app" in capsys.readouterr().err

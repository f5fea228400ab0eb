"""Fast tier: render the app template for every answer set and inspect the files (no Go build)."""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import tomllib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2
import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "template"
SUFFIX = ".jinja"

# What go.mod must require for each db_driver answer, and only for that one: go-libsql and
# mattn/go-sqlite3 both embed SQLite and cannot be linked into one binary.
DRIVER_MODULES = {
    "go-libsql": "github.com/tursodatabase/go-libsql",
    "sqlite3": "github.com/mattn/go-sqlite3",
    "postgres": "github.com/jackc/pgx/v5",
}

# Jinja left in a rendered file. `${{ ... }}` (GitHub Actions) and `${#var}` (shell) are
# legitimate output, hence the look-behinds.
LEFTOVER_JINJA = re.compile(r"(?<!\$)\{\{|(?<!\$)\{%|(?<!\$)\{#|%\}")


def text_files(root: Path) -> Iterator[tuple[PurePosixPath, str]]:
    """Every UTF-8 text file below root (relative path, content); binary files are skipped."""
    for path in sorted(root.rglob("*")):
        rel = PurePosixPath(path.relative_to(root).as_posix())
        if ".git" in rel.parts or not path.is_file():
            continue
        data = path.read_bytes()
        if b"\0" in data:
            continue
        try:
            yield rel, data.decode("utf-8")
        except UnicodeDecodeError:
            continue


def delimiter_allowlist() -> list[str]:
    """pyproject's verbatim-file allowlist, as globs on rendered paths (without `template/`)."""
    with (REPO / "pyproject.toml").open("rb") as f:
        allow = tomllib.load(f).get("tool", {}).get("tracks", {}).get("jinja-delimiters", {}).get("allow", [])
    return [p.removeprefix("template/") for p in allow if p.startswith("template/")]


def answers(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / ".copier-answers.yml").read_text())


def assert_no_leftover_jinja(project: Path) -> None:
    allow = delimiter_allowlist()
    leftovers = [
        f"{rel}:{content.count(chr(10), 0, m.start()) + 1}: {m.group()!r}"
        for rel, content in text_files(project)
        if not any(fnmatch.fnmatchcase(str(rel), pattern) for pattern in allow)
        for m in LEFTOVER_JINJA.finditer(content)
    ]
    assert not leftovers, "Jinja delimiters left in the rendered app:\n" + "\n".join(leftovers)


def assert_gofmt_clean(project: Path) -> None:
    gofmt = shutil.which("gofmt")
    if gofmt is None:
        pytest.skip("gofmt is not on PATH")
    result = subprocess.run([gofmt, "-l", "."], cwd=project, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    unformatted = [line for line in result.stdout.splitlines() if not line.endswith("_templ.go")]
    assert not unformatted, "gofmt -l lists:\n" + "\n".join(unformatted)


@pytest.fixture(scope="module")
def project(render, db_driver: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app rendered with default answers and the given driver (once per driver)."""
    return render(tmp_path_factory.mktemp(f"render-{db_driver}") / "myapp", db_driver=db_driver)


def test_renders(project: Path) -> None:
    assert (project / "go.mod").is_file()


def test_answers_file_records_answers_and_template_version(project: Path, db_driver: str) -> None:
    recorded = answers(project)
    assert recorded["db_driver"] == db_driver
    assert recorded["module_path"] == "example.com/myapp"
    # Both are required by `copier update`.
    assert recorded["_commit"]
    assert recorded["_src_path"]


def test_no_leftover_jinja_delimiters(project: Path) -> None:
    assert_no_leftover_jinja(project)


def test_no_braces_in_file_names(project: Path) -> None:
    bad = [str(p.relative_to(project)) for p in project.rglob("*") if "{" in p.name or "}" in p.name]
    assert not bad, f"unrendered Jinja in file names: {bad}"


def test_gofmt_clean(project: Path) -> None:
    assert_gofmt_clean(project)


def test_go_mod_requires_only_the_chosen_driver(project: Path, db_driver: str) -> None:
    go_mod = (project / "go.mod").read_text()
    required = {
        driver for driver, module in DRIVER_MODULES.items() if re.search(rf"^\s*{module} ", go_mod, re.M)
    }
    assert required == {db_driver}


def _driver_conditional_templates() -> list[PurePosixPath]:
    """Template files whose path depends on db_driver."""
    return sorted(
        PurePosixPath(p.relative_to(TEMPLATE).as_posix())
        for p in TEMPLATE.rglob("*")
        if p.is_file() and "db_driver" in str(p.relative_to(TEMPLATE))
    )


def _rendered_path(template_rel: PurePosixPath, context: dict[str, Any]) -> PurePosixPath | None:
    """Where Copier puts a template file for these answers; None when a path segment renders empty."""
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    parts = []
    for part in template_rel.parts:
        rendered = env.from_string(part).render(context)
        if not rendered or rendered == SUFFIX:
            return None
        parts.append(rendered)
    if template_rel.name.endswith(SUFFIX):
        parts[-1] = parts[-1].removesuffix(SUFFIX)
    return PurePosixPath(*parts)


def test_driver_specific_files(project: Path, db_driver: str, copier_config: dict[str, Any]) -> None:
    conditional = _driver_conditional_templates()
    assert conditional, "expected template files named with a db_driver condition (e.g. in internal/db/)"
    spec = copier_config["db_driver"]["choices"]
    drivers = list(spec.values()) if isinstance(spec, dict) else list(spec)
    for template_rel in conditional:
        mine = _rendered_path(template_rel, {"db_driver": db_driver})
        if mine is not None:
            assert (project / mine).is_file(), f"{template_rel} should render to {mine} for {db_driver}"
        for other in drivers:
            theirs = _rendered_path(template_rel, {"db_driver": other})
            if theirs is not None and theirs != mine:
                assert not (project / theirs).exists(), f"{theirs} belongs to {other}, not {db_driver}"


def test_no_docs_directory(project: Path) -> None:
    assert not (project / "docs").exists()


def test_env_file_is_left_to_the_hook(project: Path) -> None:
    # The post-copy task writes .env with generated secrets; a rendered .env would hold fixed ones.
    assert not (project / ".env").exists()


@pytest.fixture(scope="module")
def custom_project(render, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(
        tmp_path_factory.mktemp("render-custom") / "blog",
        app_name="My Blog App",
        module_path="github.com/AcmeCorp/my-blog",
        db_driver="postgres",
        init_git=False,
        oauth_providers=["github", "google"],
        queue_providers=["database", "sqs", "pubsub"],
        email_providers=["smtp", "ses", "sendgrid"],
        sms_providers=["sns", "twilio"],
    )


def test_custom_answers_render(custom_project: Path) -> None:
    go_mod = (custom_project / "go.mod").read_text()
    assert go_mod.splitlines()[0] == "module github.com/AcmeCorp/my-blog"
    recorded = answers(custom_project)
    assert recorded["app_name"] == "My Blog App"
    assert recorded["module_path"] == "github.com/AcmeCorp/my-blog"
    assert recorded["init_git"] is False
    assert_no_leftover_jinja(custom_project)
    assert_gofmt_clean(custom_project)


OAUTH_FILES = ("internal/auth/oauth.go", "internal/http/handlers/oauth.go")


def test_oauth_is_compiled_in_only_when_chosen(project: Path, custom_project: Path) -> None:
    assert "oauth_providers" in answers(project) and answers(project)["oauth_providers"] == []
    for rel in OAUTH_FILES:
        assert not (project / rel).exists(), f"{rel} without an OAuth provider"
        assert (custom_project / rel).is_file(), f"{rel} missing with GitHub and Google chosen"
    assert "golang.org/x/oauth2" not in (project / "go.mod").read_text()
    assert "golang.org/x/oauth2 " in (custom_project / "go.mod").read_text()
    oauth_go = (custom_project / "internal/auth/oauth.go").read_text()
    assert "func GitHub(" in oauth_go and "func Google(" in oauth_go


OAUTH_SETTINGS_FILES = (".env.example", "internal/config/settings.go", "internal/config/config.go")


def test_oauth_settings_exist_only_when_chosen(project: Path, custom_project: Path) -> None:
    for rel in OAUTH_SETTINGS_FILES:
        text = (project / rel).read_text()
        assert "GITHUB_" not in text and "GOOGLE_" not in text and "OAuthClient" not in text, rel
        chosen = (custom_project / rel).read_text()
        assert "GITHUB_CLIENT_ID" in chosen or "GitHub " in chosen, rel
        assert "GOOGLE_CLIENT_ID" in chosen or "Google " in chosen, rel


def test_single_oauth_provider(render, tmp_path_factory: pytest.TempPathFactory) -> None:
    project = render(tmp_path_factory.mktemp("render-github") / "app", oauth_providers=["github"])
    oauth_go = (project / "internal/auth/oauth.go").read_text()
    assert "func GitHub(" in oauth_go
    assert "Google" not in oauth_go
    for rel in OAUTH_SETTINGS_FILES:
        text = (project / rel).read_text()
        assert "GITHUB_CLIENT_ID" in text or "GitHub " in text, rel
        assert "GOOGLE_" not in text and "Google " not in text, rel
    assert (project / "internal/http/oauth_test.go").is_file()
    assert_no_leftover_jinja(project)
    assert_gofmt_clean(project)


def test_custom_module_path_is_used_in_imports(custom_project: Path) -> None:
    go_files = list(custom_project.rglob("*.go"))
    imports_app = [p for p in go_files if '"github.com/AcmeCorp/my-blog/' in p.read_text()]
    assert imports_app, "no Go file imports the app's own packages by its module path"
    # The module path a default answer set would have produced for this app name.
    stale = [
        str(p.relative_to(custom_project)) for p in go_files if "example.com/my-blog-app" in p.read_text()
    ]
    assert not stale, f"default module path left in: {stale}"


@pytest.mark.parametrize(
    ("line", "leftover"),
    [
        ("module {{ module_path }}", True),
        ("{% if x %}", True),
        ("{# note #}", True),
        ("x %}", True),
        ("group: ${{ github.workflow }}", False),
        ('n="${#args[@]}"', False),
        ("templ Home() { <p>{ title }</p> }", False),
    ],
)
def test_leftover_pattern(line: str, leftover: bool) -> None:
    assert bool(LEFTOVER_JINJA.search(line)) is leftover


def test_app_owned_files_exist(project: Path, copier_config: dict[str, Any]) -> None:
    """Every app-owned path (_skip_if_exists) names a file the app template renders, except .env,
    which the post-copy task writes."""
    owned = [p for p in copier_config["_skip_if_exists"] if p != ".env"]
    missing = [p for p in owned if not (project / p).is_file()]
    assert not missing, f"_skip_if_exists names files the template does not render: {missing}"


SQS_FILES = ("internal/jobs/sqs.go", "internal/jobs/sqs_test.go")


def test_sqs_is_compiled_in_only_when_chosen(project: Path, custom_project: Path) -> None:
    assert answers(project)["queue_providers"] == ["database"]
    for rel in SQS_FILES:
        assert not (project / rel).exists(), f"{rel} without the sqs queue provider"
        assert (custom_project / rel).is_file(), f"{rel} missing with sqs chosen"
    assert "aws-sdk-go-v2" not in (project / "go.mod").read_text()
    assert "github.com/aws/aws-sdk-go-v2/service/sqs " in (custom_project / "go.mod").read_text()
    assert "SQS_QUEUE_URL" not in (project / ".env.example").read_text()
    assert "SQS_QUEUE_URL" in (custom_project / ".env.example").read_text()


SNS_FILES = ("internal/adapters/sms/sns.go", "internal/adapters/sms/sns_test.go")
TWILIO_FILES = ("internal/adapters/sms/twilio.go", "internal/adapters/sms/twilio_test.go")


def test_sms_providers_are_compiled_in_only_when_chosen(project: Path, custom_project: Path) -> None:
    assert answers(project)["sms_providers"] == []
    assert (project / "internal/adapters/sms/log.go").is_file(), "the log provider is always in"
    for rel in SNS_FILES + TWILIO_FILES:
        assert not (project / rel).exists(), f"{rel} without its SMS provider"
        assert (custom_project / rel).is_file(), f"{rel} missing with sns and twilio chosen"
    assert "service/sns" not in (project / "go.mod").read_text()
    assert "github.com/aws/aws-sdk-go-v2/service/sns " in (custom_project / "go.mod").read_text()
    assert "twilio" not in (custom_project / "go.mod").read_text(), "Twilio needs no SDK"
    for key in ("SNS_SENDER_ID", "TWILIO_ACCOUNT_SID"):
        assert key not in (project / ".env.example").read_text()
        assert key in (custom_project / ".env.example").read_text()
    assert "SMS_PROVIDER=log" in (project / ".env.example").read_text()


@pytest.mark.parametrize("providers", [["sns"], ["twilio"]], ids=["sms-sns", "sms-twilio"])
def test_one_sms_provider_renders_clean(render, providers, tmp_path: Path) -> None:
    project = render(tmp_path / "blog", sms_providers=providers)
    env_example = (project / ".env.example").read_text()
    assert ("SNS_SENDER_ID" in env_example) == ("sns" in providers)
    assert ("TWILIO_ACCOUNT_SID" in env_example) == ("twilio" in providers)
    assert_no_leftover_jinja(project)
    assert_gofmt_clean(project)


BROKER_FILES = ("internal/jobs/broker.go", "internal/jobs/broker_test.go")
PUBSUB_FILES = ("internal/jobs/pubsub.go", "internal/jobs/pubsub_test.go")


def test_pubsub_is_compiled_in_only_when_chosen(project: Path, custom_project: Path) -> None:
    for rel in PUBSUB_FILES + BROKER_FILES:
        assert not (project / rel).exists(), f"{rel} without a message broker"
        assert (custom_project / rel).is_file(), f"{rel} missing with pubsub chosen"
    assert "cloud.google.com/go/pubsub" not in (project / "go.mod").read_text()
    assert "cloud.google.com/go/pubsub/v2 " in (custom_project / "go.mod").read_text()
    assert "PUBSUB_TOPIC" not in (project / ".env.example").read_text()
    assert "PUBSUB_TOPIC" in (custom_project / ".env.example").read_text()


SMTP_FILES = (
    "internal/adapters/email/smtp.go",
    "internal/adapters/email/smtp_test.go",
    "internal/adapters/email/smtp_mailpit_test.go",
    "internal/adapters/email/smtpserver_test.go",
)
SES_FILES = ("internal/adapters/email/ses.go", "internal/adapters/email/ses_test.go")
SENDGRID_FILES = ("internal/adapters/email/sendgrid.go", "internal/adapters/email/sendgrid_test.go")


def test_email_providers_are_compiled_in_only_when_chosen(project: Path, custom_project: Path) -> None:
    assert answers(project)["email_providers"] == ["smtp"]
    for rel in SMTP_FILES:
        assert (project / rel).is_file(), f"{rel} missing with smtp, the default"
    for rel in SES_FILES + SENDGRID_FILES:
        assert not (project / rel).exists(), f"{rel} without its provider"
        assert (custom_project / rel).is_file(), f"{rel} missing with its provider chosen"
    go_mod = (project / "go.mod").read_text()
    assert "aws-sdk-go-v2" not in go_mod and "sendgrid" not in go_mod
    custom_go_mod = (custom_project / "go.mod").read_text()
    assert "github.com/aws/aws-sdk-go-v2/service/sesv2 v1.79.9" in custom_go_mod
    assert "sendgrid" not in custom_go_mod, "SendGrid needs no SDK"
    example = (project / ".env.example").read_text()
    custom_example = (custom_project / ".env.example").read_text()
    for key in ("SES_REGION", "SENDGRID_API_KEY", "SENDGRID_API_URL"):
        assert key not in example
        assert key in custom_example


def test_an_app_without_smtp(render, tmp_path_factory: pytest.TempPathFactory) -> None:
    project = render(tmp_path_factory.mktemp("render-ses") / "app", email_providers=["ses"])
    for rel in SMTP_FILES + SENDGRID_FILES:
        assert not (project / rel).exists(), f"{rel} without its provider"
    assert "SMTP_HOST" not in (project / ".env.example").read_text()
    assert "EMAIL_PROVIDER=ses" in (project / "README.md").read_text()
    assert_no_leftover_jinja(project)
    assert_gofmt_clean(project)


def test_agents_md_is_true_of_the_app(project: Path) -> None:
    """AGENTS.md's commands, paths, subcommands and MCP tools exist in the app and the CLI."""
    import asyncio

    from tracks import cli
    from tracks.app import App
    from tracks.mcp_server import build_server

    text = (project / "AGENTS.md").read_text()
    guide, _, example = text.partition("## Adding a resource")
    makefile = (project / "Makefile").read_text()
    targets = set(re.findall(r"`make ([a-z][a-z-]*)", text))
    assert len(targets) > 10, targets
    for target in targets:
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), f"make {target} is not a Makefile target"
    paths = re.findall(r"`((?:internal|cmd|web|deploy)/[\w/.-]*|\.env\.example|README\.md)`", guide)
    assert len(paths) > 10, paths
    for path in paths:
        assert (project / path).exists(), f"AGENTS.md names {path}, which the app does not have"
    commands = cli.Tracks("tracks")._subcommands
    for name, sub in re.findall(r"`tracks ([a-z]+)(?: ([a-z]+))?", text):
        assert name in commands, f"tracks {name} is not a command"
        if name == "generate":
            assert sub in commands[name].get()("tracks generate")._subcommands, f"tracks generate {sub}"
    (subcommands,) = re.findall(r"its subcommands \(([^)]*)\)", guide)
    main_go = (project / "cmd/server/main.go").read_text()
    for name in subcommands.split(", "):
        assert f'case "{name}"' in main_go, f"server {name} is not a subcommand"
    (listed,) = re.findall(r"Model Context Protocol tools \(([^)]*)\)", " ".join(text.split()))
    server = build_server(App(root=project, answers={}))
    tools = {tool.name for tool in asyncio.run(server.list_tools())}
    assert set(listed.split(", ")) == tools
    assert "internal/products/" in example and "make db-migrate" in example

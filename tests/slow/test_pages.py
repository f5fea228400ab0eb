"""Slow tier: pages made with `make page` and an email made with `make mailer`, in a fresh app.

Two pages go through the app's real Makefile target: one linked from the navigation bar at its
default path, one at a path of its own; then an email. The app builds, vets and passes their own
tests (the pages and the email's preview over the real router), their files are lint-clean, a bad
name or a taken path writes nothing, and `make update` updates a page from its answers file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from apps import GeneratedApp, edit, generate_app, make_generator, make_update
from procs import clean_env, log, run
from sources import git as template_git
from sources import working_tree_source

pytestmark = pytest.mark.slow

DRIVER = "go-libsql"
PAGE_TEMPLATE = "subtemplates/page/template/internal/http/views/pages/{{ page_name }}_page.templ.jinja"


def git(app: GeneratedApp, *args: str) -> str:
    return run(["git", *args], cwd=app.path, env=clean_env(), timeout=60)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return working_tree_source(tmp_path_factory.mktemp("pages-template"), "v1.0.0")


@pytest.fixture(scope="module")
def site(
    template: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> GeneratedApp:
    app = generate_app(DRIVER, tmp_path_factory.mktemp("pages"), request, source=template, ref="v1.0.0")
    for target, *args in (
        ["page", "name=pricing", "nav=true"],
        ["page", "name=terms_of_service", "path=/legal/terms"],
        ["mailer", "name=weekly_digest"],
    ):
        log(f"\n==> make {target} {' '.join(args)}")
        made = make_generator(app.path, target, *args)
        log(made.stdout + made.stderr)
        assert made.returncode == 0, made.stdout + made.stderr
    git(app, "add", "-A")
    git(app, "-c", "user.name=Test", "-c", "user.email=test@localhost", "commit", "-qm", "Pages and an email")
    return app


def test_the_pages_and_the_email_are_registered_and_pass_their_tests(site: GeneratedApp) -> None:
    registry = (site.path / "internal/app/resources.go").read_text()
    assert "\t\td.PricingPage(),\n\t\td.TermsOfServicePage(),\n" in registry
    site.go("build", "./...")
    site.go("vet", "./...")
    output = site.go("test", "-count=1", "-v", "-run", "Page|WeeklyDigest", "./internal/http/...")
    for test in (
        "TestPricingPage",
        "TestTermsOfServicePage",
        "TestSendWeeklyDigest",
        "TestWeeklyDigestEmailIsPreviewed",
        "TestWeeklyDigestEmailInTheDevelopmentMailbox",
    ):
        assert f"--- PASS: {test} " in output
    previews = (site.path / "internal/http/views/emails/previews.go").read_text()
    assert '\t\t{Name: "weekly_digest", Render: m.previewWeeklyDigest},\n' in previews
    version = re.search(r"^GOLANGCI_LINT_VERSION \?= (\S+)$", (site.path / "Makefile").read_text(), re.M)
    assert version, "the Makefile pins golangci-lint"
    lint = f"github.com/golangci/golangci-lint/v2/cmd/golangci-lint@{version.group(1)}"
    site.go("run", lint, "run", "./internal/http/...", "./internal/app/...", timeout=1800)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "usage: make page name=<snake_case_name>"),
        (["name=Pricing!"], 'name "Pricing!" must be snake_case'),
        (["name=pricing"], 'page "pricing" already exists'),
        (["name=plans", "path=/pricing"], 'path "/pricing" is taken'),
        (["name=status", "path=/api/status"], "which the application serves itself"),
        (["mailer", "name=welcome"], 'name "welcome" is an email of the application already'),
        (["mailer", "name=weekly_digest"], 'email "weekly_digest" already exists'),
    ],
)
def test_a_bad_name_or_path_writes_nothing(site: GeneratedApp, args: list[str], message: str) -> None:
    target, rest = ("mailer", args[1:]) if args[:1] == ["mailer"] else ("page", args)
    made = make_generator(site.path, target, *rest)
    assert made.returncode != 0
    assert message in made.stdout + made.stderr
    assert not git(site, "status", "--porcelain").strip(), f"make {target} {rest} wrote something"


def test_make_update_updates_the_page(site: GeneratedApp, template: Path) -> None:
    edit(template / PAGE_TEMPLATE, "It is yours to write;", "It is yours to write (changed upstream);")
    template_git(template, "commit", "-q", "-am", "v1.1.0: the page changes")
    template_git(template, "tag", "v1.1.0")

    result = make_update(site.path)
    assert "==> copier update --answers-file .copier/pages/pricing.yml" in result.stdout
    component = (site.path / "internal/http/views/pages/pricing_page.templ").read_text()
    assert "It is yours to write (changed upstream);" in component and "<<<<<<<" not in component
    assert (site.path / "internal/app/resources.go").read_text().count("d.PricingPage(),") == 1
    site.go("build", "./...")
    site.go("test", "-count=1", "-run", "Page", "./internal/http/")

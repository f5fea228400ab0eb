"""Slow tier: `make update` brings a newer template into an app without losing the app's edits.

A throwaway copy of the template (with the working tree's uncommitted changes) is committed and
tagged v1.0.0; an app is generated from it and edited by "its developer"; the template then gets
a v1.1.0 that changes the same files; `make update` must merge the two.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from apps import COPIER, edit, make_update
from procs import clean_env, log, run
from sources import git, working_tree_source

pytestmark = pytest.mark.slow

# Files the test edits, by who owns them (D15): framework-owned files are merged on update,
# app-owned ones are never touched by it.
FRAMEWORK_FILE = "internal/http/middleware/request_id.go"
# A generated resource's file and the template it comes from.
RESOURCE_FILE = "internal/http/handlers/posts.go"
RESOURCE_TEMPLATE = (
    "subtemplates/resource/template/internal/http/handlers/"
    "{{ (name | resource_names).snake_plural }}.go.jinja"
)
RESOURCE_EDITED_FILE = "internal/posts/service.go"
# A resource file whose template renders unaligned Go that the resource hook formats: the app's
# edit and the upstream change merge without gofmt's alignment getting in the way.
STRUCT_FILE = "internal/posts/post.go"
STRUCT_TEMPLATE = (
    "subtemplates/resource/template/internal/{{ (name | resource_names).package }}/"
    "{{ (name | resource_names).snake }}.go.jinja"
)
SHARED_LINES_FILE = "internal/http/routes/routes.go"
APP_OWNED_FILE = "internal/http/views/pages/home.templ"


def release(template: Path, tag: str, changes: dict[str, tuple[str, str]]) -> None:
    for rel, (old, new) in changes.items():
        edit(template / rel, old, new)
    git(template, "commit", "-q", "-am", tag)
    git(template, "tag", tag)


def generate(template: Path, dst: Path, ref: str) -> Path:
    run(
        [
            sys.executable,
            "-m",
            "copier",
            "copy",
            "--trust",
            "--defaults",
            f"--vcs-ref={ref}",
            str(template),
            str(dst),
        ],
        cwd=dst.parent,
        env=clean_env(TRACKS_STRICT="1"),
        timeout=900,
    )
    return dst


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return working_tree_source(tmp_path_factory.mktemp("template"), "v1.0.0")


@pytest.fixture(scope="module")
def updated(template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """An app generated at v1.0.0, edited, then updated with `make update` to v1.1.0."""
    app = generate(template, tmp_path_factory.mktemp("update") / "myapp", "v1.0.0")
    for name, fields in (
        ("post", "title:string:required body:text"),
        ("comment", "post:references:posts body:text"),
    ):
        run(
            ["make", "resource", f"name={name}", f"fields={fields}", f"COPIER={COPIER}"],
            cwd=app,
            env=clean_env(),
            timeout=300,
        )
    git(app, "add", "-A")
    git(app, "commit", "-q", "-m", "two resources")

    log("\n==> the app's own edits")
    with (app / RESOURCE_EDITED_FILE).open("a") as f:
        f.write("\n// Edited by the app.\n")
    edit(app / STRUCT_FILE, "const PageSize = 20", "const PageSize = 25")
    # Far from the upstream change below: the two merge without a conflict.
    with (app / FRAMEWORK_FILE).open("a") as f:
        f.write("\n// Edited by the app.\n")
    edit(app / SHARED_LINES_FILE, "// HTML pages.", "// HTML pages of our site.")
    edit(app / APP_OWNED_FILE, "It is yours to rewrite.", "Rewritten by the app.")
    git(app, "commit", "-q", "-am", "our edits")

    log("\n==> template v1.1.0")
    release(
        template,
        "v1.1.0",
        {
            f"template/{FRAMEWORK_FILE}": ("import (", "// Changed upstream.\nimport ("),
            f"template/{SHARED_LINES_FILE}": ("// HTML pages.", "// HTML pages, rendered on the server."),
            f"template/{APP_OWNED_FILE}.jinja": ("It is yours to rewrite.", "Changed upstream."),
            RESOURCE_TEMPLATE: ("\nimport (", "\n// Changed upstream.\nimport ("),
            STRUCT_TEMPLATE: ("\tID   string", "\t// ID is internal; URLs use the slug.\n\tID string"),
        },
    )

    log("\n==> make update")
    return app, make_update(app).stdout


def test_update_applies_upstream_changes_and_keeps_the_apps_edits(updated: tuple[Path, str]) -> None:
    app, _ = updated
    framework = (app / FRAMEWORK_FILE).read_text()
    assert "// Edited by the app." in framework
    assert "// Changed upstream." in framework
    owned = (app / APP_OWNED_FILE).read_text()
    assert "Rewritten by the app." in owned
    assert "Changed upstream." not in owned, "app-owned files are never overwritten"
    assert "_commit: v1.1.0" in (app / ".copier-answers.yml").read_text()


def test_update_reaches_every_generated_resource(updated: tuple[Path, str]) -> None:
    app, _ = updated
    assert "// Changed upstream." in (app / RESOURCE_FILE).read_text(), "the resource template's change"
    assert "// Edited by the app." in (app / RESOURCE_EDITED_FILE).read_text()
    domain = (app / STRUCT_FILE).read_text()
    assert "const PageSize = 25" in domain
    assert "\t// ID is internal; URLs use the slug.\n\tID        string " in domain, domain
    for name in ("post", "comment"):
        assert "_commit: v1.1.0" in (app / f".copier/resources/{name}.yml").read_text()
    registry = (app / "internal/app/resources.go").read_text()
    assert registry.count("d.Posts(),") == 1 and registry.count("d.Comments(),") == 1


def test_update_leaves_and_reports_conflicts_only_where_both_changed(updated: tuple[Path, str]) -> None:
    app, output = updated
    routes = (app / SHARED_LINES_FILE).read_text()
    assert "<<<<<<< before updating" in routes
    assert "of our site" in routes and "rendered on the server" in routes
    assert "Conflicts" in output and SHARED_LINES_FILE in output
    marked = subprocess.run(
        ["git", "grep", "-l", "^<<<<<<< before updating"],
        cwd=app,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert marked == [SHARED_LINES_FILE]
    assert (
        subprocess.run(
            ["git", "rev-list", "--count", "HEAD"], cwd=app, capture_output=True, text=True
        ).stdout.strip()
        == "3"
    ), "the temporary commits are undone"


def test_app_builds_and_passes_its_tests_after_resolving(updated: tuple[Path, str]) -> None:
    app, _ = updated
    routes = app / SHARED_LINES_FILE
    lines, keep = [], True
    for line in routes.read_text().splitlines(keepends=True):  # keep the app's side
        if line.startswith("<<<<<<< "):
            keep = True
        elif line.startswith("======="):
            keep = False
        elif line.startswith(">>>>>>> "):
            keep = True
        elif keep:
            lines.append(line)
    routes.write_text("".join(lines))
    run(["make", "vet", "test"], cwd=app, env=clean_env(), timeout=900)
    assert not run(["gofmt", "-l", "internal"], cwd=app, env=clean_env(), timeout=120).strip()


def test_update_of_an_up_to_date_app_changes_nothing(
    template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    app = generate(template, tmp_path_factory.mktemp("current") / "myapp", "v1.1.0")
    fields = "name:string:required:unique price:decimal released_on:date maker:references:users:null"
    run(
        ["make", "resource", "name=product", f"fields={fields}", f"COPIER={COPIER}"],
        cwd=app,
        env=clean_env(),
        timeout=300,
    )
    git(app, "add", "-A")
    git(app, "commit", "-q", "-m", "a resource")

    output = make_update(app).stdout
    assert "Already up to date" in output
    assert not git(app, "status", "--porcelain").strip()

    log("\n==> re-apply the product generation from its answers")
    run(
        [COPIER, "recopy", "--trust", "--overwrite", "--defaults", "-a", ".copier/resources/product.yml"],
        cwd=app,
        env=clean_env(TRACKS_STRICT="1"),
        timeout=300,
    )
    assert not git(app, "status", "--porcelain").strip(), "re-applying a generation is idempotent"


def test_update_refuses_a_dirty_tree(template: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    app = generate(template, tmp_path_factory.mktemp("dirty") / "myapp", "v1.0.0")
    (app / "notes.txt").write_text("work in progress\n")
    result = make_update(app, check=False)
    assert result.returncode != 0
    assert "uncommitted changes" in result.stderr
    assert "_commit: v1.0.0" in (app / ".copier-answers.yml").read_text(), "nothing was updated"

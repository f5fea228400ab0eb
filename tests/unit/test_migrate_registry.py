"""The migration that moves an old app's resource registry into internal/app."""

from __future__ import annotations

from pathlib import Path

import pytest

from hooks import migrate_registry, steps

OLD = """package http

import "github.com/go-chi/chi/v5"

// resourceRoutes mounts the routes of the resources made with `make resource`.
func (s *Server) resourceRoutes(r chi.Router) {
	s.mountPosts(r)
	// Tags last: they are the least used.
	s.mountComments(r)
	s.mountTags(r)
	r.Get("/mine", s.mine)
	// tracks:resources
}
"""


@pytest.fixture
def old_app(tmp_path: Path, go_mod) -> Path:
    go_mod(tmp_path, "example.com/blog")
    old = tmp_path / migrate_registry.OLD_REGISTRY
    old.parent.mkdir(parents=True)
    old.write_text(OLD)
    return tmp_path


def test_translates_the_old_lines_in_order():
    assert migrate_registry.old_registry_lines(OLD) == [
        "d.Posts(),",
        "// Tags last: they are the least used.",
        "d.Comments(),",
        "d.Tags(),",
        '// (from internal/http/resources.go) r.Get("/mine", s.mine)',
    ]
    assert migrate_registry.old_registry_lines("package http\n") is None


def test_moves_the_registry_into_internal_app(old_app: Path):
    said = migrate_registry.migrate(old_app)

    assert said == "moved 5 line(s) from internal/http/resources.go to internal/app/resources.go"
    assert not (old_app / migrate_registry.OLD_REGISTRY).exists()
    new = (old_app / steps.REGISTRY).read_text()
    assert 'apphttp "example.com/blog/internal/http"' in new, "the app's module path"
    assert "{{" not in new
    body = new[new.index("return []apphttp.Resource{") :]
    assert body.index("d.Posts(),") < body.index("// Tags last") < body.index("d.Tags(),")
    assert body.index("d.Tags(),") < body.index(steps.REGISTRY_MARKER)


def test_keeps_a_new_registry_that_exists(old_app: Path):
    new = old_app / steps.REGISTRY
    new.parent.mkdir(parents=True)
    new.write_text(
        "package app\n\nfunc resources(d deps) []apphttp.Resource {\n"
        "\treturn []apphttp.Resource{\n\t\td.Notes(),\n\t\t// tracks:resources\n\t}\n}\n"
    )
    migrate_registry.migrate(old_app)
    text = new.read_text()
    assert text.index("d.Notes(),") < text.index("d.Posts(),")


def test_runs_again_without_change(old_app: Path):
    migrate_registry.migrate(old_app)
    before = (old_app / steps.REGISTRY).read_text()
    assert migrate_registry.migrate(old_app) == "no internal/http/resources.go: nothing to move"
    assert (old_app / steps.REGISTRY).read_text() == before


def test_leaves_a_file_that_is_not_the_old_registry(old_app: Path):
    old = old_app / migrate_registry.OLD_REGISTRY
    old.write_text("package http\n\n// something of the app's own\n")
    assert "left as it is" in migrate_registry.migrate(old_app)
    assert old.is_file()
    assert not (old_app / steps.REGISTRY).exists()


def test_the_template_registry_exists():
    assert "// tracks:resources" in steps.app_file(steps.REGISTRY, "example.com/app")

"""`generator=destroy`: its validator (extensions/app_resources.py) and its hook's parts
(hooks/destroy_resource.py). The slow tier removes resources from a real app."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from extensions.app_resources import destroy_error, referenced_tables
from hooks import destroy_resource, steps

CREATE = """-- +goose Up
CREATE TABLE posts (id TEXT PRIMARY KEY);
-- +goose StatementBegin
CREATE TRIGGER trg AFTER UPDATE ON posts BEGIN SELECT 1; END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER IF EXISTS trg;
DROP TABLE IF EXISTS posts;
"""

REGISTRY = """func resources(d deps) []apphttp.Resource {
	return []apphttp.Resource{
		d.Posts(),
		// tracks:resources
	}
}
"""


def resource(project: Path, name: str, fields: str) -> None:
    folder = project / ".copier" / "resources"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yml").write_text(f"_commit: v1\ngenerator: resource\nname: {name}\nfields: {fields}\n")


def test_only_an_existing_unreferenced_resource_can_be_removed(tmp_path: Path) -> None:
    assert (
        destroy_error("post", tmp_path)
        == 'no resource "post" in this app (resources: none has been generated).'
    )
    resource(tmp_path, "post", "title:string:required")
    resource(tmp_path, "comment", "post:references:posts:required body:text")
    assert destroy_error("Post", tmp_path) == (
        'resource "post" is referenced by comment (a field of type references:posts); '
        "remove it first, or that field."
    )
    assert destroy_error("comment", tmp_path) == ""
    assert destroy_error("tag", tmp_path) == 'no resource "tag" in this app (resources: comment, post).'
    assert destroy_error(" ", tmp_path).startswith("name the resource to remove")


def test_referenced_tables_read_the_stored_fields() -> None:
    text = "name: comment\nfields: 'post:references:posts author:references:users:null body:text'\n"
    assert referenced_tables(text) == {"posts", "users"}


def test_the_drop_migration_is_the_create_migration_reversed() -> None:
    dropped = destroy_resource.drop_migration(CREATE)
    up, down = dropped.split("-- +goose Down")
    assert up == "-- +goose Up\nDROP TRIGGER IF EXISTS trg;\nDROP TABLE IF EXISTS posts;\n\n"
    assert "CREATE TABLE posts" in down and "-- +goose StatementBegin" in down
    with pytest.raises(destroy_resource.DestroyError, match="no '-- \\+goose Up'"):
        destroy_resource.drop_migration("CREATE TABLE posts (id TEXT);")


def test_unregistering_the_last_resource_brings_the_placeholder_back() -> None:
    two = REGISTRY.replace("\t\td.Posts(),\n", "\t\td.Posts(),\n\t\td.Tags(),\n")
    assert destroy_resource.unregister(two, "d.Tags(),") == REGISTRY
    assert destroy_resource.unregister(REGISTRY, "d.Posts(),") == (
        "func resources(d deps) []apphttp.Resource {\n"
        "\t_ = d // unused until the first resource is generated\n"
        "\treturn []apphttp.Resource{\n\t\t// tracks:resources\n\t}\n}\n"
    )


def test_the_drop_migration_comes_after_every_other(tmp_path: Path) -> None:
    migrations = tmp_path / destroy_resource.MIGRATIONS
    migrations.mkdir(parents=True)
    now = datetime(2026, 12, 4, 10, 0, 0, tzinfo=UTC)
    assert destroy_resource.next_version(tmp_path, now) == "20261204100000"
    (migrations / "20261204100000_create_posts.sql").write_text(CREATE)
    assert destroy_resource.next_version(tmp_path, now) == "20261204100001"


def fake_post_resource(project: Path) -> list[str]:
    """The files `make resource name=post` leaves, with placeholder contents; returns them."""
    files, _ = destroy_resource.resource_files(project, "post")  # none exist yet
    assert files == []
    paths = destroy_resource.generators.rendered_paths(
        destroy_resource.SUBTEMPLATE,
        [destroy_resource.NamingExtension, destroy_resource.FieldsExtension],
        name="post",
        timestamp="20261204090000",
        _copier_conf={"answers_file": ".copier/resources/post.yml"},
    )
    paths += [p.removesuffix(".templ") + "_templ.go" for p in paths if p.endswith(".templ")]
    paths.append("internal/db/generated/posts.sql.go")
    for path in paths:
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(CREATE if path.endswith("_create_posts.sql") else f"// {path}\n")
    (project / steps.REGISTRY).write_text(REGISTRY)
    return sorted(paths)


def test_the_resources_files_are_found_from_the_subtemplate(tmp_path: Path) -> None:
    written = fake_post_resource(tmp_path)
    files, create = destroy_resource.resource_files(tmp_path, "post")
    assert create == "internal/db/migrations/20261204090000_create_posts.sql"
    assert files == [p for p in written if p != create]
    assert {"internal/http/views/posts/list_templ.go", ".copier/resources/post.yml"} <= set(files)


def test_a_failed_step_puts_every_file_back(tmp_path: Path) -> None:
    """Here `go vet` fails (there is no go.mod): the removal is undone."""
    written = fake_post_resource(tmp_path)
    before = {p: (tmp_path / p).read_text() for p in written + [steps.REGISTRY]}
    out = io.StringIO()
    with pytest.raises(destroy_resource.DestroyError, match="(?s)go vet.*nothing was changed"):
        destroy_resource.destroy(tmp_path, "post", out)
    assert "tracks: [1/5] remove the files of post" in out.getvalue()
    assert {p: (tmp_path / p).read_text() for p in before} == before
    assert not list((tmp_path / destroy_resource.MIGRATIONS).glob("*_drop_posts.sql"))

"""The resources of an app: the names a new resource may take, and those that exist."""

from __future__ import annotations

import jinja2
import pytest

from extensions.app_resources import AppResourcesExtension, existing_resources, resource_error, resource_list

# --- Resource errors -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["post", "blog post", "BlogPost", "blog-post", "person", "category", "page"])
def test_valid_resource_names(name):
    assert resource_error(name, ["comments"]) == ""


@pytest.mark.parametrize(
    ("name", "existing", "fragments"),
    [
        ("", [], ["name is required"]),
        ("   ", [], ["name is required"]),
        ("blog/post", [], ['"blog/post" contains "/"', "letters, digits, spaces"]),
        ("post!", [], ['contains "!"']),
        ("2fa", [], ['"2fa" must start with a letter']),
        ("_post", [], ["must start with a letter"]),
        ("user", [], ['"user" is reserved', "choose another"]),
        ("Users", [], ['"Users" is reserved']),
        ("sessions", [], ["reserved"]),
        ("auth_code", [], ["reserved"]),
        ("casbin_rule", [], ["reserved"]),
        ("job", [], ["reserved"]),
        ("river_job", [], ["reserved"]),
        ("permission_audits", [], ["reserved"]),
        ("goose_db_version", [], ["reserved"]),
        ("admins", [], ["reserved"]),
        ("api", [], ["reserved"]),
        ("asset", [], ["reserved"]),
        ("login", [], ["reserved"]),
        ("logout", [], ["reserved"]),
        ("dashboard", [], ["reserved"]),
        ("dev", [], ["reserved"]),
        ("news", [], ["same singular and plural", '"news_item"']),
        ("sheep", [], ["same singular and plural"]),
        ("post", ["posts"], ['resource "post" already exists', 'table "posts"']),
        ("Posts", ["post"], ["already exists"]),
        ("blog post", "comments, blog_posts", ["already exists"]),
        ("error", [], ['Go package name "errors"', "choose another"]),
        ("string", [], ['Go package name "strings"']),
        ("context", [], ['Go variable name "context"']),
        ("type", [], ['Go variable name "type"']),
        ("map", [], ['Go package name "maps"']),
        ("func", [], ['Go variable name "func"']),
        ("time", [], ['Go variable name "time"']),
        ("url", [], ['Go variable name "url"']),
        ("slice", [], ['Go package name "slices"']),
        ("a" * 64, [], ["longer than 63 characters"]),
    ],
)
def test_resource_errors(name, existing, fragments):
    message = resource_error(name, existing)
    for fragment in fragments:
        assert fragment in message


# --- Existing resources --------------------------------------------------------------------------


def test_existing_resources_reads_the_answers_files(tmp_path):
    assert existing_resources(tmp_path) == []
    folder = tmp_path / ".copier" / "resources"
    folder.mkdir(parents=True)
    (folder / "post.yml").write_text("_commit: v1\nname: post\nfields: title:string\n")
    (folder / "blog_entry.yml").write_text("_commit: v1\nname: 'Blog entry'\n")
    (folder / "odd.yml").write_text("_commit: v1\n")
    (folder / "notes.txt").write_text("name: ignored\n")
    assert existing_resources(tmp_path) == ["Blog entry", "odd", "post"]


@pytest.mark.parametrize(
    ("existing", "names"),
    [
        (None, []),
        ((), []),
        ("", []),
        ("posts, blog_posts", ["posts", "blog_posts"]),
        ("posts comments", ["posts", "comments"]),
        (["post", " ", "Comment"], ["post", "Comment"]),
    ],
)
def test_resource_list(existing, names):
    assert resource_list(existing) == names


# --- Jinja and Copier ----------------------------------------------------------------------------


def test_filters_are_registered(tmp_path):
    env = jinja2.Environment(extensions=[AppResourcesExtension], undefined=jinja2.StrictUndefined)
    template = env.from_string("{{ name | resource_error(dir | existing_resources) }}")
    assert template.render(name="post", dir=tmp_path) == ""
    assert template.render(name="user", dir=tmp_path).startswith('name "user" is reserved')


def test_copier_yml_registers_the_extension(copier_config):
    assert "extensions/app_resources.py:AppResourcesExtension" in copier_config["_jinja_extensions"]


def test_loads_outside_the_extensions_package(load_by_path):
    assert load_by_path("app_resources", "module.resource_error('people', ['person'])").endswith(
        'already exists (table "people"); choose another name.'
    )

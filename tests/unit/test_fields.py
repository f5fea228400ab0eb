"""Field specs of the resource generator: grammar, nullability, names and validators."""

from __future__ import annotations

import jinja2
import pytest

from extensions.app_resources import AppResourcesExtension
from extensions.field_types import TYPES
from extensions.fields import (
    MAX_FIELDS,
    FieldsExtension,
    fields_error,
    first_string_field,
    parse_fields,
    parse_item,
)
from extensions.naming import NamingExtension, go_var

KEYS = {
    "name",
    "column",
    "go_name",
    "go_var",
    "json",
    "label",
    "type",
    "required",
    "unique",
    "index",
    "null",
    "references",
    "sql_type",
    "sql_not_null",
    "sql_default",
    "gen_type",
    "param_type",
    "domain_type",
    "form_input",
    "step",
    "parse",
    "format",
    "store_param",
    "store_value",
    "form_value",
    "locale_value",
    "example_go",
    "example_form",
    "invalid_form",
}


def field(spec: str, driver: str = "sqlite3") -> dict:
    (only,) = parse_fields(spec, driver)
    return only


# --- Grammar -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "name", "kind", "target", "modifiers"),
    [
        ("title:string", "title", "string", "", set()),
        ("title:string:required:unique", "title", "string", "", {"required", "unique"}),
        ("publishedAt:timestamp:index", "published_at", "timestamp", "", {"index"}),
        ("Title:STRING:Required", "title", "string", "", {"required"}),
        ("view_count2:int:null", "view_count2", "int", "", {"null"}),
        ("author:references:users", "author", "references", "users", set()),
        ("author:references:user:null:index", "author", "references", "users", {"null", "index"}),
        ("post:references:BlogPost", "post", "references", "blog_posts", set()),
        ("post:references:blog-posts", "post", "references", "blog_posts", set()),
        ("owner_person:references:person", "owner_person", "references", "people", set()),
        ("category:references:categories", "category", "references", "categories", set()),
    ],
)
def test_parse_item(raw, name, kind, target, modifiers):
    item, error = parse_item(raw)
    assert error == ""
    assert (item.raw, item.name, item.type, item.target, set(item.modifiers)) == (
        raw,
        name,
        kind,
        target,
        modifiers,
    )


def test_items_are_separated_by_any_whitespace():
    spec = "  title:string:required\n\tbody:text   published:bool "
    assert [f["name"] for f in parse_fields(spec, "sqlite3")] == ["title", "body", "published"]


def test_a_list_of_items_is_accepted():
    assert [f["name"] for f in parse_fields(["title:string", "body:text"], "postgres")] == ["title", "body"]


def test_every_field_has_exactly_the_documented_keys(db_driver):
    spec = " ".join(f"f_{kind}:{kind}" + (":users" if kind == "references" else "") for kind in TYPES)
    fields = parse_fields(spec, db_driver)
    assert [f["type"] for f in fields] == list(TYPES)
    assert all(set(f) == KEYS for f in fields)


def test_example_spec_from_the_brief():
    spec = "title:string:required body:text published:bool author:references:users"
    title, body, published, author = parse_fields(spec, "postgres")
    assert (title["required"], title["sql_not_null"], title["sql_default"]) == (True, True, "")
    assert (body["required"], body["null"], body["sql_default"]) == (False, False, "''")
    assert (published["form_input"], published["sql_default"]) == ("checkbox", "FALSE")
    assert (author["column"], author["json"], author["go_name"], author["references"]) == (
        "author_id",
        "author_id",
        "AuthorID",
        "users",
    )


# --- Nullability and modifiers -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["date", "timestamp", "json"])
def test_plain_fields_without_a_sensible_zero_value_are_nullable(kind):
    f = field(f"x:{kind}")
    assert (f["required"], f["null"], f["sql_not_null"], f["sql_default"]) == (False, True, False, "")
    assert f["domain_type"].startswith("*")


def test_a_plain_reference_is_required_and_null_makes_it_optional():
    required = field("author:references:users")
    optional = field("author:references:users:null")
    assert (required["required"], required["null"], required["domain_type"]) == (True, False, "string")
    assert (optional["required"], optional["null"], optional["domain_type"]) == (False, True, "*string")


def test_required_fields_are_not_null_without_a_default():
    for kind in set(TYPES) - {"bool", "references"}:
        f = field(f"x:{kind}:required")
        assert (f["required"], f["null"], f["sql_not_null"], f["sql_default"]) == (True, False, True, "")


def test_modifier_flags():
    f = field("code:string:required:unique")
    assert (f["unique"], f["index"]) == (True, False)
    f = field("rank:int:index")
    assert (f["unique"], f["index"]) == (False, True)


# --- Names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "go_name", "go_var_name", "label", "json_name"),
    [
        ("title:string", "Title", "title", "Title", "title"),
        ("published_at:timestamp", "PublishedAt", "publishedAt", "Published at", "published_at"),
        ("home_url:string", "HomeURL", "homeURL", "Home URL", "home_url"),
        ("url_path:string", "URLPath", "urlPath", "URL path", "url_path"),
        ("api_key:string", "APIKey", "apiKey", "API key", "api_key"),
        ("author:references:users", "AuthorID", "authorID", "Author", "author_id"),
        ("ip:string", "IP", "ip", "IP", "ip"),
    ],
)
def test_field_names(spec, go_name, go_var_name, label, json_name):
    f = field(spec)
    assert (f["go_name"], f["go_var"], f["label"], f["json"]) == (go_name, go_var_name, label, json_name)


# Keywords, predeclared identifiers, packages and locals of the generated code: see naming.go_var.
@pytest.mark.parametrize(
    "name",
    [
        "type",
        "func",
        "package",
        "interface",
        "default",
        "range",
        "select",
        "map",
        "go",
        "len",
        "string",
        "new",
        "error",
        "url",
        "time",
        "json",
        "err",
        "ctx",
        "title",
    ],
)
def test_a_field_s_go_var_is_keyword_safe(name):
    assert field(f"{name}:string")["go_var"] == go_var(name)


def test_first_string_field():
    fields = parse_fields("published:bool body:text title:string subtitle:string", "sqlite3")
    assert first_string_field(fields)["name"] == "title"
    assert first_string_field(parse_fields("body:text views:int", "sqlite3")) is None
    assert first_string_field(parse_fields("note:string:null title:string", "sqlite3"))["name"] == "title"
    assert first_string_field(parse_fields("note:string:null", "sqlite3")) is None, "a title is never missing"


# --- Field errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "fragments"),
    [
        ("body:txt", ['"body:txt"', 'unknown type "txt"', 'did you mean "text"', "string, text, int"]),
        ("author:relation:users", ['unknown type "relation"', 'did you mean "references"']),
        ("flag:boolean", ['did you mean "bool"']),
        ("title", ['"title"', "give the field a type", '"title:string"']),
        ("title:", ['"title:"', "give the field a type"]),
        ("1st:string", ['"1st:string"', 'field name "1st"', "must start with a letter"]),
        ("publié:string", ['field name "publié"', 'letters, digits and "_"']),
        ("my-title:string", ['field name "my-title"']),
        (
            "x:string:requried",
            ['"x:string:requried"', 'unknown modifier "requried"', 'did you mean "required"'],
        ),
        ("x:string:", ['"x:string:"', "empty modifier", 'remove the extra ":"']),
        ("x:string:index:index", ['modifier "index" is given twice', "keep one"]),
        (
            "author:references",
            ['"author:references"', "name the referenced resource", "author:references:users"],
        ),
        ("author:references::null", ["name the referenced resource"]),
        (
            "author:references:writers",
            ['"author:references:writers"', 'no resource "writers"', "generate it first or use users"],
        ),
        ("author_id:references:users", ['without "_id"', '"author:references:users"']),
        ("id:string", ['"id:string"', 'column "id"', "every resource has", "choose another name"]),
        ("slug:string", ['column "slug"']),
        ("created_at:timestamp", ['column "created_at"']),
        ("updatedAt:timestamp", ['"updatedAt:timestamp"', 'column "updated_at"']),
        ("owner:references:users", ['"owner:references:users"', 'column "owner_id"']),
        ("owner_id:string", ['column "owner_id"']),
        ("i_d:string", ['its Go name "ID"', "choose another name"]),
        ("x:string:required:null", ['"x:string:required:null"', "both required and null", "keep one"]),
        ("draft:bool:required", ['"draft:bool:required"', "checkbox cannot be required", "drop required"]),
        ("draft:bool:null", ['"draft:bool:null"', "drop null"]),
        ("body:text:unique", ['"body:text:unique"', "text fields cannot be unique", '"body:string:unique"']),
        ("data:json:unique:required", ["json fields cannot be unique"]),
        ("draft:bool:unique", ["bool fields cannot be unique"]),
        ("code:string:unique", ['"code:string:unique"', "optional unique", '"code:string:unique:required"']),
        ("rank:int:unique", ['"rank:int:unique:null"']),
        ("code:string:unique:index:required", ["unique already creates an index", "drop index"]),
        ("a" * 64 + ":string", ["longer than 63 characters", "use a shorter name"]),
        ("a" * 61 + ":references:users", ["longer than 63 characters"]),
    ],
)
def test_field_errors(spec, fragments):
    message = fields_error(spec, "sqlite3", [])
    assert message.count("\n") == 0
    for fragment in fragments:
        assert fragment in message


@pytest.mark.parametrize(
    ("spec", "fragments"),
    [
        ("title:string title:text", ['"title:text"', 'name "title"', 'taken by "title:string"']),
        ("publishedAt:bool published_at:timestamp", ['"published_at:timestamp"', '"publishedAt:bool"']),
        ("author:references:users author_id:string", ['"author_id:string"', 'name "author_id"']),
        ("author:references:users author:string", ['"author:string"', 'name "author"']),
        ("typ:string type:int", ['"type:int"', 'Go variable "typ"', '"typ:string"']),
        ("len_value:int len:int", ['Go variable "lenValue"']),
        ("home_url:string home_u_r_l:string", ['Go name "HomeURL"']),
    ],
)
def test_duplicate_fields(spec, fragments):
    message = fields_error(spec, "postgres", [])
    for fragment in fragments:
        assert fragment in message


def test_every_problem_is_reported_one_per_line():
    message = fields_error("body:txt id:string title:string title:text ok:int", "sqlite3", [])
    lines = message.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith('"body:txt"')
    assert lines[1].startswith('"id:string"')
    assert lines[2].startswith('"title:text"')


def test_field_count_limits():
    assert "at least one field" in fields_error("", "sqlite3", [])
    assert "at least one field" in fields_error("   ", "sqlite3", [])
    many = " ".join(f"f{i}:string" for i in range(MAX_FIELDS))
    assert fields_error(many, "sqlite3", []) == ""
    message = fields_error(many + " extra:int", "sqlite3", [])
    assert "31 fields" in message and f"at most {MAX_FIELDS}" in message


def test_unknown_driver():
    assert 'unknown db_driver "mysql"' in fields_error("title:string", "mysql", [])
    with pytest.raises(ValueError, match="go-libsql, sqlite3, postgres"):
        parse_fields("title:string", "mysql")


@pytest.mark.parametrize(
    "existing",
    [["writer"], ["writers"], ["Writer"], "writer", "posts, writers", ("comment", "writer")],
)
def test_references_to_existing_resources(existing):
    assert fields_error("author:references:writers", "postgres", existing) == ""
    assert fields_error("author:references:writer", "postgres", existing) == ""


@pytest.mark.parametrize("existing", [None, (), [], ""])
def test_references_to_users_need_no_existing_resource(existing):
    assert fields_error("author:references:users editor:references:user:null", "sqlite3", existing) == ""


def test_parse_fields_does_not_check_targets_but_raises_on_other_errors():
    assert field("post:references:posts")["references"] == "posts"
    with pytest.raises(ValueError, match='"body:txt": unknown type "txt"'):
        parse_fields("title:string body:txt", "sqlite3")


def test_valid_specs_have_no_error(db_driver):
    spec = (
        "title:string:required body:text published:bool author:references:users "
        "order:int:null type:json home_url:string:unique:required due:date price:decimal:index"
    )
    assert fields_error(spec, db_driver, []) == ""


# --- Resource errors -----------------------------------------------------------------------------


# --- Jinja and Copier ----------------------------------------------------------------------------


@pytest.fixture
def env():
    # The extensions Copier loads, in copier.yml's order, that these tests' templates use.
    extensions = [NamingExtension, FieldsExtension, AppResourcesExtension]
    return jinja2.Environment(extensions=extensions, undefined=jinja2.StrictUndefined)


def test_filters_are_registered():
    env = jinja2.Environment(extensions=[FieldsExtension])
    names = {"parse_fields", "fields_error", "first_string_field"}
    assert names <= set(env.filters)


def test_filters_render_through_jinja(env):
    template = env.from_string(
        "{% set n = name | resource_names %}{% set fs = fields | parse_fields(db_driver) %}"
        "{{ n.table }}:{{ n.pascal }}"
        "{% for f in fs %} {{ f.column }} {{ f.sql_type }}"
        "{% if f.sql_not_null %} NOT NULL{% endif %}{% endfor %}"
        " slug={{ (fs | first_string_field).name }}"
    )
    out = template.render(name="person", fields="title:string:required order:int:null", db_driver="postgres")
    assert out == 'people:Person title TEXT NOT NULL "order" BIGINT slug=title'


def test_validators_render_through_jinja(env):
    template = env.from_string(
        "{{ fields | fields_error(db_driver, existing) }}|{{ name | resource_error(existing) }}"
    )
    assert template.render(fields="title:string", db_driver="sqlite3", existing=[], name="post") == "|"
    out = template.render(fields="body:txt", db_driver="sqlite3", existing=["posts"], name="post")
    assert out.startswith('"body:txt": unknown type "txt"')
    assert out.endswith('resource "post" already exists (table "posts"); choose another name.')


def test_copier_yml_registers_the_extension(copier_config):
    assert "extensions/fields.py:FieldsExtension" in copier_config["_jinja_extensions"]


def test_loads_outside_the_extensions_package(load_by_path):
    expression = "module.parse_fields('author:references:users', 'postgres')[0]['go_name']"
    assert load_by_path("fields", expression) == "AuthorID"


def test_fields_error_skips_reference_targets_when_resources_are_unknown():
    from extensions.fields import fields_error

    assert "no resource" in fields_error("post:references:posts", "sqlite3", [])
    assert fields_error("post:references:posts", "sqlite3", None) == ""
    assert "unknown type" in fields_error("post:refs:posts", "sqlite3", None)

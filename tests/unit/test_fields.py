"""Field specs of the resource generator: grammar, types per driver, names and validators."""

from __future__ import annotations

import datetime
import decimal
import json
import re
import uuid

import jinja2
import pytest
import yaml

from extensions.fields import (
    ENGINES,
    FIELD_TYPES,
    MAX_FIELDS,
    SQL_RESERVED,
    SQLC_GO_OPTIONS,
    TYPES,
    FieldsExtension,
    fields_error,
    first_string_field,
    parse_fields,
    parse_item,
    quote_column,
    resource_error,
)
from extensions.naming import GO_INITIALISMS, NamingExtension, go_pascal, go_var

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


def test_every_driver_choice_has_an_engine(copier_config):
    assert set(ENGINES) == set(copier_config["db_driver"]["choices"].values())


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


# --- Types per driver ----------------------------------------------------------------------------

# Observed with sqlc v1.31.1 (sql_package database/sql) on a scratch table holding every type NOT
# NULL and NULL, with SQLC_GO_OPTIONS in sqlc.yaml, and round-tripped through each driver.
# type: (sqlite type, postgres type, gen NOT NULL, gen NULL, domain, form_input, step)
VERIFIED = {
    "string": ("TEXT", "TEXT", "string", "sql.NullString", "string", "text", ""),
    "text": ("TEXT", "TEXT", "string", "sql.NullString", "string", "textarea", ""),
    "int": ("INTEGER", "BIGINT", "int64", "sql.NullInt64", "int64", "number", "1"),
    "float": ("REAL", "DOUBLE PRECISION", "float64", "sql.NullFloat64", "float64", "number", "any"),
    "decimal": ("TEXT", "NUMERIC", "string", "sql.NullString", "string", "number", "any"),
    "date": ("DATE", "DATE", "time.Time", "sql.NullTime", "time.Time", "date", ""),
    "timestamp": (
        "TIMESTAMP",
        "TIMESTAMPTZ",
        "time.Time",
        "sql.NullTime",
        "time.Time",
        "datetime-local",
        "",
    ),
    "uuid": ("TEXT", "TEXT", "string", "sql.NullString", "string", "text", ""),
    "json": ("TEXT", "JSONB", "string", "sql.NullString", "json.RawMessage", "textarea", ""),
    "references": ("TEXT", "TEXT", "string", "sql.NullString", "string", "select", ""),
}
# bool cannot be null (a checkbox has no third state), so only its NOT NULL variant exists.
BOOL = ("BOOLEAN", "BOOLEAN", "bool", "sql.NullBool", "bool", "checkbox", "")


def _spec(kind: str, nullness: str) -> str:
    target = ":users" if kind == "references" else ""
    return f"x:{kind}{target}:{nullness}"


@pytest.mark.parametrize("kind", [*VERIFIED, "bool"])
def test_not_null_types(kind, db_driver):
    sqlite, postgres, gen, _, domain, form_input, step = VERIFIED.get(kind, BOOL)
    modifier = "" if kind == "bool" else "required"
    f = field(_spec(kind, modifier).rstrip(":"), db_driver)
    assert f["sql_type"] == (postgres if db_driver == "postgres" else sqlite)
    assert (f["sql_not_null"], f["null"]) == (True, False)
    assert (f["gen_type"], f["param_type"], f["domain_type"]) == (gen, gen, domain)
    assert (f["form_input"], f["step"]) == (form_input, step)


@pytest.mark.parametrize("kind", VERIFIED)
def test_null_types(kind, db_driver):
    sqlite, postgres, _, gen, domain, _, _ = VERIFIED[kind]
    f = field(_spec(kind, "null"), db_driver)
    assert f["sql_type"] == (postgres if db_driver == "postgres" else sqlite)
    assert (f["sql_not_null"], f["null"], f["required"], f["sql_default"]) == (False, True, False, "")
    assert (f["gen_type"], f["param_type"], f["domain_type"]) == (gen, gen, "*" + domain)


@pytest.mark.parametrize(
    ("kind", "sqlite_default", "postgres_default"),
    [
        ("string", "''", "''"),
        ("text", "''", "''"),
        ("uuid", "''", "''"),
        ("int", "0", "0"),
        ("float", "0", "0"),
        ("decimal", "'0'", "0"),  # exact text on SQLite; PostgreSQL rejects '' for NUMERIC
        ("bool", "FALSE", "FALSE"),
    ],
)
def test_plain_fields_of_types_with_a_zero_value_are_not_null_with_a_default(
    kind, sqlite_default, postgres_default, db_driver
):
    f = field(f"x:{kind}", db_driver)
    assert (f["required"], f["null"], f["sql_not_null"]) == (False, False, True)
    assert f["sql_default"] == (postgres_default if db_driver == "postgres" else sqlite_default)


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


def test_the_sqlc_options_are_valid_yaml_matching_the_names():
    options = yaml.safe_load(SQLC_GO_OPTIONS)
    assert options["initialisms"] == list(GO_INITIALISMS)
    assert options["overrides"] == [
        {"db_type": "jsonb", "go_type": "string"},
        {"db_type": "jsonb", "nullable": True, "go_type": "database/sql.NullString"},
    ]


# --- Example and invalid form values -------------------------------------------------------------

FORM_PARSERS = {
    "int": int,
    "float": float,
    "decimal": decimal.Decimal,
    "date": datetime.date.fromisoformat,
    "timestamp": lambda value: datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M"),
    "uuid": uuid.UUID,
    "json": json.loads,
}


@pytest.mark.parametrize("kind", FORM_PARSERS)
def test_example_form_values_parse_and_invalid_ones_do_not(kind):
    f = field(f"x:{kind}:required")
    FORM_PARSERS[kind](f["example_form"])
    with pytest.raises((ValueError, decimal.InvalidOperation)):
        FORM_PARSERS[kind](f["invalid_form"])


@pytest.mark.parametrize(
    ("spec", "example_go", "example_form", "invalid_form"),
    [
        ("title:string:required", '"Example title"', "Example title", ""),
        ("home_url:string", '"Example home URL"', "Example home URL", ""),
        ("body:text:null", 'new("Example body")', "Example body", ""),
        ("views:int", "int64(42)", "42", "abc"),
        ("views:int:null", "new(int64(42))", "42", "abc"),
        ("ratio:float", "1.5", "1.5", "abc"),
        ("price:decimal", '"12.50"', "12.50", "abc"),
        ("published:bool", "true", "on", ""),
        ("due:date:required", "time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)", "2026-01-02", "2026-13-45"),
        ("due:date", "new(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))", "2026-01-02", "2026-13-45"),
        (
            "starts_at:timestamp:required",
            "time.Date(2026, 1, 2, 15, 4, 0, 0, time.UTC)",
            "2026-01-02T15:04",
            "2026-13-45T25:61",
        ),
        (
            "token:uuid",
            '"0192d1a0-7c3e-7b4a-9f00-1d2e3f405162"',
            "0192d1a0-7c3e-7b4a-9f00-1d2e3f405162",
            "not-a-uuid",
        ),
        ("data:json:required", 'json.RawMessage(`{"example": true}`)', '{"example": true}', "{not json"),
        ("data:json", 'new(json.RawMessage(`{"example": true}`))', '{"example": true}', "{not json"),
        # A reference's example is the variable the generated test fills with a real row's id.
        ("author:references:users", "authorID", "", ""),
        ("editor:references:users:null", "&editorID", "", ""),
    ],
)
def test_examples(spec, example_go, example_form, invalid_form):
    f = field(spec)
    assert (f["example_go"], f["example_form"], f["invalid_form"]) == (example_go, example_form, invalid_form)


def test_string_examples_do_not_look_like_dates():
    # go-libsql returns any TEXT value that parses as a time as a time.Time.
    for kind in TYPES:
        target = ":users" if kind == "references" else ""
        value = field(f"x:{kind}{target}")["example_form"]
        if kind not in ("date", "timestamp"):
            assert not re.match(r"\d{4}-\d{2}-\d{2}", value)


def test_every_type_is_described():
    assert set(FIELD_TYPES) == set(TYPES)


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


@pytest.mark.parametrize(
    "word",
    ["order", "group", "user", "select", "from", "where", "table", "default", "check", "limit", "offset"]
    + ["references", "key", "index", "values", "end", "primary", "current_date", "similar", "both"],
)
def test_reserved_words_are_quoted_in_column_only(word, db_driver):
    f = field(f"{word}:string", db_driver)
    assert f["column"] == f'"{word}"'
    assert (f["name"], f["json"], f["go_name"]) == (word, word, go_pascal(word))


@pytest.mark.parametrize("word", ["title", "name", "type", "status", "body", "date", "value", "year"])
def test_ordinary_words_are_not_quoted(word):
    assert quote_column(word) == word
    assert field(f"{word}:string")["column"] == word


def test_reference_columns_are_quoted_only_when_reserved():
    assert field("order:references:users")["column"] == "order_id"
    assert "order_id" not in SQL_RESERVED


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


# --- Jinja and Copier ----------------------------------------------------------------------------


@pytest.fixture
def env():
    return jinja2.Environment(extensions=[NamingExtension, FieldsExtension], undefined=jinja2.StrictUndefined)


def test_filters_are_registered():
    env = jinja2.Environment(extensions=[FieldsExtension])
    names = {"parse_fields", "fields_error", "resource_error", "first_string_field"}
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


def test_existing_resources_reads_the_answers_files(tmp_path):
    from extensions.fields import existing_resources

    assert existing_resources(tmp_path) == []
    folder = tmp_path / ".copier" / "resources"
    folder.mkdir(parents=True)
    (folder / "post.yml").write_text("_commit: v1\nname: post\nfields: title:string\n")
    (folder / "blog_entry.yml").write_text("_commit: v1\nname: 'Blog entry'\n")
    (folder / "odd.yml").write_text("_commit: v1\n")
    (folder / "notes.txt").write_text("name: ignored\n")
    assert existing_resources(tmp_path) == ["Blog entry", "odd", "post"]


def test_fields_error_skips_reference_targets_when_resources_are_unknown():
    from extensions.fields import fields_error

    assert "no resource" in fields_error("post:references:posts", "sqlite3", [])
    assert fields_error("post:references:posts", "sqlite3", None) == ""
    assert "unknown type" in fields_error("post:refs:posts", "sqlite3", None)


@pytest.mark.parametrize(
    ("spec", "param", "value", "shown"),
    [
        ("title:string:required", "p.Title", "row.Title", "p.Title"),
        (
            "n:int:null",
            "sql.NullInt64{Int64: db.Deref(p.N), Valid: p.N != nil}",
            "db.Optional(row.N.Int64, row.N.Valid)",
            "form.FormatOptional(p.N, form.FormatInt)",
        ),
        ("at:timestamp:required", "p.At", "row.At.UTC()", "form.FormatTimestamp(p.At)"),
        (
            "d:date",
            "sql.NullTime{Time: db.Deref(p.D), Valid: p.D != nil}",
            "db.Optional(row.D.Time.UTC(), row.D.Valid)",
            "form.FormatOptional(p.D, form.FormatDate)",
        ),
        ("doc:json:required", "string(p.Doc)", "json.RawMessage(row.Doc)", "form.FormatJSON(p.Doc)"),
        (
            "doc:json",
            "sql.NullString{String: string(db.Deref(p.Doc)), Valid: p.Doc != nil}",
            "db.Optional(json.RawMessage(row.Doc.String), row.Doc.Valid)",
            "form.FormatOptional(p.Doc, form.FormatJSON)",
        ),
        ("ok:bool", "p.Ok", "row.Ok", "form.FormatBool(p.Ok)"),
        (
            "author:references:users:null",
            "sql.NullString{String: db.Deref(p.AuthorID), Valid: p.AuthorID != nil}",
            "db.Optional(row.AuthorID.String, row.AuthorID.Valid)",
            "form.FormatOptional(p.AuthorID, form.FormatString)",
        ),
    ],
)
def test_conversions_come_from_the_field_type_table(spec, param, value, shown):
    (f,) = parse_fields(spec, "sqlite3")
    assert (f["store_param"], f["store_value"], f["form_value"]) == (param, value, shown)


@pytest.mark.parametrize("kind", TYPES)
def test_every_parsed_type_has_a_form_parser(kind):
    (f,) = parse_fields(f"x:{kind}" + (":users" if kind == "references" else ""), "postgres")
    keeps_text = kind in ("text", "references")
    assert (f["parse"] == "") == keeps_text
    assert f["format"].startswith("form.Format")

"""The field-type table: SQL and Go types per driver, defaults, example values, column quoting and
the Go conversions, as parse_fields hands them to the templates."""

from __future__ import annotations

import datetime
import decimal
import json
import re
import uuid

import pytest
import yaml

from extensions.field_types import ENGINES, FIELD_TYPES, SQL_RESERVED, SQLC_GO_OPTIONS, TYPES, quote_column
from extensions.fields import parse_fields
from extensions.naming import GO_INITIALISMS, go_pascal


def field(spec: str, driver: str = "sqlite3") -> dict:
    (only,) = parse_fields(spec, driver)
    return only


def test_every_driver_choice_has_an_engine(copier_config):
    assert set(ENGINES) == set(copier_config["db_driver"]["choices"].values())


def test_every_type_is_described():
    assert set(FIELD_TYPES) == set(TYPES)


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


# --- Column quoting ------------------------------------------------------------------------------


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


# --- Go conversions ------------------------------------------------------------------------------


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


@pytest.mark.parametrize(
    ("spec", "shown"),
    [
        ("due:date:required", "i18n.Date(ctx, p.Due)"),
        ("due:date", "i18n.Date(ctx, *p.Due)"),
        ("at:timestamp", "i18n.DateTime(ctx, p.At.UTC())"),
        ("views:int:required", "i18n.Number(ctx, p.Views)"),
        ("score:float:null", "i18n.Number(ctx, *p.Score)"),
        ("price:decimal", ""),
        ("title:string", ""),
    ],
)
def test_show_pages_format_dates_and_numbers_for_the_locale(spec, shown):
    (f,) = parse_fields(spec, "postgres")
    assert f["locale_value"] == shown


@pytest.mark.parametrize("kind", TYPES)
def test_every_parsed_type_has_a_form_parser(kind):
    (f,) = parse_fields(f"x:{kind}" + (":users" if kind == "references" else ""), "postgres")
    keeps_text = kind in ("text", "references")
    assert (f["parse"] == "") == keeps_text
    assert f["format"].startswith("form.Format")


def test_loads_outside_the_extensions_package(load_by_path):
    assert load_by_path("field_types", "module.example_go('int', 'views', 'views', True)") == "new(int64(42))"

"""The field types of the resource generator: what each becomes in SQL, in Go and in a form.

SQL and Go types, verified with sqlc v1.31.1 (`sql_package: database/sql`) on both engines, for
a NOT NULL / a nullable column; the row field (`gen_type`) and the INSERT/UPDATE parameter
(`param_type`, via `sqlc.arg`) have the same type in every case:

    type        sqlite engine   postgresql engine  gen_type (NOT NULL / NULL)  domain_type (NULL: pointer)
    string      TEXT            TEXT               string / sql.NullString     string
    text        TEXT            TEXT               string / sql.NullString     string
    int         INTEGER         BIGINT             int64 / sql.NullInt64       int64
    float       REAL            DOUBLE PRECISION   float64 / sql.NullFloat64   float64
    decimal     TEXT            NUMERIC            string / sql.NullString     string (exact decimal text)
    bool        BOOLEAN         BOOLEAN            bool / (sql.NullBool) **    bool
    date        DATE            DATE               time.Time / sql.NullTime    time.Time
    timestamp   TIMESTAMP       TIMESTAMPTZ        time.Time / sql.NullTime    time.Time
    uuid        TEXT            TEXT               string / sql.NullString     string
    json        TEXT            JSONB              string / sql.NullString *   json.RawMessage
    references  TEXT            TEXT               string / sql.NullString     string (a UUIDv7 id)

* Without an override sqlc maps PostgreSQL JSONB to json.RawMessage / pqtype.NullRawMessage, which
  would pull github.com/sqlc-dev/pqtype into the app. The app's sqlc.yaml must therefore carry
  `SQLC_GO_OPTIONS` below, which maps JSONB to string / sql.NullString (pgx accepts and returns JSON
  text for jsonb parameters and columns), so that every type has the same Go types on every driver.
  The same block sets sqlc's `initialisms` to naming.GO_INITIALISMS, so that the row and parameter
  fields sqlc generates are named exactly like `go_name` (naming.go_pascal: `author_id` ->
  `AuthorID`, `home_url` -> `HomeURL`) and the model struct like naming.resource_names(...)["model"].
** A bool is never nullable: a checkbox has no third state, so `null` on a bool is rejected.

`example_go` of a nullable field uses Go 1.26's `new(expr)`: `new(int64(42))` is an `*int64`.

Observed round trips, for whoever writes the conversions: PostgreSQL rejects "" for a NUMERIC
parameter, so an empty optional decimal must be stored as its default "0"; on SQLite a DATE or
TIMESTAMP comes back as time.Time with mattn/go-sqlite3 and go-libsql alike (stored as
"2026-01-02 00:00:00+00:00" and "2026-01-02T00:00:00Z" respectively). go-libsql turns *any* TEXT
value that parses as a date or time into a time.Time, which database/sql then formats with
RFC 3339 when it is scanned into a string, so the example values below never look like dates.

Queries. Write every column as `column` (double-quoted when reserved) and every parameter as
`sqlc.arg('<json>')`, i.e. the unquoted column in single quotes: it is the only spelling that both
engines accept for reserved words (on PostgreSQL `sqlc.arg(order)` and `@order` are syntax errors,
and sqlc mangles `sqlc.arg("order")` on both), and sqlc then names the parameter field `go_name`.
"""

from __future__ import annotations

import runpy
from dataclasses import dataclass, field
from pathlib import Path

if __package__ == "extensions":  # imported as a package: the tests and tools
    from extensions import naming
else:  # loaded by path, as Copier loads extensions: see _siblings.py
    naming = runpy.run_path(str(Path(__file__).with_name("_siblings.py")))["load"]("naming")

# --- Vocabulary ----------------------------------------------------------------------------------

ENGINES = {"go-libsql": "sqlite", "sqlite3": "sqlite", "postgres": "postgresql"}
# fmt: off
TYPES = (
    "string", "text", "int", "float", "decimal", "bool", "date", "timestamp", "uuid", "json",
    "references",
)
# fmt: on
MODIFIERS = ("required", "unique", "index", "null")


# --- SQL identifiers -----------------------------------------------------------------------------

# Reserved words of SQLite (sqlite.org/lang_keywords.html, all of them: sqlc's SQLite grammar is
# stricter than SQLite) and of PostgreSQL 15+ (pg_get_keywords() catcode R and T, which cannot be
# column names unquoted). Quoting a word that did not need it is harmless.
_SQL_RESERVED_WORDS = """
abort action add after all alter always analyse analyze and any array as asc asymmetric attach
authorization autoincrement before begin between binary both by cascade case cast check collate
collation column commit concurrently conflict constraint create cross current current_catalog
current_date current_role current_schema current_time current_timestamp current_user database
default deferrable deferred delete desc detach distinct do drop each else end escape except
exclude exclusive exists explain fail false fetch filter first following for foreign freeze from
full generated glob grant group groups having if ignore ilike immediate in index indexed initially
inner insert instead intersect into is isnull join key last lateral leading left like limit
localtime localtimestamp match materialized natural no not nothing notnull null nulls of offset on
only or order others outer over overlaps partition placing plan pragma preceding primary query
raise range recursive references regexp reindex release rename replace restrict returning right
rollback row rows savepoint select session_user set similar some symmetric system_user table
tablesample temp temporary then ties to trailing transaction trigger true unbounded union unique
update user using vacuum values variadic verbose view virtual when where window with without
"""
SQL_RESERVED = frozenset(_SQL_RESERVED_WORDS.split())

# PostgreSQL truncates longer identifiers; SQLite has no limit.
MAX_IDENTIFIER = 63


def quote_column(column: str) -> str:
    """The column as an SQL identifier: double-quoted when it is a reserved word in either dialect."""
    return f'"{column}"' if column in SQL_RESERVED else column


# --- Types ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldType:
    """What one field type becomes: SQL per engine, Go types, form control and test values."""

    sql: dict[str, str]
    gen: tuple[str, str]  # sqlc's Go type for a NOT NULL and for a nullable column
    domain: str
    zero: dict[str, str] = field(default_factory=dict)  # default of a plain field; none: nullable
    form_input: str = "text"
    step: str = ""
    example_form: str = ""
    example_go: str = ""  # "" for string-like types: derived from example_form
    invalid_form: str = ""
    # The internal/form functions that parse a submitted value and format a stored one back;
    # no parse: the value is kept as typed.
    parse: str = ""
    format: str = "form.FormatString"


_SAME = {"sqlite": "TEXT", "postgresql": "TEXT"}
_STRING_ZERO = {"sqlite": "''", "postgresql": "''"}
_NUMBER_ZERO = {"sqlite": "0", "postgresql": "0"}
_JSON = '{"example": true}'  # jsonb's own spelling, so that it reads back unchanged

FIELD_TYPES = {
    "string": FieldType(
        _SAME, ("string", "sql.NullString"), "string", zero=_STRING_ZERO, parse="form.ParseString"
    ),
    "text": FieldType(
        _SAME, ("string", "sql.NullString"), "string", zero=_STRING_ZERO, form_input="textarea"
    ),
    "int": FieldType(
        {"sqlite": "INTEGER", "postgresql": "BIGINT"},
        ("int64", "sql.NullInt64"),
        "int64",
        zero=_NUMBER_ZERO,
        form_input="number",
        step="1",
        example_form="42",
        example_go="int64(42)",
        invalid_form="abc",
        parse="form.ParseInt",
        format="form.FormatInt",
    ),
    "float": FieldType(
        {"sqlite": "REAL", "postgresql": "DOUBLE PRECISION"},
        ("float64", "sql.NullFloat64"),
        "float64",
        zero=_NUMBER_ZERO,
        form_input="number",
        step="any",
        example_form="1.5",
        example_go="1.5",
        invalid_form="abc",
        parse="form.ParseFloat",
        format="form.FormatFloat",
    ),
    "decimal": FieldType(
        {"sqlite": "TEXT", "postgresql": "NUMERIC"},
        ("string", "sql.NullString"),
        "string",
        zero={"sqlite": "'0'", "postgresql": "0"},
        form_input="number",
        step="any",
        example_form="12.50",
        invalid_form="abc",
        parse="form.ParseDecimal",
    ),
    "bool": FieldType(
        {"sqlite": "BOOLEAN", "postgresql": "BOOLEAN"},
        ("bool", "sql.NullBool"),
        "bool",
        zero={"sqlite": "FALSE", "postgresql": "FALSE"},
        form_input="checkbox",
        example_form="on",
        example_go="true",
        parse="form.ParseBool",
        format="form.FormatBool",
    ),
    "date": FieldType(
        {"sqlite": "DATE", "postgresql": "DATE"},
        ("time.Time", "sql.NullTime"),
        "time.Time",
        form_input="date",
        example_form="2026-01-02",
        example_go="time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)",
        invalid_form="2026-13-45",
        parse="form.ParseDate",
        format="form.FormatDate",
    ),
    "timestamp": FieldType(
        {"sqlite": "TIMESTAMP", "postgresql": "TIMESTAMPTZ"},
        ("time.Time", "sql.NullTime"),
        "time.Time",
        form_input="datetime-local",
        example_form="2026-01-02T15:04",
        example_go="time.Date(2026, 1, 2, 15, 4, 0, 0, time.UTC)",
        invalid_form="2026-13-45T25:61",
        parse="form.ParseTimestamp",
        format="form.FormatTimestamp",
    ),
    "uuid": FieldType(
        _SAME,
        ("string", "sql.NullString"),
        "string",
        zero=_STRING_ZERO,
        example_form="0192d1a0-7c3e-7b4a-9f00-1d2e3f405162",
        invalid_form="not-a-uuid",
        parse="form.ParseUUID",
    ),
    "json": FieldType(
        {"sqlite": "TEXT", "postgresql": "JSONB"},
        ("string", "sql.NullString"),
        "json.RawMessage",
        form_input="textarea",
        example_form=_JSON,
        example_go=f"json.RawMessage(`{_JSON}`)",
        invalid_form="{not json",
        parse="form.ParseJSON",
        format="form.FormatJSON",
    ),
    "references": FieldType(_SAME, ("string", "sql.NullString"), "string", form_input="select"),
}
# Types with no sensible zero value: a plain field is nullable rather than NOT NULL with a default.
IMPLICITLY_NULL = frozenset({"date", "timestamp", "json"})
# Types a field cannot be unique in: long values, or too few distinct ones.
NO_UNIQUE = frozenset({"text", "json", "bool"})

# The sqlc.yaml block that gives every type the Go types above on every engine (see the docstring).
SQLC_GO_OPTIONS = """\
initialisms: [id, url, uuid, json, html, api, http, ip, sql]
overrides:
  - db_type: jsonb
    go_type: string
  - db_type: jsonb
    nullable: true
    go_type: database/sql.NullString
"""


# --- Example values ------------------------------------------------------------------------------


def example_form(kind: str, name: str) -> str:
    """The value a test types into the form for a field of type `kind` named `name`."""
    if kind in ("string", "text"):
        return f"Example {naming.prose(name)}"
    return FIELD_TYPES[kind].example_form


def example_go(kind: str, name: str, var: str, null: bool) -> str:
    """The Go expression of that value in a test; for a reference, the variable `var` that holds
    a real row's id."""
    if kind == "references":
        return f"&{var}" if null else var
    literal = FIELD_TYPES[kind].example_go or _go_string(example_form(kind, name))
    return f"new({literal})" if null else literal


def _go_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# --- Go conversions ------------------------------------------------------------------------------


def store_param(field: dict) -> str:
    """The Go expression that turns field of a domain value `p` into sqlc's parameter:
    `sql.NullString{String: db.Deref(p.Summary), Valid: p.Summary != nil}` for a nullable string."""
    value, gen = f"p.{field['go_name']}", field["gen_type"]
    if field["null"]:
        inner = db_value = f"db.Deref({value})"
        if field["type"] == "json":
            db_value = f"string({inner})"
        return f"{gen}{{{gen.split('.Null')[1]}: {db_value}, Valid: {value} != nil}}"
    return f"string({value})" if field["type"] == "json" else value


def store_value(field: dict) -> str:
    """The Go expression that turns field of sqlc's `row` into the domain value:
    `db.Optional(row.PublishedAt.Time.UTC(), row.PublishedAt.Valid)` for a nullable timestamp."""
    column = f"row.{field['go_name']}"
    value = f"{column}.{field['gen_type'].split('.Null')[1]}" if field["null"] else column
    if field["type"] == "json":
        value = f"json.RawMessage({value})"
    elif field["type"] in ("date", "timestamp"):
        value += ".UTC()"
    return f"db.Optional({value}, {column}.Valid)" if field["null"] else value


# How a show page formats a value of these types for the reader's locale (package i18n).
LOCALE_FORMATS = {
    "date": "i18n.Date",
    "timestamp": "i18n.DateTime",
    "int": "i18n.Number",
    "float": "i18n.Number",
}


def locale_value(field: dict) -> str:
    """The Go expression that formats field of a domain value `p` for the reader's locale, as a
    show page writes it (`i18n.Date(ctx, *p.Due)` for a nullable date; a nullable value is shown
    only when set), or "" for a type shown as the form shows it."""
    fmt = LOCALE_FORMATS.get(field["type"])
    if fmt is None:
        return ""
    value = f"p.{field['go_name']}"
    if field["type"] == "timestamp":
        value += ".UTC()"
    elif field["null"]:
        value = "*" + value
    return f"{fmt}(ctx, {value})"


def form_value(field: dict) -> str:
    """The Go expression that formats field of a domain value `p` as a form shows it:
    `form.FormatOptional(p.Rating, form.FormatInt)` for a nullable int."""
    value = f"p.{field['go_name']}"
    if field["null"]:
        return f"form.FormatOptional({value}, {field['format']})"
    return value if field["format"] == "form.FormatString" else f"{field['format']}({value})"

"""Field specs for the resource generator: parsing, names, per-driver SQL and Go types, validators.

`-d fields="title:string:required body:text published:bool author:references:users"` is a
whitespace-separated list of `name:type[:modifier...]` items; a reference names its target table
after the type: `author:references:users[:modifier...]`. `parse_fields` turns it into one dict per
field, which the resource templates use for the migration, the sqlc queries, the domain code, the
handlers, the views and the tests; `fields_error` and `resource_error` are the Copier validators.

Nullability. `required` makes a column NOT NULL without a default and validates that the form value
is present; `null` makes it nullable (a pointer in the domain struct). A plain field of a type with
a natural zero value (string, text, int, float, decimal, bool, uuid) is NOT NULL with a zero default
('' / 0 / '0' / FALSE); a plain date, timestamp or json field is nullable, because no zero date or
document is a sensible default; a plain reference is required, as in Rails (`null` makes it
optional). The returned `required` and `null` flags are the effective ones.

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
  The same block sets sqlc's `initialisms` to `GO_INITIALISMS`, so that the row and parameter
  fields sqlc generates are named exactly like `go_name` (`author_id` -> `AuthorID`, `home_url` ->
  `HomeURL`) and the model struct like `resource_names(...)["model"]`.
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

import difflib
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path

from jinja2.ext import Extension

if __package__ == "extensions":  # imported as a package: the tests and tools
    from extensions.naming import (
        GO_SHADOWED,
        camel,
        go_ident,
        go_pascal,
        go_var,
        label,
        prose,
        resource_names,
        snake,
        table_name,
    )
else:  # loaded by path, as Copier loads extensions: see _siblings.py
    _load = runpy.run_path(str(Path(__file__).with_name("_siblings.py")))["load"]
    GO_SHADOWED, camel, go_ident, go_pascal, go_var, label, prose, resource_names, snake, table_name = _load(
        "naming",
        *("GO_SHADOWED", "camel", "go_ident", "go_pascal", "go_var", "label", "prose", "resource_names"),
        *("snake", "table_name"),
    )

# --- Vocabulary ----------------------------------------------------------------------------------

ENGINES = {"go-libsql": "sqlite", "sqlite3": "sqlite", "postgres": "postgresql"}
# fmt: off
TYPES = (
    "string", "text", "int", "float", "decimal", "bool", "date", "timestamp", "uuid", "json",
    "references",
)
# fmt: on
MODIFIERS = ("required", "unique", "index", "null")
MAX_FIELDS = 30
# PostgreSQL truncates longer identifiers; SQLite has no limit.
MAX_IDENTIFIER = 63
# Columns every resource table has; fields must not redefine them.
IMPLICIT_COLUMNS = ("id", "slug", "created_at", "updated_at", "owner_id")
_IMPLICIT_GO_NAMES = frozenset({"CreatedAt", "ID", "OwnerID", "Slug", "UpdatedAt"})

SQLC_GO_OPTIONS = """\
initialisms: [id, url, uuid, json, html, api, http, ip, sql]
overrides:
  - db_type: jsonb
    go_type: string
  - db_type: jsonb
    nullable: true
    go_type: database/sql.NullString
"""

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

# Names a resource cannot take: the app's own tables and top-level routes.
# fmt: off
RESERVED_RESOURCES = frozenset({
    "user", "users", "session", "sessions", "auth_code", "auth_codes", "casbin_rule",
    "casbin_rules", "permission_audit", "permission_audits", "goose_db_version", "admin", "api",
    "assets", "login", "logout", "dashboard", "dev",
})
# fmt: on

_ITEM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_RESOURCE_CHAR = re.compile(r"[A-Za-z0-9_ -]")
# Spellings from other tools, suggested as the type we call them.
# fmt: off
_TYPE_HINTS = {
    "relation": "references", "belongs_to": "references", "ref": "references",
    "reference": "references", "boolean": "bool", "integer": "int", "bigint": "int",
    "double": "float", "numeric": "decimal", "money": "decimal", "varchar": "string",
    "str": "string", "datetime": "timestamp", "time": "timestamp", "timestamptz": "timestamp",
    "jsonb": "json",
}
# fmt: on


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
_IMPLICITLY_NULL = frozenset({"date", "timestamp", "json"})
_NO_UNIQUE = frozenset({"text", "json", "bool"})


def _example_go(item: Item, ftype: FieldType, var: str, null: bool) -> str:
    if item.type == "references":
        return f"&{var}" if null else var
    literal = ftype.example_go or _go_string(_example_form(item, ftype))
    return f"new({literal})" if null else literal


def _example_form(item: Item, ftype: FieldType) -> str:
    if item.type in ("string", "text"):
        return f"Example {prose(item.name)}"
    return ftype.example_form


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


def form_value(field: dict) -> str:
    """The Go expression that formats field of a domain value `p` as a form shows it:
    `form.FormatOptional(p.Rating, form.FormatInt)` for a nullable int."""
    value = f"p.{field['go_name']}"
    if field["null"]:
        return f"form.FormatOptional({value}, {field['format']})"
    return value if field["format"] == "form.FormatString" else f"{field['format']}({value})"


def _go_string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def quote_column(column: str) -> str:
    """The column as an SQL identifier: double-quoted when it is a reserved word in either dialect."""
    return f'"{column}"' if column in SQL_RESERVED else column


# --- Parsing -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One `name:type[:target][:modifier...]` item, syntactically valid."""

    raw: str
    name: str  # snake_case
    type: str
    target: str  # the referenced table, for references
    modifiers: frozenset[str]

    @property
    def column(self) -> str:
        return f"{self.name}_id" if self.type == "references" else self.name

    @property
    def required(self) -> bool:
        return "required" in self.modifiers or (self.type == "references" and "null" not in self.modifiers)

    @property
    def null(self) -> bool:
        return "null" in self.modifiers or (self.type in _IMPLICITLY_NULL and not self.required)


def _split(spec) -> list[str]:
    if isinstance(spec, list | tuple):
        spec = " ".join(str(item) for item in spec)
    return str(spec or "").split()


def _names(existing) -> list[str]:
    if existing is None:
        return []
    if isinstance(existing, str):
        existing = existing.replace(",", " ").split()
    return [str(name) for name in existing if str(name).strip()]


def _suggest(word: str, choices, hints=None) -> str:
    match = (hints or {}).get(word) or next(iter(difflib.get_close_matches(word, choices, n=1)), "")
    return f' (did you mean "{match}"?)' if match else ""


def parse_item(raw: str) -> tuple[Item | None, str]:
    """Parse one item; returns (item, "") or (None, an error message naming the item)."""
    name, _, rest = raw.partition(":")
    kind, more, rest = rest.partition(":")
    parts = rest.split(":") if more else []
    if not _ITEM_NAME.fullmatch(name):
        return None, (
            f'"{raw}": field name "{name}" must start with a letter and use only letters, digits and '
            f'"_", e.g. "published_at:bool".'
        )
    if not kind:
        return None, f'"{raw}": give the field a type, e.g. "{name}:string"; types: {", ".join(TYPES)}.'
    kind = kind.lower()
    if kind not in TYPES:
        hint = _suggest(kind, TYPES, _TYPE_HINTS)
        return None, f'"{raw}": unknown type "{kind}"{hint}; use one of {", ".join(TYPES)}.'
    target = ""
    if kind == "references":
        if not parts or not parts[0]:
            return None, f'"{raw}": name the referenced resource, e.g. "{name}:references:users".'
        target, parts = table_name(parts[0]), parts[1:]
    modifiers = [part.lower() for part in parts]
    if "" in modifiers:
        return None, f'"{raw}": empty modifier; remove the extra ":".'
    for modifier in modifiers:
        if modifier not in MODIFIERS:
            return None, (
                f'"{raw}": unknown modifier "{modifier}"{_suggest(modifier, MODIFIERS)}; '
                f"use {', '.join(MODIFIERS)}."
            )
    repeated = next((m for m in modifiers if modifiers.count(m) > 1), "")
    if repeated:
        return None, f'"{raw}": modifier "{repeated}" is given twice; keep one.'
    return Item(raw, snake(name), kind, target, frozenset(modifiers)), ""


def item_error(item: Item) -> str:
    """Why a parsed item is not a usable field on its own, or ""."""
    raw, name, kind, modifiers = item.raw, item.name, item.type, item.modifiers
    if kind == "references" and name.endswith("_id"):
        fixed = f"{name.removesuffix('_id')}:references:{item.target}"
        return f'"{raw}": name the reference without "_id": "{fixed}" makes column "{name}".'
    if item.column in IMPLICIT_COLUMNS:
        return (
            f'"{raw}": column "{item.column}" clashes with the columns every resource has '
            f"({', '.join(IMPLICIT_COLUMNS)}); choose another name."
        )
    if go_pascal(item.column) in _IMPLICIT_GO_NAMES:
        return (
            f'"{raw}": its Go name "{go_pascal(item.column)}" clashes with the fields every resource has '
            f"({', '.join(sorted(_IMPLICIT_GO_NAMES))}); choose another name."
        )
    if len(item.column) > MAX_IDENTIFIER:
        return (
            f'"{raw}": column "{item.column}" is longer than {MAX_IDENTIFIER} characters; use a shorter name.'
        )
    if {"required", "null"} <= modifiers:
        return f'"{raw}": a field cannot be both required and null; keep one of them.'
    if kind == "bool" and "required" in modifiers:
        return (
            f'"{raw}": a checkbox cannot be required (unchecked is a valid answer: false); drop required, '
            f"the column defaults to FALSE."
        )
    if kind == "bool" and "null" in modifiers:
        return f'"{raw}": a checkbox has no "unset" state; drop null (unchecked stores FALSE).'
    if "unique" in modifiers and kind in _NO_UNIQUE:
        return (
            f'"{raw}": {kind} fields cannot be unique (long or few distinct values); drop unique or use '
            f'"{item.name}:string:unique".'
        )
    if "unique" in modifiers and not item.required and not item.null:
        return (
            f'"{raw}": an optional unique field would store its default in more than one row; add '
            f'required ("{raw}:required") or null ("{raw}:null").'
        )
    if {"unique", "index"} <= modifiers:
        return f'"{raw}": unique already creates an index; drop index.'
    return ""


def _identifiers(item: Item) -> dict[str, str]:
    """The names a field takes in the generated code, which no other field may take."""
    names: dict[str, str] = {}
    for key, what in (
        (item.name, "name"),
        (item.column, "column"),
        (go_pascal(item.column), "Go name"),
        (go_var(item.column), "Go variable"),
    ):
        names.setdefault(key, what)
    return names


def _conflict(item: Item, seen: dict[str, Item]) -> str:
    for key, what in _identifiers(item).items():
        if key in seen:
            return (
                f'"{item.raw}": its {what} "{key}" is already taken by "{seen[key].raw}"; '
                f"give each field its own name."
            )
    return ""


def _target_error(item: Item, existing: list[str]) -> str:
    known = {"users"} | {table_name(name) for name in existing}
    if item.type != "references" or item.target in known:
        return ""
    written = item.raw.split(":")[2]
    return f'"{item.raw}": no resource "{written}"; generate it first or use users.'


def _parse(spec, db_driver: str, existing) -> tuple[list[Item], list[str]]:
    if db_driver not in ENGINES:
        return [], [f'unknown db_driver "{db_driver}"; use one of {", ".join(ENGINES)}.']
    raws = _split(spec)
    if not raws:
        return [], ['fields: give at least one field, e.g. "title:string:required body:text".']
    if len(raws) > MAX_FIELDS:
        return [], [f"fields: {len(raws)} fields given; a resource has at most {MAX_FIELDS}."]
    items: list[Item] = []
    errors: list[str] = []
    seen: dict[str, Item] = {}
    existing_names = _names(existing) if existing is not None else None
    for raw in raws:
        item, error = parse_item(raw)
        if item:
            error = item_error(item) or _conflict(item, seen)
        if not error and existing_names is not None:
            error = _target_error(item, existing_names)
        if error:
            errors.append(error)
            continue
        items.append(item)
        seen.update(dict.fromkeys(_identifiers(item), item))
    return items, errors


def _to_dict(item: Item, engine: str) -> dict:
    ftype = FIELD_TYPES[item.type]
    null, required = item.null, item.required
    gen = ftype.gen[1] if null else ftype.gen[0]
    domain = ("*" if null else "") + ftype.domain
    var = go_var(item.column)
    return {
        "name": item.name,
        "column": quote_column(item.column),
        "go_name": go_pascal(item.column),
        "go_var": var,
        "json": item.column,
        "label": label(item.name),
        "type": item.type,
        "required": required,
        "unique": "unique" in item.modifiers,
        "index": "index" in item.modifiers,
        "null": null,
        "references": item.target,
        "sql_type": ftype.sql[engine],
        "sql_not_null": not null,
        "sql_default": "" if (null or required) else ftype.zero[engine],
        "gen_type": gen,
        "param_type": gen,
        "domain_type": domain,
        "form_input": ftype.form_input,
        "step": ftype.step,
        "example_go": _example_go(item, ftype, var, null),
        "example_form": _example_form(item, ftype),
        "invalid_form": ftype.invalid_form,
        "parse": ftype.parse,
        "format": ftype.format,
    }


def _with_conversions(field: dict) -> dict:
    return {
        **field,
        "store_param": store_param(field),
        "store_value": store_value(field),
        "form_value": form_value(field),
    }


def parse_fields(spec, db_driver: str) -> list[dict]:
    """The fields of a spec for a driver; raises ValueError with every problem when it is invalid.

    References are not checked against existing resources here: that is fields_error's job.
    """
    items, errors = _parse(spec, db_driver, None)
    if errors:
        raise ValueError("\n".join(errors))
    return [_with_conversions(_to_dict(item, ENGINES[db_driver])) for item in items]


def fields_error(spec, db_driver: str, existing=()) -> str:
    """Return "" when the spec is valid for the driver and the existing resources, else one line per
    problem. `existing` lists the resources generated so far, in any spelling; None means they are
    unknown (answers replayed by an update, in an empty directory), so references are not checked."""
    return "\n".join(_parse(spec, db_driver, existing)[1])


def first_string_field(fields: list[dict]) -> dict | None:
    """The first string field that cannot be null (the source of the slug and the title of a
    record's page), or None."""
    return next((f for f in fields if f["type"] == "string" and not f["null"]), None)


# --- Resource names ------------------------------------------------------------------------------


def resource_error(name, existing=()) -> str:
    """Return why `name` cannot be a new resource, or "" if it can."""
    value = str(name or "").strip()
    if not value:
        return 'name is required, e.g. "post" or "blog_post".'
    bad = next((c for c in value if not _RESOURCE_CHAR.fullmatch(c)), "")
    if bad:
        return (
            f'name "{value}" contains "{bad}"; use only letters, digits, spaces, "-" and "_", '
            f'e.g. "blog_post".'
        )
    if not value[0].isalpha():
        return f'name "{value}" must start with a letter, e.g. "blog_post".'
    names = resource_names(value)
    if {snake(value), names["snake"], names["table"]} & RESERVED_RESOURCES:
        return (
            f'name "{value}" is reserved by the application; choose another, e.g. "{names["snake"]}_entry".'
        )
    if names["snake"] == names["snake_plural"]:
        return (
            f'name "{value}" has the same singular and plural ("{names["snake"]}"), which the generated code '
            f'must tell apart; use a countable noun, e.g. "{names["snake"]}_item".'
        )
    if names["table"] in {table_name(other) for other in _names(existing)}:
        return f'resource "{value}" already exists (table "{names["table"]}"); choose another name.'
    for kind, ident in (
        ("package", names["package"]),
        ("variable", names["camel"]),
        ("variable", names["camel_plural"]),
    ):
        if go_ident(ident) != camel(ident) or ident in GO_SHADOWED:
            return (
                f'name "{value}" makes the Go {kind} name "{ident}", which clashes with Go\'s own "{ident}"; '
                f'choose another, e.g. "{names["snake"]}_entry".'
            )
    if len(names["table"]) > MAX_IDENTIFIER:
        return (
            f'name "{value}" makes table "{names["table"]}", longer than {MAX_IDENTIFIER} characters; '
            f"use a shorter name."
        )
    return ""


def existing_resources(project_dir) -> list[str]:
    """The names of the resources generated in the app at `project_dir`, from their answers files
    (`.copier/resources/<name>.yml`). A directory without any gives []."""
    folder = Path(str(project_dir or ".")) / ".copier" / "resources"
    if not folder.is_dir():
        return []
    names = []
    for answers in sorted(folder.glob("*.yml")):
        match = re.search(r"^name:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", answers.read_text(encoding="utf-8"), re.M)
        names.append(match.group(1) if match else answers.stem)
    return names


class FieldsExtension(Extension):
    """Registers the resource generator filters: parse_fields, fields_error, resource_error,
    first_string_field, existing_resources."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(
            parse_fields=parse_fields,
            fields_error=fields_error,
            resource_error=resource_error,
            first_string_field=first_string_field,
            existing_resources=existing_resources,
        )

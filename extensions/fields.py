"""Field specs for the resource generator: parsing and checking them.

`-d fields="title:string:required body:text published:bool author:references:users"` is a
whitespace-separated list of `name:type[:modifier...]` items; a reference names its target table
after the type: `author:references:users[:modifier...]`. `parse_fields` turns it into one dict per
field, which the resource templates use for the migration, the sqlc queries, the domain code, the
handlers, the views and the tests; `fields_error` is the Copier validator of the answer. What each
type becomes in SQL, in Go and in a form comes from field_types.py, the Go names from naming.py,
and the resources a reference may name from app_resources.py.

Nullability. `required` makes a column NOT NULL without a default and validates that the form value
is present; `null` makes it nullable (a pointer in the domain struct). A plain field of a type with
a natural zero value (string, text, int, float, decimal, bool, uuid) is NOT NULL with a zero default
('' / 0 / '0' / FALSE); a plain date, timestamp or json field is nullable, because no zero date or
document is a sensible default; a plain reference is required, as in Rails (`null` makes it
optional). The returned `required` and `null` flags are the effective ones.
"""

from __future__ import annotations

import difflib
import re
import runpy
from dataclasses import dataclass
from pathlib import Path

from jinja2.ext import Extension

if __package__ == "extensions":  # imported as a package: the tests and tools
    from extensions import app_resources, field_types, naming
else:  # loaded by path, as Copier loads extensions: see _siblings.py
    _load = runpy.run_path(str(Path(__file__).with_name("_siblings.py")))["load"]
    app_resources, field_types, naming = _load("app_resources"), _load("field_types"), _load("naming")

# --- Vocabulary ----------------------------------------------------------------------------------

MAX_FIELDS = 30
# Columns every resource table has; fields must not redefine them.
IMPLICIT_COLUMNS = ("id", "slug", "created_at", "updated_at", "owner_id")
_IMPLICIT_GO_NAMES = frozenset({"CreatedAt", "ID", "OwnerID", "Slug", "UpdatedAt"})

_ITEM_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
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
        return "null" in self.modifiers or (self.type in field_types.IMPLICITLY_NULL and not self.required)


def _split(spec) -> list[str]:
    if isinstance(spec, list | tuple):
        spec = " ".join(str(item) for item in spec)
    return str(spec or "").split()


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
        types = ", ".join(field_types.TYPES)
        return None, f'"{raw}": give the field a type, e.g. "{name}:string"; types: {types}.'
    kind = kind.lower()
    if kind not in field_types.TYPES:
        hint = _suggest(kind, field_types.TYPES, _TYPE_HINTS)
        return None, f'"{raw}": unknown type "{kind}"{hint}; use one of {", ".join(field_types.TYPES)}.'
    target = ""
    if kind == "references":
        if not parts or not parts[0]:
            return None, f'"{raw}": name the referenced resource, e.g. "{name}:references:users".'
        target, parts = naming.table_name(parts[0]), parts[1:]
    modifiers = [part.lower() for part in parts]
    if "" in modifiers:
        return None, f'"{raw}": empty modifier; remove the extra ":".'
    for modifier in modifiers:
        if modifier not in field_types.MODIFIERS:
            return None, (
                f'"{raw}": unknown modifier "{modifier}"{_suggest(modifier, field_types.MODIFIERS)}; '
                f"use {', '.join(field_types.MODIFIERS)}."
            )
    repeated = next((m for m in modifiers if modifiers.count(m) > 1), "")
    if repeated:
        return None, f'"{raw}": modifier "{repeated}" is given twice; keep one.'
    return Item(raw, naming.snake(name), kind, target, frozenset(modifiers)), ""


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
    go_name = naming.go_pascal(item.column)
    if go_name in _IMPLICIT_GO_NAMES:
        return (
            f'"{raw}": its Go name "{go_name}" clashes with the fields every resource has '
            f"({', '.join(sorted(_IMPLICIT_GO_NAMES))}); choose another name."
        )
    if len(item.column) > field_types.MAX_IDENTIFIER:
        return (
            f'"{raw}": column "{item.column}" is longer than {field_types.MAX_IDENTIFIER} characters; '
            f"use a shorter name."
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
    if "unique" in modifiers and kind in field_types.NO_UNIQUE:
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
        (naming.go_pascal(item.column), "Go name"),
        (naming.go_var(item.column), "Go variable"),
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
    known = {"users"} | {naming.table_name(name) for name in existing}
    if item.type != "references" or item.target in known:
        return ""
    written = item.raw.split(":")[2]
    return f'"{item.raw}": no resource "{written}"; generate it first or use users.'


def _parse(spec, db_driver: str, existing) -> tuple[list[Item], list[str]]:
    if db_driver not in field_types.ENGINES:
        return [], [f'unknown db_driver "{db_driver}"; use one of {", ".join(field_types.ENGINES)}.']
    raws = _split(spec)
    if not raws:
        return [], ['fields: give at least one field, e.g. "title:string:required body:text".']
    if len(raws) > MAX_FIELDS:
        return [], [f"fields: {len(raws)} fields given; a resource has at most {MAX_FIELDS}."]
    items: list[Item] = []
    errors: list[str] = []
    seen: dict[str, Item] = {}
    existing_names = app_resources.resource_list(existing) if existing is not None else None
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
    ftype = field_types.FIELD_TYPES[item.type]
    null, required = item.null, item.required
    gen = ftype.gen[1] if null else ftype.gen[0]
    domain = ("*" if null else "") + ftype.domain
    var = naming.go_var(item.column)
    return {
        "name": item.name,
        "column": field_types.quote_column(item.column),
        "go_name": naming.go_pascal(item.column),
        "go_var": var,
        "json": item.column,
        "label": naming.label(item.name),
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
        "example_go": field_types.example_go(item.type, item.name, var, null),
        "example_form": field_types.example_form(item.type, item.name),
        "invalid_form": ftype.invalid_form,
        "parse": ftype.parse,
        "format": ftype.format,
    }


def _with_conversions(field: dict) -> dict:
    return {
        **field,
        "store_param": field_types.store_param(field),
        "store_value": field_types.store_value(field),
        "form_value": field_types.form_value(field),
        "locale_value": field_types.locale_value(field),
    }


def parse_fields(spec, db_driver: str) -> list[dict]:
    """The fields of a spec for a driver; raises ValueError with every problem when it is invalid.

    References are not checked against existing resources here: that is fields_error's job.
    """
    items, errors = _parse(spec, db_driver, None)
    if errors:
        raise ValueError("\n".join(errors))
    return [_with_conversions(_to_dict(item, field_types.ENGINES[db_driver])) for item in items]


def fields_error(spec, db_driver: str, existing=()) -> str:
    """Return "" when the spec is valid for the driver and the existing resources, else one line per
    problem. `existing` lists the resources generated so far, in any spelling; None means they are
    unknown (answers replayed by an update, in an empty directory), so references are not checked."""
    return "\n".join(_parse(spec, db_driver, existing)[1])


def first_string_field(fields: list[dict]) -> dict | None:
    """The first string field that cannot be null (the source of the slug and the title of a
    record's page), or None."""
    return next((f for f in fields if f["type"] == "string" and not f["null"]), None)


class FieldsExtension(Extension):
    """Registers the field spec filters: parse_fields, fields_error, first_string_field."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(
            parse_fields=parse_fields,
            fields_error=fields_error,
            first_string_field=first_string_field,
        )

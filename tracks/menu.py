"""`tracks` with no arguments in a terminal: a menu to create an app or add a resource to one.

The new-app questions are Copier's own (with their help and validators). The resource's fields
are built one at a time (name, type from the list, modifiers, the referenced table chosen from
the app's users and resources), then previewed with a dry run, which runs the template's
validators, and written only once confirmed.
"""

from __future__ import annotations

import re
from pathlib import Path

import questionary

from tracks import generate
from tracks.app import App, find_app
from tracks.source import installed_template

# The field types and modifiers of the resource generator (a test keeps them equal to the
# template's extensions/field_types.py).
FIELD_TYPES = (
    "string",
    "text",
    "int",
    "float",
    "decimal",
    "bool",
    "date",
    "timestamp",
    "uuid",
    "json",
    "references",
)
MODIFIERS = ("required", "unique", "index", "null")
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_CREATE_TABLE = re.compile(r"^\d+_create_([a-z0-9_]+)\.sql$")

NEW_APP, ADD_RESOURCE, QUIT = "Create a new app", "Add a resource to this app", "Quit"


class Cancelled(Exception):
    """The user left a prompt with Ctrl-C or Ctrl-D."""


def ask(question: questionary.Question):
    answer = question.ask()
    if answer is None:
        raise Cancelled
    return answer


def run(cwd: Path) -> int:
    app = find_app(cwd)
    choices = [NEW_APP, *([ADD_RESOURCE] if app else []), QUIT]
    where = f"in {app.root}" if app else "(not inside an app)"
    try:
        choice = ask(questionary.select(f"Tracks {where}: what would you like to do?", choices=choices))
        if choice == NEW_APP:
            return new_app(cwd)
        if choice == ADD_RESOURCE and app is not None:
            return add_resource(app)
    except Cancelled:
        print("Cancelled; nothing was written.")
        return 1
    return 0


def new_app(cwd: Path) -> int:
    def valid(text: str) -> bool | str:
        if not text.strip():
            return "give a directory, e.g. blog"
        dst = cwd / text.strip()
        if dst.exists() and any(dst.iterdir()):
            return f"{text} exists and is not empty"
        if find_app(dst.parent if not dst.exists() else dst):
            return f"{text} is inside a Tracks app already"
        return True

    directory = cwd / ask(questionary.text("Directory of the new app:", validate=valid)).strip()
    template = installed_template()
    print(f"==> Rendering {template.src}@{template.ref} into {directory}", flush=True)
    try:
        generate.render(template, directory, generate.new_answers(directory), defaults=False)
    except ValueError as error:
        print(f"error: {generate.validation_message(error)}")
        return 1
    except KeyboardInterrupt:  # Copier asks every question before it writes
        raise Cancelled from None
    return 0


def reference_targets(app: App) -> list[str]:
    """users, then the tables of the app's generated resources (from their create migrations)."""
    tables = {
        match.group(1)
        for path in (app.root / "internal/db/migrations").glob("*_create_*.sql")
        if (match := _CREATE_TABLE.match(path.name))
    }
    resources = [path.stem for path in sorted((app.root / ".copier/resources").glob("*.yml"))]
    found = []
    for name in resources:
        table = next((t for t in sorted(tables) if singular(t) == name), None)
        if table:
            found.append(table)
    return ["users", *found]


def singular(table: str) -> str:
    for plural, single in (("ies", "y"), ("ses", "s"), ("xes", "x"), ("s", "")):
        if table.endswith(plural):
            return table[: -len(plural)] + single
    return table


def ask_field(app: App, taken: set[str]) -> str | None:
    """One field as name:type[:target][:modifier…], or None when the user is done."""

    def valid(text: str) -> bool | str:
        if not text:
            return True
        if not _FIELD_NAME.match(text):
            return "snake_case: a lowercase letter, then letters, digits or _"
        return f"{text} is already a field" if text in taken else True

    name = ask(questionary.text("Field name (empty to finish):", validate=valid)).strip()
    if not name:
        return None
    kind = ask(questionary.select(f"Type of {name}:", choices=list(FIELD_TYPES), use_shortcuts=True))
    parts = [name, kind]
    if kind == "references":
        parts.append(ask(questionary.select(f"{name} references:", choices=reference_targets(app))))
    parts += ask(questionary.checkbox(f"Modifiers of {name}:", choices=list(MODIFIERS)))
    return ":".join(parts)


def add_resource(app: App) -> int:
    name = ask(
        questionary.text("Resource name (singular, e.g. post):", validate=lambda t: bool(t.strip()))
    ).strip()
    fields: list[str] = []
    while True:
        field = ask_field(app, {f.split(":")[0] for f in fields})
        if field is None:
            if fields:
                break
            print("A resource needs at least one field.")
            continue
        fields.append(field)
        print("  fields: " + " ".join(fields))

    data = generate.resource_answers(name, fields)
    try:
        plan = generate.plan(app.template, app.root, data)
    except ValueError as error:
        print(f"error: {generate.validation_message(error)}")
        print("Nothing was written.")
        return 1
    print(f"\n`tracks generate resource {name} {' '.join(fields)}` would:")
    print("\n".join(plan.lines()))
    if not ask(questionary.confirm("Write these files?", default=True)):
        print("Nothing was written.")
        return 1
    try:
        generate.render(app.template, app.root, data, defaults=True)
    except ValueError as error:
        print(f"error: {generate.validation_message(error)}")
        return 1
    print(f"Added {name}. Next: tracks db migrate")
    return 0

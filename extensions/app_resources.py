"""The resources of an app: which ones exist, and whether a new one may take a name.

`existing_resources` reads the names of the resources generated so far from their answers files;
`resource_error` is the Copier validator of a new resource's name: it rejects names the app itself
uses, names that already exist in any spelling, and names whose Go package or variable would
clash with Go's own. `destroy_error` is the validator of the resource to remove: it must exist,
and no other resource may reference it.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from jinja2.ext import Extension

if __package__ == "extensions":  # imported as a package: the tests and tools
    from extensions import field_types, naming
else:  # loaded by path, as Copier loads extensions: see _siblings.py
    _load = runpy.run_path(str(Path(__file__).with_name("_siblings.py")))["load"]
    field_types, naming = _load("field_types"), _load("naming")

# Names a resource cannot take: the app's own tables and top-level routes.
# fmt: off
RESERVED_RESOURCES = frozenset({
    "user", "users", "session", "sessions", "auth_code", "auth_codes", "casbin_rule",
    "casbin_rules", "permission_audit", "permission_audits", "goose_db_version", "admin", "api",
    "assets", "login", "logout", "dashboard", "dev",
    # The job queue: its package (internal/jobs) and River's tables.
    "job", "jobs", "river_job", "river_jobs", "river_queue", "river_queues", "river_leader",
    "river_leaders", "river_migration", "river_migrations", "river_notification", "river_notifications",
})
# fmt: on

_RESOURCE_CHAR = re.compile(r"[A-Za-z0-9_ -]")


def resource_list(existing) -> list[str]:
    """The resource names in `existing`: a list, or one string separated by commas or spaces (as a
    Jinja expression may give them). None gives []."""
    if existing is None:
        return []
    if isinstance(existing, str):
        existing = existing.replace(",", " ").split()
    return [str(name) for name in existing if str(name).strip()]


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
    names = naming.resource_names(value)
    if {naming.snake(value), names["snake"], names["table"]} & RESERVED_RESOURCES:
        return (
            f'name "{value}" is reserved by the application; choose another, e.g. "{names["snake"]}_entry".'
        )
    if names["snake"] == names["snake_plural"]:
        return (
            f'name "{value}" has the same singular and plural ("{names["snake"]}"), which the generated code '
            f'must tell apart; use a countable noun, e.g. "{names["snake"]}_item".'
        )
    if names["table"] in {naming.table_name(other) for other in resource_list(existing)}:
        return f'resource "{value}" already exists (table "{names["table"]}"); choose another name.'
    for kind, ident in (
        ("package", names["package"]),
        ("variable", names["camel"]),
        ("variable", names["camel_plural"]),
    ):
        if naming.go_ident(ident) != naming.camel(ident) or ident in naming.GO_SHADOWED:
            return (
                f'name "{value}" makes the Go {kind} name "{ident}", which clashes with Go\'s own "{ident}"; '
                f'choose another, e.g. "{names["snake"]}_entry".'
            )
    if len(names["table"]) > field_types.MAX_IDENTIFIER:
        return (
            f'name "{value}" makes table "{names["table"]}", longer than {field_types.MAX_IDENTIFIER} '
            f"characters; use a shorter name."
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


def _answers(project_dir) -> dict[str, str]:
    """Each resource's answers file text, by resource name."""
    folder = Path(str(project_dir or ".")) / ".copier" / "resources"
    found = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        text = path.read_text(encoding="utf-8")
        match = re.search(r"^name:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", text, re.M)
        found[match.group(1) if match else path.stem] = text
    return found


def referenced_tables(answers_text: str) -> set[str]:
    """The tables that the fields in a resource's answers file reference (`x:references:posts`)."""
    match = re.search(r"^fields:\s*['\"]?(.*?)['\"]?\s*$", answers_text, re.M)
    tables = set()
    for raw in (match.group(1) if match else "").split():
        parts = raw.split(":")
        if len(parts) >= 3 and parts[1].lower() == "references":
            tables.add(naming.table_name(parts[2]))
    return tables


def destroy_error(name, project_dir) -> str:
    """Return why the resource `name` cannot be removed from the app at `project_dir`, or ""."""
    value = str(name or "").strip()
    if not value:
        return 'name the resource to remove, e.g. "post".'
    answers = _answers(project_dir)
    table = naming.table_name(value)
    found = next((n for n in answers if naming.table_name(n) == table), None)
    if found is None:
        known = ", ".join(sorted(answers)) or "none has been generated"
        return f'no resource "{value}" in this app (resources: {known}).'
    users = sorted(n for n, text in answers.items() if n != found and table in referenced_tables(text))
    if users:
        return (
            f'resource "{found}" is referenced by {", ".join(users)} (a field of type references:{table}); '
            f"remove {'them' if len(users) > 1 else 'it'} first, or that field."
        )
    return ""


class AppResourcesExtension(Extension):
    """Registers the resource filters: resource_error, existing_resources, destroy_error."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(
            resource_error=resource_error,
            existing_resources=existing_resources,
            destroy_error=destroy_error,
        )

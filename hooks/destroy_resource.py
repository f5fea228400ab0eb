"""Remove a generated resource: its files, its registration line and its answers file, and add a
migration that drops its table (the resource's create migration, reversed).

Copier runs it from the app's directory for `generator=destroy` (`tracks destroy resource NAME`,
`make destroy name=NAME`), once the question's validator has checked that the resource exists and
that no other resource references it:

    python <template>/hooks/destroy_resource.py --name=<resource name>

The files are those the resource sub-template writes for the name (so a file added to the
sub-template is covered without listing it), with the code templ and sqlc generated from them.
Everything it changes is kept first: when a step fails (sqlc, or `go vet` finding code that still
uses the resource), the tree is put back as it was and the hook exits 1 with the reason.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

if not __package__:  # run as a script: make `hooks` importable from the template root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extensions.fields import FieldsExtension
from extensions.naming import NamingExtension, resource_names
from hooks import generators, steps

SUBTEMPLATE = generators.SUBTEMPLATES / "resource" / "template"
MIGRATIONS = "internal/db/migrations"
GENERATED = "internal/db/generated"
_SECTION = re.compile(r"^-- \+goose (Up|Down)\s*$", re.M)
_PLACEHOLDER = "_ = d // unused until the first resource is generated"


class DestroyError(Exception):
    """A step failed; the tree has been put back."""


def resource_files(project: Path, name: str) -> tuple[list[str], str | None]:
    """The files of resource `name` in `project` that exist (its own, and those generated from
    them), and its create migration (None when it is missing)."""
    names = resource_names(name)
    answers_file = f".copier/resources/{names['snake']}.yml"
    paths = generators.rendered_paths(
        SUBTEMPLATE,
        [NamingExtension, FieldsExtension],
        name=name,
        timestamp="*",
        _copier_conf={"answers_file": answers_file},
    )
    files, migration = [], None
    for path in paths:
        if path.startswith(MIGRATIONS + "/"):
            found = sorted(project.glob(path))
            migration = found[0].relative_to(project).as_posix() if found else None
            continue
        files.append(path)
        if path.endswith(".templ"):
            files.append(path.removesuffix(".templ") + "_templ.go")
        if path.startswith("internal/db/queries/"):
            files.append(f"{GENERATED}/{Path(path).stem}.sql.go")
    # The copies of its messages in the other locales (steps.copy_locales).
    locales = sorted(project.glob(f"{steps.LOCALES_DIR}/{names['messages']}.*.yaml"))
    files.extend(p.relative_to(project).as_posix() for p in locales)
    return sorted({f for f in files if (project / f).is_file()}), migration


def drop_migration(create_sql: str) -> str:
    """The migration that undoes a create migration: its Down section as Up, its Up as Down."""
    marks = list(_SECTION.finditer(create_sql))
    sections = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(create_sql)
        sections[mark.group(1)] = create_sql[mark.end() : end].strip("\n")
    if set(sections) != {"Up", "Down"}:
        raise DestroyError("its create migration has no '-- +goose Up' and '-- +goose Down' sections")
    return f"-- +goose Up\n{sections['Down']}\n\n-- +goose Down\n{sections['Up']}\n"


def next_version(project: Path, now: datetime) -> str:
    """A migration version (YYYYMMDDHHMMSS) for now, later than every existing one."""
    versions = [
        int(p.name.split("_", 1)[0]) for p in (project / MIGRATIONS).glob("*.sql") if p.name[0].isdigit()
    ]
    return str(max([int(now.strftime("%Y%m%d%H%M%S")), *(v + 1 for v in versions)]))


def unregister(text: str, call: str) -> str:
    """The resource registry without `call`'s line; the placeholder comes back with the last one."""
    text = re.sub(rf"(?m)^[ \t]*{re.escape(call)}[ \t]*\n", "", text)
    if not re.search(r"(?m)^[ \t]*d\.\w+\(\),", text) and _PLACEHOLDER not in text:
        text = re.sub(
            r"(?m)^([ \t]*)return \[\]apphttp\.Resource\{", rf"\g<1>{_PLACEHOLDER}\n\g<0>", text, count=1
        )
    return text


class Snapshot:
    """The files a destroy may change, as they were, to put back on failure."""

    def __init__(self, project: Path, paths: Sequence[str]) -> None:
        self.project = project
        self.saved = {p: (project / p).read_bytes() if (project / p).is_file() else None for p in paths}

    def restore(self) -> None:
        for path, content in self.saved.items():
            target = self.project / path
            if content is None:
                target.unlink(missing_ok=True)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)


def remove_empty_dirs(project: Path, paths: Sequence[str]) -> None:
    for directory in sorted({(project / p).parent for p in paths}, key=lambda d: len(d.parts), reverse=True):
        while directory != project and directory.is_dir() and not any(directory.iterdir()):
            directory.rmdir()
            directory = directory.parent


def destroy(project: Path, name: str, out: TextIO, now: datetime | None = None) -> None:
    """Remove resource `name` from the app at `project`; raises DestroyError with the tree as it was."""
    names = resource_names(name)
    files, create = resource_files(project, name)
    if create is None:
        raise DestroyError(
            f"no {MIGRATIONS}/*_create_{names['table']}.sql: cannot write the migration that drops it"
        )
    version = next_version(project, now or datetime.now(UTC))
    migration = f"{MIGRATIONS}/{version}_drop_{names['table']}.sql"
    generated = [p.relative_to(project).as_posix() for p in (project / GENERATED).glob("*") if p.is_file()]
    snapshot = Snapshot(project, sorted({*files, *generated, steps.REGISTRY, migration}))
    call = steps.registry_line(names["pascal_plural"])

    def remove_files() -> steps.Result:
        for path in files:
            (project / path).unlink()
        remove_empty_dirs(project, files)
        return steps.Result(steps.OK, f"{len(files)} files")

    def edit_registry() -> steps.Result:
        registry = project / steps.REGISTRY
        if registry.is_file():
            registry.write_text(unregister(registry.read_text(encoding="utf-8"), call), encoding="utf-8")
        return steps.Result(steps.OK, f"removed {call}")

    def write_migration() -> steps.Result:
        text = drop_migration((project / create).read_text(encoding="utf-8"))
        (project / migration).write_text(text, encoding="utf-8")
        return steps.Result(steps.OK, migration)

    plan = [
        (f"remove the files of {names['snake']}", remove_files),
        (f"unregister {names['pascal_plural']} in {steps.REGISTRY}", edit_registry),
        (f"write {migration} (drops {names['table']})", write_migration),
        ("go tool sqlc generate", lambda: steps.sqlc_generate(project)),
        ("go vet ./... (nothing else uses the resource)", lambda: steps.run(["go", "vet", "./..."], project)),
    ]
    for i, (title, action) in enumerate(plan, 1):
        print(f"tracks: [{i}/{len(plan)}] {title}", file=out, flush=True)
        try:
            result = action()
        except (OSError, DestroyError) as error:
            result = steps.Result(steps.FAILED, str(error))
        if result.problem:
            snapshot.restore()
            output = f"\n{result.output}" if result.output else ""
            raise DestroyError(f"{title}: {result.detail}{output}\nnothing was changed")
        print(
            f"tracks:   {result.status}{': ' + result.detail if result.detail else ''}", file=out, flush=True
        )


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, project_dir: Path | None = None
) -> int:
    parser = argparse.ArgumentParser(prog="destroy_resource.py", description=__doc__.splitlines()[0])
    parser.add_argument("--name", required=True, help="the resource's name as generated, e.g. blog_post")
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    try:
        destroy(Path(project_dir or Path.cwd()), args.name, out)
    except DestroyError as error:
        print(f"tracks: could not remove {args.name}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Write River's job-queue schema into the app template as goose migrations.

River (github.com/riverqueue/river) keeps its schema as numbered SQL files per driver and can
apply them itself; for apps that run their migrations with another tool it recommends copying
that SQL into the tool's own files. The generated app does so: `server migrate` (goose) is the
one way its schema changes, on every driver, and go-libsql could not run River's own migrator
anyway (it executes only the first statement of a multi-statement script).

One goose file per River version keeps River's own rule of one transaction per version (a
PostgreSQL enum value added by one version is usable only after it commits). Each file also
records its version in `river_migration`, as River's migrator would, so River's tools see the
schema they expect.

    python scripts/river_migrations.py          # rewrite the files
    python scripts/river_migrations.py --check  # exit 1 if they differ from River's SQL

The River version is the one `template/go.mod.jinja` pins; bumping it and re-running this
script adds the new versions as new migrations (migrations already released never change).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS = ROOT / "template" / "internal" / "db" / "migrations"
GO_MOD = ROOT / "template" / "go.mod.jinja"
RIVER = "github.com/riverqueue/river"
DRIVERS = {"postgres": "riverpgxv5", "sqlite": "riversqlite"}
# River version N becomes goose version 20261202000000 + N. Versions are never renumbered.
GOOSE_BASE = 20261202000000
# The version that added river_migration.line; earlier versions record only their number.
LINE_COLUMN_VERSION = 5
TEMPLATE_MARKER = "/* TEMPLATE: schema */"


@dataclass(frozen=True)
class Version:
    number: int
    name: str
    up: dict[str, str]
    down: dict[str, str]


def pinned_river_version(go_mod: str) -> str:
    """The River version that go.mod.jinja requires."""
    match = re.search(rf"^\s*{re.escape(RIVER)} (v\S+)$", go_mod, re.MULTILINE)
    if not match:
        raise SystemExit(f"{GO_MOD} does not require {RIVER}")
    return match.group(1)


def module_dir(module: str, version: str) -> Path:
    """Download a Go module (or find it in the module cache) and return its directory."""
    result = subprocess.run(
        ["go", "mod", "download", "-json", f"{module}@{version}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"go mod download {module}@{version} failed:\n{result.stdout}{result.stderr}")
    return Path(json.loads(result.stdout)["Dir"])


def read_versions(dirs: dict[str, Path]) -> list[Version]:
    """River's main-line migrations for each driver, by version number."""
    files: dict[int, dict[str, dict[str, str]]] = {}
    names: dict[int, str] = {}
    for driver, directory in dirs.items():
        for path in sorted((directory / "migration" / "main").glob("*.sql")):
            match = re.fullmatch(r"(\d{3})_(\w+)\.(up|down)\.sql", path.name)
            if not match:
                raise SystemExit(f"unexpected River migration file name: {path}")
            number = int(match.group(1))
            names[number] = match.group(2)
            files.setdefault(number, {}).setdefault(match.group(3), {})[driver] = path.read_text()
    versions = []
    for number in sorted(files):
        by_direction = files[number]
        for direction in ("up", "down"):
            missing = set(dirs) - set(by_direction.get(direction, {}))
            if missing:
                raise SystemExit(f"River version {number:03d} has no {direction} SQL for {sorted(missing)}")
        versions.append(Version(number, names[number], by_direction["up"], by_direction["down"]))
    return versions


def sqlite_statements(script: str) -> list[str]:
    """Split a SQLite script into statements the way SQLite itself does (trigger bodies stay whole)."""
    statements, current = [], []
    for line in script.splitlines():
        if not current and not line.strip():
            continue
        current.append(line)  # comments stay with the statement that follows them
        if sqlite3.complete_statement("\n".join(current)):
            statements.append("\n".join(current).strip())
            current = []
    if any(line.strip() and not line.lstrip().startswith("--") for line in current):
        raise SystemExit(f"incomplete SQLite statement in River's SQL:\n{chr(10).join(current)}")
    return statements


def goose_sqlite(script: str) -> str:
    """SQLite statements goose can run one by one on every SQLite driver.

    Statements that span several `;` (trigger bodies) are marked so that goose sends them
    whole. River's placeholder `SELECT 1;` is left out: go-libsql refuses a row-returning
    statement outside a query.
    """
    out = []
    for statement in sqlite_statements(script.replace(TEMPLATE_MARKER, "")):
        if statement.splitlines()[-1] == "SELECT 1;":
            continue
        if statement.count(";") > 1:
            statement = f"-- +goose StatementBegin\n{statement}\n-- +goose StatementEnd"
        out.append(statement)
    return "\n\n".join(out)


def goose_postgres(script: str) -> str:
    """PostgreSQL runs a whole script in one call, as River's own migrator sends it."""
    body = script.replace(TEMPLATE_MARKER, "").strip()
    return f"-- +goose StatementBegin\n{body}\n-- +goose StatementEnd"


def record(number: int) -> str:
    if number < LINE_COLUMN_VERSION:
        return f"INSERT INTO river_migration (version) VALUES ({number});"
    return f"INSERT INTO river_migration (line, version) VALUES ('main', {number});"


def forget(number: int) -> str:
    if number < LINE_COLUMN_VERSION:
        return f"DELETE FROM river_migration WHERE version = {number};"
    return f"DELETE FROM river_migration WHERE line = 'main' AND version = {number};"


def per_driver(sql: dict[str, str]) -> str:
    """The PostgreSQL or the SQLite SQL, chosen at render time; Jinja leaves the SQL itself alone."""
    sqlite = sql["sqlite"] or "-- Nothing to do on SQLite."
    return (
        "{%- if db_driver == 'postgres' %}{% raw %}\n" + sql["postgres"] + "\n{%- endraw %}"
        "{% else %}{% raw %}\n" + sqlite + "\n{%- endraw %}{% endif %}"
    )


def render(version: Version, river_version: str) -> str:
    number = version.number
    up = {"postgres": goose_postgres(version.up["postgres"]), "sqlite": goose_sqlite(version.up["sqlite"])}
    down = {
        "postgres": goose_postgres(version.down["postgres"]),
        "sqlite": goose_sqlite(version.down["sqlite"]),
    }
    # River's first version creates river_migration, so its row is written after its SQL and
    # removed before its down SQL drops the table; the same order suits every version.
    return "\n".join(
        [
            f"-- River job queue schema, version {number:03d} ({version.name.replace('_', ' ')}), from",
            f"-- {RIVER} {river_version}. Generated by the template's scripts/river_migrations.py",
            "-- from River's own migrations: change River's version, not this file.",
            "-- +goose Up",
            per_driver(up),
            "",
            record(number),
            "",
            "-- +goose Down",
            forget(number),
            per_driver(down),
            "",
        ]
    )


def expected_files() -> dict[Path, str]:
    river_version = pinned_river_version(GO_MOD.read_text())
    dirs = {
        driver: module_dir(f"{RIVER}/riverdriver/{package}", river_version)
        for driver, package in DRIVERS.items()
    }
    return {
        MIGRATIONS / f"{GOOSE_BASE + v.number}_river_{v.number:03d}_{v.name}.sql.jinja": render(
            v, river_version
        )
        for v in read_versions(dirs)
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report differences instead of writing")
    args = parser.parse_args(argv)

    expected = expected_files()
    present = set(MIGRATIONS.glob("*_river_*.sql.jinja"))
    stale = [p for p, text in expected.items() if not p.exists() or p.read_text() != text]
    unknown = sorted(present - set(expected))
    if args.check:
        for path in stale + unknown:
            print(f"out of date: {path.relative_to(ROOT)}", file=sys.stderr)
        if stale or unknown:
            print("run: python scripts/river_migrations.py", file=sys.stderr)
            return 1
        return 0
    if unknown:
        raise SystemExit(f"River migrations that the pinned River version lacks: {unknown}")
    for path in stale:
        path.write_text(expected[path])
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

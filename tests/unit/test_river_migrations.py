"""scripts/river_migrations.py: River's SQL made into goose migrations for every driver."""

from __future__ import annotations

import pytest

from scripts import river_migrations as rm

TRIGGER = """\
CREATE TEMP TABLE guard (
    id integer NOT NULL
);

-- a comment; with a semicolon
CREATE TEMP TRIGGER guard_enforce
    BEFORE INSERT ON guard
BEGIN
    SELECT RAISE(ABORT, 'no; never');
END;

DROP TABLE /* TEMPLATE: schema */guard;
"""


def test_sqlite_statements_keep_trigger_bodies_whole() -> None:
    assert rm.sqlite_statements(TRIGGER) == [
        "CREATE TEMP TABLE guard (\n    id integer NOT NULL\n);",
        "-- a comment; with a semicolon\nCREATE TEMP TRIGGER guard_enforce\n    BEFORE INSERT ON guard\n"
        "BEGIN\n    SELECT RAISE(ABORT, 'no; never');\nEND;",
        "DROP TABLE /* TEMPLATE: schema */guard;",
    ]


def test_sqlite_statements_refuse_an_unfinished_statement() -> None:
    with pytest.raises(SystemExit, match="incomplete SQLite statement"):
        rm.sqlite_statements("CREATE TABLE t (id integer")


def test_goose_sqlite_marks_multi_statement_blocks_and_drops_placeholders() -> None:
    out = rm.goose_sqlite(TRIGGER + "\nSELECT 1;\n")
    assert "-- +goose StatementBegin\n-- a comment; with a semicolon\nCREATE TEMP TRIGGER" in out
    assert out.count("-- +goose StatementBegin") == 1
    assert "END;\n-- +goose StatementEnd" in out
    assert "TEMPLATE" not in out, "the schema placeholder is removed"
    assert "SELECT 1;" not in out, "go-libsql refuses a row-returning statement in an exec"


def test_goose_postgres_sends_each_version_whole() -> None:
    out = rm.goose_postgres(
        "CREATE FUNCTION f() AS $$ BEGIN; END; $$;\nCREATE TABLE /* TEMPLATE: schema */t();"
    )
    assert out.startswith("-- +goose StatementBegin\nCREATE FUNCTION")
    assert out.endswith("CREATE TABLE t();\n-- +goose StatementEnd")


@pytest.mark.parametrize(
    ("number", "up", "down"),
    [
        (
            1,
            "INSERT INTO river_migration (version) VALUES (1);",
            "DELETE FROM river_migration WHERE version = 1;",
        ),
        (
            5,
            "INSERT INTO river_migration (line, version) VALUES ('main', 5);",
            "DELETE FROM river_migration WHERE line = 'main' AND version = 5;",
        ),
    ],
)
def test_each_version_records_itself_like_rivers_migrator(number: int, up: str, down: str) -> None:
    version = rm.Version(
        number, "x", {"postgres": "SELECT 1;", "sqlite": ""}, {"postgres": "SELECT 1;", "sqlite": ""}
    )
    text = rm.render(version, "v0.0.0")
    upper, lower = text.split("-- +goose Down")
    assert up in upper and down in lower
    assert "-- Nothing to do on SQLite." in upper
    assert "{%- if db_driver == 'postgres' %}{% raw %}" in upper, "Jinja leaves River's SQL alone"


def test_the_pinned_river_version_comes_from_go_mod() -> None:
    assert rm.pinned_river_version("require (\n\tgithub.com/riverqueue/river v0.51.2\n)") == "v0.51.2"
    with pytest.raises(SystemExit, match="does not require"):
        rm.pinned_river_version("require ()")

"""Fast tier: generators that add to an existing app (`-d generator=...`), rendered into a fresh app."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

import copier

REPO = Path(__file__).resolve().parents[1]


def files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def generate(app: Path, **data: str) -> None:
    """`copier copy` of a generator into the existing app at `app`."""
    copier.run_copy(
        src_path=str(REPO),
        dst_path=str(app),
        data=data,
        defaults=True,
        unsafe=True,
        vcs_ref="HEAD",
        quiet=True,
    )


@pytest.fixture
def app(render, tmp_path: Path) -> Path:
    return render(tmp_path / "myapp")


def test_migration_generator_adds_one_empty_goose_migration(app: Path) -> None:
    before = files(app)
    answers = (app / ".copier-answers.yml").read_text()

    generate(app, generator="migration", name="add_summary_to_posts", timestamp="20300102030405")

    added = files(app) - before
    assert added == {"internal/db/migrations/20300102030405_add_summary_to_posts.sql"}
    sql = (app / added.pop()).read_text()
    assert sql.startswith("-- +goose Up\n")
    assert "\n-- +goose Down\n" in sql
    # goose reads every "+goose" comment as an annotation: only the two section markers may have one.
    assert sql.count("+goose") == 2
    assert (app / ".copier-answers.yml").read_text() == answers, "the app's answers are untouched"


def test_migration_timestamp_defaults_to_now_in_utc(app: Path) -> None:
    start = dt.datetime.now(dt.UTC).replace(microsecond=0)
    generate(app, generator="migration", name="add_flags")
    end = dt.datetime.now(dt.UTC)

    (path,) = (app / "internal/db/migrations").glob("*_add_flags.sql")
    version = re.match(r"(\d{14})_", path.name).group(1)
    stamp = dt.datetime.strptime(version, "%Y%m%d%H%M%S").replace(tzinfo=dt.UTC)
    assert start <= stamp <= end
    versions = sorted(p.name.split("_")[0] for p in path.parent.glob("*.sql"))
    assert versions[-1] == version, "the new migration sorts after the app's own"


@pytest.mark.parametrize(
    ("answers", "question"),
    [
        ({"name": "Add-Summary"}, "name"),
        ({"name": ""}, "name"),
        ({"name": "add_x", "timestamp": "yesterday"}, "timestamp"),
    ],
)
def test_migration_generator_rejects_bad_answers(app: Path, answers: dict[str, str], question: str) -> None:
    before = files(app)
    with pytest.raises(ValueError, match=f"Validation error for question '{question}'"):
        generate(app, generator="migration", **answers)
    assert files(app) == before, "nothing is written for a rejected answer"


def test_generator_choices_have_a_subtemplate() -> None:
    config = yaml.safe_load((REPO / "copier/questions/generator.yml").read_text())
    for generator in config["generator"]["choices"].values():
        folder = REPO / ("template" if generator == "app" else f"subtemplates/{generator}/template")
        assert folder.is_dir(), f"generator {generator!r} has no {folder.relative_to(REPO)}"

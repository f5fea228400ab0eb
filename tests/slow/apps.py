"""Generated apps for the slow tier: `copier copy` with every post-copy task, and the databases
the app's tests and server use."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from procs import clean_env, log, run

REPO = Path(__file__).resolve().parents[2]


@dataclass
class GeneratedApp:
    driver: str
    path: Path
    copy_output: str
    # Extra environment for `go test` (TEST_DATABASE_URL for postgres).
    test_env: dict[str, str] = field(default_factory=dict)
    # DATABASE_URL for running the server.
    database_url: str = ""

    def go(self, *args: str, timeout: float = 1200) -> str:
        return run(["go", *args], cwd=self.path, env=clean_env(**self.test_env), timeout=timeout)

    def make(self, *args: str, timeout: float = 600) -> str:
        return run(["make", *args], cwd=self.path, env=clean_env(**self.test_env), timeout=timeout)


def generate_app(
    driver: str, root: Path, request: pytest.FixtureRequest, answers: list[str] | None = None
) -> GeneratedApp:
    """`copier copy` of the working tree's template (strict tasks, git init) into root/myapp, with
    its own databases on the session's PostgreSQL server for the postgres driver."""
    dst = root / "myapp"
    log(f"\n==> [{driver}] copier copy (with tasks) into {dst}")
    output = run(
        [
            sys.executable,
            "-m",
            "copier",
            "copy",
            "--trust",
            "--defaults",
            "--vcs-ref=HEAD",
            "-d",
            f"db_driver={driver}",
            "-d",
            "init_git=true",
            *[arg for answer in answers or [] for arg in ("-d", answer)],
            str(REPO),
            str(dst),
        ],
        cwd=root,
        # Strict: a failed task (go mod tidy, templ, sqlc, npm...) must fail the copy, not warn.
        env=clean_env(TRACKS_STRICT="1"),
        timeout=1800,
        stream=True,
    )
    generated = GeneratedApp(driver=driver, path=dst, copy_output=output)
    if driver == "postgres":
        cluster = request.getfixturevalue("postgres")
        generated.test_env = {"TEST_DATABASE_URL": cluster.create_database(f"{root.name}_test")}
        generated.database_url = cluster.create_database(f"{root.name}_server")
    else:
        generated.database_url = f"file:{root / 'server.db'}"
    return generated

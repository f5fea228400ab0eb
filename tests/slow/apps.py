"""Generated apps for the slow tier: `copier copy` with every post-copy task, and the databases
the app's tests and server use."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from procs import clean_env, log, run

REPO = Path(__file__).resolve().parents[2]
# The copier of the environment running the tests, for the app's Makefile (make resource, update).
COPIER = str(Path(sys.executable).with_name("copier"))


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
    driver: str,
    root: Path,
    request: pytest.FixtureRequest,
    answers: list[str] | None = None,
    *,
    source: Path = REPO,
    ref: str = "HEAD",
) -> GeneratedApp:
    """`copier copy` of the template (strict tasks, git init) into root/myapp, with its own
    databases on the session's PostgreSQL server for the postgres driver.

    By default the template is the working tree's (HEAD with uncommitted changes); source and ref
    name another template repository and version (see sources.py)."""
    dst = root / "myapp"
    log(f"\n==> [{driver}] copier copy of {source}@{ref} (with tasks) into {dst}")
    output = run(
        [
            sys.executable,
            "-m",
            "copier",
            "copy",
            "--trust",
            "--defaults",
            f"--vcs-ref={ref}",
            "-d",
            f"db_driver={driver}",
            "-d",
            "init_git=true",
            *[arg for answer in answers or [] for arg in ("-d", answer)],
            str(source),
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


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first occurrence of old in a file, as the app's developer would."""
    text = path.read_text()
    assert old in text, f"{path.name} no longer contains {old!r}: update the test"
    path.write_text(text.replace(old, new, 1))


def make_generator(app: Path, target: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`make TARGET ARGS…` of a generator (resource, job, page) with this repository's copier,
    not checked: the tests look at refusals too."""
    return subprocess.run(
        ["make", target, *args, f"COPIER={COPIER}"],
        cwd=app,
        env=clean_env(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def make_update(app: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`make update` in the app (args are extra make arguments, such as TRACKS_VERSION=v2.0.0);
    with check, a failure fails the test with the command's output."""
    result = subprocess.run(
        ["make", "update", f"COPIER={COPIER}", *args],
        cwd=app,
        env=clean_env(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    log(result.stdout + result.stderr)
    if check and result.returncode != 0:
        pytest.fail(f"make update failed ({result.returncode}):\n{result.stdout}\n{result.stderr}", False)
    return result

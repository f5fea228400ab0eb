"""What `tracks mcp` and `tracks ui` ask of an app: its resources, routes, migrations, jobs,
tests and health, and its generators run with their output captured.

Each runs what a developer would: the `tracks` command itself (so that the template's validators
decide what is valid, and a refusal writes nothing), `go test`, the app's health route. A failure
the caller should show is an Unavailable with the command's own message.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import yaml

import tracks
from tracks import generate
from tracks.app import App, read_env


class Unavailable(Exception):
    """What was asked cannot be answered: the command's message says why and what to do."""


# Generators and go test can take minutes on a cold machine.
COMMAND_TIMEOUT = 900
FAILURE_OUTPUT_LINES = 60


def tracks_command(
    app: App, *args: str, timeout: float = COMMAND_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    """Run `tracks ARGS…` in the app with this Python and this tracks package, output captured."""
    package_root = str(Path(tracks.__file__).resolve().parent.parent)
    path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "tracks", *args],
        cwd=app.root,
        env=os.environ | {"PYTHONPATH": path},
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        check=False,
    )


def refusal(result: subprocess.CompletedProcess[str]) -> Unavailable:
    """The command's own message (its `error: …` lines)."""
    lines = [line.removeprefix("error: ") for line in result.stderr.splitlines() if line.strip()]
    return Unavailable("\n".join(lines[-20:]) or f"exited with status {result.returncode}")


def confined(app: App, package: str) -> str:
    """A `go test` package pattern inside the app (./… form), or an Unavailable."""
    if not package.startswith("./") or "\0" in package:
        example = "such as ./... or ./internal/posts"
        raise Unavailable(f"package must be a relative pattern inside the app, {example}; got {package!r}")
    directory = package.removesuffix("/...").removesuffix("...")
    resolved = (app.root / directory).resolve()
    if resolved != app.root and app.root not in resolved.parents:
        raise Unavailable(f"package {package!r} is outside the app's directory")
    if not resolved.is_dir():
        raise Unavailable(f"package {package!r}: no directory {directory} in the app")
    return package


def generator_result(app: App, args: list[str], dry_run: bool) -> dict[str, Any]:
    """Run a `tracks generate` command; the files it writes (or would write)."""
    if dry_run:
        result = tracks_command(app, "generate", *args, "--dry-run", "--json")
        if result.returncode != 0:
            raise refusal(result)
        return {"dry_run": True, **json.loads(result.stdout)}
    result = tracks_command(app, "generate", *args)
    if result.returncode != 0:
        raise refusal(result)
    written = generate.parse_actions(result.stdout + result.stderr)
    edits = generate.EDITED_BY_TASKS.get(args[0], [])
    return {
        "dry_run": False,
        "files": [{"action": action, "path": path} for action, path in written],
        "edits": edits,
    }


def resources(app: App) -> list[dict[str, Any]]:
    """The app's generated resources, from their answers files (.copier/resources/)."""
    found = []
    for path in sorted((app.root / ".copier/resources").glob("*.yml")):
        answers = yaml.safe_load(path.read_text()) or {}
        found.append(
            {
                "name": answers.get("name", path.stem),
                "fields": str(answers.get("fields", "")).split(),
                "owned": answers.get("owned", True),
                "answers_file": str(path.relative_to(app.root)),
            }
        )
    return found


def json_command(app: App, *args: str) -> Any:
    result = tracks_command(app, *args)
    if result.returncode != 0:
        raise refusal(result)
    return json.loads(result.stdout)


def summarise_go_test(output: str) -> dict[str, Any]:
    """Pass/fail counts and each failure's output, from `go test -json`'s events.

    A failed test is reported with its own output; a package that failed without a failed test
    (a build error, a panic outside tests) with the package's output or its build's."""
    counts = {"pass": 0, "fail": 0, "skip": 0}
    outputs: dict[tuple[str, str], list[str]] = {}
    plain: list[str] = []  # lines that are not events, such as go's own errors
    failures: list[dict[str, str]] = []

    def tail(lines: list[str]) -> str:
        return "\n".join("".join(lines).splitlines()[-FAILURE_OUTPUT_LINES:])

    for line in output.splitlines():
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            plain.append(line + "\n")
            continue
        action, test = event.get("Action"), event.get("Test", "")
        package = event.get("Package") or event.get("ImportPath", "")
        if action in ("output", "build-output"):
            outputs.setdefault((package, test), []).append(event.get("Output", ""))
        elif action in counts and test:
            counts[action] += 1
            if action == "fail":
                failures.append(
                    {"package": package, "test": test, "output": tail(outputs.get((package, test), []))}
                )
        elif action == "fail" and not any(f["package"] == package for f in failures):
            built = event.get("FailedBuild", "")
            lines = outputs.get((built, ""), []) if built else outputs.get((package, ""), [])
            failures.append({"package": package, "test": "", "output": tail(lines or plain)})
    if not failures and plain and not outputs:
        failures.append({"package": "", "test": "", "output": tail(plain)})  # go did not run at all
    return {
        "passed": counts["pass"],
        "failed": counts["fail"],
        "skipped": counts["skip"],
        "ok": not failures,
        "failures": failures,
    }


def health(app: App) -> dict[str, Any]:
    """GET /api/health of the app running locally (at .env's PORT)."""
    env = read_env(app.root)
    port = os.environ.get("PORT") or env.get("PORT") or "8080"
    url = f"http://127.0.0.1:{port}/api/health"
    try:
        with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 (loopback)
            return {"url": url, "status_code": resp.status, **json.loads(resp.read())}
    except urllib.error.HTTPError as error:
        return {"url": url, "status_code": error.code, **json.loads(error.read() or b"{}")}
    except OSError as error:
        raise Unavailable(f"no server answers at {url} ({error}); start it with `tracks dev`") from error


def run_tests(app: App, package: str = "./...") -> dict[str, Any]:
    """`go test -json` of package (a pattern inside the app), summarised."""
    result = subprocess.run(
        ["go", "test", "-json", confined(app, package)],
        cwd=app.root,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=COMMAND_TIMEOUT,
        check=False,
    )
    return summarise_go_test(result.stdout + result.stderr)


def routes(app: App) -> list[dict[str, Any]]:
    return json_command(app, "routes", "--json")


def migrations(app: App) -> Any:
    return json_command(app, "db", "status", "--json")


def jobs(app: App) -> list[dict[str, Any]]:
    """The stored jobs of each kind, by state (`tracks jobs --json`)."""
    return json_command(app, "jobs", "--json")

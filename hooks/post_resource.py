"""Finish a generated resource: register its routes, then regenerate sqlc and templ code and format.

Copier runs it from the app's directory after rendering the resource (see `_tasks` in copier.yml):

    python <template>/hooks/post_resource.py --plural=<PascalPlural>

Like post_copy.py it exits 0 when a tool is missing or a step fails (TRACKS_STRICT=1 makes that
exit 1), because everything here can be finished by hand: the advice printed says how.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

if not __package__:  # run as a script: make `hooks` importable from the template root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hooks import steps


def plan(project_dir: Path, plural: str, paths: Sequence[str]) -> list[steps.Step]:
    """The steps in order; gofmt touches only the resource's own files (`paths`), so that a file
    left with conflict markers elsewhere by an update cannot stop it."""
    call = steps.mount_call(plural)
    return [
        steps.Step(
            f"register {plural} in {steps.REGISTRY}",
            partial(steps.register_resource, project_dir, call),
            finish=f"add the line '{call}' to resources in {{dir}}/{steps.REGISTRY}",
        ),
        steps.Step("go tool sqlc generate", partial(steps.sqlc_generate, project_dir)),
        steps.Step(
            "go tool templ generate", partial(steps.run, ["go", "tool", "templ", "generate"], project_dir)
        ),
        steps.Step(
            "gofmt",
            partial(steps.gofmt, project_dir, paths or (".",)),
            finish="run 'make generate fmt' in {dir}",
        ),
    ]


def main(
    argv: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    out: TextIO | None = None,
    project_dir: Path | str | None = None,
) -> int:
    """Run the steps; returns the process exit status."""
    environ = os.environ if environ is None else environ
    out = sys.stdout if out is None else out
    project = Path.cwd() if project_dir is None else Path(project_dir)
    if steps.enabled(environ, "TRACKS_SKIP_HOOKS"):
        print("tracks: TRACKS_SKIP_HOOKS is set; skipping the resource steps", file=out, flush=True)
        return 0
    parser = argparse.ArgumentParser(prog="post_resource.py", description=__doc__.splitlines()[0])
    parser.add_argument("--plural", required=True, help="the resource's PascalCase plural, e.g. BlogPosts")
    parser.add_argument("--path", action="append", default=[], help="a generated file or directory to gofmt")
    args, _ = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    if not (project / "go.mod").is_file():
        # `copier update` also renders the resource's old and new versions into empty directories
        # and diffs them against the app's copy, which this hook formatted: format them the same
        # way, so that gofmt's alignment never shows up as a change or a conflict.
        print("tracks: not inside an app (no go.mod); only formatting the resource", file=out, flush=True)
        steps.gofmt(project, args.path or (".",))
        return 0
    return steps.run_hook(
        "resource steps",
        lambda: plan(project, args.plural, args.path),
        project,
        out,
        steps.enabled(environ, "TRACKS_STRICT"),
    )


if __name__ == "__main__":
    sys.exit(main())

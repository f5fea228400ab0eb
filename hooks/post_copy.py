"""Finish a freshly copied Tracks app: .env, Go modules, generated code, assets, gofmt and git.

Copier runs it from the new project's directory (see `_tasks` in copier.yml):

    python <template>/hooks/post_copy.py --driver=<db_driver> --init-git=<true|false> --app=<app_name|snake>

It exits 0 even when a tool is missing or a step fails, because a failing task makes Copier delete the
project it has just created; `make setup` finishes the job later. TRACKS_STRICT=1 turns any problem
into exit status 1 (for CI), TRACKS_SKIP_HOOKS=1 skips every step (for fast template tests).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TextIO

if not __package__:  # run as a script: make `hooks` importable from the template root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hooks import steps

TIDY_FIRST = "go mod tidy -e"


def parse_args(argv: Sequence[str], out: TextIO) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="post_copy.py", description=__doc__.splitlines()[0])
    parser.add_argument("--driver", default="go-libsql", help="db_driver answer")
    parser.add_argument("--init-git", default="true", help="init_git answer: true or false")
    parser.add_argument("--app", default="", help="app name for the postgres database (default: directory)")
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # a newer copier.yml may pass more; failing here would delete the project
        print(f"tracks: ignoring unknown arguments: {' '.join(unknown)}", file=out, flush=True)
    return args


def plan(project_dir: Path, args: argparse.Namespace) -> list[steps.Step]:
    """The steps in order. Generated packages do not exist before templ and sqlc have run, so the
    first tidy tolerates their absence (-e) and a second one settles go.mod and go.sum."""
    app = args.app or project_dir.name
    git_finish = "run 'git init -b main && git add -A && git commit -m \"Initial commit\"' in {dir}"
    return [
        steps.Step("write .env", partial(steps.write_env, project_dir, args.driver, app)),
        steps.Step(TIDY_FIRST, partial(steps.run, ["go", "mod", "tidy", "-e"], project_dir)),
        steps.Step(
            "go tool templ generate",
            partial(steps.run, ["go", "tool", "templ", "generate"], project_dir),
            needs=TIDY_FIRST,
        ),
        steps.Step("go tool sqlc generate", partial(steps.sqlc_generate, project_dir), needs=TIDY_FIRST),
        steps.Step("go mod tidy", partial(steps.run, ["go", "mod", "tidy"], project_dir), needs=TIDY_FIRST),
        steps.Step("npm ci && npm run build", partial(steps.build_assets, project_dir)),
        steps.Step("gofmt", partial(steps.gofmt, project_dir)),
        steps.Step(
            "git init and first commit",
            partial(steps.init_git, project_dir, args.init_git.strip().lower() in steps.TRUE_WORDS),
            finish=git_finish,
        ),
    ]


def main(
    argv: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    out: TextIO | None = None,
    project_dir: Path | str | None = None,
) -> int:
    """Run the post-copy steps; returns the process exit status."""
    environ, out, project = steps.hook_io(environ, out, project_dir)
    if steps.skipping(environ, out, "post-copy steps"):
        return 0

    def build() -> list[steps.Step]:
        return plan(project, parse_args(sys.argv[1:] if argv is None else argv, out))

    return steps.run_hook("post-copy steps", build, project, out, steps.enabled(environ, "TRACKS_STRICT"))


if __name__ == "__main__":
    sys.exit(main())

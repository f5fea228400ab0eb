"""Finish an updated Tracks app: bring go.sum up to date with the go.mod the update merged.

Copier runs it from the app's directory at the end of `copier update` of the app, once go.mod is
merged (an "after" migration in copier.yml), before `make update` updates the resources, whose
hook then runs the tools that go.mod names (goimports among them), so their modules' checksums
must be in go.sum first:

    python <template>/hooks/post_update.py

Where there is no go.sum, such as a directory that is no app yet, it does nothing. Like the other
hooks it exits 0 when a step fails (TRACKS_STRICT=1 makes that exit 1); the advice printed says
how to finish.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from functools import partial
from pathlib import Path
from typing import TextIO

if not __package__:  # run as a script: make `hooks` importable from the template root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hooks import steps


def plan(project_dir: Path) -> list[steps.Step]:
    """A tolerant tidy (-e), since the resources' code is updated only afterwards; then the app's
    own pages that predate locales are listed as untranslated."""
    return [
        steps.Step(
            "go mod tidy -e",
            partial(steps.run, ["go", "mod", "tidy", "-e"], project_dir),
            finish="run 'go mod tidy' in {dir}",
        ),
        steps.Step(
            "list the app's untranslated pages",
            partial(steps.list_untranslated_pages, project_dir),
            finish=f"list the pages that use no message in {{dir}}/{steps.UNTRANSLATED_LIST}",
        ),
    ]


def main(
    environ: Mapping[str, str] | None = None, out: TextIO | None = None, project_dir: Path | str | None = None
) -> int:
    """Run the steps; returns the process exit status."""
    environ, out, project = steps.hook_io(environ, out, project_dir)
    if steps.enabled(environ, "TRACKS_SKIP_HOOKS") or not (project / "go.sum").is_file():
        return 0
    return steps.run_hook(
        "update steps", lambda: plan(project), project, out, steps.enabled(environ, "TRACKS_STRICT")
    )


if __name__ == "__main__":
    sys.exit(main())

"""What the hooks of the generators (post_resource.py, post_job.py) share: their arguments and
main, the Go files a sub-template writes, and formatting them in the throwaway renders of
`copier update`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TextIO

from jinja2 import Environment, StrictUndefined
from jinja2.ext import Extension

from hooks import steps

SUBTEMPLATES = Path(__file__).resolve().parent.parent / "subtemplates"


def rendered_paths(
    template_dir: Path,
    extensions: Sequence[type[Extension]] = (),
    keep: Callable[[str], bool] = lambda path: True,
    **answers: object,
) -> list[str]:
    """The paths of the files the sub-template in `template_dir` writes for `answers`, as paths in
    the app, sorted; only those whose unrendered path `keep` accepts."""
    env = Environment(undefined=StrictUndefined, extensions=list(extensions))
    paths = []
    for source in template_dir.rglob("*"):
        path = source.relative_to(template_dir).as_posix().removesuffix(steps.TEMPLATE_SUFFIX)
        if source.is_file() and keep(path):
            paths.append(env.from_string(path).render(**answers))
    return sorted(paths)


def go_files(template_dir: Path, extensions: Sequence[type[Extension]] = (), **answers: str) -> list[str]:
    """The Go files the sub-template in `template_dir` writes for `answers`, as paths in the app,
    sorted; code that templ generates from them (`*_templ.go`) is not among them."""
    return rendered_paths(
        template_dir,
        extensions,
        lambda path: path.endswith(".go") and not path.endswith("_templ.go"),
        **answers,
    )


def register_step(project_dir: Path, what: str, call: str) -> steps.Step:
    """The step that adds `call` (the registry line of `what`) to the app's resource registry."""
    return steps.Step(
        f"register {what} in {steps.REGISTRY}",
        partial(steps.register_resource, project_dir, call),
        finish=f"add the line '{call}' to resources in {{dir}}/{steps.REGISTRY}",
    )


def templ_step(project_dir: Path) -> steps.Step:
    return steps.Step(
        "go tool templ generate", partial(steps.run, ["go", "tool", "templ", "generate"], project_dir)
    )


def locales_step(project_dir: Path) -> steps.Step:
    """The step that copies the English messages a generator wrote to each other locale."""
    return steps.Step(
        "copy the new messages to every locale",
        partial(steps.copy_locales, project_dir),
        finish=f"copy each new *.{steps.SOURCE_LOCALE}.yaml in {{dir}}/{steps.LOCALES_DIR} to each locale",
    )


def goimports_step(project_dir: Path, files: list[str], module: str) -> steps.Step:
    """goimports over the unit's own files only, so that a file left with conflict markers elsewhere
    by an update cannot stop it."""
    return steps.Step(
        "go tool goimports",
        partial(steps.goimports, project_dir, files, module),
        finish="run 'go mod tidy' and 'make fmt' in {dir}",
    )


def tool_module(project_dir: Path, environ: Mapping[str, str]) -> Path | None:
    """The app whose go.mod provides goimports. It is the project, except in the throwaway renders of
    `copier update`: there it is the app that `make update` names (TRACKS_APP_DIR), or the
    directory copier was started from."""
    for candidate in (project_dir, environ.get("TRACKS_APP_DIR"), environ.get("PWD")):
        if candidate and steps.declares_goimports(candidate):
            return Path(candidate)
    return None


def format_outside_app(
    what: str,
    project_dir: Path,
    files: Sequence[str],
    local_prefix: str,
    environ: Mapping[str, str],
    out: TextIO,
) -> int:
    """`copier update` also renders a unit's old and new versions into empty directories and diffs
    them against the app's copy, which the hook formatted: format them the same way, so that
    formatting (and the imports goimports drops) never shows up as a change or a conflict."""
    module = tool_module(project_dir, environ)
    result = steps.goimports(project_dir, files, local_prefix, module)
    note = "" if module else "; found no app with goimports: set TRACKS_APP_DIR=<app> (make update does)"
    print(f"tracks: not inside an app (no go.mod); formatted the {what}: {result.detail}{note}", file=out)
    return 0


@dataclass(frozen=True)
class Generator:
    """What sets one generator's hook apart; `main` is the rest, the same for every generator."""

    unit: str  # what the generator makes, as the hook's messages name it: "resource", "job"
    summary: str  # the hook's description in --help
    name_help: str  # the help of --name, with an example
    go_files: Callable[[str], list[str]]  # the unit's Go files, for its name
    plan: Callable[[Path, str, str], list[steps.Step]]  # the steps, for (project, name, module)

    def parse_args(self, argv: Sequence[str]) -> argparse.Namespace:
        """--name and --module, as `_tasks` in copier.yml passes them; other arguments, which a newer
        copier.yml may pass, are ignored. A missing --name is a usage error (exit status 2)."""
        parser = argparse.ArgumentParser(prog=f"post_{self.unit}.py", description=self.summary)
        parser.add_argument("--name", required=True, help=self.name_help)
        parser.add_argument("--module", default="", help="the app's module path, grouped last in imports")
        args, _ = parser.parse_known_args(argv)
        return args

    def main(
        self,
        argv: Sequence[str] | None = None,
        environ: Mapping[str, str] | None = None,
        out: TextIO | None = None,
        project_dir: Path | str | None = None,
    ) -> int:
        """Run the hook's steps; returns the process exit status. Outside an app (no go.mod) it only
        formats the unit's Go files."""
        environ, out, project = steps.hook_io(environ, out, project_dir)
        what = f"{self.unit} steps"
        if steps.skipping(environ, out, what):
            return 0
        args = self.parse_args(sys.argv[1:] if argv is None else argv)
        if not (project / "go.mod").is_file():
            return format_outside_app(self.unit, project, self.go_files(args.name), args.module, environ, out)
        return steps.run_hook(
            what,
            lambda: self.plan(project, args.name, args.module),
            project,
            out,
            steps.enabled(environ, "TRACKS_STRICT"),
        )

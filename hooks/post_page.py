"""Finish a generated page: register it in the app's resource registry, generate its templ code and
fix imports.

Copier runs it from the app's directory after rendering the page (see `_tasks` in copier.yml):

    python <template>/hooks/post_page.py --name=<page name> --module=<module path>

Like post_resource.py it exits 0 when a tool is missing or a step fails (TRACKS_STRICT=1 makes that
exit 1), because everything here can be finished by hand: the advice printed says how.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

if not __package__:  # run as a script: make `hooks` importable from the template root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extensions.app_pages import AppPagesExtension, page_names
from hooks import generators, steps

SUBTEMPLATE = generators.SUBTEMPLATES / "page" / "template"


def go_files(name: str, template_dir: Path = SUBTEMPLATE) -> list[str]:
    """The Go files the page sub-template writes for page `name`, as paths in the app, sorted."""
    return generators.go_files(template_dir, [AppPagesExtension], page_name=name)


def plan(project_dir: Path, name: str, module: str) -> list[steps.Step]:
    """The steps in order; goimports touches only the page's own files."""
    call = steps.registry_line(page_names(name)["component"])
    return [
        steps.Step(
            f"register {page_names(name)['component']} in {steps.REGISTRY}",
            partial(steps.register_resource, project_dir, call),
            finish=f"add the line '{call}' to resources in {{dir}}/{steps.REGISTRY}",
        ),
        steps.Step(
            "go tool templ generate", partial(steps.run, ["go", "tool", "templ", "generate"], project_dir)
        ),
        steps.Step(
            "go tool goimports",
            partial(steps.goimports, project_dir, go_files(name), module),
            finish="run 'go mod tidy' and 'make fmt' in {dir}",
        ),
    ]


HOOK = generators.Generator(
    unit="page",
    summary=__doc__.splitlines()[0],
    name_help="the page's name, e.g. pricing",
    go_files=go_files,
    plan=plan,
)
main = HOOK.main  # the entry point: the script below runs it, and so do the tests


if __name__ == "__main__":
    sys.exit(main())

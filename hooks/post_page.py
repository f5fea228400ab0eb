"""Finish a generated page: register it in the app's resource registry, generate its templ code and
fix imports.

Copier runs it from the app's directory after rendering the page (see `_tasks` in copier.yml):

    python <template>/hooks/post_page.py --name=<page name> --module=<module path>

Like post_resource.py it exits 0 when a tool is missing or a step fails (TRACKS_STRICT=1 makes that
exit 1), because everything here can be finished by hand: the advice printed says how.
"""

from __future__ import annotations

import sys
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
    component = page_names(name)["component"]
    return [
        generators.register_step(project_dir, component, steps.registry_line(component)),
        generators.templ_step(project_dir),
        generators.goimports_step(project_dir, go_files(name), module),
        generators.locales_step(project_dir),
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

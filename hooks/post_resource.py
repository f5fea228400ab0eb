"""Finish a generated resource: register its routes, regenerate sqlc and templ code, fix imports.

Copier runs it from the app's directory after rendering the resource (see `_tasks` in copier.yml):

    python <template>/hooks/post_resource.py --name=<resource name> --module=<module path>

The files it formats are the Go files the resource sub-template writes, found by rendering the
paths under subtemplates/resource/template/ with the resource's names, so a file added to the
sub-template is covered without listing it anywhere.

Like post_copy.py it exits 0 when a tool is missing or a step fails (TRACKS_STRICT=1 makes that
exit 1), because everything here can be finished by hand: the advice printed says how.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

if not __package__:  # run as a script: make `hooks` importable from the template root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extensions.fields import FieldsExtension
from extensions.naming import NamingExtension, resource_names
from hooks import generators, steps

SUBTEMPLATE = generators.SUBTEMPLATES / "resource" / "template"


def go_files(name: str, template_dir: Path = SUBTEMPLATE) -> list[str]:
    """The Go files the sub-template in `template_dir` writes for resource `name`, as paths in the
    app, sorted; code that templ generates from them (`*_templ.go`) is not among them."""
    return generators.go_files(template_dir, [NamingExtension, FieldsExtension], name=name)


def plan(project_dir: Path, name: str, module: str) -> list[steps.Step]:
    """The steps in order; goimports touches only the resource's own files, so that a file left
    with conflict markers elsewhere by an update cannot stop it."""
    plural = resource_names(name)["pascal_plural"]
    return [
        generators.register_step(project_dir, plural, steps.registry_line(plural)),
        steps.Step("go tool sqlc generate", partial(steps.sqlc_generate, project_dir)),
        generators.templ_step(project_dir),
        generators.goimports_step(project_dir, go_files(name), module),
        generators.locales_step(project_dir),
    ]


HOOK = generators.Generator(
    unit="resource",
    summary=__doc__.splitlines()[0],
    name_help="the resource's name as generated, e.g. blog_post",
    go_files=go_files,
    plan=plan,
)
main = HOOK.main  # the entry point: the script below runs it, and so do the tests


if __name__ == "__main__":
    sys.exit(main())

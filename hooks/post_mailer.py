"""Finish a generated email: list its preview in the app's previews.go, generate its templ code and
fix imports.

Copier runs it from the app's directory after rendering the email (see `_tasks` in copier.yml):

    python <template>/hooks/post_mailer.py --name=<email name> --module=<module path>

An app generated before emails could be generated gets the app-owned previews.go first. Like
post_resource.py it exits 0 when a tool is missing or a step fails (TRACKS_STRICT=1 makes that
exit 1), because everything here can be finished by hand: the advice printed says how.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

if not __package__:  # run as a script: make `hooks` importable from the template root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extensions.app_mailers import AppMailersExtension, mailer_names
from hooks import generators, steps

SUBTEMPLATE = generators.SUBTEMPLATES / "mailer" / "template"
PREVIEWS = "internal/http/views/emails/previews.go"
PREVIEWS_MARKER = "// tracks:mailers"


def go_files(name: str, template_dir: Path = SUBTEMPLATE) -> list[str]:
    """The Go files the mailer sub-template writes for email `name`, as paths in the app, sorted."""
    return generators.go_files(template_dir, [AppMailersExtension], mailer_name=name)


def preview_line(name: str) -> str:
    """The previews.go line of email `name`."""
    return f'{{Name: "{name}", Render: m.{mailer_names(name)["preview"]}}},'


def plan(project_dir: Path, name: str, module: str) -> list[steps.Step]:
    """The steps in order; goimports touches only the email's files and previews.go."""
    line = preview_line(name)
    create = f"create {PREVIEWS}"
    # finish is a format string: the braces of the Go line must stay braces.
    escaped = line.replace("{", "{{").replace("}", "}}")
    return [
        steps.Step(
            create,
            partial(steps.create_app_file, project_dir, PREVIEWS, module),
            finish=f"copy {PREVIEWS} from the Tracks template into {{dir}}",
        ),
        steps.Step(
            f"list the preview of {name} in {PREVIEWS}",
            partial(steps.register_line, project_dir, PREVIEWS, PREVIEWS_MARKER, line),
            needs=create,
            finish=f"add the line '{escaped}' to Previews in {{dir}}/{PREVIEWS}",
        ),
        generators.templ_step(project_dir),
        generators.goimports_step(project_dir, [*go_files(name), PREVIEWS], module),
        generators.locales_step(project_dir),
    ]


HOOK = generators.Generator(
    unit="mailer",
    summary=__doc__.splitlines()[0],
    name_help="the email's name, e.g. weekly_digest",
    go_files=go_files,
    plan=plan,
)
main = HOOK.main  # the entry point: the script below runs it, and so do the tests


if __name__ == "__main__":
    sys.exit(main())

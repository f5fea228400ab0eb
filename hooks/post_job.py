"""Finish a generated job: register its handler in the app's job registry and fix imports.

Copier runs it from the app's directory after rendering the job (see `_tasks` in copier.yml):

    python <template>/hooks/post_job.py --name=<job name> --module=<module path>

An app generated before jobs could be generated gets the app-owned registry (internal/app/tasks.go)
and the package comment of internal/tasks first.
goimports then formats the job's files and the registry, which adds the registry's import of
internal/tasks. Like post_resource.py it exits 0 when a tool is missing or a step fails
(TRACKS_STRICT=1 makes that exit 1): the advice printed says how to finish by hand.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

if not __package__:  # run as a script: make `hooks` importable from the template root
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extensions.naming import go_pascal
from hooks import generators, steps

SUBTEMPLATE = generators.SUBTEMPLATES / "job" / "template"
# The framework-owned file whose jobKinds must call the registry for the app to run the jobs.
JOB_KINDS = "internal/app/jobs.go"
REGISTRY_CALL = "RegisterTasks(kinds, log)"


def go_files(name: str, template_dir: Path = SUBTEMPLATE) -> list[str]:
    """The Go files the job sub-template writes for job `name`, as paths in the app, sorted."""
    return generators.go_files(template_dir, job_name=name)


def check_registry_is_called(project_dir: Path | str) -> steps.Result:
    """Whether the app's jobKinds runs the registry; apps generated before it do not until updated."""
    path = Path(project_dir) / JOB_KINDS
    if path.is_file() and REGISTRY_CALL in path.read_text(encoding="utf-8"):
        return steps.Result(steps.OK)
    return steps.Result(
        steps.FAILED, f"{JOB_KINDS} does not call {REGISTRY_CALL}, so the app would not run the job"
    )


def plan(project_dir: Path, name: str, module: str) -> list[steps.Step]:
    """The steps in order; goimports touches only the job's files and the registry."""
    pascal = go_pascal(name)
    line = steps.task_line(pascal)
    create = f"create {steps.TASKS_REGISTRY}"
    return [
        steps.Step(
            f"create {steps.TASKS_DOC}",
            partial(steps.create_app_file, project_dir, steps.TASKS_DOC, module),
            finish=f"copy {steps.TASKS_DOC} from the Tracks template into {{dir}}",
        ),
        steps.Step(
            create,
            partial(steps.create_app_file, project_dir, steps.TASKS_REGISTRY, module),
            finish=f"copy {steps.TASKS_REGISTRY} from the Tracks template into {{dir}}",
        ),
        steps.Step(
            f"register {pascal} in {steps.TASKS_REGISTRY}",
            partial(steps.register_job, project_dir, line),
            needs=create,
            # finish is a format string: the braces of the Go line must stay braces.
            finish=f"add the line '{line.replace('{', '{{').replace('}', '}}')}' to RegisterTasks in "
            f"{{dir}}/{steps.TASKS_REGISTRY}",
        ),
        steps.Step(
            "go tool goimports",
            partial(steps.goimports, project_dir, [*go_files(name), steps.TASKS_REGISTRY], module),
            finish="run 'go mod tidy' and 'make fmt' in {dir}",
        ),
        steps.Step(
            f"check that {JOB_KINDS} runs the registered jobs",
            partial(check_registry_is_called, project_dir),
            finish="run 'make update' in {dir}, so that jobKinds calls " + REGISTRY_CALL,
        ),
    ]


HOOK = generators.Generator(
    unit="job",
    summary=__doc__.splitlines()[0],
    name_help="the job's name (its kind), e.g. send_digest",
    go_files=go_files,
    plan=plan,
)
main = HOOK.main  # the entry point: the script below runs it, and so do the tests


if __name__ == "__main__":
    sys.exit(main())

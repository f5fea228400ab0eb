"""The background jobs of an app: which ones exist, and whether a new one may take a name.

`existing_jobs` reads the jobs made so far from their answers files and from the Go files of
internal/tasks; `job_error` is the Copier validator of a new job's name (the job's kind): it must
be snake_case, since the kind is stored with every job and the name is also the Go file's, and it
must not clash with a kind of the app, an existing job, a Go keyword, or a suffix that the Go
toolchain reads as a build constraint or a test file.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from jinja2.ext import Extension

if __package__ == "extensions":  # imported as a package: the tests and tools
    from extensions import naming
else:  # loaded by path, as Copier loads extensions: see _siblings.py
    naming = runpy.run_path(str(Path(__file__).with_name("_siblings.py")))["load"]("naming")

JOB_NAME_MAX = 63
# Kinds the app registers itself (internal/app/jobs.go, internal/auth/welcome.go): a second
# registration of a kind panics at start-up.
RESERVED_KINDS = frozenset({"clean_expired", "welcome_email"})
TASKS_DIR = "internal/tasks"
# Files of internal/tasks that the app template writes (the package comment).
RESERVED_FILES = frozenset({"doc"})

_JOB_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# `go help buildconstraint`: a file name ending in _GOOS, _GOARCH or _GOOS_GOARCH (before .go) is
# built only there, and one ending in _test is a test file.
# fmt: off
_GOOS = frozenset({
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux",
    "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
})
_GOARCH = frozenset({
    "386", "amd64", "amd64p32", "arm", "arm64", "arm64be", "armbe", "loong64", "mips", "mips64",
    "mips64le", "mips64p32", "mips64p32le", "mipsle", "ppc", "ppc64", "ppc64le", "riscv", "riscv64",
    "s390", "s390x", "sparc", "sparc64", "wasm",
})
# fmt: on
_EXAMPLE = 'e.g. "send_digest"'


def job_names(name: str) -> dict[str, str]:
    """The spellings of job `name` the templates use: the kind, the args type and its handler."""
    pascal = naming.go_pascal(str(name))
    return {"kind": str(name), "pascal": pascal, "handler": pascal + "Handler", "words": naming.prose(name)}


def job_list(existing) -> list[str]:
    """The job names in `existing`: a list, or one string separated by commas or spaces. None gives []."""
    if existing is None:
        return []
    if isinstance(existing, str):
        existing = existing.replace(",", " ").split()
    return [str(name).strip() for name in existing if str(name).strip()]


def _file_suffix_error(value: str) -> str:
    parts = value.split("_")
    last = parts[-1]
    if len(parts) > 1 and last == "test":
        return f'name "{value}" ends in "_test", which makes {value}.go a Go test file'
    constraint = ""
    if len(parts) > 1 and (last in _GOOS or last in _GOARCH):
        constraint = last
    if len(parts) > 2 and parts[-2] in _GOOS and last in _GOARCH:
        constraint = f"{parts[-2]}_{last}"
    if constraint:
        return (
            f'name "{value}" ends in "_{constraint}", which makes Go build {value}.go only for {constraint}'
        )
    return ""


def job_error(name, existing=()) -> str:
    """Return why `name` cannot be a new job, or "" if it can."""
    value = str(name or "").strip()
    if not value:
        return f"name is required: the job's kind in snake_case, {_EXAMPLE}."
    if len(value) > JOB_NAME_MAX:
        return f"name is {len(value)} characters long; use at most {JOB_NAME_MAX}, {_EXAMPLE}."
    if not _JOB_NAME.fullmatch(value):
        suggestion = naming.snake(value)
        hint = f'"{suggestion}"' if suggestion and suggestion[0].isalpha() else _EXAMPLE.removeprefix("e.g. ")
        return (
            f'name "{value}" must be snake_case: lower-case letters and digits separated by single '
            f"underscores, starting with a letter, e.g. {hint}."
        )
    if value in naming.GO_KEYWORDS:
        return f'name "{value}" is a Go keyword; choose another, e.g. "{value}_job".'
    suffix = _file_suffix_error(value)
    if suffix:
        return f'{suffix}; choose another, e.g. "{value}_job".'
    if value in RESERVED_KINDS:
        return f'name "{value}" is a job kind of the application itself; choose another.'
    if value in RESERVED_FILES:
        return f'name "{value}" would replace {TASKS_DIR}/{value}.go of the application; choose another.'
    names = job_names(value)
    for other in job_list(existing):
        if other == value:
            return f'job "{value}" already exists; choose another name.'
        theirs = job_names(other)
        clash = {names["pascal"], names["handler"]} & {theirs["pascal"], theirs["handler"]}
        if clash:
            return (
                f'name "{value}" makes the Go type "{clash.pop()}", which job "{other}" already '
                f"declares in package tasks; choose another name."
            )
    return ""


def existing_jobs(project_dir) -> list[str]:
    """The jobs of the app at `project_dir`: the names recorded in `.copier/jobs/<name>.yml`, then
    the Go files of internal/tasks that are not among them (a job written by hand), sorted."""
    root = Path(str(project_dir or "."))
    names: list[str] = []
    for answers in sorted((root / ".copier" / "jobs").glob("*.yml")):
        match = re.search(
            r"^job_name:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", answers.read_text(encoding="utf-8"), re.M
        )
        names.append(match.group(1) if match else answers.stem)
    for source in sorted((root / TASKS_DIR).glob("*.go")):
        stem = source.stem
        if not stem.endswith("_test") and stem not in names and stem not in RESERVED_FILES:
            names.append(stem)
    return names


class AppJobsExtension(Extension):
    """Registers the job filters: job_error, existing_jobs, job_names."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(job_error=job_error, existing_jobs=existing_jobs, job_names=job_names)

"""Validators for Copier answers: each returns "" when valid, else one actionable sentence.

Used from copier.yml as `validator: "{{ module_path | module_path_error }}"`.
"""

from __future__ import annotations

import re

from jinja2.ext import Extension

APP_NAME_MAX = 64
MODULE_PATH_MAX = 255

_APP_NAME_CHAR = re.compile(r"[A-Za-z0-9 _-]")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SCP_REMOTE = re.compile(r"^[\w.-]+@([\w.-]+):/*(.+?)(?:\.git)?/*$")  # git@github.com:acme/blog.git
_ELEMENT_CHAR = re.compile(r"[A-Za-z0-9._~-]")
_FIRST_ELEMENT_CHAR = re.compile(r"[a-z0-9.-]")
# Go rejects these as path elements because they are device names on Windows.
_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(1, 10)] + [f"lpt{i}" for i in range(1, 10)]
)
# golang.org/x/mod/module.SplitPathVersion: a trailing /vN must be v2 or above, without a dot or leading 0.
_BAD_MAJOR_SUFFIX = re.compile(r"/v(0[0-9.]*|1|[0-9]+\.[0-9.]*)$")

_MIGRATION_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
MIGRATION_NAME_MAX = 100
_TIMESTAMP = re.compile(r"^[0-9]{14}$")

_APP_EXAMPLE = "e.g. 'My Blog'"
_MODULE_EXAMPLE = "e.g. github.com/acme/blog"


def _first_invalid(value: str, allowed: re.Pattern[str]) -> str:
    return next((c for c in value if not allowed.fullmatch(c)), "")


def app_name_error(value: str) -> str:
    """Return why `value` is not a usable application name, or "" if it is."""
    value = str(value or "").strip()
    if not value:
        return f"app_name is required, {_APP_EXAMPLE}."
    if len(value) > APP_NAME_MAX:
        return f"app_name is {len(value)} characters long; use at most {APP_NAME_MAX}, {_APP_EXAMPLE}."
    if not ("a" <= value[0].lower() <= "z"):
        return f"app_name {value!r} must start with a letter, {_APP_EXAMPLE}."
    bad = _first_invalid(value, _APP_NAME_CHAR)
    if bad:
        return (
            f"app_name {value!r} contains {bad!r}; use only letters, digits, spaces, '-' and '_', "
            f"{_APP_EXAMPLE}."
        )
    return ""


def module_path_error(value: str) -> str:
    """Return why `value` is not a valid Go module path, or "" if it is.

    Follows golang.org/x/mod/module.CheckPath, except that a single element such as `blog` is
    accepted because `go mod init blog` is.
    """
    value = str(value or "")
    if not value.strip():
        return f"module_path is required, {_MODULE_EXAMPLE}."
    scheme = _SCHEME.match(value)
    if scheme:
        rest = value[scheme.end() :].rstrip("/").removesuffix(".git") or "github.com/acme/blog"
        return f"module_path must not include a URL scheme: drop {scheme.group()!r} and write {rest!r}."
    remote = _SCP_REMOTE.match(value)
    if remote:
        suggestion = f"{remote.group(1)}/{remote.group(2)}"
        return f"module_path {value!r} is a git remote, not a module path: write {suggestion!r} instead."
    if any(c.isspace() for c in value):
        return f"module_path {value!r} must not contain spaces, {_MODULE_EXAMPLE}."
    if value.endswith(".git"):
        return f"module_path must not end in '.git': write {value[:-4]!r} instead."
    if value.startswith("/") or value.endswith("/"):
        return f"module_path {value!r} must not start or end with '/', {_MODULE_EXAMPLE}."
    if "//" in value:
        return f"module_path {value!r} must not contain '//' (an empty element), {_MODULE_EXAMPLE}."
    if len(value) > MODULE_PATH_MAX:
        return (
            f"module_path is {len(value)} characters long; use at most {MODULE_PATH_MAX}, {_MODULE_EXAMPLE}."
        )
    if ".." in value:
        return f"module_path {value!r} must not contain '..', {_MODULE_EXAMPLE}."
    elements = value.split("/")
    for element in elements:
        problem = _element_error(element)
        if problem:
            return f"module_path element {element!r} {problem}, {_MODULE_EXAMPLE}."
    first = elements[0]
    if first.startswith("-"):
        return f"module_path {value!r} must not start with '-', {_MODULE_EXAMPLE}."
    if len(elements) == 1:
        return ""
    bad = _first_invalid(first, _FIRST_ELEMENT_CHAR)
    if bad:
        return (
            f"the first element of module_path, {first!r}, is a domain name and may only contain "
            f"lower-case letters, digits, '-' and '.' (found {bad!r}), {_MODULE_EXAMPLE}."
        )
    if "." not in first:
        return (
            f"the first element of module_path, {first!r}, must be a domain name with a dot "
            f"({_MODULE_EXAMPLE}), or use a single word such as 'blog' for a module that is never fetched."
        )
    suffix = _BAD_MAJOR_SUFFIX.search(value)
    if suffix:
        return (
            f"module_path {value!r} ends in {suffix.group()!r}: drop it (v0 and v1 modules have no "
            f"version suffix) or use /v2 or above, {_MODULE_EXAMPLE}/v2."
        )
    return ""


def migration_name_error(value: str) -> str:
    """Return why `value` is not a usable migration name (the file's suffix), or "" if it is."""
    value = str(value or "").strip()
    example = "e.g. add_summary_to_posts"
    if not value:
        return f"name is required: say what the migration does in snake_case, {example}."
    if len(value) > MIGRATION_NAME_MAX:
        return f"name is {len(value)} characters long; use at most {MIGRATION_NAME_MAX}, {example}."
    if not _MIGRATION_NAME.fullmatch(value):
        return (
            f"name {value!r} must be snake_case: lower-case letters and digits separated by single "
            f"underscores, starting with a letter, {example}."
        )
    return ""


def timestamp_error(value: str) -> str:
    """Return why `value` is not a goose version timestamp (YYYYMMDDHHMMSS), or "" if it is."""
    value = str(value or "").strip()
    if not _TIMESTAMP.fullmatch(value):
        return f"timestamp {value!r} must be 14 digits, YYYYMMDDHHMMSS in UTC, e.g. 20260102150405."
    return ""


def _element_error(element: str) -> str:
    bad = _first_invalid(element, _ELEMENT_CHAR)
    if bad:
        return f"contains {bad!r}; use only letters, digits, '-', '.', '_' and '~'"
    if element.startswith(".") or element.endswith("."):
        return "must not start or end with '.'"
    name = element.partition(".")[0]  # Windows looks only at the part before the first dot
    if name.lower() in _WINDOWS_RESERVED:
        return "is a reserved file name on Windows"
    _, tilde, suffix = name.rpartition("~")
    if tilde and suffix.isdigit():
        return "must not end in '~' followed by digits"
    return ""


class ValidationExtension(Extension):
    """Registers the validator filters: app_name_error, module_path_error, migration_name_error,
    timestamp_error."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(
            app_name_error=app_name_error,
            module_path_error=module_path_error,
            migration_name_error=migration_name_error,
            timestamp_error=timestamp_error,
        )

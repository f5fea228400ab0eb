"""Validators for Copier answers: each returns "" when valid, else an actionable message."""

from __future__ import annotations

import re

from jinja2.ext import Extension

_APP_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 _-]*$")


def app_name_error(value: str) -> str:
    value = str(value or "").strip()
    if not value:
        return "app_name is required, e.g. 'My Blog'."
    if not _APP_NAME.match(value):
        return f"app_name {value!r} must start with a letter and use only letters, digits, spaces, '-' and '_'."
    return ""


def module_path_error(value: str) -> str:
    value = str(value or "").strip()
    if not value:
        return "module_path is required, e.g. github.com/acme/blog."
    return ""


class ValidationExtension(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(app_name_error=app_name_error, module_path_error=module_path_error)

"""The extensions copier.yml loads, together: every filter comes from exactly one of them."""

from __future__ import annotations

import importlib
from pathlib import Path

import jinja2

# Every filter extensions/ registers: the templates and copier.yml know them by these names.
FILTERS = {
    "app_name_error",
    "camel",
    "destroy_error",
    "existing_jobs",
    "existing_mailers",
    "existing_pages",
    "existing_resources",
    "fields_error",
    "first_string_field",
    "go_ident",
    "job_error",
    "job_names",
    "kebab",
    "mailer_error",
    "mailer_names",
    "migration_name_error",
    "module_path_error",
    "page_error",
    "page_names",
    "page_path_error",
    "parse_fields",
    "pascal",
    "plural",
    "resource_error",
    "resource_names",
    "singular",
    "snake",
    "taken_paths",
    "timestamp_error",
}


def test_each_filter_is_registered_by_one_extension(copier_config):
    builtin = set(jinja2.Environment().filters)
    owners: dict[str, list[str]] = {}
    for spec in copier_config["_jinja_extensions"]:
        if not spec.startswith("extensions/"):
            continue
        path, name = spec.split(":")
        extension = getattr(importlib.import_module(f"extensions.{Path(path).stem}"), name)
        for registered in set(jinja2.Environment(extensions=[extension]).filters) - builtin:
            owners.setdefault(registered, []).append(spec)
    assert {name: specs for name, specs in owners.items() if len(specs) > 1} == {}
    assert set(owners) == FILTERS

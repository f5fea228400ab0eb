"""Answer validators: "" for a valid value, else one sentence naming the problem and a valid example."""

from __future__ import annotations

import jinja2
import pytest

from extensions.validation import (
    ValidationExtension,
    app_name_error,
    migration_name_error,
    module_path_error,
    timestamp_error,
)


@pytest.mark.parametrize("value", ["My Blog", "myapp", "blog-2", "Acme_Store", "a", "x" * 64, " padded "])
def test_app_name_valid(value):
    assert app_name_error(value) == ""


@pytest.mark.parametrize(
    ("value", "mentions"),
    [
        ("", "required"),
        ("   ", "required"),
        (None, "required"),
        ("x" * 65, "at most 64"),
        ("1blog", "start with a letter"),
        ("-blog", "start with a letter"),
        ("my blog!", "'!'"),
        ("my.blog", "'.'"),
        ("Café", "'é'"),
        ("a/b", "'/'"),
    ],
)
def test_app_name_invalid(value, mentions):
    message = app_name_error(value)
    assert mentions in message
    assert "e.g. 'My Blog'" in message
    assert message.endswith(".")
    assert ". " not in message.replace("e.g. ", "")  # one sentence


@pytest.mark.parametrize(
    "value",
    [
        "github.com/acme/blog",
        "example.com/my-app",
        "gitlab.com/group/sub.group/project",
        "github.com/Acme/Blog",
        "github.com/acme/blog/v2",
        "github.com/acme/blog/v10",
        "gopkg.in/yaml.v3",
        "go.example.com/a_b/c~d",
        "myapp",
        "my_app",
        "MyApp",
        "a" * 10 + "." + "b" * 244,
    ],
)
def test_module_path_valid(value):
    assert module_path_error(value) == ""


@pytest.mark.parametrize(
    ("value", "mentions"),
    [
        ("", "required"),
        (None, "required"),
        ("https://github.com/acme/blog", "drop 'https://' and write 'github.com/acme/blog'"),
        ("http://github.com/acme/blog.git", "drop 'http://' and write 'github.com/acme/blog'"),
        ("git@github.com:acme/blog.git", "write 'github.com/acme/blog'"),
        ("github.com/acme/my blog", "spaces"),
        ("github.com/acme/blog ", "spaces"),
        ("github.com/acme/blog.git", "write 'github.com/acme/blog'"),
        ("/github.com/acme/blog", "start or end with '/'"),
        ("github.com/acme/blog/", "start or end with '/'"),
        ("github.com//blog", "'//'"),
        ("github.com/acme/../blog", "'..'"),
        ("github.com/acme/bl..og", "'..'"),
        ("github.com/acme/.blog", "start or end with '.'"),
        ("github.com/acme/blog.", "start or end with '.'"),
        ("github.com/acme/bl@g", "'@'"),
        ("github.com/acme/blög", "'ö'"),
        ("GitHub.com/acme/blog", "lower-case"),
        ("git_hub.com/acme/blog", "lower-case"),
        ("acme/blog", "domain name with a dot"),
        ("-x.com/blog", "start with '-'"),
        ("-blog", "start with '-'"),
        ("github.com/acme/blog/v1", "'/v1'"),
        ("github.com/acme/blog/v0", "'/v0'"),
        ("github.com/acme/blog/v02", "'/v02'"),
        ("github.com/acme/con", "reserved"),
        ("github.com/acme/aux.go", "reserved"),
        ("github.com/acme/GITHUB~1", "'~' followed by digits"),
        ("example.com/" + "a" * 250, "at most 255"),
    ],
)
def test_module_path_invalid(value, mentions):
    message = module_path_error(value)
    assert mentions in message
    assert "github.com/acme/blog" in message  # every message shows a valid value
    assert message.endswith(".")
    assert ". " not in message.replace("e.g. ", "")


def test_extension_registers_the_validators():
    env = jinja2.Environment(extensions=[ValidationExtension])
    template = env.from_string("{{ app_name | app_name_error }}|{{ module_path | module_path_error }}")
    assert template.render(app_name="My Blog", module_path="github.com/acme/blog") == "|"
    assert "scheme" in template.render(app_name="My Blog", module_path="https://github.com/acme/blog")


@pytest.mark.parametrize("value", ["add_summary_to_posts", "init", "add_v2_index", " padded "])
def test_migration_name_valid(value):
    assert migration_name_error(value) == ""


@pytest.mark.parametrize(
    ("value", "mentions"),
    [
        ("", "required"),
        ("Add-Summary", "snake_case"),
        ("add__x", "snake_case"),
        ("1_add", "starting with a letter"),
        ("add_x_", "snake_case"),
        ("a" * 101, "at most 100"),
    ],
)
def test_migration_name_invalid(value, mentions):
    message = migration_name_error(value)
    assert mentions in message
    assert "e.g. add_summary_to_posts" in message


@pytest.mark.parametrize(
    ("value", "ok"), [("20260102150405", True), ("2026010215040", False), ("now", False)]
)
def test_timestamp(value, ok):
    assert (timestamp_error(value) == "") is ok


def test_extension_registers_the_generator_validators():
    env = jinja2.Environment(extensions=[ValidationExtension])
    template = env.from_string("{{ name | migration_name_error }}|{{ ts | timestamp_error }}")
    assert template.render(name="add_x", ts="20260102150405") == "|"

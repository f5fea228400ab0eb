"""Property tests (hypothesis) of the parsers of what a developer types: field specs and names.

Each property is checked on a fixed sample (derandomize): the same examples every run, so a
failure is reproducible and CI does not find a new one by chance.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from extensions import naming
from extensions.app_resources import resource_error
from extensions.field_types import MAX_IDENTIFIER
from extensions.fields import fields_error, parse_fields

DRIVERS = ("postgres", "sqlite3", "go-libsql")
SCALAR_TYPES = ("string", "text", "int", "float", "decimal", "bool", "date", "timestamp", "uuid", "json")
MODIFIERS = ("required", "unique", "index", "null")
GO_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
KEBAB = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

sample = settings(max_examples=300, derandomize=True, deadline=None)

# Anything at all, and text close to a spec: words, colons, spaces, odd characters.
any_text = st.text(max_size=60)
spec_like = st.text(alphabet="abz_09:- \tÉé\u00a0\n,;'\"<>", max_size=60)
snake_names = st.from_regex(r"\A[a-z][a-z0-9]{0,8}(_[a-z][a-z0-9]{0,5}){0,2}\Z")


@sample
@given(st.one_of(any_text, spec_like), st.sampled_from(DRIVERS))
def test_a_spec_is_either_valid_or_explained(spec, driver):
    """fields_error never raises, and parse_fields fails exactly when it explains why, with the
    same explanation."""
    error = fields_error(spec, driver, existing=None)
    try:
        fields = parse_fields(spec, driver)
    except ValueError as refused:
        assert error, spec
        assert str(refused) == error
        return
    assert not error, spec
    assert fields, "a valid spec has a field"


modifier_sets = st.sets(st.sampled_from(MODIFIERS), max_size=2)


@sample
@given(
    st.lists(
        st.tuples(snake_names, st.sampled_from(SCALAR_TYPES), modifier_sets),
        min_size=1,
        max_size=6,
        unique_by=lambda item: item[0],
    ),
    st.sampled_from(DRIVERS),
)
def test_accepted_fields_make_valid_identifiers(items, driver):
    spec = " ".join(":".join([name, kind, *sorted(mods)]) for name, kind, mods in items)
    if fields_error(spec, driver, existing=None):
        return  # refused with a reason: the property above covers it
    fields = parse_fields(spec, driver)
    assert [f["name"] for f in fields] == [name for name, _, _ in items]
    go_names = [f["go_name"] for f in fields]
    assert len(set(go_names)) == len(go_names), "distinct Go fields"
    for f in fields:
        assert GO_IDENT.match(f["go_name"]) and f["go_name"][0].isupper(), f
        assert SNAKE.match(f["column"]) and len(f["column"]) <= MAX_IDENTIFIER, f
        assert SNAKE.match(f["json"]), f
        assert not (f["required"] and f["null"]), f


names = st.one_of(snake_names, st.text(alphabet="abcdeXYZ _-019", min_size=1, max_size=24))


@sample
@given(names)
def test_an_accepted_resource_name_has_valid_spellings_in_every_form(name):
    if resource_error(name):
        return
    names = naming.resource_names(name)
    for key in ("pascal", "pascal_plural", "camel", "camel_plural", "model"):
        assert GO_IDENT.match(names[key]), (key, names)
    for key in ("snake", "snake_plural", "table", "messages"):
        assert SNAKE.match(names[key]), (key, names)
    for key in ("kebab", "kebab_plural"):
        assert KEBAB.match(names[key]), (key, names)
    assert re.fullmatch(r"[a-z][a-z0-9]*", names["package"]), names
    assert names["snake"] != names["snake_plural"]


# Words of two letters or more: PascalCase cannot tell "a_a" (AA) from "aa" (Aa).
long_word_names = st.from_regex(r"\A[a-z]{2,8}(_[a-z]{2,6}){0,2}\Z")


@sample
@given(long_word_names)
def test_a_resource_name_means_the_same_in_any_spelling(name):
    if resource_error(name):
        return
    names = naming.resource_names(name)
    for spelling in (names["pascal"], names["kebab"], names["label"], names["label"].upper()):
        assert naming.resource_names(spelling) == names, spelling


@sample
@given(any_text)
def test_naming_never_fails(value):
    for convert in (naming.snake, naming.kebab, naming.pascal, naming.camel, naming.plural, naming.singular):
        assert isinstance(convert(value), str)
    assert isinstance(resource_error(value), str)

"""The compile cache: one compiled template per source string, rendering as before."""

from __future__ import annotations

import jinja2

from extensions.compile_cache import CompileCacheExtension


def test_the_same_source_is_compiled_once_and_renders_each_context():
    env = jinja2.Environment(extensions=[CompileCacheExtension])
    first = env.from_string("{{ name }}.yml")
    assert env.from_string("{{ name }}.yml") is first
    assert first.render(name="post") == "post.yml"
    assert env.from_string("{{ name }}.yml").render(name="comment") == "comment.yml"
    assert env.from_string("{{ name }}.md") is not first


def test_per_call_globals_bypass_the_cache():
    env = jinja2.Environment(extensions=[CompileCacheExtension])
    cached = env.from_string("{{ x }}")
    own = env.from_string("{{ x }}", globals={"x": 1})
    assert own is not cached
    assert own.render() == "1"
    assert cached.render() == ""

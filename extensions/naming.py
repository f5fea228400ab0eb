"""Naming filters for templates: case conversion and English inflection."""

from __future__ import annotations

import re

from jinja2.ext import Extension

_WORD_BOUNDARY = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])|[0-9]+")


def words(value: str) -> list[str]:
    """Split an identifier or phrase into lower-case words: "BlogPost v2" -> ["blog", "post", "v2"]."""
    return [w.lower() for w in _WORD_BOUNDARY.findall(str(value))]


def snake(value: str) -> str:
    return "_".join(words(value))


def kebab(value: str) -> str:
    return "-".join(words(value))


def pascal(value: str) -> str:
    return "".join(w.capitalize() for w in words(value))


def camel(value: str) -> str:
    p = pascal(value)
    return p[:1].lower() + p[1:]


class NamingExtension(Extension):
    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(snake=snake, kebab=kebab, pascal=pascal, camel=camel)

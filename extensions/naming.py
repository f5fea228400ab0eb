"""Naming filters for templates: case conversion, English inflection and Go identifiers."""

from __future__ import annotations

import re

from jinja2.ext import Extension

# Acronym runs stay one word ("HTTPServer" -> http, server) and digits stick to the word before them.
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])|[0-9]+")


def words(value: str) -> list[str]:
    """Split an identifier or phrase into lower-case words: "BlogPost v2" -> ["blog", "post", "v2"]."""
    return [w.lower() for w in _WORD.findall(str(value))]


def snake(value: str) -> str:
    """snake_case: "Blog Post" -> "blog_post"."""
    return "_".join(words(value))


def kebab(value: str) -> str:
    """kebab-case: "BlogPost" -> "blog-post"."""
    return "-".join(words(value))


def pascal(value: str) -> str:
    """PascalCase: "blog post" -> "BlogPost"."""
    return "".join(w.capitalize() for w in words(value))


def camel(value: str) -> str:
    """camelCase: "blog post" -> "blogPost"."""
    p = pascal(value)
    return p[:1].lower() + p[1:]


# --- Inflection ----------------------------------------------------------------------------------
# Hand-written so that rendering needs nothing beyond Copier; tuned for the nouns apps model.

# fmt: off
_UNCOUNTABLE = frozenset({
    "sheep", "fish", "deer", "moose", "series", "species", "news", "information", "equipment",
    "data", "metadata", "feedback", "software", "hardware", "firmware", "money", "rice", "police",
    "advice", "furniture", "luggage", "knowledge", "traffic",
})
_IRREGULAR = {
    "person": "people", "child": "children", "man": "men", "woman": "women", "mouse": "mice",
    "goose": "geese", "tooth": "teeth", "foot": "feet", "ox": "oxen",
}
# fmt: on
# Compounds inflect like their last part ("salesperson", "grandchild"); "man" and "ox" do not
# ("human", "box"), so they only match whole words.
_IRREGULAR_SUFFIXES = ("person", "woman", "child", "mouse", "goose")

_PLURAL_RULES = [
    (r"(qui)z$", r"\1zzes"),
    (r"([^aeiouy]|qu)y$", r"\1ies"),
    (r"\b(kn|w|l)ife$", r"\1ives"),
    (r"(hal|cal|el|wol|lea|loa|shea|thie|scar|dwar|whar)f$", r"\1ves"),
    (r"(her|potat|tomat|ech|vet|torped|embarg)o$", r"\1oes"),
    (r"sis$", "ses"),
    (r"(s|x|z|ch|sh)$", r"\1es"),
    (r"$", "s"),
]
_SINGULAR_RULES = [
    (r"(quiz)zes$", r"\1"),
    (r"\b(cook|mov|zomb|rook|brown|self|goal|p|t|l|d)ies$", r"\1ie"),
    (r"([^aeiouy]|qu)ies$", r"\1y"),
    (r"\b(kn|w|l)ives$", r"\1ife"),
    (r"(hal|cal|el|wol|lea|loa|shea|thie|scar|dwar|whar)ves$", r"\1f"),
    (r"(her|potat|tomat|ech|vet|torped|embarg)oes$", r"\1o"),
    (r"(cri|diagno|synop|the)ses$", r"\1sis"),
    (r"(analy|paraly|cataly)ses$", r"\1sis"),
    (r"(alias|atlas|canvas|bias|gas|ss)es$", r"\1"),
    (r"([^aeiou]us)es$", r"\1"),  # statuses, buses; "houses" and "causes" keep their "e"
    (r"(cach|nich)es$", r"\1e"),
    (r"(x|z|ch|sh)es$", r"\1"),
    (r"\b(men|gur|em|tof|haik)us$", r"\1u"),
    (r"(ss|sis|[^aeiou]us)$", r"\1"),  # already singular: address, analysis, status
    (r"s$", ""),
]
_PLURAL_RULES = [(re.compile(pattern), replacement) for pattern, replacement in _PLURAL_RULES]
_SINGULAR_RULES = [(re.compile(pattern), replacement) for pattern, replacement in _SINGULAR_RULES]
_SINGULAR_IRREGULAR = {v: k for k, v in _IRREGULAR.items()}


def _inflect_word(word: str, irregular: dict[str, str], rules: list) -> str:
    if word in _UNCOUNTABLE or word in irregular.values():
        return word
    if word in irregular:
        return irregular[word]
    for key, value in irregular.items():
        if (key in _IRREGULAR_SUFFIXES or value in _IRREGULAR_SUFFIXES) and word.endswith(key):
            return word[: -len(key)] + value
    for pattern, replacement in rules:
        if pattern.search(word):
            return pattern.sub(replacement, word, count=1)
    return word


def _match_case(original: str, word: str) -> str:
    if len(original) > 1 and original.isupper():
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _inflect_last_word(value: str, irregular: dict[str, str], rules: list) -> str:
    value = str(value)
    matches = list(_WORD.finditer(value))
    if not matches:
        return value
    last = matches[-1]
    inflected = _inflect_word(last.group().lower(), irregular, rules)
    return value[: last.start()] + _match_case(last.group(), inflected) + value[last.end() :]


def plural(value: str) -> str:
    """Pluralize the last word, keeping its case: "BlogCategory" -> "BlogCategories"."""
    return _inflect_last_word(value, _IRREGULAR, _PLURAL_RULES)


def singular(value: str) -> str:
    """Singularize the last word, keeping its case: "blog_posts" -> "blog_post"."""
    return _inflect_last_word(value, _SINGULAR_IRREGULAR, _SINGULAR_RULES)


# --- Go identifiers ------------------------------------------------------------------------------

# fmt: off
_GO_KEYWORDS = frozenset({
    "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
    "func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select",
    "struct", "switch", "type", "var",
})
_GO_PREDECLARED = frozenset({
    "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32", "float64",
    "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8", "uint16", "uint32",
    "uint64", "uintptr", "true", "false", "iota", "nil", "append", "cap", "clear", "close",
    "complex", "copy", "delete", "imag", "len", "make", "max", "min", "new", "panic", "print",
    "println", "real", "recover",
})
_GO_IDIOMATIC = {
    "type": "typ", "func": "fn", "package": "pkg", "interface": "iface",
    "default": "def", "range": "rng", "select": "sel",
}
# fmt: on


def go_ident(value: str) -> str:
    """A lowerCamel Go identifier that shadows no keyword or builtin: "type" -> "typ", "len" -> "lenValue"."""
    ident = camel(value) or "value"
    if ident[0].isdigit():
        ident = "n" + ident
    if ident in _GO_IDIOMATIC:
        return _GO_IDIOMATIC[ident]
    if ident in _GO_KEYWORDS or ident in _GO_PREDECLARED:
        return ident + "Value"
    return ident


class NamingExtension(Extension):
    """Registers the naming filters: snake, kebab, pascal, camel, plural, singular, go_ident."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(
            snake=snake,
            kebab=kebab,
            pascal=pascal,
            camel=camel,
            plural=plural,
            singular=singular,
            go_ident=go_ident,
        )

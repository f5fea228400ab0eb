"""Naming filters for templates: case conversion, English inflection, Go identifiers and the
names of a resource.

Go identifiers. `go_pascal` (a field's `go_name`) is PascalCase with Go initialisms, computed like
sqlc's own field names: field_types.SQLC_GO_OPTIONS sets sqlc's `initialisms` to GO_INITIALISMS,
so `author_id` -> `AuthorID` and `home_url` -> `HomeURL` on both sides. `go_var` (a field's
`go_var`) is camelCase with initialisms (`authorID`, `homeURL`) and never a Go keyword, predeclared
identifier, package name or local variable that the generated code uses: like go_ident it uses
`typ`, `fn`, `pkg`, `iface`, `def`, `rng` or `sel` for type, func, package, interface, default,
range and select, and appends `Value` otherwise (`len` -> `lenValue`, `url` -> `urlValue`,
`err` -> `errValue`).

Resources. `resource_names` gives every spelling of a resource name that the templates need. Its
`model` is the name of the struct sqlc generates for the table, which sqlc derives with its own
singular (`sqlc_singular`), not ours.
"""

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
            # A word is never inflected away: the singular of "s" (as in "a_s") stays "s".
            return pattern.sub(replacement, word, count=1) or word
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
GO_KEYWORDS = _GO_KEYWORDS


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


GO_INITIALISMS = ("id", "url", "uuid", "json", "html", "api", "http", "ip", "sql")
# Packages the generated resource code imports, whose names a resource package or a local
# variable must not take, and the short locals the generated handlers, services and tests use.
# fmt: off
GO_SHADOWED = frozenset({
    "context", "errors", "fmt", "http", "json", "maps", "slices", "sql", "strconv", "strings",
    "testing", "time", "url",
    "ctx", "err", "ok", "r", "t", "tx", "w",
})
# fmt: on


def _go_word(part: str) -> str:
    return part.upper() if part in GO_INITIALISMS else part[:1].upper() + part[1:]


def go_pascal(snake_name: str) -> str:
    """PascalCase with Go initialisms, exactly as sqlc names fields: "author_id" -> "AuthorID"."""
    return "".join(_go_word(part) for part in snake_name.split("_"))


def go_camel(snake_name: str) -> str:
    """camelCase with Go initialisms: "home_url" -> "homeURL", "url_path" -> "urlPath"."""
    first, *rest = snake_name.split("_")
    return first + "".join(_go_word(part) for part in rest)


def go_var(snake_name: str) -> str:
    """A camelCase local variable name that shadows no keyword, builtin, package or common local."""
    ident = go_camel(snake_name)
    safe = go_ident(ident)
    if safe != camel(ident):  # a keyword or predeclared identifier: go_ident's rename
        return safe
    return ident + "Value" if ident in GO_SHADOWED else ident


# --- Words for people ----------------------------------------------------------------------------


def prose(snake_name: str) -> str:
    """Words for a sentence, initialisms in capitals: "blog_post" -> "blog post", "api_key" -> "API key"."""
    return " ".join(part.upper() if part in GO_INITIALISMS else part for part in snake_name.split("_"))


def label(snake_name: str) -> str:
    """A label: "published_at" -> "Published at", "home_url" -> "Home URL"."""
    text = prose(snake_name)
    return text[:1].upper() + text[1:]


# --- Resources -----------------------------------------------------------------------------------


def table_name(name: str) -> str:
    """The table of a resource named in any case and number: "Blog Post", "blog_posts" -> "blog_posts"."""
    return plural(singular(snake(name)))


# sqlc singularizes table names with github.com/jinzhu/inflection (plus a few fixes of its own) to
# name the model struct; its rules differ from singular() for some nouns ("leaves" -> "Leafe"),
# so templates must use resource_names(...)["model"] for the sqlc type. Lower-case input only.
# fmt: off
_SQLC_UNCOUNTABLE = frozenset({
    "equipment", "information", "rice", "money", "species", "series", "fish", "sheep", "jeans",
    "police",
})
_SQLC_IRREGULAR = (
    ("people", "person"), ("men", "man"), ("children", "child"), ("sexes", "sex"),
    ("moves", "move"), ("mombies", "mombie"),
)
_SQLC_SINGULAR_RULES = [(re.compile(pattern), replacement) for pattern, replacement in reversed([
    (r"s$", r""),
    (r"(ss)$", r"\1"),
    (r"(n)ews$", r"\1ews"),
    (r"([ti])a$", r"\1um"),
    (r"((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$", r"\1sis"),
    (r"(^analy)(sis|ses)$", r"\1sis"),
    (r"([^f])ves$", r"\1fe"),
    (r"(hive)s$", r"\1"),
    (r"(tive)s$", r"\1"),
    (r"([lr])ves$", r"\1f"),
    (r"([^aeiouy]|qu)ies$", r"\1y"),
    (r"(s)eries$", r"\1eries"),
    (r"(m)ovies$", r"\1ovie"),
    (r"(c)ookies$", r"\1ookie"),
    (r"(x|ch|ss|sh)es$", r"\1"),
    (r"^(m|l)ice$", r"\1ouse"),
    (r"(bus)(es)?$", r"\1"),
    (r"(o)es$", r"\1"),
    (r"(shoe)s$", r"\1"),
    (r"(cris|test)(is|es)$", r"\1is"),
    (r"^(a)x[ie]s$", r"\1xis"),
    (r"(octop|vir)(us|i)$", r"\1us"),
    (r"(alias|status)(es)?$", r"\1"),
    (r"^(ox)en", r"\1"),
    (r"(vert|ind)ices$", r"\1ex"),
    (r"(matr)ices$", r"\1ix"),
    (r"(quiz)zes$", r"\1"),
    (r"(database)s$", r"\1"),
])]
_SQLC_SPECIAL = {"campus": "campus", "meta": "meta", "calories": "calorie", "waves": "wave",
                 "metadata": "metadata"}
# fmt: on


def sqlc_singular(table: str) -> str:
    """The singular sqlc derives from a lower-case table name to name its model struct."""
    if table in _SQLC_SPECIAL:
        return _SQLC_SPECIAL[table]
    if table in _SQLC_UNCOUNTABLE:
        return table
    for plural_form, singular_form in _SQLC_IRREGULAR:
        if table.endswith(plural_form):
            return table[: -len(plural_form)] + singular_form
    for pattern, replacement in _SQLC_SINGULAR_RULES:
        if pattern.search(table):
            return pattern.sub(replacement, table)
    return table


def resource_names(name: str) -> dict[str, str]:
    """Every spelling of a resource name that the templates need; see the tests for examples."""
    one = singular(snake(name))
    many = plural(one)
    return {
        "singular": prose(one),
        "plural": prose(many),
        "snake": one,
        "snake_plural": many,
        "kebab": kebab(one),
        "kebab_plural": kebab(many),
        "pascal": go_pascal(one),
        "pascal_plural": go_pascal(many),
        "camel": go_camel(one),
        "camel_plural": go_camel(many),
        "package": many.replace("_", ""),
        "table": many,
        "model": go_pascal(sqlc_singular(many)),
        "label": label(one),
        "label_plural": label(many),
        # The prefix of the resource's message keys, and the topic of its locale files.
        "messages": many,
    }


class NamingExtension(Extension):
    """Registers the naming filters: snake, kebab, pascal, camel, plural, singular, go_ident,
    resource_names."""

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
            resource_names=resource_names,
        )

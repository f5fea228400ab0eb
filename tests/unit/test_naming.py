"""Case conversion, inflection and Go identifier filters."""

from __future__ import annotations

import jinja2
import pytest

from extensions.naming import NamingExtension, camel, go_ident, kebab, pascal, plural, singular, snake, words


@pytest.mark.parametrize(
    ("value", "snake_case", "kebab_case", "pascal_case", "camel_case"),
    [
        ("BlogPost", "blog_post", "blog-post", "BlogPost", "blogPost"),
        ("blog post", "blog_post", "blog-post", "BlogPost", "blogPost"),
        ("blog-post", "blog_post", "blog-post", "BlogPost", "blogPost"),
        ("blog_post", "blog_post", "blog-post", "BlogPost", "blogPost"),
        ("viewCount", "view_count", "view-count", "ViewCount", "viewCount"),
        ("HTTPServer", "http_server", "http-server", "HttpServer", "httpServer"),
        ("v2", "v2", "v2", "V2", "v2"),
        ("  My  Blog  ", "my_blog", "my-blog", "MyBlog", "myBlog"),
        ("myapp", "myapp", "myapp", "Myapp", "myapp"),
        ("API v2 client", "api_v2_client", "api-v2-client", "ApiV2Client", "apiV2Client"),
    ],
)
def test_case_conversion(value, snake_case, kebab_case, pascal_case, camel_case):
    assert (snake(value), kebab(value), pascal(value), camel(value)) == (
        snake_case,
        kebab_case,
        pascal_case,
        camel_case,
    )


def test_words_drops_punctuation():
    assert words("Blog Post!  (v2)") == ["blog", "post", "v2"]


PAIRS = [
    # irregular
    ("person", "people"),
    ("child", "children"),
    ("man", "men"),
    ("woman", "women"),
    ("mouse", "mice"),
    ("goose", "geese"),
    ("tooth", "teeth"),
    ("foot", "feet"),
    ("ox", "oxen"),
    ("salesperson", "salespeople"),
    ("grandchild", "grandchildren"),
    ("human", "humans"),
    # rules
    ("category", "categories"),
    ("query", "queries"),
    ("day", "days"),
    ("key", "keys"),
    ("status", "statuses"),
    ("bus", "buses"),
    ("address", "addresses"),
    ("box", "boxes"),
    ("match", "matches"),
    ("dish", "dishes"),
    ("quiz", "quizzes"),
    ("knife", "knives"),
    ("wife", "wives"),
    ("leaf", "leaves"),
    ("half", "halves"),
    ("chief", "chiefs"),
    ("roof", "roofs"),
    ("hero", "heroes"),
    ("potato", "potatoes"),
    ("photo", "photos"),
    ("analysis", "analyses"),
    ("crisis", "crises"),
    ("menu", "menus"),
    ("cookie", "cookies"),
    ("movie", "movies"),
    ("house", "houses"),
    ("cause", "causes"),
    ("response", "responses"),
    ("database", "databases"),
    ("case", "cases"),
    ("cache", "caches"),
    ("valve", "valves"),
    ("alias", "aliases"),
    ("post", "posts"),
    ("user", "users"),
    # compound names inflect their last word and keep its case
    ("blog_post", "blog_posts"),
    ("BlogPost", "BlogPosts"),
    ("BlogCategory", "BlogCategories"),
    ("blog-category", "blog-categories"),
    ("Blog Category", "Blog Categories"),
    ("Person", "People"),
    ("SalesPerson", "SalesPeople"),
    ("USER_PROFILE", "USER_PROFILES"),
    ("line_item", "line_items"),
]
UNCOUNTABLE = ["sheep", "fish", "series", "species", "news", "information", "equipment", "data", "metadata"]


@pytest.mark.parametrize(("one", "many"), PAIRS, ids=[one for one, _ in PAIRS])
def test_plural(one, many):
    assert plural(one) == many


@pytest.mark.parametrize(("one", "many"), PAIRS, ids=[one for one, _ in PAIRS])
def test_singular(one, many):
    assert singular(many) == one


@pytest.mark.parametrize("word", [*UNCOUNTABLE, "user_metadata", "NewsItemSeries"])
def test_uncountable_words_do_not_change(word):
    assert plural(word) == word
    assert singular(word) == word


@pytest.mark.parametrize("word", ["status", "address", "analysis", "bus", "person", "category", "day"])
def test_singular_of_a_singular_is_unchanged(word):
    assert singular(word) == word


@pytest.mark.parametrize("word", ["people", "children", "mice"])
def test_plural_of_an_irregular_plural_is_unchanged(word):
    assert plural(word) == word


@pytest.mark.parametrize(
    ("value", "ident"),
    [
        ("BlogPost", "blogPost"),
        ("blog post", "blogPost"),
        ("HTTPServer", "httpServer"),
        ("type", "typ"),
        ("Type", "typ"),
        ("func", "fn"),
        ("package", "pkg"),
        ("interface", "iface"),
        ("default", "def"),
        ("range", "rng"),
        ("select", "sel"),
        ("map", "mapValue"),
        ("chan", "chanValue"),
        ("go", "goValue"),
        ("len", "lenValue"),
        ("string", "stringValue"),
        ("error", "errorValue"),
        ("any", "anyValue"),
        ("true", "trueValue"),
        ("nil", "nilValue"),
        ("new", "newValue"),
        ("max", "maxValue"),
        ("clear", "clearValue"),
        ("2fa", "n2fa"),
        ("3d model", "n3dModel"),
        ("typeName", "typeName"),
        ("user", "user"),
        ("", "value"),
    ],
)
def test_go_ident(value, ident):
    assert go_ident(value) == ident


def test_go_ident_is_always_a_plain_identifier():
    for value in ["", "!!", "42", "for", "BlogPost", "ID", "x-y-z", "über"]:
        ident = go_ident(value)
        assert ident.isidentifier(), value
        assert ident.isascii(), value
        assert ident[0].islower(), value


def test_extension_registers_every_filter():
    env = jinja2.Environment(extensions=[NamingExtension])
    rendered = env.from_string(
        "{{ n|snake }} {{ n|kebab }} {{ n|pascal }} {{ n|camel }} {{ n|plural }} "
        "{{ 'categories'|singular }} {{ 'type'|go_ident }}"
    ).render(n="blog post")
    assert rendered == "blog_post blog-post BlogPost blogPost blog posts category typ"

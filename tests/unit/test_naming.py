"""Case conversion, inflection, Go identifier and resource name filters."""

from __future__ import annotations

import re

import jinja2
import pytest

from extensions.naming import (
    NamingExtension,
    camel,
    go_ident,
    go_pascal,
    go_var,
    kebab,
    pascal,
    plural,
    resource_names,
    singular,
    snake,
    sqlc_singular,
    words,
)


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


# --- Go names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snake_name", "go_name"),
    [
        ("title", "Title"),
        ("published_at", "PublishedAt"),
        ("author_id", "AuthorID"),
        ("home_url", "HomeURL"),
        ("api_key", "APIKey"),
        ("uuid", "UUID"),
        ("json_data", "JSONData"),
        ("html_body", "HTMLBody"),
        ("http_status", "HTTPStatus"),
        ("ip_address", "IPAddress"),
        ("sql_query", "SQLQuery"),
        ("idea", "Idea"),
        ("address_2", "Address2"),
        ("type", "Type"),
    ],
)
def test_go_pascal_uses_go_initialisms_like_sqlc(snake_name, go_name):
    assert go_pascal(snake_name) == go_name


_KEYWORD_TEXT = """
break case chan const continue default defer else fallthrough for func go goto if import interface
map package range return select struct switch type var
"""

GO_KEYWORDS = set(_KEYWORD_TEXT.split())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # Keywords get go_ident's idiomatic short forms ...
        ("type", "typ"),
        ("func", "fn"),
        ("package", "pkg"),
        ("interface", "iface"),
        ("default", "def"),
        ("range", "rng"),
        ("select", "sel"),
        # ... other keywords and predeclared identifiers a "Value" suffix ...
        ("map", "mapValue"),
        ("go", "goValue"),
        ("len", "lenValue"),
        ("string", "stringValue"),
        ("new", "newValue"),
        ("error", "errorValue"),
        # ... as do packages and locals the generated code uses.
        ("url", "urlValue"),
        ("time", "timeValue"),
        ("json", "jsonValue"),
        ("err", "errValue"),
        ("ctx", "ctxValue"),
        ("title", "title"),
    ],
)
def test_go_var_is_keyword_safe(name, expected):
    assert go_var(name) == expected


def test_every_go_var_is_a_valid_identifier_and_no_keyword():
    names = sorted(GO_KEYWORDS) + ["len", "cap", "nil", "true", "iota", "any", "url", "order_id", "x"]
    for name in names:
        ident = go_var(name)
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", ident)
        assert ident not in GO_KEYWORDS


# --- Resource names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "post",
            dict(
                singular="post",
                plural="posts",
                snake="post",
                snake_plural="posts",
                kebab="post",
                kebab_plural="posts",
                pascal="Post",
                pascal_plural="Posts",
                camel="post",
                camel_plural="posts",
                package="posts",
                table="posts",
                model="Post",
                label="Post",
                messages="posts",
                label_plural="Posts",
            ),
        ),
        (
            "blog post",
            dict(
                singular="blog post",
                plural="blog posts",
                snake="blog_post",
                snake_plural="blog_posts",
                kebab="blog-post",
                kebab_plural="blog-posts",
                pascal="BlogPost",
                pascal_plural="BlogPosts",
                camel="blogPost",
                camel_plural="blogPosts",
                package="blogposts",
                table="blog_posts",
                model="BlogPost",
                label="Blog post",
                messages="blog_posts",
                label_plural="Blog posts",
            ),
        ),
        (
            "api_key",
            dict(
                singular="API key",
                plural="API keys",
                snake="api_key",
                snake_plural="api_keys",
                kebab="api-key",
                kebab_plural="api-keys",
                pascal="APIKey",
                pascal_plural="APIKeys",
                camel="apiKey",
                camel_plural="apiKeys",
                package="apikeys",
                table="api_keys",
                model="APIKey",
                label="API key",
                messages="api_keys",
                label_plural="API keys",
            ),
        ),
    ],
)
def test_resource_names(name, expected):
    assert resource_names(name) == expected


@pytest.mark.parametrize(
    "spelling", ["blog post", "blog posts", "BlogPost", "BlogPosts", "blog-post", "blog_posts"]
)
def test_resource_names_accept_any_spelling(spelling):
    assert resource_names(spelling) == resource_names("blog_post")


@pytest.mark.parametrize(
    ("name", "pascal", "pascal_plural", "label_plural", "table"),
    [
        ("person", "Person", "People", "People", "people"),
        ("people", "Person", "People", "People", "people"),
        ("category", "Category", "Categories", "Categories", "categories"),
        ("status", "Status", "Statuses", "Statuses", "statuses"),
        ("statuses", "Status", "Statuses", "Statuses", "statuses"),
        ("address", "Address", "Addresses", "Addresses", "addresses"),
    ],
)
def test_resource_inflection(name, pascal, pascal_plural, label_plural, table):
    names = resource_names(name)
    assert (names["pascal"], names["pascal_plural"], names["label_plural"], names["table"]) == (
        pascal,
        pascal_plural,
        label_plural,
        table,
    )


# Model struct names sqlc v1.31.1 generated (with GO_INITIALISMS) for these tables; sqlc's
# inflection differs from ours for some nouns (leaves -> Leafe), hence resource_names()["model"].
SQLC_MODELS = """
    posts:Post people:Person categories:Category statuses:Status blog_posts:BlogPost
    addresses:Address analyses:Analysis buses:Bus boxes:Box quizzes:Quiz knives:Knife heroes:Hero
    children:Child mice:Mouse cookies:Cookie movies:Movie indexes:Index matrixes:Matrix
    vertexes:Vertex crises:Crisis aliases:Alias news_items:NewsItem wolves:Wolf leaves:Leafe
    photos:Photo pianos:Piano videos:Video zoos:Zoo radios:Radio echoes:Echo tomatoes:Tomato
    potatoes:Potato halves:Half lives:Life wives:Wife teeth:Teeth feet:Feet geese:Geese oxen:Ox
    men:Man women:Woman salespeople:Salesperson humans:Human days:Day keys:Key queries:Query
    cities:City companies:Company api_keys:APIKey home_urls:HomeURL user_profiles:UserProfile
    series_entries:SeriesEntry shoes:Shoe taxes:Tax wishes:Wish glasses:Glass dishes:Dish
    campuses:Campuse viruses:Viruse octopuses:Octopuse cactuses:Cactuse focuses:Focuse
    theses:Thesis diagnoses:Diagnosis mediums:Medium datums:Datum criterions:Criterion
    phenomenons:Phenomenon moves:Move caves:Cafe safes:Safe chefs:Chef roofs:Roof beliefs:Belief
    hives:Hive drives:Drife houses:House causes:Cause horses:Horse courses:Course
    purchases:Purchase invoices:Invoice line_items:LineItem order_lines:OrderLine smses:Smse
    faqs:Faq
"""


@pytest.mark.parametrize(("table", "model"), [pair.split(":") for pair in SQLC_MODELS.split()])
def test_model_is_the_struct_name_sqlc_generates(table, model):
    assert go_pascal(sqlc_singular(table)) == model


def test_model_follows_the_table():
    assert resource_names("leaf")["table"] == "leaves"
    assert resource_names("leaf")["model"] == "Leafe"
    assert resource_names("leaf")["pascal"] == "Leaf"


def test_sqlc_special_cases():
    assert [sqlc_singular(t) for t in ("calories", "waves", "metadata", "campus", "sheep")] == [
        "calorie",
        "wave",
        "metadata",
        "campus",
        "sheep",
    ]


# --- Jinja and Copier ----------------------------------------------------------------------------


def test_extension_registers_every_filter():
    env = jinja2.Environment(extensions=[NamingExtension])
    rendered = env.from_string(
        "{{ n|snake }} {{ n|kebab }} {{ n|pascal }} {{ n|camel }} {{ n|plural }} "
        "{{ 'categories'|singular }} {{ 'type'|go_ident }} {{ (n|resource_names).model }}"
    ).render(n="blog post")
    assert rendered == "blog_post blog-post BlogPost blogPost blog posts category typ BlogPost"


def test_loads_outside_the_extensions_package(load_by_path):
    assert load_by_path("naming", "module.resource_names('person')['pascal_plural']") == "People"


def test_a_word_is_never_inflected_away():
    """Found by test_properties: the singular of "a_s" was "a_", which no Go or SQL name may end in."""
    assert singular("s") == "s"
    assert resource_names("a_s")["snake"] == "a_s"

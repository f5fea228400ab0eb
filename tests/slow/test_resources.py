"""Slow tier: resources made with `make resource` in a fresh app, for every driver.

Three resources with varied fields (every type, a reference to users and one between resources)
are generated into one app; the app must still vet and pass its own tests (which now include the
resources' tests), and a post is created, listed, shown, edited and deleted over HTTP by a signed-in
user while another user is refused, and inline on the list in Chromium.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from apps import GeneratedApp, generate_app
from procs import clean_env, log
from web import Server, Visitor, chromium_page, mailbox_code, start_server

pytestmark = pytest.mark.slow

COPIER = str(Path(sys.executable).with_name("copier"))
RESOURCES = [
    ("post", "title:string:required body:text published:bool author:references:users:null"),
    (
        "product",
        "name:string:required:unique price:decimal stock:int:index rating:float released_on:date "
        "released_at:timestamp:null sku:uuid meta:json",
    ),
    ("comment", "post:references:posts body:text:required"),
]


def make_resource(app: GeneratedApp, name: str, fields: str) -> str:
    # HEAD, with uncommitted changes, rather than the commit the app was generated from.
    return app.make("resource", f"name={name}", f"fields={fields}", f"COPIER={COPIER}", "TRACKS_REF=HEAD")


@pytest.fixture(scope="module")
def shop(
    db_driver: str, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> GeneratedApp:
    app = generate_app(db_driver, tmp_path_factory.mktemp(f"resources-{db_driver}"), request)
    # The default answers compile the SMTP sender in: its tests send to the session's Mailpit.
    mailpit = request.getfixturevalue("mailpit")
    app.test_env |= {"TEST_SMTP_ADDR": mailpit.smtp_addr, "TEST_MAILPIT_URL": mailpit.url}
    for name, fields in RESOURCES:
        log(f"\n==> [{db_driver}] make resource name={name}")
        make_resource(app, name, fields)
    return app


def test_resources_are_recorded_and_registered(shop: GeneratedApp) -> None:
    registry = (shop.path / "internal/app/resources.go").read_text()
    for name, plural in (("post", "Posts"), ("product", "Products"), ("comment", "Comments")):
        assert (shop.path / f".copier/resources/{name}.yml").is_file()
        assert registry.count(f"d.{plural}(),") == 1
    migrations = sorted(p.name for p in (shop.path / "internal/db/migrations").glob("*_create_*.sql"))
    assert [m for m in migrations if re.search(r"_create_(posts|products|comments)\.sql$", m)], migrations


def test_a_resource_cannot_be_generated_twice(shop: GeneratedApp) -> None:
    before = subprocess.run(
        ["git", "status", "--porcelain"], cwd=shop.path, capture_output=True, text=True
    ).stdout
    result = subprocess.run(
        ["make", "resource", "name=post", "fields=title:string", f"COPIER={COPIER}", "TRACKS_REF=HEAD"],
        cwd=shop.path,
        env=clean_env(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert result.returncode != 0
    assert 'resource "post" already exists' in result.stdout + result.stderr
    after = subprocess.run(
        ["git", "status", "--porcelain"], cwd=shop.path, capture_output=True, text=True
    ).stdout
    assert after == before, "nothing was written"


def test_app_with_resources_vets_lints_and_passes_its_tests(shop: GeneratedApp) -> None:
    log(f"\n==> [{shop.driver}] make vet lint test with three resources")
    shop.make("vet", "lint")
    output = shop.make("test", "GOFLAGS=-v")
    for package in ("posts", "products", "comments"):
        assert re.search(rf"^ok\s+\S+/internal/{package}\s", output, re.M), f"{package} has tests that pass"
    assert "--- SKIP" not in output, "every generated test runs, including those needing a post to comment on"


@pytest.fixture(scope="module")
def server(shop: GeneratedApp) -> Iterator[Server]:
    shop.go("build", "-o", "bin/server", "./cmd/server")
    with start_server(
        shop.path, shop.path / "bin/server", shop.database_url, shop.path.parent / "server.log"
    ) as srv:
        yield srv


def sign_in(server: Server, email: str) -> Visitor:
    visitor = Visitor(server)
    assert visitor.request("POST", "/login", {"email": email})[0] == 303
    status, location, _ = visitor.request("POST", "/verify-otp", {"code": mailbox_code(visitor, email)})
    assert (status, location) == (303, "/dashboard")
    return visitor


def test_posts_over_http(server: Server) -> None:
    ada, bob = sign_in(server, "ada@example.com"), sign_in(server, "bob@example.com")
    anonymous = Visitor(server)

    status, _, home = anonymous.request("GET", "/")
    assert status == 200
    for path in ("/posts", "/products", "/comments"):
        assert f'href="{path}"' in home, f"the nav links to {path}"
    assert anonymous.request("GET", "/posts")[0] == 200
    assert anonymous.request("GET", "/posts/new")[:2] == (303, "/login")

    status, _, body = ada.request("POST", "/posts", {"title": "", "body": "no title"})
    assert status == 422, body[:2000]
    assert 'value="no title"' in body or ">no title<" in body, "the input is kept"

    status, location, _ = ada.request(
        "POST", "/posts", {"title": "Hello World", "body": "First!", "published": "on"}
    )
    if status != 303:
        server.fail(f"create answered {status}")
    assert location.startswith("/posts/hello-world"), location
    status, _, body = anonymous.request("GET", location)
    assert status == 200 and "Hello World" in body and "First!" in body

    status, _, body = ada.request("GET", "/posts")
    assert status == 200 and "Hello World" in body

    assert bob.request("POST", location, {"title": "Hijacked", "body": ""})[0] == 403, "not the owner"
    assert bob.request("POST", f"{location}/delete", {})[0] == 403

    status, edited, _ = ada.request("POST", location, {"title": "Hello Again", "body": "Edited"})
    assert status == 303
    assert "Hello Again" in anonymous.request("GET", edited)[2]

    assert ada.request("POST", f"{edited}/delete", {})[:2] == (303, "/posts")
    assert anonymous.request("GET", edited)[0] == 404


def test_posts_json_api(server: Server) -> None:
    status, _, body = Visitor(server).request("GET", "/api/posts")
    assert status == 200
    assert '"total"' in body


def test_posts_are_paginated(server: Server) -> None:
    writer = sign_in(server, "paula@example.com")
    for i in range(21):  # one more than a page
        assert writer.request("POST", "/posts", {"title": f"Paged {i:02d}", "body": ""})[0] == 303
    _, _, first = writer.request("GET", "/posts")
    _, _, second = writer.request("GET", "/posts?page=2")
    assert first.count('data-testid="row-') == 20
    assert 'href="/posts?page=2"' in first
    assert "Paged 00" in second and "Paged 00" not in first, "newest first, the oldest on page 2"


def test_posts_in_a_real_browser(server: Server) -> None:
    """Create and edit inline on the list (picking references from their selects), then delete
    through HTMX from the list, in headless Chromium, with no CSP violation or script error."""
    base = f"http://127.0.0.1:{server.port}"
    problems: list[str] = []
    with chromium_page(problems) as page:
        page.goto(base + "/login")
        page.fill("#email", "carla@example.com")
        page.click("button[type=submit]")
        page.wait_for_url(base + "/verify-otp")
        page.fill("#code", mailbox_code(Visitor(server), "carla@example.com"))
        page.click("#verify button[type=submit]")
        page.wait_for_url(base + "/dashboard")

        page.goto(base + "/posts")
        page.click("[data-testid=new-post]")
        form = page.wait_for_selector("#new-post form")
        form.wait_for_selector("[data-testid=save]").click()
        page.wait_for_selector("#new-post [data-testid=title-error]")  # 422, swapped in place
        page.fill("#new-post [name=title]", "Browser post")
        page.fill("#new-post [name=body]", "Typed in Chromium")
        page.select_option("#new-post select[name=author_id]", label="carla")
        page.click("#new-post [data-testid=save]")
        page.wait_for_selector("[data-testid=row-browser-post]")
        page.wait_for_selector("#new-post", state="detached")
        assert page.url == base + "/posts", "created in place, without leaving the list"

        page.click("[data-testid=row-browser-post] [data-testid=edit]")
        page.wait_for_selector("#post-browser-post form")
        assert page.input_value("#post-browser-post select[name=author_id]") != "", "the author is kept"
        page.click("#post-browser-post [data-testid=cancel]")
        page.wait_for_selector("[data-testid=row-browser-post] [data-testid=edit]")

        page.click("[data-testid=row-browser-post] [data-testid=edit]")
        page.wait_for_selector("#post-browser-post form")
        page.fill("#post-browser-post [name=title]", "Browser post, edited")
        page.click("#post-browser-post [data-testid=save]")
        page.wait_for_selector("[data-testid=row-browser-post] >> text=Browser post, edited")
        assert page.url == base + "/posts", "edited in place"

        page.goto(base + "/comments")
        page.click("[data-testid=new-comment]")
        page.wait_for_selector("#new-comment form")
        page.select_option("#new-comment select[name=post_id]", label="Browser post, edited")
        page.fill("#new-comment [name=body]", "A comment on the browser post")
        page.click("#new-comment [data-testid=save]")
        page.wait_for_selector("[data-testid^=row-]")
        page.wait_for_selector("#new-comment", state="detached")

        page.goto(base + "/posts")
        page.on("dialog", lambda dialog: dialog.accept())
        page.click("[data-testid=row-browser-post] [data-testid=delete]")
        page.wait_for_selector("[data-testid=row-browser-post]", state="detached")
        assert page.url == base + "/posts", "deleted in place, without leaving the list"
    assert not problems, "the browser reported errors:\n" + "\n".join(problems)
    assert Visitor(server).request("GET", "/posts/browser-post")[0] == 404

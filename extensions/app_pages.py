"""The pages of an app made with `make page`: which ones exist, and whether a new one may take a
name and a path.

`existing_pages` reads the pages made so far from their answers files (`.copier/pages/<name>.yml`);
`page_error` is the Copier validator of a new page's name, and `page_path_error` that of its path,
which must not take a path of the app's own routes, of a resource or of another page.
"""

from __future__ import annotations

import re
import runpy
from pathlib import Path

from jinja2.ext import Extension

if __package__ == "extensions":  # imported as a package: the tests and tools
    from extensions import naming
else:  # loaded by path, as Copier loads extensions: see _siblings.py
    naming = runpy.run_path(str(Path(__file__).with_name("_siblings.py")))["load"]("naming")

PAGES_DIR = ".copier/pages"
PAGE_NAME_MAX = 40
# The base app's pages (internal/http/views/pages), whose Go names a page would repeat.
RESERVED_NAMES = frozenset(
    {"home", "about", "admin", "admin_jobs", "dashboard", "error", "login", "mailbox", "phone", "verify"}
)
# The first path segments the base app serves (internal/http/routes).
RESERVED_SEGMENTS = frozenset(
    {"api", "assets", "about", "admin", "account", "auth", "dashboard", "dev", "login", "logout"}
    | {"verify-otp", "robots.txt", "favicon.ico"}
)

_PAGE_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_SEGMENT = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def page_names(name: str) -> dict[str, str]:
    """The spellings of page `name` the templates use: its Go names, its title and its path."""
    value = str(name)
    pascal = naming.go_pascal(value)
    return {
        "snake": value,
        "pascal": pascal,
        # The templ component, the handler and the route constant.
        "component": pascal + "Page",
        "title": naming.prose(value).capitalize(),
        "path": "/" + value.replace("_", "-"),
        # The prefix of its message keys, and the topic of its locale files.
        "messages": "page_" + value,
    }


def _answers(project_dir) -> list[str]:
    folder = Path(str(project_dir or ".")) / PAGES_DIR
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yml"))] if folder.is_dir() else []


def _answer(text: str, key: str) -> str:
    match = re.search(rf"^{key}:\s*['\"]?([^'\"\n]*?)['\"]?\s*$", text, re.M)
    return match.group(1) if match else ""


def existing_pages(project_dir) -> list[str]:
    """The names of the pages made in the app at `project_dir`."""
    return [_answer(text, "page_name") for text in _answers(project_dir) if _answer(text, "page_name")]


def taken_paths(project_dir) -> list[str]:
    """The paths the app's pages and resources already take (not the base app's own); a
    resource's ends in "/*": it serves everything below it too."""
    paths = [_answer(text, "page_path") for text in _answers(project_dir)]
    folder = Path(str(project_dir or ".")) / ".copier" / "resources"
    for answers in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        name = _answer(answers.read_text(encoding="utf-8"), "name") or answers.stem
        paths.append("/" + naming.resource_names(name)["kebab_plural"] + "/*")
    return [p for p in paths if p]


def page_error(name, existing=()) -> str:
    """Why `name` cannot be a new page's name, or ""."""
    value = str(name or "").strip()
    if not value:
        return 'name is required, e.g. "pricing".'
    if not _PAGE_NAME.fullmatch(value):
        return (
            f'name "{value}" must be snake_case: lower-case letters and digits, words joined by single '
            f'"_", starting with a letter, e.g. "pricing" or "terms_of_service".'
        )
    if len(value) > PAGE_NAME_MAX:
        return f'name "{value}" is longer than {PAGE_NAME_MAX} characters.'
    if value in RESERVED_NAMES:
        return f'name "{value}" is a page of the application already; choose another, e.g. "{value}_info".'
    if value in (existing or []):
        return f'page "{value}" already exists; choose another name.'
    return ""


def page_path_error(path, taken=()) -> str:
    """Why `path` cannot be a new page's path, or ""."""
    value = str(path or "").strip()
    example = 'e.g. "/pricing" or "/legal/terms"'
    if not value.startswith("/") or value == "/":
        return f'path "{value}" must start with "/" and name the page, {example}.'
    segments = value[1:].split("/")
    bad = next((s for s in segments if not _SEGMENT.fullmatch(s)), None)
    if bad is not None:
        return (
            f'path "{value}": each part between "/" must be lower-case letters and digits joined by '
            f'single "-" (no trailing "/"), {example}.'
        )
    if segments[0] in RESERVED_SEGMENTS:
        return f'path "{value}" is under /{segments[0]}, which the application serves itself; choose another.'
    for other in taken or []:
        base = other.removesuffix("/*")
        if value == base or (other.endswith("/*") and value.startswith(base + "/")):
            return f'path "{value}" is taken: this app serves {other} already; choose another.'
    return ""


class AppPagesExtension(Extension):
    """Registers the page filters: page_names, existing_pages, taken_paths, page_error, page_path_error."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters.update(
            page_names=page_names,
            existing_pages=existing_pages,
            taken_paths=taken_paths,
            page_error=page_error,
            page_path_error=page_path_error,
        )

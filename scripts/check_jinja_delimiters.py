#!/usr/bin/env python3
"""Fail when a template file that Copier copies verbatim contains Jinja delimiters.

Copier renders only files whose name ends in `.jinja`; every other file under a template root is
copied byte for byte. A `{{ module_path }}` in such a file is therefore a forgotten suffix, and the
generated project would ship the literal tag. templ's single braces, GitHub Actions' `${{ ... }}`
and shell's `${#var}` are not Jinja and pass. Files that really need a literal `{{` (a templ raw Go
block, say) are listed in pyproject.toml:

    [tool.tracks.jinja-delimiters]
    allow = ["template/internal/http/views/pages/*.templ"]

Usage: check_jinja_delimiters.py [--root DIR] [FILE ...]   (no FILE: scan every template root)
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import sys
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

SUFFIX = ".jinja"
# A `$` in front means `${{ expr }}` or `${#var}`: syntax of the generated file, not of Jinja.
OPENER = re.compile(r"(?<!\$)(\{\{|\{%|\{#)")
SKIP_DIRS = {".git", "node_modules", "__pycache__"}


def template_root(rel: PurePosixPath) -> bool:
    """Whether rel lies inside a directory that Copier renders (template/ or subtemplates/X/template/)."""
    parts = rel.parts
    if len(parts) > 1 and parts[0] == "template":
        return True
    return len(parts) > 3 and parts[0] == "subtemplates" and parts[2] == "template"


def load_allowlist(root: Path) -> list[str]:
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return []
    with pyproject.open("rb") as f:
        config = tomllib.load(f)
    return list(config.get("tool", {}).get("tracks", {}).get("jinja-delimiters", {}).get("allow", []))


def walk_template_files(root: Path) -> Iterator[Path]:
    roots = [root / "template", *sorted((root / "subtemplates").glob("*/template"))]
    for top in roots:
        for dirpath, dirnames, filenames in os.walk(top):
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for name in sorted(filenames):
                yield Path(dirpath) / name


def check_file(path: Path, rel: PurePosixPath) -> list[str]:
    """Problems found in one template file, as `path:line:col: message` strings."""
    name = rel.name
    if name.endswith(SUFFIX):
        return []
    if SUFFIX in name:
        # e.g. "{% if x %}main.go.jinja{% endif %}": Copier decides on the raw name, so the
        # content is not rendered and the output keeps the suffix.
        return [f"{rel}: the {SUFFIX} suffix must come after the closing {{% endif %}}, not inside it"]
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [f"{rel}: cannot read: {exc}"]
    if b"\0" in data:
        return []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []
    problems = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        for match in OPENER.finditer(line):
            problems.append(
                f"{rel}:{lineno}:{match.start() + 1}: {match.group()!r} in a file without the {SUFFIX} "
                f"suffix is copied verbatim; rename it to {name}{SUFFIX} or allowlist it in "
                "pyproject.toml [tool.tracks.jinja-delimiters]"
            )
    return problems


def check(root: Path, files: Iterable[Path], allow: list[str]) -> list[str]:
    problems = []
    for path in files:
        absolute = path if path.is_absolute() else Path.cwd() / path
        try:
            rel = PurePosixPath(absolute.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            continue
        if not template_root(rel) or not absolute.is_file():
            continue
        if any(fnmatch.fnmatchcase(str(rel), pattern) for pattern in allow):
            continue
        problems.extend(check_file(absolute, rel))
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[1])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)

    root = args.root.resolve()
    files = args.files or walk_template_files(root)
    problems = check(root, files, load_allowlist(root))
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

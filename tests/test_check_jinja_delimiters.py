"""Tests for scripts/check_jinja_delimiters.py, the pre-commit guard against forgotten `.jinja` suffixes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location(
    "check_jinja_delimiters", REPO / "scripts/check_jinja_delimiters.py"
)
checker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checker)


def write(root: Path, rel: str, content: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    return path


@pytest.mark.parametrize(
    ("rel", "content"),
    [
        pytest.param("template/main.go.jinja", "module {{ module_path }}\n", id="jinja-suffix"),
        pytest.param("template/page.templ", "<p>{ title }</p>\nif x {\n}\n", id="templ-single-braces"),
        pytest.param("template/ci.yml", "run: echo ${{ github.sha }}\n", id="github-actions-expression"),
        pytest.param("template/dev.sh", 'echo "${#args[@]}"\n', id="shell-length"),
        pytest.param("template/favicon.ico", b"\0\0{{\x01\x02", id="binary"),
        pytest.param("template/latin1.txt", "caf\xe9 {{".encode("latin-1"), id="not-utf8"),
        pytest.param("copier.yml", "default: '{{ app_name }}'\n", id="outside-template-root"),
        pytest.param("subtemplates/resource/copier.yml", "x: '{{ y }}'\n", id="subtemplate-config"),
        pytest.param(
            "template/{% if db_driver == 'postgres' %}pg.go{% endif %}.jinja", "{{ x }}", id="cond-jinja"
        ),
    ],
)
def test_accepts(tmp_path, rel, content):
    path = write(tmp_path, rel, content)
    assert checker.main(["--root", str(tmp_path), str(path)]) == 0


@pytest.mark.parametrize(
    ("rel", "content", "expected"),
    [
        pytest.param("template/go.mod", "module {{ module_path }}\n", "template/go.mod:1:8: '{{'", id="expr"),
        pytest.param("template/a.go", "package a\n{% if x %}\n", "template/a.go:2:1: '{%'", id="block"),
        pytest.param("template/a.go", "// {# note #}\n", "template/a.go:1:4: '{#'", id="comment"),
        pytest.param(
            "template/{% if db_driver == 'postgres' %}pg.go{% endif %}",
            'import "{{ module_path }}/internal"\n',
            "pg.go{% endif %}:1:9",
            id="conditional-name-without-suffix",
        ),
        pytest.param(
            "template/{% if db_driver == 'postgres' %}pg.go.jinja{% endif %}",
            "package db\n",
            "suffix must come after the closing {% endif %}",
            id="suffix-inside-condition",
        ),
        pytest.param(
            "subtemplates/resource/template/handler.go",
            "{{ name }}",
            "subtemplates/resource",
            id="subtemplate",
        ),
    ],
)
def test_rejects(tmp_path, capsys, rel, content, expected):
    path = write(tmp_path, rel, content)
    assert checker.main(["--root", str(tmp_path), str(path)]) == 1
    assert expected in capsys.readouterr().err


def test_allowlist_in_pyproject(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.tracks.jinja-delimiters]\nallow = ["template/views/*.templ"]\n')
    allowed = write(tmp_path, "template/views/home.templ", "{{ n := 1 }}\n")
    other = write(tmp_path, "template/views/home.go", "{{ n := 1 }}\n")
    assert checker.main(["--root", str(tmp_path), str(allowed)]) == 0
    assert checker.main(["--root", str(tmp_path), str(other)]) == 1


def test_without_files_scans_every_template_root(tmp_path, capsys):
    write(tmp_path, "template/ok.txt", "plain\n")
    write(tmp_path, "template/node_modules/pkg/index.js", "{{ ignored }}\n")
    write(tmp_path, "subtemplates/resource/template/bad.go", "{{ name }}\n")
    assert checker.main(["--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "subtemplates/resource/template/bad.go:1:1" in err
    assert "node_modules" not in err


def test_repository_templates_are_clean(capsys):
    assert checker.main([]) == 0, capsys.readouterr().err

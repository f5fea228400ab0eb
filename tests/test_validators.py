"""Fast tier: invalid answers stop `copier copy` with the validator's message and leave nothing behind."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

_spec = importlib.util.spec_from_file_location("tracks_validation", REPO / "extensions/validation.py")
validation = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(validation)


def assert_copy_rejected(render, dst: Path, question: str, message: str, **answers: str) -> None:
    assert message, f"the {question} validator accepted {answers[question]!r}"
    with pytest.raises(ValueError, match="Validation error") as excinfo:
        render(dst, **answers)
    assert f"question '{question}'" in str(excinfo.value)
    assert message in str(excinfo.value)
    assert not dst.exists(), "a rejected copy must not leave a project directory behind"


@pytest.mark.parametrize(
    "module_path",
    [
        pytest.param("NOT A MODULE", id="spaces-and-uppercase"),
        pytest.param("https://github.com/x/y", id="url-scheme"),
        pytest.param("github.com//x", id="empty-element"),
        pytest.param("", id="empty"),
    ],
)
def test_bad_module_path_is_rejected(render, tmp_path: Path, module_path: str) -> None:
    message = validation.module_path_error(module_path)
    assert_copy_rejected(render, tmp_path / "app", "module_path", message, module_path=module_path)


@pytest.mark.parametrize(
    "app_name",
    [
        pytest.param("", id="empty"),
        pytest.param("1abc", id="leading-digit"),
        pytest.param("a/b", id="slash"),
    ],
)
def test_bad_app_name_is_rejected(render, tmp_path: Path, app_name: str) -> None:
    message = validation.app_name_error(app_name)
    # A valid module path, so that only app_name can be the reason for the failure.
    assert_copy_rejected(
        render, tmp_path / "app", "app_name", message, app_name=app_name, module_path="example.com/app"
    )

"""Shared fixtures for the template tests.

The option matrix is read from copier.yml, never restated here: any test (or fixture) that takes a
`db_driver` argument runs once per `db_driver` choice, with the choice value as the test id.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

import copier

REPO = Path(__file__).resolve().parents[1]


class _IncludeLoader(yaml.SafeLoader):
    """Understands Copier's `!include path` tag (paths relative to the repository root)."""


def _include(loader: _IncludeLoader, node: yaml.Node) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for doc in yaml.load_all((REPO / loader.construct_scalar(node)).read_text(), _IncludeLoader):
        merged.update(doc or {})
    return merged


_IncludeLoader.add_constructor("!include", _include)


def load_copier_config() -> dict[str, Any]:
    """copier.yml with every YAML document (and !include) merged, as Copier sees it."""
    merged: dict[str, Any] = {}
    for doc in yaml.load_all((REPO / "copier.yml").read_text(), _IncludeLoader):
        merged.update(doc or {})
    return merged


def choices(question: str) -> list[str]:
    """The answer values a question accepts (choices may be a list or a label -> value mapping)."""
    spec = load_copier_config()[question]["choices"]
    return list(spec.values()) if isinstance(spec, dict) else list(spec)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # Module scope so that module-scoped fixtures can render once per driver.
    if "db_driver" in metafunc.fixturenames:
        metafunc.parametrize("db_driver", choices("db_driver"), scope="module")


def render_app(dst: Path, *, skip_tasks: bool = True, **data: Any) -> Path:
    """Render the app template into dst (which must not exist yet), including uncommitted changes."""
    copier.run_copy(
        src_path=str(REPO),
        dst_path=str(dst),
        data=data,
        defaults=True,
        unsafe=True,
        vcs_ref="HEAD",
        skip_tasks=skip_tasks,
        quiet=True,
    )
    return dst


@pytest.fixture(scope="session")
def copier_config() -> dict[str, Any]:
    return load_copier_config()


@pytest.fixture(scope="session")
def render() -> Callable[..., Path]:
    """`render(dst, **answers)`: copier copy with defaults, trusted, tasks skipped unless asked."""
    return render_app

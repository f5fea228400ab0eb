"""Slow tier: the benchmark's Go code (bench/goapp) builds in a freshly generated app, and its
hand-written baseline renders the app's list page byte for byte (nonces masked), anonymous and
signed in, as a page and as an HTMX fragment: `make bench` compares like with like.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from apps import REPO, GeneratedApp, generate_app
from procs import log

from bench import benchlib

pytestmark = pytest.mark.slow

COPIER = str(Path(sys.executable).with_name("copier"))


@pytest.fixture(scope="module")
def bench_app(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> GeneratedApp:
    app = generate_app("go-libsql", tmp_path_factory.mktemp("bench"), request)
    log("\n==> [bench] make resource name=note, and the benchmark's Go code")
    name, fields = benchlib.RESOURCE
    app.make("resource", f"name={name}", f"fields={fields}", f"COPIER={COPIER}", "TRACKS_REF=HEAD")
    shutil.copytree(REPO / "bench" / "goapp", app.path / "bench")
    return app


def test_bench_code_vets(bench_app: GeneratedApp) -> None:
    bench_app.go("vet", "./bench/...")


def test_baseline_renders_the_apps_page(bench_app: GeneratedApp) -> None:
    output = bench_app.go("test", "-count=1", "-v", "-run", "TestBodiesMatch", "./bench/page")
    for variant in (
        "user=anon/kind=page",
        "user=anon/kind=htmx",
        "user=signed/kind=page",
        "user=signed/kind=htmx",
    ):
        assert f"--- PASS: TestBodiesMatch/{variant}" in output, output

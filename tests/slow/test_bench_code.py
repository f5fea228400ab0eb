"""Slow tier: the benchmark's Go code (bench/goapp) builds in a freshly generated app, and its
hand-written baseline renders the app's list page byte for byte (nonces masked), anonymous and
signed in, as a page and as an HTMX fragment: `make bench` compares like with like. A tiny run of
the jobs benchmark measures both of its subjects, in the form bench/run.py reads.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from apps import REPO, GeneratedApp, generate_app
from procs import clean_env, log

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


def test_jobs_benchmark_measures_both_subjects(bench_app: GeneratedApp, tmp_path: Path) -> None:
    binary = tmp_path / "jobsbench"
    bench_app.go("build", "-o", str(binary), "./bench/cmd/jobsbench")
    run = subprocess.run(
        [str(binary), "-db", f"file:{tmp_path / 'jobs.db'}", "-jobs", "20", "-rounds", "1"],
        env=clean_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout)
    assert report["driver"] == "go-libsql"
    (only,) = report["rounds"]
    for subject in benchlib.JOBS_SUBJECTS:
        figures = only["subjects"][subject]
        assert all(figures[key] > 0 for key in figures), (subject, figures)
    figures = benchlib.jobs_figures(report)
    assert figures["ratio"]["completed_per_s"]["n"] == 1

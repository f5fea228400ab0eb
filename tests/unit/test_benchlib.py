"""The helpers of `make bench`: statistics and the parsers of wrk, vegeta and `go test -bench`
output (bench/benchlib.py), and the process environment it shares with the slow tests
(bench/processes.py)."""

from __future__ import annotations

import socket

import pytest

from bench import benchlib, processes

WRK_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40000/notes
  1 threads and 32 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.21ms    1.02ms  20.01ms   90.00%
    Req/Sec    10.00k   500.00    11.00k    70.00%
  Latency Distribution
     50%  812.00us
     75%    3.50ms
     90%    4.00ms
     99%    1.20s
  99999 requests in 10.00s, 1.00GB read
  Socket errors: connect 0, read 2, write 1, timeout 3
  Non-2xx or 3xx responses: 5
Requests/sec:   9999.90
Transfer/sec:    100.00MB
"""

GO_BENCH_OUTPUT = """\
goos: linux
goarch: amd64
pkg: example.com/myapp/bench/page
BenchmarkPage/impl=baseline/user=anon/kind=page	2000	1006725 ns/op	366194 B/op	4612 allocs/op
BenchmarkPage/impl=baseline/user=anon/kind=page-2	2000	1000000 ns/op	366000 B/op	4610 allocs/op
BenchmarkPage/impl=app/user=anon/kind=page	2000	1111299 ns/op	384122 B/op	4693 allocs/op
PASS
"""


def test_summary_and_ratio():
    assert benchlib.summary([3, 1, 2]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3}
    # Pairwise ratios 1, 5 and 0.1: their median, not the ratio of the medians (3 / 2).
    r = benchlib.ratio([1, 10, 3], [1, 2, 30])
    assert r["median"] == 1
    assert (r["min"], r["max"], r["n"]) == (0.1, 5.0, 3)
    with pytest.raises(ValueError):
        benchlib.summary([])
    with pytest.raises(ValueError):
        benchlib.ratio([1], [1, 2])


@pytest.mark.parametrize(
    ("text", "ms"), [("812.00us", 0.812), ("3.5ms", 3.5), ("1.20s", 1200.0), ("1.00m", 60000.0)]
)
def test_wrk_duration(text, ms):
    assert benchlib.wrk_duration_ms(text) == pytest.approx(ms)


def test_parse_wrk():
    got = benchlib.parse_wrk(WRK_OUTPUT)
    assert got["rps"] == 9999.90
    assert got["p50_ms"] == pytest.approx(0.812)
    assert got["p99_ms"] == pytest.approx(1200.0)
    assert got["requests"] == 99999
    assert got["non_2xx"] == 5
    assert got["socket_errors"] == 6


def test_parse_wrk_clean_run_and_garbage():
    clean = WRK_OUTPUT.replace("  Non-2xx or 3xx responses: 5\n", "").replace(
        "  Socket errors: connect 0, read 2, write 1, timeout 3\n", ""
    )
    got = benchlib.parse_wrk(clean)
    assert (got["non_2xx"], got["socket_errors"]) == (0, 0)
    with pytest.raises(ValueError):
        benchlib.parse_wrk("unable to connect to 127.0.0.1:1 Connection refused")


def test_parse_vegeta():
    report = {
        "latencies": {"50th": 1_500_000, "99th": 9_000_000, "max": 20_000_000},
        "rate": 500.2,
        "requests": 5000,
        "status_codes": {"200": 4990, "500": 4, "0": 6},
    }
    got = benchlib.parse_vegeta(report)
    assert got == {
        "p50_ms": 1.5,
        "p99_ms": 9.0,
        "max_ms": 20.0,
        "rate": 500.2,
        "requests": 5000,
        "non_2xx": 10,
    }


def test_parse_gobench_drops_the_procs_suffix():
    got = benchlib.parse_gobench(GO_BENCH_OUTPUT)
    base = got["BenchmarkPage/impl=baseline/user=anon/kind=page"]
    assert base["ns/op"] == [1006725.0, 1000000.0]
    assert base["allocs/op"] == [4612.0, 4610.0]
    assert got["BenchmarkPage/impl=app/user=anon/kind=page"]["B/op"] == [384122.0]


def test_mask_nonce():
    csp = "default-src 'self'; script-src 'nonce-Ab_c-9' 'strict-dynamic'"
    body = '<script nonce="Ab_c-9"></script><meta content="{&#34;inlineScriptNonce&#34;:&#34;Ab_c-9&#34;}">'
    assert benchlib.mask_nonce(body, csp).count("NONCE") == 2
    with pytest.raises(ValueError):
        benchlib.mask_nonce(body, "default-src 'self'")


def test_growth():
    flat = [10.0] * 10
    assert benchlib.growth(flat) == 0
    rising = [1, 1, 10, 10, 11, 11, 12, 12, 11, 11]
    assert benchlib.growth(rising) == pytest.approx(11 / 10 - 1)
    with pytest.raises(ValueError):
        benchlib.growth([1, 2, 3])


def test_module_of():
    mods = ["github.com/go-chi/chi/v5", "github.com/go-chi/chi/v5/middleware", "github.com/rs/zerolog"]
    assert benchlib.module_of("github.com/go-chi/chi/v5.(*Mux).ServeHTTP", mods) == "github.com/go-chi/chi/v5"
    assert benchlib.module_of("github.com/rs/zerolog/internal/json.Encoder", mods) == "github.com/rs/zerolog"
    assert benchlib.module_of("runtime.mallocgc", mods) == "std/runtime"
    assert benchlib.module_of("type:*github.com/rs/zerolog.Event", mods) == "github.com/rs/zerolog"
    assert benchlib.module_of("sqlite3_step", mods) == benchlib.NATIVE
    assert benchlib.module_of("_ZN4core3fmt5write17h0123456789abcdefE", mods) == benchlib.NATIVE


def test_table():
    out = benchlib.table([["a", "bb"], ["ccc", "d"]])
    assert out.splitlines() == ["a    bb", "---  --", "ccc  d"]


def test_host_speed_is_the_time_of_a_fixed_loop():
    short = benchlib.host_speed_s(runs=1, n=10)
    long = benchlib.host_speed_s(runs=3, n=2_000_000)
    assert short >= 0
    assert long > short


def test_achieved_rate_leaves_out_the_gaps_between_attacks():
    # 500 requests in 5 s, then 300 in 3 s: 100/s, whatever the pause between them.
    attacks = [{"requests": 500, "rate": 100.0}, {"requests": 300, "rate": 100.0}]
    assert benchlib.achieved_rate(attacks) == pytest.approx(100.0)
    # 100 requests at 50/s (2 s) and 300 at 150/s (2 s): 400 in 4 s.
    uneven = [{"requests": 100, "rate": 50.0}, {"requests": 300, "rate": 150.0}]
    assert benchlib.achieved_rate(uneven) == pytest.approx(100.0)


def test_clean_env_drops_the_apps_settings_and_applies_overrides():
    shell = {"PATH": "/bin", "PORT": "9", "DB_MAX_OPEN": "3", "LOG_LEVEL": "debug", "GOFLAGS": "-x"}
    env = processes.clean_env(shell, PORT="8080")
    assert env == {"PATH": "/bin", "PORT": "8080"}
    assert shell["PORT"] == "9", "the given environment is not changed"


def test_clean_env_defaults_to_this_process(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://somewhere")
    monkeypatch.setenv("TRACKS_BENCH_PROBE", "kept")
    env = processes.clean_env()
    assert "DATABASE_URL" not in env
    assert env["TRACKS_BENCH_PROBE"] == "kept"


def test_free_port_can_be_bound():
    port = processes.free_port()
    assert 0 < port < 65536
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", port))


def test_find_pg_bin_takes_the_newest_server(tmp_path):
    for version in ("9", "15", "13"):
        (tmp_path / version / "bin").mkdir(parents=True)
        (tmp_path / version / "bin" / "initdb").touch()
    assert processes.find_pg_bin(tmp_path) == tmp_path / "15" / "bin"


def jobs_round(first: str, tracks: tuple[float, ...], river: tuple[float, ...]) -> dict:
    """A round of a jobsbench report; each subject's figures are enqueued/s, completed/s, p50, p99."""

    def figures(values: tuple[float, ...]) -> dict:
        enqueued, completed, p50, p99 = values
        return {
            "enqueued_per_s": enqueued,
            "completed_per_s": completed,
            "paced_per_s": completed / 2,
            "p50_ms": p50,
            "p99_ms": p99,
        }

    return {
        "first": first,
        "paced_rate": river[1] / 2,
        "subjects": {"tracks": figures(tracks), "river": figures(river)},
    }


JOBS_REPORT = {
    "driver": "go-libsql",
    "jobs": 2000,
    "paced_jobs": 1000,
    "workers": 10,
    "rounds": [
        jobs_round("tracks", (900, 1000, 60, 180), (1000, 1000, 60, 150)),
        jobs_round("river", (500, 400, 50, 100), (1000, 500, 40, 100)),
        jobs_round("tracks", (1200, 1300, 70, 200), (1000, 1000, 70, 160)),
    ],
}


def test_jobs_figures_are_medians_of_the_per_round_ratios():
    got = benchlib.jobs_figures(JOBS_REPORT)
    assert (got["jobs"], got["paced_jobs"], got["workers"], got["rounds"]) == (2000, 1000, 10, 3)
    assert got["tracks"]["completed_per_s"] == {"median": 1000.0, "min": 400.0, "max": 1300.0, "n": 3}
    assert got["river"]["p99_ms"]["median"] == 150
    assert got["paced_rate"]["median"] == 500
    # Per round 1.0, 0.8 and 1.3: their median, not the ratio of the medians (1000 / 1000).
    assert got["ratio"]["completed_per_s"]["median"] == pytest.approx(1.0)
    assert got["ratio"]["completed_per_s"]["min"] == pytest.approx(0.8)
    assert got["ratio"]["enqueued_per_s"]["median"] == pytest.approx(0.9)
    # Latencies read like speeds: River's over Tracks', so a slower Tracks is below 1.
    assert got["ratio"]["p99_ms"]["median"] == pytest.approx(150 / 180)
    assert got["ratio"]["p50_ms"]["median"] == pytest.approx(1.0)
    with pytest.raises(ValueError):
        benchlib.jobs_figures({**JOBS_REPORT, "rounds": []})


def test_jobs_rows_give_each_driver_its_verdicts():
    slow = {
        **JOBS_REPORT,
        "rounds": [jobs_round("tracks", (700, 700, 90, 300), (1000, 1000, 60, 150))],
    }
    rows = benchlib.jobs_rows(
        {"go-libsql": benchlib.jobs_figures(JOBS_REPORT), "postgres": benchlib.jobs_figures(slow)}
    )
    by = {row[0]: row for row in rows}
    assert by["jobs completed/s go-libsql"][1:] == ["1.00x River (1000/s vs 1000/s)", ">= 0.80", "ok"]
    assert by["jobs enqueued/s go-libsql"][3] == "ok"
    assert by["jobs enqueue-to-start p50/p99 go-libsql at 500/s"][1:] == [
        "60/180 ms (River 60/150; p99 0.83x)",
        "p99 >= 0.80x River's",
        "ok",
    ]
    assert by["jobs completed/s postgres"][3] == "MISSED"
    assert by["jobs enqueued/s postgres"][1] == "0.70x River (700/s vs 1000/s)"
    assert by["jobs enqueue-to-start p50/p99 postgres at 500/s"][3] == "MISSED"


@pytest.mark.parametrize(
    ("value", "steps"),
    [
        ("", list(benchlib.STEPS)),
        ("jobs", ["jobs"]),
        (" jobs , concurrency ", ["generation", "concurrency", "jobs"]),
        ("loopback", ["generation", "build", "loopback"]),
        ("in_process,generation", ["generation", "build", "in_process"]),
    ],
)
def test_selected_steps_add_what_they_need_in_order(value, steps):
    assert benchlib.selected_steps(value) == steps


def test_selected_steps_refuse_an_unknown_step():
    with pytest.raises(ValueError, match="unknown BENCH_STEPS nope"):
        benchlib.selected_steps("jobs,nope")

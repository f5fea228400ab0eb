"""`make bench`: measure a generated app against a hand-written baseline, in one run.

Generates an app with the default answers plus a notes resource, seeds it, and measures (see the
README's Performance section and bench/README.md): in-process page cost (go test -bench +
benchstat), loopback throughput and latency (wrk, vegeta), memory, SQLite-family concurrency,
generation and build, and the background-job queue against River used directly on each database
driver. Writes bench/results.json and prints a summary table.

BENCH_QUICK=1 shortens every step (a smoke run of a few minutes; its figures are not meaningful).
BENCH_STEPS=jobs,concurrency runs only those steps (and the steps they need), and updates their
figures in the existing results file.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `bench` importable
    sys.path.insert(0, str(REPO))

from bench import benchlib  # noqa: E402
from bench.benchlib import verdict  # noqa: E402
from bench.processes import clean_env, free_port, log, postgres_cluster, rss_kb  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
WORK = Path(os.environ.get("BENCH_DIR", REPO / "build" / "bench"))
RESULTS = Path(os.environ.get("BENCH_RESULTS", REPO / "bench" / "results.json"))
TOOLS = WORK / "tools"
VEGETA = "github.com/tsenart/vegeta/v12@v12.13.0"
BENCHSTAT = "golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da"
COPIER = [sys.executable, "-m", "copier"]
RESOURCE = benchlib.RESOURCE
SERVER_CORE, LOAD_CORE = "0", "1"
# vegeta's open loop adds connections while the server falls behind; past this many in flight it
# waits instead, so that an overloaded run shows as a lower achieved rate and high latency rather
# than as thousands of connections swelling the server's memory.
VEGETA_MAX_WORKERS = 128

# Sizes of each step; BENCH_QUICK shrinks them to a smoke run.
P = {
    "render_runs": 2 if QUICK else 5,
    "bench_count": 3 if QUICK else 10,
    "benchtime": "200ms" if QUICK else "1s",
    "pairs": 4 if QUICK else 40,
    "wrk_seconds": 1,
    "warmup_seconds": 2,
    "vegeta_rounds": 2 if QUICK else 4,
    "vegeta_seconds": 2 if QUICK else 5,
    "soak_seconds": 20 if QUICK else 300,
    "dbconc_seconds": "1s" if QUICK else "5s",
    "cold_build": not QUICK,
    "jobs": 200 if QUICK else 2000,
    "jobs_rounds": 2 if QUICK else 10,
    # The app's default JOBS_CONCURRENCY.
    "jobs_workers": 10,
}


def sh(cmd: list[str], *, cwd: Path = REPO, env: dict[str, str] | None = None, timeout: float = 1800) -> str:
    """Run cmd; return stdout+stderr; raise with the output's tail on failure."""
    proc = subprocess.run(
        cmd,
        cwd=cwd,
        env=env or clean_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    out = proc.stdout + proc.stderr
    if proc.returncode != 0:
        raise RuntimeError(f"`{' '.join(cmd)}` failed ({proc.returncode}) in {cwd}:\n{out[-4000:]}")
    return out


def timed(cmd: list[str], **kw: object) -> float:
    start = time.perf_counter()
    sh(cmd, **kw)  # type: ignore[arg-type]
    return time.perf_counter() - start


# --- tools -----------------------------------------------------------------------------------


def ensure_tools(load: bool) -> dict[str, str]:
    """The versions of the tools; with load, first the load generators and benchstat: wrk from
    Debian's packages, vegeta and benchstat from the Go module proxy (pinned)."""
    versions = {
        "go": sh(["go", "version"]).strip(),
        "copier": sh(COPIER + ["--version"]).strip(),
        "python": platform.python_version(),
    }
    if not load:
        return versions
    if shutil.which("wrk") is None:
        log("==> installing wrk (apt-get)")
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        sh([*sudo, "apt-get", "install", "-y", "-qq", "wrk"])
    TOOLS.mkdir(parents=True, exist_ok=True)
    for pkg in (VEGETA, BENCHSTAT):
        name = pkg.split("@")[0].rstrip("/").split("/")[-1]
        name = "vegeta" if name == "v12" else name
        if not (TOOLS / name).exists():
            log(f"==> go install {pkg}")
            sh(["go", "install", pkg], env=clean_env(GOBIN=str(TOOLS)))
    return versions | {
        "wrk": "wrk " + sh(["dpkg-query", "-W", "-f", "${Version}", "wrk"]).strip() + " (Debian)",
        "vegeta": VEGETA.split("@")[1],
        "benchstat": BENCHSTAT.split("@")[1],
    }


# --- generation ------------------------------------------------------------------------------


def copier_copy(dst: Path, *answers: str, hooks: bool = True) -> None:
    env = clean_env(TRACKS_STRICT="1") if hooks else clean_env(TRACKS_SKIP_HOOKS="1")
    args = [a for ans in answers for a in ("-d", ans)]
    sh(
        [*COPIER, "copy", "--trust", "--defaults", "--quiet", "--vcs-ref=HEAD", *args, str(REPO), str(dst)],
        env=env,
    )


def wait_http(url: str, timeout: float = 60, headers: dict[str, str] | None = None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            req = urllib.request.Request(url, headers=headers or {})
            with urllib.request.urlopen(req, timeout=5) as resp:
                if resp.status == 200:
                    return
        except (OSError, urllib.error.HTTPError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} not 200 after {timeout}s")
        time.sleep(0.05)


@contextlib.contextmanager
def process(
    cmd: list[str], cwd: Path, env: dict[str, str], log_path: Path, core: str | None
) -> Iterator[int]:
    """cmd running (pinned to core when given); yields its pid."""
    full = (["taskset", "-c", core] if core is not None else []) + cmd
    with log_path.open("wb") as out:
        proc = subprocess.Popen(
            full, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        yield proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def generation(results: dict) -> Path:
    """Render time, first 200 OK after copier copy, resource to serving; returns the app."""
    log("==> generation: render time (copier copy without the post-copy tasks)")
    times, files = [], 0
    for i in range(P["render_runs"]):
        dst = WORK / f"render-{i}"
        shutil.rmtree(dst, ignore_errors=True)
        start = time.perf_counter()
        copier_copy(dst, "init_git=false", hooks=False)
        times.append(time.perf_counter() - start)
        files = sum(1 for p in dst.rglob("*") if p.is_file())
        shutil.rmtree(dst)
    results["generation"] = {
        "render_s": benchlib.summary(times),
        "rendered_files": files,
        "render_ms_per_file": benchlib.summary([t * 1000 / files for t in times]),
    }

    log("==> generation: copier copy (with tasks) to the first 200 OK")
    app = WORK / "myapp"
    shutil.rmtree(app, ignore_errors=True)
    port = free_port()
    env = clean_env(PORT=str(port), HOST="127.0.0.1", BASE_URL=f"http://127.0.0.1:{port}")
    start = time.perf_counter()
    copier_copy(app)
    copied = time.perf_counter() - start
    sh(["go", "build", "-o", "bin/server", "./cmd/server"], cwd=app)
    with process(["bin/server"], app, env, WORK / "first-run.log", None):
        wait_http(f"http://127.0.0.1:{port}/")
        first = time.perf_counter() - start
    results["generation"]["copy_with_tasks_s"] = benchlib.summary([copied])
    results["generation"]["copy_to_first_200_s"] = benchlib.summary([first])

    log("==> generation: make resource to a rebuilt, serving app")
    start = time.perf_counter()
    name, fields = RESOURCE
    sh(
        [
            "make",
            "resource",
            f"name={name}",
            f"fields={fields}",
            f"TRACKS_SRC={REPO}",
            "TRACKS_REF=HEAD",
            f"COPIER={Path(sys.executable).parent / 'copier'}",
        ],
        cwd=app,
    )
    sh(["go", "build", "-o", "bin/server", "./cmd/server"], cwd=app)
    with process(["bin/server"], app, env, WORK / "resource-run.log", None):
        wait_http(f"http://127.0.0.1:{port}/notes")
        results["generation"]["resource_to_serving_s"] = benchlib.summary([time.perf_counter() - start])
    sh(["git", "add", "-A"], cwd=app)
    sh(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "notes"],
        cwd=app,
    )
    return app


def install_bench_code(app: Path) -> None:
    shutil.rmtree(app / "bench", ignore_errors=True)
    shutil.copytree(REPO / "bench" / "goapp", app / "bench")


# --- build -----------------------------------------------------------------------------------

HEAVY = ("github.com/aws/", "cloud.google.com/", "google.golang.org/grpc", "google.golang.org/api")
STRIP = ["-trimpath", "-ldflags=-s -w"]


def deps_of(binary: Path) -> list[str]:
    out = sh(["go", "version", "-m", str(binary)])
    return sorted(line.split()[1] for line in out.splitlines() if line.strip().startswith("dep"))


def module_sizes(app: Path, deps: list[str]) -> list[list]:
    """The ten largest modules of the (unstripped) binary by the size of their code and read-only
    data: an approximate attribution (runtime tables and strings count as std/runtime)."""
    binary = WORK / "server-unstripped"
    sh(["go", "build", "-trimpath", "-o", str(binary), "./cmd/server"], cwd=app)
    sizes: dict[str, int] = {}
    for line in sh(["go", "tool", "nm", "-size", str(binary)]).splitlines():
        parts = line.split()
        # Code and read-only data only: large zeroed buffers (crypto's 32 MB DRBG pool) take no
        # room in the file.
        if len(parts) >= 4 and parts[1].isdigit() and parts[2] in "tTrR":
            mod = benchlib.module_of(parts[3], deps)
            sizes[mod] = sizes.get(mod, 0) + int(parts[1])
    binary.unlink()
    return [[m, round(s / 1e6, 2)] for m, s in sorted(sizes.items(), key=lambda kv: -kv[1])[:10]]


def build(results: dict, app: Path) -> dict[str, Path]:
    log("==> build: binaries, warm and cold build time, size, modules")
    bins = {"app": app / "bin" / "server-stripped", "benchtool": app / "bin" / "benchtool"}
    sh(["go", "build", *STRIP, "-o", str(bins["app"]), "./cmd/server"], cwd=app)
    sh(["go", "build", *STRIP, "-o", str(bins["benchtool"]), "./bench/cmd/benchtool"], cwd=app)
    warm = []
    for _ in range(3):
        (app / "internal" / "http" / "routes.go").touch()
        warm.append(timed(["go", "build", *STRIP, "-o", str(bins["app"]), "./cmd/server"], cwd=app))
    out: dict = {"warm_build_s": benchlib.summary(warm)}
    if P["cold_build"]:
        with tempfile.TemporaryDirectory(prefix="bench-gocache-") as cache:
            cold = timed(
                ["go", "build", *STRIP, "-o", str(WORK / "cold"), "./cmd/server"],
                cwd=app,
                env=clean_env(GOCACHE=cache),
            )
        out["cold_build_s"] = benchlib.summary([cold])
        out["cold_build_note"] = "empty GOCACHE, warm module cache"
    deps = deps_of(bins["app"])
    out["default_binary_mb"] = round(bins["app"].stat().st_size / 1e6, 2)
    out["default_heavy_modules"] = [d for d in deps if d.startswith(HEAVY)]
    out["default_module_count"] = len(deps)
    out["default_largest_modules_mb"] = module_sizes(app, deps)

    log("==> build: every-provider answers")
    every = WORK / "every"
    shutil.rmtree(every, ignore_errors=True)
    copier_copy(every, "oauth_providers=[github, google]", "init_git=false")
    binary = every / "bin" / "server"
    sh(["go", "build", *STRIP, "-o", str(binary), "./cmd/server"], cwd=every)
    out["every_provider_answers"] = "oauth_providers=[github, google], db_driver=go-libsql"
    out["every_provider_binary_mb"] = round(binary.stat().st_size / 1e6, 2)
    out["every_provider_heavy_modules"] = [d for d in deps_of(binary) if d.startswith(HEAVY)]
    shutil.rmtree(every)
    results["build"] = out
    return bins


# --- in-process ------------------------------------------------------------------------------


def in_process(results: dict, app: Path, db_url: str) -> None:
    log("==> in-process: bodies match, then go test -bench")
    env = clean_env(BENCH_DB=db_url)
    sh(["go", "test", "./bench/page", "-run", "TestBodiesMatch", "-count=1"], cwd=app, env=env)
    sh(["go", "test", "-c", "-o", str(WORK / "page.test"), "./bench/page"], cwd=app)
    # One benchmark round at a time (every subject, then the next round), so that a change in
    # the machine's load hits the app and the baseline alike.
    rounds = []
    for i in range(P["bench_count"]):
        env["BENCH_APP_FIRST"] = str(i % 2)
        rounds.append(
            sh(
                [
                    "taskset",
                    "-c",
                    SERVER_CORE,
                    str(WORK / "page.test"),
                    "-test.run",
                    "^$",
                    "-test.bench",
                    ".",
                    "-test.benchmem",
                    "-test.count",
                    "1",
                    "-test.cpu",
                    "1",
                    "-test.benchtime",
                    P["benchtime"],
                ],
                cwd=app / "bench" / "page",
                env=env,
                timeout=3600,
            )
        )
    out = "".join(rounds)
    (WORK / "bench.txt").write_text(out)
    stat = sh([str(TOOLS / "benchstat"), "-col", "/impl", str(WORK / "bench.txt")])
    (WORK / "benchstat.txt").write_text(stat)
    parsed = benchlib.parse_gobench(out)
    figures: dict = {}
    for user in ("anon", "signed"):
        for kind in ("page", "htmx"):
            a = parsed[f"BenchmarkPage/impl=app/user={user}/kind={kind}"]
            b = parsed[f"BenchmarkPage/impl=baseline/user={user}/kind={kind}"]
            figures[f"{user}/{kind}"] = {
                "app_ns_op": benchlib.summary(a["ns/op"]),
                "baseline_ns_op": benchlib.summary(b["ns/op"]),
                "app_allocs_op": benchlib.summary(a["allocs/op"]),
                "baseline_allocs_op": benchlib.summary(b["allocs/op"]),
                # Speed relative to the baseline: baseline time / app time (1.0 = as fast).
                "speed_ratio": benchlib.ratio(b["ns/op"], a["ns/op"]),
                # The same from process CPU time, which a busy neighbour disturbs less.
                "app_cpu_ns_op": benchlib.summary(a["cpu-ns/op"]),
                "baseline_cpu_ns_op": benchlib.summary(b["cpu-ns/op"]),
                "cpu_speed_ratio": benchlib.ratio(b["cpu-ns/op"], a["cpu-ns/op"]),
                "allocs_ratio": benchlib.ratio(a["allocs/op"], b["allocs/op"]),
            }
    gz = parsed.get("BenchmarkCompression/encoding=gzip")
    plain = parsed.get("BenchmarkCompression/encoding=identity")
    if gz and plain:
        figures["compression"] = {
            "app_identity_ns_op": benchlib.summary(plain["ns/op"]),
            "app_gzip_ns_op": benchlib.summary(gz["ns/op"]),
            "gzip_cost_ratio": benchlib.ratio(gz["ns/op"], plain["ns/op"]),
        }
    results["in_process"] = {"figures": figures, "benchstat": stat, "count": P["bench_count"], "cpu": 1}


# --- loopback --------------------------------------------------------------------------------


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def get(url: str, cookie: str | None) -> tuple[int, dict[str, str], str]:
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read().decode()


def wrk(url: str, seconds: int, cookie: str | None) -> dict:
    cmd = ["taskset", "-c", LOAD_CORE, "wrk", "-t1", "-c32", f"-d{seconds}s", "--latency"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    return benchlib.parse_wrk(sh([*cmd, url]))


def vegeta_attack(url: str, rate: int, seconds: float, cookie: str | None, out: Path) -> None:
    # Go's client asks for gzip unless told otherwise; the baseline does not compress, so both are
    # asked for identity, as wrk asks (the cost of compression is measured in process).
    target = f"GET {url}\nAccept-Encoding: identity\n" + (f"Cookie: {cookie}\n" if cookie else "")
    subprocess.run(
        [
            "taskset",
            "-c",
            LOAD_CORE,
            str(TOOLS / "vegeta"),
            "attack",
            f"-rate={rate}/s",
            f"-duration={seconds}s",
            f"-max-workers={VEGETA_MAX_WORKERS}",
            f"-output={out}",
        ],
        input=target.encode(),
        capture_output=True,
        check=True,
    )


def vegeta_report(*results: Path) -> dict:
    report = subprocess.run(
        [str(TOOLS / "vegeta"), "report", "-type=json", *map(str, results)], capture_output=True, check=True
    )
    return benchlib.parse_vegeta(json.loads(report.stdout))


def vegeta(urls: dict[str, str], rate: int, cookie: str | None) -> dict[str, dict]:
    """Open-loop load at rate on each subject, in short alternating attacks so that a slow phase
    of the machine is as likely to hit either; latencies over all of a subject's attacks."""
    files: dict[str, list[Path]] = {k: [] for k in urls}
    for i in range(P["vegeta_rounds"]):
        for k in list(urls) if i % 2 == 0 else list(urls)[::-1]:
            out = WORK / f"vegeta-{k}-{i}.bin"
            vegeta_attack(urls[k], rate, P["vegeta_seconds"], cookie, out)
            files[k].append(out)
    row: dict[str, dict] = {}
    for k, fs in files.items():
        row[k] = vegeta_report(*fs)
        row[k]["rate"] = benchlib.achieved_rate(vegeta_report(f) for f in fs)
        for f in fs:
            f.unlink()
    return row


def loopback(results: dict, app: Path, bins: dict[str, Path], db_url: str, cookie: str) -> None:
    ports = {"app": free_port(), "baseline": free_port()}
    # The app's settings are those of the in-process benchmarks (benchenv.Env in Go).
    settings = dict(
        line.split("=", 1)
        for line in sh([str(bins["benchtool"]), "env", "-db", db_url], cwd=app).splitlines()
        if "=" in line
    )
    settings.update(HOST="127.0.0.1", PORT=str(ports["app"]), BASE_URL=f"http://127.0.0.1:{ports['app']}")
    app_env = clean_env(**settings, GOMAXPROCS="1")
    base_env = clean_env(GOMAXPROCS="1")
    base_cmd = [str(bins["benchtool"]), "baseline", "-db", db_url, "-addr", f"127.0.0.1:{ports['baseline']}"]
    with (
        process([str(bins["app"])], app, app_env, WORK / "app-server.log", SERVER_CORE) as app_pid,
        process(base_cmd, app, base_env, WORK / "baseline-server.log", SERVER_CORE) as base_pid,
    ):
        pids = {"app": app_pid, "baseline": base_pid}
        urls = {k: f"http://127.0.0.1:{p}/notes" for k, p in ports.items()}
        for p in ports.values():
            wait_http(f"http://127.0.0.1:{p}/api/health")
        time.sleep(5)
        memory: dict = {k: {"idle_rss_mb": round(rss_kb(pid) / 1024, 1)} for k, pid in pids.items()}

        log("==> loopback: bodies match over HTTP")
        for variant, ck in (("anon", None), ("signed", cookie)):
            bodies = {}
            for k, url in urls.items():
                status, headers, body = get(url, ck)
                assert status == 200, f"{k} {variant}: {status}"
                bodies[k] = benchlib.mask_nonce(body, headers["content-security-policy"])
            if bodies["app"] != bodies["baseline"]:
                raise RuntimeError(f"{variant}: the app's body differs from the baseline's")

        log("==> loopback: wrk, interleaved baseline/app pairs")
        through: dict = {}
        for variant, ck in (("anon", None), ("signed", cookie)):
            runs: dict[str, list[dict]] = {"baseline": [], "app": []}
            for k in ("baseline", "app"):
                wrk(urls[k], P["warmup_seconds"], ck)
            for i in range(P["pairs"]):
                # Many short runs in alternating order: the two halves of a pair are a second
                # apart, so that a drift in the machine's speed weighs on both subjects alike.
                for k in ("baseline", "app") if i % 2 == 0 else ("app", "baseline"):
                    cpu = cpu_seconds(pids[k])
                    run = wrk(urls[k], P["wrk_seconds"], ck)
                    # Server CPU per request: what a busy neighbour on the core disturbs least.
                    run["cpu_us_per_req"] = (cpu_seconds(pids[k]) - cpu) * 1e6 / max(1, run["requests"])
                    runs[k].append(run)
            entry: dict = {
                "req_s_ratio": benchlib.ratio(
                    [r["rps"] for r in runs["app"]], [r["rps"] for r in runs["baseline"]]
                ),
                "cpu_per_req_ratio": benchlib.ratio(
                    [r["cpu_us_per_req"] for r in runs["app"]],
                    [r["cpu_us_per_req"] for r in runs["baseline"]],
                ),
            }
            for k, rs in runs.items():
                entry[k] = {
                    "req_s": benchlib.summary(r["rps"] for r in rs),
                    "server_cpu_us_per_req": benchlib.summary(r["cpu_us_per_req"] for r in rs),
                    "p50_ms": benchlib.summary(r["p50_ms"] for r in rs),
                    "p99_ms": benchlib.summary(r["p99_ms"] for r in rs),
                    "non_2xx": sum(r["non_2xx"] for r in rs),
                    "socket_errors": sum(r["socket_errors"] for r in rs),
                }
            through[variant] = entry
            log(f"    {variant}: app/baseline req/s {entry['req_s_ratio']['median']:.2f}")
        results["loopback"] = {
            "wrk": through,
            "connections": 32,
            "seconds": P["wrk_seconds"],
            "pairs": P["pairs"],
        }

        log("==> loopback: vegeta (open loop) at 50% and 80% of the baseline's maximum rate")
        latency: dict = {}
        for share in (50, 80):
            for variant, ck in (("anon", None), ("signed", cookie)):
                # The variant's own baseline maximum: signed-in pages cost the baseline more too.
                max_rate = through[variant]["baseline"]["req_s"]["median"]
                rate = max(1, int(max_rate * share / 100))
                latency[f"{share}%/{variant}"] = {"rate": rate, **vegeta(urls, rate, ck)}
        results["loopback"]["vegeta"] = latency
        results["loopback"]["vegeta_max_workers"] = VEGETA_MAX_WORKERS
        results["loopback"]["vegeta_attacks"] = {
            "per_subject": P["vegeta_rounds"],
            "seconds": P["vegeta_seconds"],
        }

        for k, pid in pids.items():
            memory[k]["peak_rss_mb"] = round(rss_kb(pid, "VmHWM") / 1024, 1)

        log(f"==> memory: {P['soak_seconds']}s soak of the app at 50% load")
        rate = max(1, int(through["anon"]["baseline"]["req_s"]["median"] / 2))
        samples: list[float] = []
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(2):
                samples.append(rss_kb(app_pid) / 1024)

        sampler = threading.Thread(target=sample)
        sampler.start()
        soak_results = WORK / "vegeta-soak.bin"
        vegeta_attack(urls["app"], rate, P["soak_seconds"], None, soak_results)
        soak = vegeta_report(soak_results)
        soak_results.unlink()
        stop.set()
        sampler.join()
        memory["soak"] = {
            "seconds": P["soak_seconds"],
            "rate": rate,
            "rss_mb": benchlib.summary(samples),
            "growth_last_vs_second_fifth": round(benchlib.growth(samples), 4),
            "p99_ms": soak["p99_ms"],
            "non_2xx": soak["non_2xx"],
        }
        results["memory"] = memory


# --- SQLite-family concurrency ---------------------------------------------------------------


def driver_app(apps: dict[str, Path], driver: str) -> Path:
    """The app of this run generated for driver (with the benchmark's Go code): apps holds those
    already generated; otherwise one is rendered with the default answers and that driver."""
    if driver not in apps:
        dst = WORK / f"{driver}-app"
        shutil.rmtree(dst, ignore_errors=True)
        log(f"==> rendering a {driver} app")
        copier_copy(dst, f"db_driver={driver}", "init_git=false")
        install_bench_code(dst)
        apps[driver] = dst
    return apps[driver]


def concurrency(results: dict, apps: dict[str, Path]) -> None:
    out: dict = {}
    for driver in ("go-libsql", "sqlite3"):
        where = driver_app(apps, driver)
        log(f"==> concurrency: {driver}, 32 writers and 32 readers")
        binary = WORK / f"dbconc-{driver}"
        sh(["go", "build", "-o", str(binary), "./bench/cmd/dbconc"], cwd=where)
        with tempfile.TemporaryDirectory(prefix="bench-dbconc-") as tmp:
            data = json.loads(sh([str(binary), "-dir", tmp, "-duration", P["dbconc_seconds"]]))
        by = {r["design"]: r for r in data["results"]}
        out[driver] = {
            "designs": by,
            "read_ratio_app_vs_single": round(by["app"]["reads_per_s"] / by["single"]["reads_per_s"], 2),
            "busy_locked_errors_app": by["app"]["busy_locked_errors"],
        }
    results["sqlite_concurrency"] = out


# --- background jobs -------------------------------------------------------------------------


def jobs(results: dict, apps: dict[str, Path]) -> None:
    """The app's job queue against River used directly (bench/goapp/cmd/jobsbench), per driver:
    the program on core 0 with GOMAXPROCS=1, PostgreSQL's server on core 1."""
    drivers: dict = {}
    size = ["-jobs", str(P["jobs"]), "-rounds", str(P["jobs_rounds"]), "-workers", str(P["jobs_workers"])]
    for driver in benchlib.JOBS_DRIVERS:
        app = driver_app(apps, driver)
        binary = WORK / f"jobsbench-{driver}"
        tags = ["-tags", "postgres"] if driver == "postgres" else []
        sh(["go", "build", *tags, "-o", str(binary), "./bench/cmd/jobsbench"], cwd=app)
        log(f"==> jobs: {driver}, {P['jobs_rounds']} rounds of {P['jobs']} jobs, Tracks and River")
        with contextlib.ExitStack() as stack:
            if driver == "postgres":
                cluster = stack.enter_context(postgres_cluster(core=LOAD_CORE))
                db_url = cluster.create_database("jobsbench")
            else:
                tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-jobs-"))
                db_url = f"file:{Path(tmp) / 'jobs.db'}"
            # Its progress lines (stderr) show as they come; the report is on stdout.
            proc = subprocess.run(
                ["taskset", "-c", SERVER_CORE, str(binary), "-db", db_url, *size],
                cwd=app,
                env=clean_env(GOMAXPROCS="1"),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                text=True,
                timeout=3600,
                check=False,
            )
        if proc.returncode != 0:
            raise RuntimeError(f"jobsbench failed ({proc.returncode}) on {driver}")
        (WORK / f"jobsbench-{driver}.json").write_text(proc.stdout)
        drivers[driver] = benchlib.jobs_figures(json.loads(proc.stdout))
        q = drivers[driver]["ratio"]
        log(
            f"    {driver}: Tracks/River completed/s {q['completed_per_s']['median']:.2f},"
            f" enqueued/s {q['enqueued_per_s']['median']:.2f}"
        )
    river = sh(["go", "list", "-m", "-f", "{{.Version}}", "github.com/riverqueue/river"], cwd=app).strip()
    results["jobs"] = {
        "drivers": drivers,
        "river": river,
        "layout": f"jobsbench on core {SERVER_CORE} with GOMAXPROCS=1, PostgreSQL on core {LOAD_CORE}",
    }


# --- report ----------------------------------------------------------------------------------


def summary_rows(r: dict) -> list[list[str]]:
    rows = [["figure", "measured", "target", ""]]
    ip = r.get("in_process", {}).get("figures", {})
    for key, floor in (
        ("anon/page", 0.80),
        ("anon/htmx", 0.80),
        ("signed/page", 0.65),
        ("signed/htmx", 0.65),
    ):
        if key in ip:
            f = ip[key]
            s, a = f["speed_ratio"]["median"], f["allocs_ratio"]["median"]
            c = f["cpu_speed_ratio"]["median"]
            rows.append(
                [
                    f"in-process speed {key}",
                    f"{s:.2f}x baseline (CPU time: {c:.2f}x)",
                    f">= {floor}",
                    verdict(s >= floor),
                ]
            )
            rows.append([f"in-process allocs {key}", f"{a:.2f}x baseline", "<= 1.5", verdict(a <= 1.5)])
    if "compression" in ip:
        gz = ip["compression"]["gzip_cost_ratio"]["median"]
        rows.append(
            ["in-process gzip of the page (app)", f"{gz:.2f}x the identity page's time", "(info)", ""]
        )
    lb = r.get("loopback", {})
    for variant in ("anon", "signed"):
        if variant in lb.get("wrk", {}):
            w = lb["wrk"][variant]
            q = w["req_s_ratio"]["median"]
            target = ">= 0.80" if variant == "anon" else "(info)"
            rows.append(
                [
                    f"loopback req/s {variant}",
                    f"{q:.2f}x ({w['app']['req_s']['median']:.0f}/s)",
                    target,
                    verdict(q >= 0.80) if variant == "anon" else "",
                ]
            )
            cpu = w["cpu_per_req_ratio"]["median"]
            rows.append([f"loopback server CPU/request {variant}", f"{cpu:.2f}x baseline", "(info)", ""])
            bad = w["app"]["non_2xx"] + w["baseline"]["non_2xx"] + w["app"]["socket_errors"]
            rows.append([f"loopback non-2xx/socket errors {variant}", str(bad), "0", verdict(bad == 0)])
    for key, row in lb.get("vegeta", {}).items():
        a, b = row["app"]["p99_ms"], row["baseline"]["p99_ms"]
        ok = a <= 2 * b and (a <= 10 if key.startswith("50%") else True)
        target = "<= 2x base, <= 10 ms" if key.startswith("50%") else "<= 2x base"
        got = f"{a:.2f} ms (base {b:.2f}; achieved {row['app']['rate']:.0f}/{row['baseline']['rate']:.0f}/s)"
        rows.append([f"p99 at {key} ({row['rate']}/s)", got, target, verdict(ok)])
    mem = r.get("memory", {})
    if mem:
        rows.append(
            [
                "idle RSS app",
                f"{mem['app']['idle_rss_mb']} MB (base {mem['baseline']['idle_rss_mb']})",
                "<= 40 MB",
                verdict(mem["app"]["idle_rss_mb"] <= 40),
            ]
        )
        rows.append(
            [
                "peak RSS app",
                f"{mem['app']['peak_rss_mb']} MB (base {mem['baseline']['peak_rss_mb']})",
                "(info)",
                "",
            ]
        )
        g = mem["soak"]["growth_last_vs_second_fifth"]
        rows.append(
            [
                f"RSS growth over {mem['soak']['seconds']}s soak",
                f"{g * 100:+.1f}%",
                "<= +10%",
                verdict(g <= 0.10),
            ]
        )
    for driver, c in r.get("sqlite_concurrency", {}).items():
        rows.append(
            [
                f"{driver} busy/locked (app pool)",
                str(c["busy_locked_errors_app"]),
                "0",
                verdict(c["busy_locked_errors_app"] == 0),
            ]
        )
        rows.append(
            [
                f"{driver} reads app pool / single",
                f"{c['read_ratio_app_vs_single']:.2f}x",
                ">= 1.5",
                verdict(c["read_ratio_app_vs_single"] >= 1.5),
            ]
        )
    rows += benchlib.jobs_rows(r.get("jobs", {}).get("drivers", {}))
    g = r.get("generation", {})
    if g:
        rows.append(
            [
                "render (no tasks)",
                f"{g['render_s']['median']:.2f} s ({g['rendered_files']} files, "
                f"{g['render_ms_per_file']['median']:.1f} ms/file)",
                "<= 3 s",
                verdict(g["render_s"]["median"] <= 3),
            ]
        )
        rows.append(
            [
                "copier copy to first 200",
                f"{g['copy_to_first_200_s']['median']:.1f} s",
                "<= 30 s",
                verdict(g["copy_to_first_200_s"]["median"] <= 30),
            ]
        )
        rows.append(
            [
                "make resource to serving",
                f"{g['resource_to_serving_s']['median']:.1f} s",
                "<= 20 s",
                verdict(g["resource_to_serving_s"]["median"] <= 20),
            ]
        )
    b = r.get("build", {})
    if b:
        if "cold_build_s" in b:
            rows.append(["cold go build", f"{b['cold_build_s']['median']:.1f} s", "(info)", ""])
        rows.append(["warm go build", f"{b['warm_build_s']['median']:.2f} s", "(info)", ""])
        rows.append(
            [
                "default stripped binary",
                f"{b['default_binary_mb']} MB",
                "<= 35 MB",
                verdict(b["default_binary_mb"] <= 35),
            ]
        )
        rows.append(["every-provider stripped binary", f"{b['every_provider_binary_mb']} MB", "(info)", ""])
        heavy = b["default_heavy_modules"]
        rows.append(["heavy modules (default)", ", ".join(heavy) or "none", "none", verdict(not heavy)])
    return rows


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "cpu": next(
            (
                ln.split(":", 1)[1].strip()
                for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")
            ),
            platform.processor(),
        ),
        "layout": f"servers on core {SERVER_CORE} with GOMAXPROCS=1, wrk/vegeta on core {LOAD_CORE}",
        "load_average_before": Path("/proc/loadavg").read_text().split()[:3],
        "python_loop_s_before": benchlib.host_speed_s(),
    }


def main() -> int:
    steps = benchlib.selected_steps(os.environ.get("BENCH_STEPS", ""))
    partial = steps != list(benchlib.STEPS)
    WORK.mkdir(parents=True, exist_ok=True)
    started = time.time()
    run_info: dict = {"quick": QUICK, "machine": machine(), "sizes": P}
    run_info["versions"] = ensure_tools(load="in_process" in steps or "loopback" in steps)
    # A run of some steps only updates their figures in the results of the last full run.
    results: dict = json.loads(RESULTS.read_text()) if partial and RESULTS.exists() else {}
    if not partial:
        results.update(run_info)
    apps: dict[str, Path] = {}
    if "generation" in steps:
        app = generation(results)
        install_bench_code(app)
        apps["go-libsql"] = app
    if "build" in steps:
        bins = build(results, app)
    if "in_process" in steps or "loopback" in steps:
        db_path = WORK / "bench.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        db_url = f"file:{db_path}"
        log("==> seeding the benchmark database")
        sh([str(bins["benchtool"]), "seed", "-db", db_url], cwd=app)
        cookie = sh([str(bins["benchtool"]), "session", "-db", db_url], cwd=app).strip().splitlines()[-1]
    if "in_process" in steps:
        in_process(results, app, db_url)
    if "loopback" in steps:
        loopback(results, app, bins, db_url, cookie)
    if "concurrency" in steps:
        concurrency(results, apps)
    if "jobs" in steps:
        jobs(results, apps)
    for driver, where in apps.items():
        if driver != "go-libsql":
            shutil.rmtree(where)
    if partial:
        results["partial_run"] = run_info | {"steps": steps}
    info = results["partial_run"] if partial else results
    info["machine"]["load_average_after"] = Path("/proc/loadavg").read_text().split()[:3]
    info["machine"]["python_loop_s_after"] = benchlib.host_speed_s()
    info["seconds"] = round(time.time() - started)
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    log("")
    log(benchlib.table(summary_rows(results)))
    log(
        f"\nresults: {RESULTS.relative_to(REPO) if RESULTS.is_relative_to(REPO) else RESULTS}"
        f" ({info['seconds']} s; load average before {info['machine']['load_average_before']},"
        f" after {info['machine']['load_average_after']}; Python yardstick loop"
        f" {info['machine']['python_loop_s_before']} s before,"
        f" {info['machine']['python_loop_s_after']} s after)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Pure helpers of the benchmark driver (bench/run.py): summary statistics, parsers of the output
of wrk, vegeta and `go test -bench`, the figures of the jobs benchmark, body masking, the choice of
steps and the summary table. No I/O here, so the fast tier tests them (tests/unit/test_benchlib.py)."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterable, Sequence

_DURATION_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


# The resource `make bench` generates into the app; bench/goapp serves and measures its list page.
RESOURCE = ("note", "title:string:required body:text")

# The steps of `make bench`, in the order they run, and the steps each needs run before it.
STEPS = ("generation", "build", "in_process", "loopback", "concurrency", "jobs")
_NEEDS = {
    "build": ("generation",),
    "in_process": ("generation", "build"),
    "loopback": ("generation", "build"),
    "concurrency": ("generation",),
}

# The database drivers the jobs benchmark runs on, and its two subjects.
JOBS_DRIVERS = ("go-libsql", "sqlite3", "postgres")
JOBS_SUBJECTS = ("tracks", "river")
_JOBS_FIGURES = ("enqueued_per_s", "completed_per_s", "paced_per_s", "p50_ms", "p99_ms")
# Below this, a ratio of the app's figure to the baseline's misses its target.
RATIO_FLOOR = 0.80


def summary(values: Iterable[float]) -> dict[str, float | int]:
    """median, min, max and n of values (which must not be empty)."""
    vals = [float(v) for v in values]
    if not vals:
        raise ValueError("summary of no values")
    return {"median": statistics.median(vals), "min": min(vals), "max": max(vals), "n": len(vals)}


def ratio(numerators: Sequence[float], denominators: Sequence[float]) -> dict[str, float | int]:
    """Summary of the pairwise ratios numerators[i] / denominators[i]. Each pair is measured back
    to back, so a change in the machine's speed (a busy neighbour on a shared host) hits both of
    its halves: the median of the pairwise ratios is steadier than the ratio of the medians."""
    if len(numerators) != len(denominators) or not numerators:
        raise ValueError("ratio needs two non-empty sequences of the same length")
    return summary([n / d for n, d in zip(numerators, denominators, strict=True)])


def selected_steps(value: str) -> list[str]:
    """The steps to run for BENCH_STEPS=value (comma-separated step names; empty for every step),
    with the steps they need, in STEPS order."""
    names = {name.strip() for name in value.split(",") if name.strip()}
    unknown = names - set(STEPS)
    if unknown:
        raise ValueError(
            f"unknown BENCH_STEPS {', '.join(sorted(unknown))}; the steps are {', '.join(STEPS)}"
        )
    if not names:
        return list(STEPS)
    wanted = names | {need for name in names for need in _NEEDS.get(name, ())}
    return [step for step in STEPS if step in wanted]


def jobs_figures(report: dict) -> dict:
    """The figures of one driver's `jobsbench` report (bench/goapp/cmd/jobsbench): each subject's
    per-round figures summarised, and the ratios of Tracks to River as the median of the per-round
    ratios (the two subjects of a round are measured back to back). As with the page's speed, every
    ratio reads 1.0 = as good as River and below 1 = worse: enqueued/s and completed/s are Tracks'
    over River's, the latencies River's over Tracks'."""
    rounds = report["rounds"]
    if not rounds:
        raise ValueError("a jobsbench report without rounds")

    def series(subject: str, figure: str) -> list[float]:
        return [r["subjects"][subject][figure] for r in rounds]

    out: dict = {
        "jobs": report["jobs"],
        "paced_jobs": report["paced_jobs"],
        "workers": report["workers"],
        "rounds": len(rounds),
        "paced_rate": summary(r["paced_rate"] for r in rounds),
    }
    for subject in JOBS_SUBJECTS:
        out[subject] = {figure: summary(series(subject, figure)) for figure in _JOBS_FIGURES}
    out["ratio"] = {
        "enqueued_per_s": ratio(series("tracks", "enqueued_per_s"), series("river", "enqueued_per_s")),
        "completed_per_s": ratio(series("tracks", "completed_per_s"), series("river", "completed_per_s")),
        "p50_ms": ratio(series("river", "p50_ms"), series("tracks", "p50_ms")),
        "p99_ms": ratio(series("river", "p99_ms"), series("tracks", "p99_ms")),
    }
    return out


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def jobs_rows(jobs: dict[str, dict]) -> list[list[str]]:
    """Rows of the summary table for the jobs benchmark: jobs_figures by driver."""
    rows = []
    for driver, f in jobs.items():
        t, r, q = f["tracks"], f["river"], f["ratio"]
        for figure, label in (("completed_per_s", "completed/s"), ("enqueued_per_s", "enqueued/s")):
            got = q[figure]["median"]
            rows.append(
                [
                    f"jobs {label} {driver}",
                    f"{got:.2f}x River ({t[figure]['median']:.0f}/s vs {r[figure]['median']:.0f}/s)",
                    f">= {RATIO_FLOOR:.2f}",
                    verdict(got >= RATIO_FLOOR),
                ]
            )
        p99 = q["p99_ms"]["median"]
        rows.append(
            [
                f"jobs enqueue-to-start p50/p99 {driver} at {f['paced_rate']['median']:.0f}/s",
                f"{t['p50_ms']['median']:.0f}/{t['p99_ms']['median']:.0f} ms"
                f" (River {r['p50_ms']['median']:.0f}/{r['p99_ms']['median']:.0f}; p99 {p99:.2f}x)",
                f"p99 >= {RATIO_FLOOR:.2f}x River's",
                verdict(p99 >= RATIO_FLOOR),
            ]
        )
    return rows


def wrk_duration_ms(text: str) -> float:
    """A wrk duration such as 812.00us, 3.21ms, 1.02s or 1.00m, in milliseconds."""
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not m:
        raise ValueError(f"not a wrk duration: {text!r}")
    return float(m.group(1)) * _DURATION_MS[m.group(2)]


def parse_wrk(output: str) -> dict[str, float | int]:
    """Requests per second, p50/p99 latency (ms, needs --latency), non-2xx/3xx responses and
    socket errors from wrk's report."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    if not rps:
        raise ValueError(f"no Requests/sec in wrk output:\n{output}")
    result: dict[str, float | int] = {"rps": float(rps.group(1))}
    for pct, key in (("50", "p50_ms"), ("99", "p99_ms")):
        m = re.search(rf"^\s+{pct}%\s+(\S+)", output, re.M)
        if m:
            result[key] = wrk_duration_ms(m.group(1))
    requests = re.search(r"^\s+(\d+) requests in", output, re.M)
    result["requests"] = int(requests.group(1)) if requests else 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    result["non_2xx"] = int(non2xx.group(1)) if non2xx else 0
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    result["socket_errors"] = sum(int(g) for g in sock.groups()) if sock else 0
    return result


def parse_vegeta(report: dict) -> dict[str, float | int]:
    """Latencies (ms), achieved rate and non-2xx count from `vegeta report -type=json`."""
    lat = report["latencies"]
    codes = {str(k): int(v) for k, v in (report.get("status_codes") or {}).items()}
    return {
        "p50_ms": lat["50th"] / 1e6,
        "p99_ms": lat["99th"] / 1e6,
        "max_ms": lat["max"] / 1e6,
        "rate": float(report["rate"]),
        "requests": int(report["requests"]),
        "non_2xx": sum(n for code, n in codes.items() if not code.startswith("2")),
    }


_BENCH_LINE = re.compile(r"^(Benchmark\S+?)(?:-\d+)?\s+\d+\s+(.*)$")


def parse_gobench(output: str) -> dict[str, dict[str, list[float]]]:
    """Every measurement of `go test -bench -benchmem` output: name -> unit -> values, in order.
    The -N GOMAXPROCS suffix is dropped from names."""
    results: dict[str, dict[str, list[float]]] = {}
    for line in output.splitlines():
        m = _BENCH_LINE.match(line.strip())
        if not m:
            continue
        fields = m.group(2).split()
        units = results.setdefault(m.group(1), {})
        for value, unit in zip(fields[::2], fields[1::2], strict=False):
            units.setdefault(unit, []).append(float(value))
    return results


def mask_nonce(body: str, csp: str) -> str:
    """body with the CSP nonce of its response (from the Content-Security-Policy header)
    replaced by NONCE, so that two responses can be compared byte for byte."""
    m = re.search(r"'nonce-([A-Za-z0-9_+/=-]+)'", csp)
    if not m:
        raise ValueError(f"no nonce in the CSP header {csp!r}")
    return body.replace(m.group(1), "NONCE")


def growth(samples: Sequence[float]) -> float:
    """How much the last fifth of a soak's RSS samples averages above its second fifth (the
    first fifth is warm-up): 0.05 means 5% higher. Needs at least 5 samples."""
    if len(samples) < 5:
        raise ValueError("growth needs at least 5 samples")
    fifth = len(samples) // 5
    second = samples[fifth : 2 * fifth]
    last = samples[-fifth:]
    return statistics.fmean(last) / statistics.fmean(second) - 1


NATIVE = "native code (cgo: C/Rust libraries)"


def module_of(symbol: str, modules: Sequence[str]) -> str:
    """The module (longest matching path prefix from modules) that a Go symbol belongs to,
    NATIVE for C and Rust symbols (no package path, or Rust-mangled), or 'std/runtime' for the
    standard library and the runtime."""
    name = symbol.removeprefix("type:").removeprefix("go:itab.").lstrip("*(")
    if name.startswith(("_ZN", "_R")) or "." not in name:
        return NATIVE
    best = ""
    for mod in modules:
        if (name.startswith(mod + ".") or name.startswith(mod + "/")) and len(mod) > len(best):
            best = mod
    return best or "std/runtime"


def table(rows: Sequence[Sequence[str]]) -> str:
    """A plain text table; the first row is the header."""
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for k, row in enumerate(rows):
        lines.append("  ".join(str(cell).ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def host_speed_s(runs: int = 3, n: int = 5_000_000) -> float:
    """Median time of a fixed pure-Python loop: a yardstick of how fast the machine is at the
    moment, for reading the absolute figures (render, build) of a run on a shared host."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        total = 0
        for i in range(n):
            total += i
        times.append(time.perf_counter() - start)
    return round(statistics.median(times), 3)


def achieved_rate(attacks: Iterable[dict]) -> float:
    """Requests per second over several attacks (parsed vegeta reports), the gaps between them left
    out: a report over all of their results would count the gaps as time."""
    attacks = list(attacks)
    return sum(a["requests"] for a in attacks) / sum(a["requests"] / a["rate"] for a in attacks)

#!/usr/bin/env python3
"""Turns lookup_benchmark's JSON output into benchmarks/results: summary.md (tables, targets) and
lookup_scaling.svg (lookup time against N, log-log, ours against both baselines). Python 3 standard library only.

    build/release/benchmarks/lookup_benchmark --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \\
        --benchmark_out=benchmarks/results/lookup_benchmark.json --benchmark_out_format=json
    python3 benchmarks/publish.py benchmarks/results/lookup_benchmark.json --build-dir build/release

Times are the medians of the repetitions, in CPU time per query (the machine is shared: CPU time leaves out the
time a thread waits for a core); the concurrency figures are lookups per second of wall-clock time.
"""

import argparse
import json
import math
import pathlib
import re
import subprocess

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}
SIZES = [100, 1000, 10000, 100000]
LARGEST = SIZES[-1]

REGIMES = ["hot", "cold"]  # hot: a working set of 1,024 components; cold: all N

# Single-result queries, timed hot and cold: (workload, title, query, floor workload, what the floor is, target
# ratio to the floor or None)
SINGLE = [
    ("exact_hit", "Exact hit", "get_one_optional(Descriptor), present", "exact_hit",
     "unordered_map<string, shared_ptr<void>>::find, returning a copy", 1.5),
    ("literal_hit", "Literal hit", "get_one_optional(_descriptor literal), present: field hashes computed at compile "
     "time", "exact_hit", "the exact-hit floor (it hashes the key text at every lookup)", 1.0),
    ("exact_miss", "Exact miss", "get_one_optional(Descriptor), absent", "exact_miss",
     "unordered_map::find of an absent key", None),
    ("one_field", "One field", "get_one_optional(*:*:*:name<i>:*), one match", "exact_hit", "the exact-hit floor", 2.0),
    ("string", "String locators", "get_one_optional(std::string), the descriptor texts as strings", "exact_hit",
     "the exact-hit floor (the same unordered_map<string>)", 1.5),
    ("integer", "Integer locators", "get_one_optional(int64_t)", "integer",
     "unordered_map<int64_t, shared_ptr<void>>::find", 1.5),
    ("typed", "Typed", "get_one_required<IBase>(Descriptor), IBase not the first base", "typed",
     "exact find + static_pointer_cast", None),
]
# Multi-result and resolver queries: (workload, title, query, floor series, what the floor is)
OTHER = [
    ("by_type", "By type", "get_optional(*:type<t>:*:*:1.0), N/20 matches", "by_type/copy",
     "copying the k matching shared_ptrs into a vector"),
    ("resolver", "DependencyResolver", "get_one_required<IBase>(name), 16 dependencies", "resolver/floor",
     "std::map name -> text, then exact find"),
]
PLOTTED = ["exact_hit", "literal_hit", "one_field", "string", "integer", "by_type"]


def load_medians(path):
    """Median time (ns) and counters of each benchmark run, by run name, plus the JSON context."""
    data = json.loads(pathlib.Path(path).read_text())
    runs = {}
    for bench in data["benchmarks"]:
        if bench.get("run_type") == "aggregate" and bench.get("aggregate_name") != "median":
            continue
        # Drop the option segments Google Benchmark appends: `exact_hit/ours/1000`, `.../threads:2`.
        name = "/".join(part for part in bench.get("run_name", bench["name"]).split("/")
                        if not re.match(r"^(iterations:\d+|min_time:[\d.]+|real_time|repeats:\d+)$", part))
        scale = UNIT_NS[bench.get("time_unit", "ns")]
        runs[name] = {
            "cpu_ns": bench["cpu_time"] * scale,
            "real_ns": bench["real_time"] * scale,
            "items_per_second": bench.get("items_per_second"),
            "bytes_per_component": bench.get("bytes_per_component"),
            "writes_per_second": bench.get("writes_per_second"),
            "put_median_us": bench.get("put_median_us"),
            "put_p99_us": bench.get("put_p99_us"),
            "put_max_us": bench.get("put_max_us"),
        }
    return runs, data.get("context", {})


def time_of(runs, series, size):
    run = runs.get(f"{series}/{size}")
    return run["cpu_ns"] if run else None


def format_time(ns):
    if ns is None:
        return "-"
    if ns < 1e3:
        return f"{ns:.0f} ns"
    if ns < 1e6:
        return f"{ns / 1e3:.1f} us"
    return f"{ns / 1e6:.2f} ms"


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def decade_label(ns):
    """An axis label for a power of ten: `10 us` where format_time, made for tables, writes `10.0 us`."""
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("us", 1e3), ("ns", 1.0)):
        if ns >= scale:
            return f"{ns / scale:.0f} {unit}"
    return f"{ns:g} ns"


def format_ratio(value, digits=2):
    return "-" if value is None else f"{value:.{digits}f}x"


def build_settings(build_dir):
    """Compiler, its version and flags from the build directory's CMake cache."""
    if build_dir is None:
        return {}
    cache = {}
    for line in (pathlib.Path(build_dir) / "CMakeCache.txt").read_text().splitlines():
        match = re.match(r"^(CMAKE_CXX_COMPILER|CMAKE_BUILD_TYPE|CMAKE_CXX_FLAGS_RELEASE|CMAKE_CXX_FLAGS):[A-Z]+=(.*)$", line)
        if match:
            cache[match.group(1)] = match.group(2)
    compiler = cache.get("CMAKE_CXX_COMPILER", "")
    try:
        cache["version"] = subprocess.run([compiler, "--version"], capture_output=True, text=True,
                                          check=True).stdout.splitlines()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        cache["version"] = compiler
    return cache


def machine_line(context):
    caches = ", ".join(f"L{c['level']} {c['type'][0].lower()} {c['size'] // 1024} KiB"
                       for c in context.get("caches", []) if c["type"] in ("Data", "Unified"))
    load = ", ".join(f"{value:.1f}" for value in context.get("load_avg", []))
    return (f"{context.get('num_cpus', '?')} CPUs at {context.get('mhz_per_cpu', '?')} MHz ({caches}); "
            f"load average at the start {load}; run {context.get('date', '?')}")


def lookup_tables(runs):
    lines = []
    for workload, title, query, floor_workload, floor_text, _ in SINGLE:
        lines += [f"### {title}: `{query}`", "",
                  f"Floor: {floor_text}. Hot: 1,024 components looked up in turn; cold: all N. "
                  "Scan: the originals' newest-first scan with `match` on every entry (cold).", "",
                  "| N | hot ours | hot floor | hot ours / floor | cold ours | cold floor | cold ours / floor | scan |",
                  "|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for size in SIZES:
            cells = []
            for regime in REGIMES:
                ours = time_of(runs, f"{workload}/{regime}/ours", size)
                floor = time_of(runs, f"{floor_workload}/{regime}/floor", size)
                cells += [format_time(ours), format_time(floor), format_ratio(ratio(ours, floor))]
            scan = time_of(runs, f"{workload}/cold/scan", size)
            lines.append(f"| {size:,} | " + " | ".join(cells) + f" | {format_time(scan)} |")
        lines.append("")
    lines += ["### Not ours: the floor behind a `std::shared_mutex` read lock", "",
              "What a read lock alone, as any thread-safe registry takes, adds to the exact-hit floor.", "",
              "| N | hot locked floor | hot / floor | cold locked floor | cold / floor |", "|---:|---:|---:|---:|---:|"]
    for size in SIZES:
        cells = []
        for regime in REGIMES:
            locked = time_of(runs, f"exact_hit/{regime}/locked_floor", size)
            cells += [format_time(locked), format_ratio(ratio(locked, time_of(runs, f"exact_hit/{regime}/floor", size)))]
        lines.append(f"| {size:,} | " + " | ".join(cells) + " |")
    lines.append("")
    for workload, title, query, floor_series, floor_text in OTHER:
        lines += [f"### {title}: `{query}`", "", f"Floor: {floor_text}.", "",
                  "| N | ours | floor | scan (a) | ours / floor |", "|---:|---:|---:|---:|---:|"]
        for size in SIZES:
            ours = time_of(runs, f"{workload}/ours", size)
            floor = time_of(runs, floor_series, size)
            scan = time_of(runs, f"{workload}/scan", size)
            if ours is not None:
                lines.append(f"| {size:,} | {format_time(ours)} | {format_time(floor)} | {format_time(scan)} | "
                             f"{format_ratio(ratio(ours, floor))} |")
        lines.append("")
    return lines


def registration_tables(runs):
    lines = ["### Registration", "", "Time for all N: `put` into an empty registry; `remove` of every component.", "",
             "| N | put ours | put floor | put scan | remove ours | remove floor | remove scan |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for size in SIZES:
        cells = [format_time(time_of(runs, f"{op}/{kind}", size)) for op in ("put", "remove")
                 for kind in ("ours", "floor", "scan")]
        lines.append(f"| {size:,} | " + " | ".join(cells) + " |")
    lines += ["", "### Memory", "", "Heap bytes per registered component (malloc_usable_size of every block the "
              "registry holds; the components themselves are not counted).", "",
              "| N | ours | floor | scan | ours / floor |", "|---:|---:|---:|---:|---:|"]
    for size in SIZES:
        values = [(runs.get(f"memory/{kind}/{size}") or {}).get("bytes_per_component") for kind in ("ours", "floor", "scan")]
        cells = ["-" if v is None else f"{v:.0f}" for v in values]
        lines.append(f"| {size:,} | " + " | ".join(cells) + f" | {format_ratio(ratio(values[0], values[1]))} |")
    lines += ["", "### Concurrency", "",
              "Readers do exact hits on one References of 100,000 components while a writer thread puts and removes "
              "a component every 100 us. Lookups per second of wall-clock time, all readers together.", "",
              "| readers | lookups/s | CPU time per lookup | writer put+remove pairs/s |", "|---:|---:|---:|---:|"]
    for threads in (1, 2):
        run = runs.get(f"concurrent_exact/ours/{LARGEST}/threads:{threads}")
        if run:
            lines.append(f"| {threads} | {run['items_per_second']:,.0f} | {format_time(run['cpu_ns'])} | "
                         f"{run['writes_per_second'] or 0:,.0f} |")
    run = runs.get(f"put_under_readers/ours/{LARGEST}")
    if run and run.get("put_median_us") is not None:
        lines += ["", "### Writer progress", "",
                  "10 reader threads do exact hits in a loop on 100,000 components while one thread puts 1,000 more.",
                  "", "| put latency median | p99 | max |", "|---:|---:|---:|",
                  f"| {run['put_median_us']:.1f} us | {run['put_p99_us']:.1f} us | {run['put_max_us']:.1f} us |"]
    lines.append("")
    return lines


def targets(runs):
    """The issue's targets, each with the measured figure: hot and cold, at every N."""
    rows = []

    def check(name, limit, met, detail):
        rows.append(f"| {name} | {detail} | {limit} | {'met' if met else '**missed**'} |")

    for workload, title, _, floor_workload, _, target in SINGLE:
        if target is None:
            continue
        for regime in REGIMES:
            ratios = [(size, ratio(time_of(runs, f"{workload}/{regime}/ours", size),
                                   time_of(runs, f"{floor_workload}/{regime}/floor", size))) for size in SIZES]
            ratios = [(size, value) for size, value in ratios if value is not None]
            if ratios:
                worst = max(value for _, value in ratios)
                detail = ", ".join(f"{size:,}: {value:.2f}x" for size, value in ratios)
                check(f"{title.lower()}, {regime}", f"<= {target}x floor at every N", worst <= target, detail)
    by_type = [(size, ratio(time_of(runs, "by_type/ours", size), time_of(runs, "by_type/copy", size))) for size in SIZES]
    by_type = [(size, value) for size, value in by_type if value is not None]
    if by_type:
        check("by type", "<= 3x copying its k results", max(v for _, v in by_type) <= 3,
              ", ".join(f"{size:,}: {value:.2f}x" for size, value in by_type))
    put = ratio(time_of(runs, "put/ours", LARGEST), time_of(runs, "put/floor", LARGEST))
    if put is not None:
        check("put of 100,000", "<= 2x the floor's inserts", put <= 2,
              f"{put:.2f}x ({format_time(time_of(runs, 'put/ours', LARGEST))} vs "
              f"{format_time(time_of(runs, 'put/floor', LARGEST))})")
    ours_bytes = (runs.get(f"memory/ours/{LARGEST}") or {}).get("bytes_per_component")
    floor_bytes = (runs.get(f"memory/floor/{LARGEST}") or {}).get("bytes_per_component")
    if ours_bytes and floor_bytes:
        check("heap per registration", "<= 2x the floor's", ours_bytes <= 2 * floor_bytes,
              f"{ours_bytes:.0f} B vs {floor_bytes:.0f} B = {ours_bytes / floor_bytes:.2f}x")
    one = runs.get(f"concurrent_exact/ours/{LARGEST}/threads:1")
    two = runs.get(f"concurrent_exact/ours/{LARGEST}/threads:2")
    if one and two:
        scaling = two["items_per_second"] / one["items_per_second"]
        check("2 readers vs 1, writer running", ">= 1.8x lookups/s", scaling >= 1.8,
              f"{scaling:.2f}x (CPU time per lookup {format_time(one['cpu_ns'])} -> {format_time(two['cpu_ns'])})")
    writer = runs.get(f"put_under_readers/ours/{LARGEST}")
    if writer and writer.get("put_p99_us") is not None:
        check("writer progress under 10 readers", "every put completes; p99 reported", True,
              f"1,000 puts: median {writer['put_median_us']:.1f} us, p99 {writer['put_p99_us']:.1f} us, "
              f"max {writer['put_max_us']:.1f} us")
    return ["| target | measured | required | |", "|---|---|---|---|"] + rows + [""]


# --- SVG ---------------------------------------------------------------------------------------------------------

# (label, series suffix, colour, dash): ours and the floor, hot (thin) and cold (thick), and the scan
SERIES_STYLE = [("ours, hot", "hot/ours", "#d62728", "6,3"), ("ours, cold", "cold/ours", "#d62728", ""),
                ("floor, hot", "hot/floor", "#1f77b4", "6,3"), ("floor, cold", "cold/floor", "#1f77b4", ""),
                ("scan (a)", "cold/scan", "#555555", "2,3")]


def panel_series(workload):
    """The plotted series of one query: name in the runs for each style."""
    single = {entry[0]: entry for entry in SINGLE}
    if workload in single:
        floor_workload = single[workload][3]
        return {label: (f"{floor_workload}/{suffix}" if "floor" in suffix else f"{workload}/{suffix}")
                for label, suffix, _, _ in SERIES_STYLE}
    floor_series = dict((entry[0], entry[3]) for entry in OTHER)[workload]
    return {"ours, cold": f"{workload}/ours", "floor, cold": floor_series, "scan (a)": f"{workload}/scan"}


def svg_panel(runs, workload, title, left, top, width, height):
    plot_left, plot_top = left + 52, top + 28
    plot_width, plot_height = width - 64, height - 64
    series = panel_series(workload)
    points = {key: [(n, time_of(runs, name, n)) for n in SIZES if time_of(runs, name, n)] for key, name in series.items()}
    values = [t for pts in points.values() for _, t in pts]
    if not values:
        return []
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    if high / low < 100:
        high = low * 100

    def x_of(n):
        return plot_left + (math.log10(n) - 2) / 3 * plot_width

    def y_of(t):
        return plot_top + plot_height - (math.log10(t) - math.log10(low)) / (math.log10(high) - math.log10(low)) * plot_height

    out = [f'<text x="{left + width / 2:.0f}" y="{top + 16}" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
           f'<rect x="{plot_left}" y="{plot_top}" width="{plot_width}" height="{plot_height}" fill="none" stroke="#999"/>']
    for n in SIZES:
        x = x_of(n)
        out.append(f'<line x1="{x:.1f}" y1="{plot_top}" x2="{x:.1f}" y2="{plot_top + plot_height}" stroke="#eee"/>')
        label = {100: "100", 1000: "1k", 10000: "10k", 100000: "100k"}[n]
        out.append(f'<text x="{x:.1f}" y="{plot_top + plot_height + 14}" text-anchor="middle">{label}</text>')
    decade = low
    while decade <= high * 1.0001:
        y = y_of(decade)
        out.append(f'<line x1="{plot_left}" y1="{y:.1f}" x2="{plot_left + plot_width}" y2="{y:.1f}" stroke="#eee"/>')
        out.append(f'<text x="{plot_left - 4}" y="{y + 4:.1f}" text-anchor="end">{decade_label(decade)}</text>')
        decade *= 10
    out.append(f'<text x="{plot_left + plot_width / 2:.0f}" y="{plot_top + plot_height + 30}" '
               f'text-anchor="middle">N (registered components)</text>')
    for label, _, color, dash in SERIES_STYLE:
        pts = points.get(label, [])
        if not pts:
            continue
        path = " ".join(f"{x_of(n):.1f},{y_of(t):.1f}" for n, t in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2"{dash_attr}/>')
        out += [f'<circle cx="{x_of(n):.1f}" cy="{y_of(t):.1f}" r="3" fill="{color}"/>' for n, t in pts]
    return out


def write_svg(runs, path, caption):
    columns, panel_width, panel_height = 3, 330, 250
    titles = {entry[0]: entry[1] for entry in SINGLE + OTHER}
    panels = [workload for workload in PLOTTED if workload in titles]
    rows = math.ceil(len(panels) / columns)
    width, height = columns * panel_width, rows * panel_height + 130
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>']
    for index, workload in enumerate(panels):
        left = (index % columns) * panel_width
        top = (index // columns) * panel_height
        floor_title = " (floor: copying k)" if workload == "by_type" else ""
        out += svg_panel(runs, workload, titles[workload] + floor_title, left, top, panel_width, panel_height)
    legend_top = rows * panel_height + 14
    for i, (label, _, color, dash) in enumerate(SERIES_STYLE):
        y = legend_top + i * 16
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="20" y1="{y}" x2="50" y2="{y}" stroke="{color}" stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="56" y="{y + 4}">{escape(label)}</text>')
    out.append(f'<text x="20" y="{legend_top + 96}" font-size="10">{escape(caption)}</text>')
    out.append("</svg>")
    pathlib.Path(path).write_text("\n".join(out) + "\n")


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("json", help="lookup_benchmark --benchmark_out JSON (with repetitions: medians are used)")
    parser.add_argument("--build-dir", help="the build directory, for the compiler and flags in the report")
    parser.add_argument("--out", default=str(pathlib.Path(__file__).parent / "results"), help="output directory")
    args = parser.parse_args()

    runs, context = load_medians(args.json)
    settings = build_settings(args.build_dir)
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    compiler = f"{settings.get('version', '?')}, {settings.get('CMAKE_BUILD_TYPE', '?')} " \
               f"`{settings.get('CMAKE_CXX_FLAGS', '')} {settings.get('CMAKE_CXX_FLAGS_RELEASE', '')}`".replace("` ", "`")
    caption = (f"Median CPU time per query, log-log. {settings.get('version', '')} "
               f"{settings.get('CMAKE_CXX_FLAGS_RELEASE', '')}; {context.get('num_cpus', '?')} CPUs; "
               f"registry: group<g>:type<t>:kind<k>:name<i>:1.0, shuffled registration, random query order.")
    write_svg(runs, out / "lookup_scaling.svg", caption)

    lines = ["# Lookup benchmark results", "",
             "Generated by `benchmarks/publish.py` from the JSON of `lookup_benchmark`.", "",
             f"- Compiler and flags: {compiler}",
             f"- Machine: {machine_line(context)}",
             f"- Google Benchmark library build type: {context.get('library_build_type', '?')}",
             "- Registry: N components `group<g>:type<t>:kind<k>:name<i>:1.0`, t = i % 20, g = (i / 20) % 10, "
             "k = (i / 200) % 5, unique names, registered in a shuffled order (fixed seed); queries visit "
             "components in another shuffled order, so lookups at large N miss the caches as real ones would.",
             "- Regimes: hot = lookups cycle over a working set of 1,024 components (a service's steady state); "
             "cold = over all N (every lookup may miss the caches, the floor's too). Both are shown side by side.",
             "- Times: median of the repetitions, CPU time per query (the machine is shared; CPU time leaves out "
             "waits for a core). Concurrency: wall-clock lookups per second.", "",
             "![lookup time against N](lookup_scaling.svg)", "", "## Targets", ""]
    lines += targets(runs)
    lines += ["## Lookups", ""] + lookup_tables(runs) + registration_tables(runs)
    if (out / "compile_time.md").exists():
        lines += ["### Compile time", "", "See [compile_time.md](compile_time.md): a translation unit that imports "
                  "`pip.refer`, registers 1,000 components and looks each one up.", ""]
    (out / "summary.md").write_text("\n".join(lines))
    print(f"wrote {out / 'summary.md'} and {out / 'lookup_scaling.svg'}")


if __name__ == "__main__":
    main()

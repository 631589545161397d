#!/usr/bin/env python3
"""What `import pip.refer;` costs a user's build: the CPU seconds of a clean build of a one-line program that
imports a pip module, from an installed package, against the control the issue names: one translation unit that
includes the same standard headers (pip_std.hpp, the list every pip interface unit includes).

The consumer build compiles the module interfaces it imports (CMake builds an imported module's interface in
each consumer build directory), so this is the cost every project pays once per clean build. Each project is
configured, then built from clean `--repeat` times; the figure is the median CPU time (user + system) of the
build's child processes, from getrusage. Configuring (CMake itself, no compiling) is not counted.

    benchmarks/consumer_cost.py --build-dir build/release [--out benchmarks/results/consumer_cost.md]

(the `consumer_cost` target of the release preset runs exactly this). Needs clang++-19, CMake >= 3.28, Ninja.
"""

import argparse
import pathlib
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile

# name -> (pip target linked, source); the control links nothing and includes the standard headers.
PROGRAMS = {
    "control": (None, '#include "pip_std.hpp"\nint main() {}\n'),
    "import pip.refer": ("pip::refer", "import pip.refer;\nint main() {}\n"),
    "import pip.connect": ("pip::connect", "import pip.connect;\nint main() {}\n"),
}
TARGETS = {"import pip.refer": 5.0, "import pip.connect": 8.0}  # issue #11: at most this many times the control


def project(directory, target, source, include_dir):
    directory.mkdir(parents=True)
    (directory / "main.cpp").write_text(source)
    lines = ["cmake_minimum_required(VERSION 3.28)", "project(cost LANGUAGES CXX)", "set(CMAKE_CXX_STANDARD 20)"]
    if target:
        lines += ["find_package(pip CONFIG REQUIRED)", "add_executable(app main.cpp)",
                  f"target_link_libraries(app PRIVATE {target})"]
    else:
        lines += ["add_executable(app main.cpp)", f'target_include_directories(app PRIVATE "{include_dir}")']
    (directory / "CMakeLists.txt").write_text("\n".join(lines) + "\n")


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(*command):
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)


def clean_build_cpu(source_dir, build_dir, compiler, prefix):
    shutil.rmtree(build_dir, ignore_errors=True)
    run("cmake", "-S", str(source_dir), "-B", str(build_dir), "-G", "Ninja", f"-DCMAKE_CXX_COMPILER={compiler}",
        f"-DCMAKE_PREFIX_PATH={prefix}")
    before = children_cpu_seconds()
    run("cmake", "--build", str(build_dir), "--parallel", "2")
    return children_cpu_seconds() - before


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build-dir", required=True, help="a configured and built pip build tree, installed here")
    parser.add_argument("--compiler", default="clang++-19")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", help="write the markdown table here too")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pip-consumer-cost-") as scratch:
        scratch = pathlib.Path(scratch)
        prefix = scratch / "prefix"
        run("cmake", "--install", args.build_dir, "--prefix", str(prefix))
        include_dir = prefix / "include" / "pip"
        seconds = {}
        for name, (target, source) in PROGRAMS.items():
            source_dir = scratch / name.replace(" ", "_")
            project(source_dir, target, source, include_dir)
            runs = [clean_build_cpu(source_dir, scratch / "build", args.compiler, prefix) for _ in range(args.repeat)]
            seconds[name] = statistics.median(runs)
            print(f"{name}: {seconds[name]:.2f} s CPU (runs: {', '.join(f'{r:.2f}' for r in runs)})", file=sys.stderr)

    control = seconds["control"]
    rows = ["| one-line program | clean build, CPU s | / control | target |", "| --- | ---: | ---: | ---: |",
            f"| control: `#include \"pip_std.hpp\"` (the standard headers pip's interfaces include) | {control:.2f} | 1.00x | |"]
    failed = []
    for name, limit in TARGETS.items():
        ratio = seconds[name] / control
        rows.append(f"| `{name};` | {seconds[name]:.2f} | {ratio:.2f}x | <= {limit:g}x |")
        if ratio > limit:
            failed.append(name)
    table = "\n".join(rows) + "\n"
    print(table)
    if args.out:
        pathlib.Path(args.out).write_text(
            "# Consumer build cost\n\nProduced by `benchmarks/consumer_cost.py` (median of "
            f"{args.repeat} clean builds each, {args.compiler}, C++20, no build type, `--parallel 2`).\n\n" + table)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

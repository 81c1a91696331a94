#!/usr/bin/env python3
"""What the full-text search index adds to a build, side by side in one run.

    bench/search_cost.py                  # 10,000 profiles, 5 alternating rounds
    bench/search_cost.py --count 1000 --rounds 3

It generates a site with the project's generator (careers-corpus, synthetic
profiles) and a copy of it whose site.yaml says `search: false`, then
builds the two in turn with the release binary, each into a fresh folder,
and prints the CPU time (user + system, of the build process) and wall time
of every build, the median of each, and the ratio of the medians. CPU time
is the figure to read on a shared machine: wall time moves with the load.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(careers: Path, site: Path, out: Path) -> tuple[float, float]:
    shutil.rmtree(out, ignore_errors=True)
    before, started = cpu_of_children(), time.monotonic()
    subprocess.run([str(careers), "build", "--output", str(out)], cwd=site, check=True,
                   stdout=subprocess.DEVNULL)
    return cpu_of_children() - before, time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "careers", "-p", "careers-corpus"],
                   cwd=ROOT, check=True)
    careers = ROOT / "target/release/careers"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        with_search, without = work / "search", work / "no-search"
        subprocess.run([str(ROOT / "target/release/careers-corpus"), "--count", str(args.count),
                        "--out", str(with_search)], check=True, stdout=subprocess.DEVNULL)
        shutil.copytree(with_search, without)
        with open(without / "site.yaml", "a", encoding="utf-8") as config:
            config.write("\nsearch: false\n")
        runs: dict[str, list[tuple[float, float]]] = {"without search": [], "with search": []}
        for _ in range(args.rounds):
            for name, site in (("without search", without), ("with search", with_search)):
                cpu, wall = timed_build(careers, site, work / f"out-{site.name}")
                runs[name].append((cpu, wall))
                print(f"{name}: CPU {cpu:.2f} s, wall {wall:.2f} s", file=sys.stderr)
    print(f"| {args.count:,} profiles, {args.rounds} rounds | CPU median | wall median |")
    print("|---|---:|---:|")
    medians = {}
    for name, list_ in runs.items():
        cpu = statistics.median(c for c, _ in list_)
        wall = statistics.median(w for _, w in list_)
        medians[name] = cpu
        print(f"| {name} | {cpu:.2f} s | {wall:.2f} s |")
    ratio = medians["with search"] / medians["without search"]
    print(f"\nThe index adds {100 * (ratio - 1):.0f}% CPU time (ratio of medians {ratio:.3f}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())

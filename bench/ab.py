#!/usr/bin/env python3
"""Side-by-side CPU and wall time of careers builds, alternating.

    python3 bench/ab.py ROUNDS NAME=BINARY=SITE [NAME=BINARY=SITE ...]

Builds each SITE with its BINARY into a fresh folder under /dev/shm, in turn,
ROUNDS times (every other round in reverse order), and prints each run and
the medians, with each build's CPU time as a ratio to the first one's.

Why alternate: on a shared virtual machine the speed of the same binary
drifts by tens of percent over minutes, so builds timed one after the
other (all runs of A, then all of B, as bench/run.sh does) can show a
ratio the code does not cause. Alternating puts A and B under the same
drift. Example, English against Spanish with one binary:

    python3 bench/ab.py 4 en=target/release/careers=/dev/shm/en \\
                          es=target/release/careers=/dev/shm/es
"""

import resource
import shutil
import statistics
import subprocess
import sys
import time


def main(argv):
    if len(argv) < 3 or not argv[1].isdigit():
        print(__doc__.strip(), file=sys.stderr)
        return 2
    rounds = int(argv[1])
    builds = [arg.split("=", 2) for arg in argv[2:]]
    if any(len(b) != 3 for b in builds):
        print("each build is NAME=BINARY=SITE", file=sys.stderr)
        return 2
    cpu = {name: [] for name, _, _ in builds}
    wall = {name: [] for name, _, _ in builds}
    for r in range(rounds):
        for name, binary, site in builds if r % 2 == 0 else builds[::-1]:
            out = f"/dev/shm/careers-ab-{name}"
            shutil.rmtree(out, ignore_errors=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.time()
            subprocess.run([binary, "build", "--root", site, "--output", out, "--quiet"], check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            cpu[name].append(used)
            wall[name].append(time.time() - started)
            print(f"{name} round {r + 1}: cpu {used:.2f} s, wall {wall[name][-1]:.2f} s", flush=True)
            shutil.rmtree(out, ignore_errors=True)
    first = builds[0][0]
    base = statistics.median(cpu[first])
    base_wall = statistics.median(wall[first])
    for name, _, _ in builds:
        c, w = statistics.median(cpu[name]), statistics.median(wall[name])
        print(f"{name}: median cpu {c:.2f} s ({c / base:.3f}x {first}), "
              f"median wall {w:.2f} s ({w / base_wall:.3f}x {first})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Time from saving one profile to `careers serve` serving the new page.

For each corpus size it starts `careers serve` on a synthetic site made with
../shared/bench/gen_corpus.py (sample data), then, many times, saves an edited
profile and polls the page over HTTP until the edit shows, measuring the
time from the save to the first response that has it. Two kinds of edit:
  prose  - a sentence in the body (re-renders the page and pages linking to it)
  wages  - the median wage of the primary area (also re-renders listings:
           the home page with every profile, and the profile's term pages)

Usage: bench/serve_latency.py [--sizes 1000,10000] [--edits 15] [--work DIR]
"""
import argparse
import http.client
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(REPO, "..", "shared", "bench", "gen_corpus.py")


def corpus(work, size):
    root = os.path.join(work, f"serve-{size}")
    if not os.path.isdir(os.path.join(root, "content")):
        subprocess.run([sys.executable, GEN, "--count", str(size), "--out", root,
                        "--flavor", "careers", "--seed", "7"], check=True)
        with open(os.path.join(root, "site.yaml"), "w") as f:
            f.write("title: Sample data (synthetic profiles)\nprimary_area: Washington\n")
    return root


def start(binary, root):
    proc = subprocess.Popen([binary, "serve", "--root", root, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    port = int(re.search(r"127\.0\.0\.1:(\d+)", line).group(1))
    return proc, port


def fetch(conn, path):
    conn.request("GET", path)
    response = conn.getresponse()
    return response.read().decode("utf-8", "replace")


def measure(port, page_file, url, edit, count):
    original = open(page_file, encoding="utf-8").read()
    conn = http.client.HTTPConnection("127.0.0.1", port)
    times = []
    try:
        for i in range(count):
            text, marker = edit(original, i)
            started = time.perf_counter()
            with open(page_file, "w", encoding="utf-8") as f:
                f.write(text)
            while marker not in fetch(conn, url):
                if time.perf_counter() - started > 30:
                    raise SystemExit(f"the edit never showed on {url}")
            times.append((time.perf_counter() - started) * 1000)
            time.sleep(0.25)
    finally:
        with open(page_file, "w", encoding="utf-8") as f:
            f.write(original)
        time.sleep(0.5)
    return times


def prose_edit(original, i):
    marker = f"Sample edit number {i} for the latency benchmark."
    return original.rstrip("\n") + f"\n\n{marker}\n", marker


def wage_edit(original, i):
    # The first yearly row belongs to the first (primary) area; change its
    # median so the figure listings show changes too.
    match = re.search(r"yearly: \[([^\]]*)\]", original)
    values = [float(v) for v in match.group(1).split(",")]
    values[2] = round(values[1] + (values[3] - values[1]) * (0.3 + 0.02 * i))
    row = "yearly: [" + ", ".join(f"{v:.0f}" for v in values) + "]"
    text = original[:match.start()] + row + original[match.end():]
    return text, f"${values[2]:,.0f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--work", default="/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir())
    parser.add_argument("--binary", default=os.path.join(REPO, "target", "release", "careers"))
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    work = os.path.join(args.work, "careers-serve-bench")
    os.makedirs(work, exist_ok=True)
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        root = corpus(work, size)
        name = "sample-occupation-%05d" % (size // 2)
        page_file = os.path.join(root, "content", name + ".md")
        proc, port = start(args.binary, root)
        try:
            for kind, edit in (("prose", prose_edit), ("wages", wage_edit)):
                times = measure(port, page_file, f"/{name}/", edit, args.edits)
                rows.append((size, kind, statistics.median(times), sorted(times)[int(len(times) * 0.9) - 1], max(times)))
                print(f"{size:>6} profiles, {kind:5} edit: median {rows[-1][2]:.1f} ms, "
                      f"p90 {rows[-1][3]:.1f} ms, max {rows[-1][4]:.1f} ms", flush=True)
        finally:
            proc.terminate()
            proc.wait()
    print()
    print(f"Save-to-served latency of `careers serve` ({args.edits} edits each, {os.cpu_count()} cores):")
    print()
    print("| profiles | edit | median | p90 | max |")
    print("|---:|---|---:|---:|---:|")
    for size, kind, median, p90, worst in rows:
        print(f"| {size:,} | {kind} | {median:.1f} ms | {p90:.1f} ms | {worst:.1f} ms |")
    if "--keep" not in sys.argv:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

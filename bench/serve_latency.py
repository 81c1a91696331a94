#!/usr/bin/env python3
"""How long `careers serve` takes to show a saved wage edit, over real HTTP.

    bench/serve_latency.py                 # 10,000 profiles, 20 edits
    bench/serve_latency.py --count 1000 --edits 10

It generates a site with the project's generator (careers-corpus, synthetic
profiles), starts `careers serve` (release build) on it, then many times
changes the primary-area (Washington) wages of one profile and saves it,
and measures, from the moment the file is written and closed:

  save -> page        until the edited profile's page is served with the
                      new median yearly wage;
  save -> consistent  until every output that shows that figure serves the
                      new one: the page, then the home page, the listings and
                      rankings, explore/index.json, occupations.csv and
                      occupations.json (the downloads are made on request).

Which outputs show the figure is not guessed: before serving, one edit is
applied and the site is built with `careers build`, and every file of that
build that holds the figure is an output to wait for. Each edit gives the
profile a new median above every other (400,000 and up), so it heads the
highest-paying ranking in every round and the set stays the same.

URLs are fetched one after another, HTML first, so the consistent time is
when the last of them was served with the figure: an upper bound (a reader
fetching in parallel could see it a little earlier). Between edits the
script waits until the server has been idle. The serve log's own timings
(rendered files and milliseconds per rebuild) are summarised as well.
"""
from __future__ import annotations

import argparse
import datetime as dt
import http.client
import math
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TARGETS = {"page_p90_ms": 50.0, "consistent_p90_ms": 1000.0}
YEARLY_ROW = re.compile(r"^(\s*)yearly: \[[^\]]*\]$", re.M)


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))


# ---------------------------------------------------------------- the edit


def primary_rows(text: str) -> tuple[int, int]:
    """Start and end of the first wage area's rows (the primary area's)."""
    start = text.index("    - area: \"Washington\"\n")
    end = text.index("    - area:", start + 1)
    return start, end


def with_median(original: str, median: int) -> str:
    """The profile with Washington's wages set around `median` (yearly),
    hourly and monthly agreeing with it, every row still increasing."""
    start, end = primary_rows(original)
    yearly = [median - 60000, median - 30000, median, median + 30000, median + 60000]
    hourly = ", ".join(f"{y / 2080:.2f}" for y in yearly)
    monthly = ", ".join(str(round(y / 12)) for y in yearly)
    block = ("    - area: \"Washington\"\n"
             f"      hourly: [{hourly}]\n"
             f"      monthly: [{monthly}]\n"
             f"      yearly: [{', '.join(map(str, yearly))}]\n")
    return original[:start] + block + original[end:]


def shows(body: bytes, median: int) -> bool:
    """Whether a page or file shows the median: "$401,007" on pages, a bare
    401007 (not part of a longer number) in data files."""
    if f"${median:,}".encode() in body:
        return True
    needle = str(median).encode()
    at = body.find(needle)
    while at >= 0:
        before = body[at - 1:at]
        after = body[at + len(needle):at + len(needle) + 1]
        if not (before.isdigit() or before == b".") and not after.isdigit():
            return True
        at = body.find(needle, at + 1)
    return False


def save(path: Path, text: str) -> float:
    """Writes the file as an editor does (in place) and returns the time
    the write was complete."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return time.perf_counter()


# ---------------------------------------------------------------- serving


def outputs_showing(binary: Path, root: Path, out: Path, median: int) -> list[str]:
    """URL paths of every file a full build writes that shows `median`."""
    subprocess.run([str(binary), "build", "--root", str(root), "--output", str(out), "--quiet"], check=True)
    urls = []
    for dirpath, _, names in os.walk(out):
        for name in names:
            path = Path(dirpath) / name
            if shows(path.read_bytes(), median):
                rel = path.relative_to(out).as_posix()
                urls.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    shutil.rmtree(out, ignore_errors=True)
    # Pages first, then the small data files, then the downloads: a download
    # fetched early would be sent whole again when it is still the old one.
    def order(url: str) -> tuple[int, int, str]:
        kind = 0 if url.endswith("/") or url.endswith(".html") else 1
        return (kind, 1 if url.startswith("/occupations.") else 0, url)
    return sorted(urls, key=order)


class Server:
    def __init__(self, binary: Path, root: Path, log_path: Path):
        self.log = open(log_path, "w")
        # TMPDIR: serve's preview folder beside the site (on tmpfs when the
        # work folder is), as the build benchmarks write to tmpfs.
        env = {**os.environ, "TMPDIR": str(log_path.parent)}
        self.proc = subprocess.Popen([str(binary), "serve", "--root", str(root), "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=self.log, text=True, env=env)
        line = self.proc.stdout.readline()
        found = re.search(r"127\.0\.0\.1:(\d+)", line)
        if not found:
            self.stop()
            raise SystemExit(f"careers serve did not start: {line!r}; see {log_path}")
        self.port = int(found.group(1))
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def get(self, path: str) -> tuple[int, bytes]:
        for attempt in range(3):
            try:
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, ConnectionError):
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if attempt == 2:
                    raise
        return 0, b""

    def cpu_ms(self) -> float:
        """CPU time (user + system, all threads) the server has used."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return math.nan

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def wait_until_shown(server: Server, url: str, median: int, deadline: float) -> float | str:
    """The time `url` was first served showing `median`, or what it served
    instead when `deadline` passed."""
    while True:
        status, body = server.get(url)
        now = time.perf_counter()
        if status == 200 and shows(body, median):
            return now
        if now > deadline:
            return f"HTTP {status}" + ("" if status != 200 else f" without ${median:,}")


def log_lines(path: Path, start: int) -> tuple[list[str], int]:
    text = path.read_text(encoding="utf-8", errors="replace")
    return text[start:].splitlines(), len(text)


REBUILD = re.compile(r"✓ (changes|listings): rendered (\d+) file\(s\) in ([\d.]+) ms")


# ---------------------------------------------------------------- main


def fmt_ms(x: float) -> str:
    return "never" if math.isinf(x) else f"{x:.0f} ms"


def pct(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=10000, help="profiles (default 10000)")
    ap.add_argument("--edits", type=int, default=20, help="measured edits (default 20)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--pause", type=float, default=1.0,
                    help="seconds of quiet before each edit, after the previous one is consistent (default 1)")
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="seconds an output may take to show an edit before it counts as never (default 10)")
    ap.add_argument("--no-build", action="store_true", help="use the release binaries already built")
    ap.add_argument("--binary", type=Path, help="careers binary (default: the release build)")
    ap.add_argument("--tmp", help="work folder location (default /dev/shm when writable)")
    ap.add_argument("--keep-log", type=Path, help="copy the serve log here")
    ap.add_argument("--results", type=Path, default=REPO / "bench" / "results" / "serve-latency.md",
                    help="Markdown report to write (default bench/results/serve-latency.md; '-' for none)")
    args = ap.parse_args(argv)

    if not args.no_build:
        log("cargo build --release -p careers -p careers-corpus ...")
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "careers", "-p", "careers-corpus"],
                       cwd=REPO, check=True)
    binary = args.binary or target_dir() / "release" / "careers"
    generator = target_dir() / "release" / "careers-corpus"
    base = args.tmp or ("/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    work = Path(tempfile.mkdtemp(prefix="careers-serve-latency-", dir=base))
    server = None
    try:
        root = work / "site"
        log(f"generating {args.count:,} profiles in {root} ...")
        subprocess.run([str(generator), "--count", str(args.count), "--out", str(root), "--seed", str(args.seed)],
                       check=True, stdout=subprocess.DEVNULL)
        name = f"sample-occupation-{args.count // 2:05d}"
        page_file = root / "content" / f"{name}.md"
        page_url = f"/{name}/"
        original = page_file.read_text(encoding="utf-8")
        medians = [400_007 + 1_000 * i for i in range(args.edits + 1)]

        log("finding the outputs that show the edited figure (one careers build) ...")
        save(page_file, with_median(original, medians[0]))
        urls = outputs_showing(binary, root, work / "probe", medians[0])
        if page_url not in urls:
            raise SystemExit(f"the build did not show the figure on {page_url}: {urls}")
        urls = [page_url] + [u for u in urls if u != page_url]
        log(f"  {len(urls)} outputs show it: {' '.join(urls)}")

        serve_log = work / "serve.log"
        started = time.perf_counter()
        server = Server(binary, root, serve_log)
        log(f"careers serve on port {server.port}, first build {time.perf_counter() - started:.1f} s")
        # Every output shows the first figure before the measured edits. One
        # that never does (within a minute) is reported and not waited for.
        never: dict[str, str] = {}
        for url in urls:
            shown = wait_until_shown(server, url, medians[0], time.perf_counter() + 60)
            if isinstance(shown, str):
                never[url] = shown
                log(f"  {url} is not served as the build writes it: {shown}")
        urls = [u for u in urls if u not in never]
        offset = len(serve_log.read_text(encoding="utf-8", errors="replace"))

        page_ms, consistent_ms, last_url = [], [], []
        cpu_page, cpu_all, loads = [], [], []
        by_url: dict[str, list[float]] = {u: [] for u in urls}
        engine: dict[str, list[tuple[int, float]]] = {"changes": [], "listings": []}
        for i, median in enumerate(medians[1:], 1):
            time.sleep(args.pause)
            cpu_before = server.cpu_ms()
            saved = save(page_file, with_median(original, median))
            deadline = saved + args.timeout
            t_page = wait_until_shown(server, page_url, median, deadline)
            cpu_page.append(server.cpu_ms() - cpu_before)
            times = {page_url: t_page}
            for url in urls:
                if url != page_url:
                    times[url] = wait_until_shown(server, url, median, deadline)
            cpu_all.append(server.cpu_ms() - cpu_before)
            # An output that did not show the figure in time counts as
            # infinitely late (and the next edit starts from what it shows).
            ms = {u: (t - saved) * 1000 if isinstance(t, float) else math.inf for u, t in times.items()}
            done_url = max(ms, key=ms.get)
            page_ms.append(ms[page_url])
            consistent_ms.append(ms[done_url])
            last_url.append(done_url)
            for url, t in ms.items():
                by_url[url].append(t)
            time.sleep(0.2)  # let the rebuild's log lines arrive
            lines, offset = log_lines(serve_log, offset)
            for line in lines:
                m = REBUILD.search(line)
                if m:
                    engine[m.group(1)].append((int(m.group(2)), float(m.group(3))))
            loads.append(os.getloadavg()[0])
            log(f"  edit {i:>2}: page {fmt_ms(page_ms[-1])}, consistent {fmt_ms(consistent_ms[-1])} "
                f"(last: {done_url}{': ' + str(times[done_url]) if math.isinf(ms[done_url]) else ''})")
        page_file.write_text(original, encoding="utf-8")
        if args.keep_log:
            shutil.copy(serve_log, args.keep_log)
    finally:
        if server:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)

    n = len(page_ms)
    partly = " (outputs served)" if never else ""
    rows = [
        ("save → page", page_ms, TARGETS["page_p90_ms"], cpu_page),
        ("save → consistent" + partly, consistent_ms, TARGETS["consistent_p90_ms"], cpu_all),
    ]
    when = dt.datetime.now().astimezone()
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                         text=True).stdout.strip() or "unknown"
    out = [
        f"### Preview latency: `careers serve`, {args.count:,} profiles, {n} wage edits",
        "",
        f"{when:%Y-%m-%d %H:%M %Z}, revision {rev}" + (f", binary {args.binary}" if args.binary else "") + ".",
        f"Command: `bench/serve_latency.py {' '.join(argv)}`".rstrip() + f"; {os.cpu_count()} CPUs; "
        f"corpus from careers-corpus, seed {args.seed}; the site and serve's preview folder on "
        f"{'tmpfs' if base == '/dev/shm' else 'the temporary folder'}.",
        "",
        f"Machine load during the edits (1-minute load average): median {statistics.median(loads):.1f}, "
        f"max {max(loads):.1f} on {os.cpu_count()} CPUs"
        + (": other processes competed for the CPUs, so wall times are longer than on a quiet "
           "machine; the CPU time serve used is given beside them." if statistics.median(loads) > 1.5 else "."),
        "",
        "| from save to | p50 | p90 | max | target (p90) | serve's CPU time, p50 |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for label, values, target, cpu in rows:
        ok = "✅" if pct(values, 90) <= target else "❌"
        if never and "consistent" in label:
            ok = "❌ (not all outputs served)"
        out.append(f"| {label.split('→ ')[1]} | {fmt_ms(pct(values, 50))} | {fmt_ms(pct(values, 90))} | "
                   f"{fmt_ms(max(values))} | {ok} ≤ {target:.0f} ms | {statistics.median(cpu):.0f} ms |")
    if never:
        out += ["", f"❌ Not consistent at all: {len(never)} output(s) that `careers build` writes, with the "
                "figure, are never served as built: "
                + ", ".join(f"`{u}` ({what})" for u, what in never.items())
                + ". The consistent row covers the other outputs only."]
    missed = sum(1 for v in consistent_ms if math.isinf(v))
    if missed:
        out += ["", f"❌ In {missed} of {n} edits some output did not show the new figure within "
                f"{args.timeout:.0f} s (counted as never)."]
    out += ["", f"{len(urls) + len(never)} outputs show the figure in a full build; time until each served it "
            "(fetched in this order):", "", "| output | p50 | p90 |", "|---|---:|---:|"]
    for url in urls:
        out.append(f"| `{url}` | {fmt_ms(pct(by_url[url], 50))} | {fmt_ms(pct(by_url[url], 90))} |")
    for url, what in never.items():
        out.append(f"| `{url}` | never ({what}) | |")
    for kind, what in (("changes", "the edited page"), ("listings", "the outputs left for after it")):
        if engine[kind]:
            files = statistics.median(f for f, _ in engine[kind])
            ms = statistics.median(t for _, t in engine[kind])
            out.append("")
            out.append(f"serve log, `{kind}` ({what}): median {ms:.0f} ms for {files:.0f} file(s) "
                       f"over {len(engine[kind])} rebuilds.")
    text = "\n".join(out) + "\n"
    print(text)
    if str(args.results) != "-":
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(text)
        log(f"written to {args.results}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)

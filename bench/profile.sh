#!/usr/bin/env bash
# Where does careers spend its CPU time? Samples one build with perf (or,
# without a working perf, callgrind) and prints the hottest functions.
#
#   bench/profile.sh                      # 1,000 profiles, bench theme, working tree
#   bench/profile.sh 10000 default        # 10,000 profiles, default theme
#   REV=HEAD bench/profile.sh 10000       # a committed revision (git archive), not the working tree
#
# Builds a separate release binary with line tables and frame pointers in
# target/bench-profile (target/release is not touched), generates the corpus
# with the project's generator (careers-corpus) under /dev/shm, and removes it
# at the end. The report is kept in bench/results/profile-N-THEME.txt.
set -euo pipefail

count="${1:-1000}"
theme="${2:-bench}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
tmp_base=/tmp; [ -w /dev/shm ] && tmp_base=/dev/shm
work="$(mktemp -d "$tmp_base/careers-profile-XXXXXX")"
trap 'rm -rf "$work"' EXIT

src="$repo"
what="working tree"
if [ -n "${REV:-}" ]; then
    rev="$(git -C "$repo" rev-parse --short "$REV")"
    mkdir "$work/src"
    # tar -m: extraction times, so cargo rebuilds instead of reusing a binary
    # of another revision built in the same target folder.
    git -C "$repo" archive --format=tar "$rev" | tar -x -m -C "$work/src"
    src="$work/src"
    what="revision $rev"
fi
echo "building careers ($what) with symbols in target/bench-profile ..." >&2
CARGO_TARGET_DIR="$repo/target/bench-profile" \
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only \
CARGO_PROFILE_RELEASE_STRIP=none \
RUSTFLAGS="${RUSTFLAGS:-} -C force-frame-pointers=yes" \
    cargo build --release --quiet --manifest-path "$src/Cargo.toml"
bin="$work/careers"
cp "$repo/target/bench-profile/release/careers" "$bin"

echo "generating $count profiles ..." >&2
(cd "$repo" && cargo run --release --quiet -p careers-corpus -- --count "$count" --out "$work/site" --flavor careers >/dev/null)
cp -r "$repo/themes" "$work/site/themes"
printf 'title: Career profiles\ntheme: %s\nprimary_area: Washington\n' "$theme" > "$work/site/site.yaml.new"
mv "$work/site/site.yaml.new" "$work/site/site.yaml"   # the generator's own names no theme
"$bin" build --root "$work/site" --output "$work/warm" --quiet   # warm the page cache
rm -rf "$work/warm"

mkdir -p "$here/results"
report="$here/results/profile-$count-$theme.txt"
perf_works() { command -v perf >/dev/null && perf record -q -o /dev/null -e cpu-clock true >/dev/null 2>&1; }
if ! perf_works && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq linux-perf >/dev/null 2>&1 || true
fi

# Inclusive time: keep the frames of careers and the libraries it calls, not
# the iterator and closure plumbing around them.
keep='careers::|tera::|serde_yaml::|serde_ignored::|pulldown_cmark::|unsafe_libyaml::|mi_malloc|mi_free|malloc|free|memmove|\[k\]'
plumbing='closure|call_mut|call_once|FnOnce|FnMut|\] (map|next|fold|for_each|collect|from_iter|extend|try_fold|spec_|consume|helper|bridge|in_worker|execute|join)|rayon|0x0000|\[k\] (0000|entry_SYSCALL|do_syscall)|MapAccess|SeqAccess|deserialize_(map|seq|option|struct)|visit_(map|seq|mapping)|next_(value|element|key)_seed|serialize_(field|element)|recursion_check|Wrap<|TrackedSeed'

if perf_works; then
    # cpu-clock is a software event: it works in VMs without hardware
    # counters. DWARF call graphs follow calls through glibc, which has no
    # frame pointers; a low rate keeps the data small.
    rate=$(( count > 2000 ? 499 : 1999 ))
    perf record -q -o "$work/perf.data" -e cpu-clock -F "$rate" --call-graph dwarf,16384 \
        "$bin" build --root "$work/site" --output "$work/out" --verbose 2> "$work/stages.txt"
    strip_cols() { grep -v '^#' | grep -v '^$' | sed 's/ *- *- *$//' | awk 'length($0) < 240'; }
    {
        echo "# careers build ($what), $count profiles, $theme theme: perf, cpu-clock at $rate Hz"
        echo
        echo "## careers build --verbose"
        cat "$work/stages.txt"
        echo
        echo "## Inclusive time, top 50 (% of all samples; children included)"
        perf report -i "$work/perf.data" --children --stdio --sort sym -g none --percent-limit 0.5 2>/dev/null \
            | strip_cols | grep -E "$keep" | grep -Ev "$plumbing" | head -50 || true
        echo
        echo "## Self time by function (top 40)"
        perf report -i "$work/perf.data" --no-children --stdio --sort sym -g none --percent-limit 0.3 2>/dev/null \
            | strip_cols | head -40 || true
    } > "$report"
else
    command -v valgrind >/dev/null || apt-get install -y -qq valgrind >/dev/null
    valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" \
        "$bin" build --root "$work/site" --output "$work/out" 2>/dev/null
    {
        echo "# careers build ($what), $count profiles, $theme theme: callgrind (instructions)"
        callgrind_annotate --inclusive=no "$work/cg.out" | head -60 || true
        echo
        callgrind_annotate --inclusive=yes "$work/cg.out" | head -80 || true
    } > "$report"
fi
cat "$report"
echo "written to $report" >&2

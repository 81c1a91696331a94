#!/usr/bin/env bash
# Fuzzes for longer than `cargo test` does: runs the property tests of
# tests/fuzz.rs again and again with fresh random seeds and many cases
# until SECONDS (default 600) have passed, then prints runs and cases.
#   scripts/fuzz.sh [SECONDS] [CASES_PER_RUN]
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-600}
cases=${2:-5000}
properties=8
cargo test --release --test fuzz --no-run -q
start=$(date +%s)
runs=0
while (( $(date +%s) - start < budget )); do
  PROPTEST_CASES=$cases cargo test --release --test fuzz -q >/dev/null
  runs=$((runs + 1))
done
elapsed=$(( $(date +%s) - start ))
echo "fuzzed ${elapsed}s: ${runs} runs x ${properties} properties x ${cases} cases = $((runs * properties * cases)) executions, no failure"

#!/usr/bin/env bash
# Kills `careers build` (release binary) at random moments, ROUNDS times
# (default 200), on PROFILES generated profiles (default 300), checking that
# output/ is always the previous or the new complete output. See
# tests/interrupted_builds.rs.
#   scripts/kill-test.sh [ROUNDS] [PROFILES]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
target="${CARGO_TARGET_DIR:-$PWD/target}"
CAREERS_BIN="$target/release/careers" KILL_ROUNDS=${1:-200} KILL_PROFILES=${2:-300} \
  KILL_SEED=$(date +%s) cargo test --release --test interrupted_builds -- --nocapture 2>&1 |
  grep -E "kills survived|panicked|test result"

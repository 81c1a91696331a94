#!/usr/bin/env bash
# Load on the preview server: wrk with 64 connections for SECONDS (default
# 30) against pages and assets of `careers serve` (release build, 300
# profiles) on 127.0.0.1, while a profile is saved every second. wrk's Lua
# script counts non-2xx answers and HTML pages that do not end with
# </html> (a half-written page). Prints requests/s, p99 latency, errors.
#   scripts/serve-load.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
secs=${1:-30}
source scripts/serve-common.sh
start_saver
lua="$work/check.lua"
cat >"$lua" <<'LUA'
local paths = {"/", "/static/style.css", "/clusters/", "/occupations.csv", "/robots.txt"}
for i = 0, 299, 7 do paths[#paths + 1] = string.format("/sample-occupation-%05d/", i) end
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) n = 0; bad_status = 0; incomplete = 0 end
function request()
  n = n + 1
  current = paths[(n % #paths) + 1]
  return wrk.format("GET", current)
end
function response(status, headers, body)
  if status < 200 or status > 299 then bad_status = bad_status + 1 end
  local ct = headers["content-type"] or headers["Content-Type"] or ""
  if ct:find("text/html") and not body:find("</html>%s*$") then incomplete = incomplete + 1 end
end
function done(summary, latency, requests)
  local bad, inc = 0, 0
  for _, t in ipairs(threads) do bad = bad + t:get("bad_status"); inc = inc + t:get("incomplete") end
  io.write(string.format("requests/s: %.0f\np99 latency: %.2f ms\nrequests: %d\nsocket errors: %d\nnon-2xx: %d\nincomplete pages: %d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    bad, inc))
end
LUA
wrk -t2 -c64 -d"${secs}s" --latency -s "$lua" "$base" | tee "$work/wrk.txt" | sed -n '/requests\/s:/,$p'
grep -q "^non-2xx: 0$" "$work/wrk.txt" && grep -q "^incomplete pages: 0$" "$work/wrk.txt" &&
  grep -q "^socket errors: 0$" "$work/wrk.txt"

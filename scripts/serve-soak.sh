#!/usr/bin/env bash
# Memory of the preview server over time: saves a profile every second for
# MINUTES (default 10) and samples the `careers serve` process's resident
# memory (VmRSS in /proc/PID/status) every 5 s; prints start, end and max
# and the number of rebuilds seen.
#   scripts/serve-soak.sh [MINUTES]
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
source scripts/serve-common.sh
rss() { awk '/^VmRSS/ {print $2}' "/proc/$serve_pid/status"; }
sleep 2
start=$(rss); max=$start
start_saver
end_at=$(( $(date +%s) + minutes * 60 ))
while (( $(date +%s) < end_at )); do
  sleep 5
  now=$(rss); (( now > max )) && max=$now
  echo "$(date +%T) rss ${now} kB" >>"$work/rss.txt"
done
end=$(rss)
echo "soak ${minutes} min, one save per second: RSS start ${start} kB, end ${end} kB, max ${max} kB"
curl -fs "$base/" | grep -q "</html>"

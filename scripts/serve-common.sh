# Shared by serve-load.sh and serve-soak.sh (sourced, not run): builds the
# release binary, generates a site of 300 profiles with the project's
# generator (careers-corpus), starts `careers serve` on 127.0.0.1 and a
# saver that edits one profile every second.
cargo build --release -q
work=$(mktemp -d)
port=${PORT:-43210}
cargo run --release -q -p careers-corpus -- --count 300 --out "$work/site" >/dev/null
"${CARGO_TARGET_DIR:-target}/release/careers" serve --root "$work/site" --bind 127.0.0.1 --port "$port" >"$work/serve.log" 2>&1 &
serve_pid=$!
saver_pid=
cleanup() {
  [[ -n $saver_pid ]] && kill "$saver_pid" 2>/dev/null || true
  kill -INT "$serve_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.5
done
base="http://127.0.0.1:$port"

# Saves one profile every second (a different line each time) until killed.
start_saver() {
  (
    n=0
    while true; do
      n=$((n + 1))
      file="$work/site/content/sample-occupation-$(printf %05d $((n % 300))).md"
      printf '\nSaved again (%d).\n' "$n" >>"$file"
      sleep 1
    done
  ) &
  saver_pid=$!
}

#!/usr/bin/env bash
# Paper orders through the HTTP API (issue 12; docs/BENCHMARKS.md §14): `tally paper` on the
# simulator's market takes market orders of 0.001 XBT/USD from wrk (Debian's `wrk`) for DURATION
# after a 20 s warm-up, on loopback; each order is in the account's SQLite store and its books
# refreshed before it is answered. Target: 1,000 orders a second with p99 under 10 ms. Prints
# wrk's figures, then the server's CPU time over the measured run and per order (§20).
# Usage, from anywhere: bench/run-paper.sh
# Environment: CONNECTIONS (10), DELAY_MS (9: each connection's pause between orders),
# DURATION (30s), PORT (8791).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-8791}"
connections="${CONNECTIONS:-10}"
export DELAY_MS="${DELAY_MS:-9}"
cd "$root"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
./tally --help >/dev/null

work="$(mktemp -d "${TMPDIR:-/tmp}/tally-paper.XXXXXX")"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
./tally paper --db "$work/paper.db" --port "$port" >"$work/paper.out" 2>"$work/paper.err" &
server=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.5
done
url="http://127.0.0.1:$port"
echo "== warm-up (20 s)" >&2
wrk -t2 -c"$connections" -d20s -s bench/wrk-paper.lua "$url" >/dev/null
echo "== measured run (${DURATION:-30s}, $connections connections, ${DELAY_MS} ms pause each)" >&2
# The server's CPU time over the measured run (user + system, in clock ticks), for CPU per order.
ticks() { awk '{print $14 + $15}' "/proc/$(pgrep -P "$server" java || echo "$server")/stat"; }
before=$(ticks)
wrk --latency -t2 -c"$connections" -d"${DURATION:-30s}" -s bench/wrk-paper.lua "$url" | tee "$work/wrk.out"
after=$(ticks)
orders=$(sed -n 's/^paced: \([0-9]*\) orders.*/\1/p' "$work/wrk.out")
awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$orders" \
  'BEGIN { printf "server CPU: %.1f s, %.3f ms per order\n", t / hz, t / hz * 1000 / n }'
curl -s "$url/api/v1/portfolio/margin" | head -c 400; echo

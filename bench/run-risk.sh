#!/usr/bin/env bash
# Pre-trade checks through the HTTP API (issue 13; docs/BENCHMARKS.md §15): `tally demo` serves
# the simulated account (its books, margin positions and risk layer) and wrk (Debian's `wrk`) posts
# POST /api/v1/risk/check for DURATION after a 20 s warm-up, on loopback, paced to about RATE
# checks a second. Target: 500 checks a second with p99 under 5 ms.
# Usage, from anywhere: bench/run-risk.sh
# Environment: CONNECTIONS (10), DELAY_MS (18: each connection's pause between checks),
# DURATION (30s), PORT (8792).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-8792}"
connections="${CONNECTIONS:-10}"
export DELAY_MS="${DELAY_MS:-18}"
cd "$root"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
./tally --help >/dev/null

work="$(mktemp -d "${TMPDIR:-/tmp}/tally-risk.XXXXXX")"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
./tally demo --port "$port" >"$work/demo.out" 2>"$work/demo.err" &
server=$!
for _ in $(seq 1 240); do
  grep -q "Synced" "$work/demo.out" 2>/dev/null && break
  sleep 0.5
done
url="http://127.0.0.1:$port"
echo "== warm-up (20 s)" >&2
wrk -t2 -c"$connections" -d20s -s bench/wrk-risk.lua "$url" >/dev/null
echo "== measured run (${DURATION:-30s}, $connections connections, ${DELAY_MS} ms pause each)" >&2
wrk --latency -t2 -c"$connections" -d"${DURATION:-30s}" -s bench/wrk-risk.lua "$url"
curl -s -X POST "$url/api/v1/risk/check" -d '{"pair":"XBT/USD","side":"buy","volume":"0.01"}'
echo

#!/usr/bin/env bash
# Load test of `tally serve` (docs/BENCHMARKS.md §5): GET /api/v1/portfolio for 60 s at about
# 2,000 requests/s with wrk (Debian's `wrk`), after a 20 s warm-up, on loopback.
# Usage, from anywhere: bench/run-load.sh [rows]   (default 20000 generated ledger rows, seed 42)
# Environment: CONNECTIONS (10), DELAY_MS (4: each connection's pause between requests),
# DURATION (60s), PORT (8790).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-20000}"
port="${PORT:-8790}"
connections="${CONNECTIONS:-10}"
export DELAY_MS="${DELAY_MS:-4}"
cd "$root"
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }

echo "== building the tally CLI and the benchmarks jar" >&2
./tally --help >/dev/null
./mvnw -q -B -Pbench -pl bench -am package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/tally-load.XXXXXX")"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
java -cp bench/target/benchmarks.jar io.tally.bench.LedgerCsvGenerator "$work/ledgers.csv" "$rows" 42 >&2
./tally import --db "$work/load.db" "$work/ledgers.csv" >/dev/null 2>&1

env -u KRAKEN_API_KEY -u KRAKEN_API_SECRET ./tally serve --db "$work/load.db" --port "$port" \
  >"$work/serve.out" 2>"$work/serve.err" &
server=$!
for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  sleep 0.5
done
url="http://127.0.0.1:$port/api/v1/portfolio"
echo "== warm-up (20 s)" >&2
wrk -t2 -c"$connections" -d20s -s bench/wrk-pace.lua "$url" >/dev/null
echo "== measured run (${DURATION:-60s}, $connections connections, ${DELAY_MS} ms pause each)" >&2
wrk --latency -t2 -c"$connections" -d"${DURATION:-60s}" -s bench/wrk-pace.lua "$url"

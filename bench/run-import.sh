#!/usr/bin/env bash
# Times `tally import` and `tally report` on a generated Kraken ledgers.csv (docs/BENCHMARKS.md).
# Usage, from anywhere: bench/run-import.sh [rows]   (default 1000000 rows, seed 42)
# Environment: SEED (default 42), KEEP=1 keeps the temporary directory, TMPDIR picks where it goes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
seed="${SEED:-42}"
cd "$root"

echo "== building the tally CLI (./tally --help) and the benchmarks jar" >&2
./tally --help >/dev/null
./mvnw -q -B -Pbench -pl bench -am package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true >&2

work="$(mktemp -d "${TMPDIR:-/tmp}/tally-bench.XXXXXX")"
if [ "${KEEP:-0}" = "1" ]; then
  echo "== keeping $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi
csv="$work/ledgers.csv"
db="$work/bench.db"

echo "== generating $rows ledger rows (seed $seed) into $csv" >&2
java -cp bench/target/benchmarks.jar io.tally.bench.LedgerCsvGenerator "$csv" "$rows" "$seed"

# Runs a command under /usr/bin/time -v (else bash's time) and prints its wall time and max RSS.
# The command's stdout goes to $work/<label>.out, its stderr (and time's report) to <label>.err.
measure() {
  local label="$1"
  shift
  local out="$work/$label.out" err="$work/$label.err"
  echo "== $label: $*" >&2
  local status=0
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$@" >"$out" 2>"$err" || status=$?
    cat "$err" | grep -v -E '^\s+(Command being timed|Average|Major|Minor|Voluntary|Involuntary|Swaps|File system|Socket|Signals|Page size|Exit status|Percent of CPU|Elapsed|Maximum resident|User time|System time)' >&2 || true
    local wall rss_kb user sys cpu
    wall="$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$err")"
    rss_kb="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$err")"
    user="$(sed -n 's/^\s*User time (seconds): //p' "$err")"
    sys="$(sed -n 's/^\s*System time (seconds): //p' "$err")"
    cpu="$(sed -n 's/^\s*Percent of CPU this job got: //p' "$err")"
    printf '%-7s wall %s  max RSS %s MiB  (user %ss, sys %ss, CPU %s, exit %s)\n' \
      "$label" "$wall" "$((rss_kb / 1024))" "$user" "$sys" "$cpu" "$status"
  else
    local TIMEFORMAT="%R"
    local seconds
    { seconds="$( { time "$@" >"$out" 2>"$err"; } 2>&1 )"; } || status=$?
    cat "$err" >&2
    printf '%-7s wall %ss  max RSS n/a (no /usr/bin/time)  (exit %s)\n' "$label" "$seconds" "$status"
  fi
  if [ "$status" -ne 0 ]; then
    echo "$label failed with exit status $status; its output is in $work (KEEP=1 keeps it)" >&2
    tail -n 20 "$err" >&2
    return "$status"
  fi
}

# ./tally rebuilds its jar when a source is newer: make sure that happens here, not while timed.
./tally --help >/dev/null
measure import ./tally import --db "$db" "$csv"
cat "$work/import.out" >&2
./tally --help >/dev/null
measure report ./tally report --db "$db" --price XBT=60000 --price ETH=3000 --price SOL=150 \
  --base EUR --format json
echo "== report: $(wc -c <"$work/report.out") bytes of JSON; csv $(wc -c <"$csv") bytes; db $(wc -c <"$db") bytes" >&2

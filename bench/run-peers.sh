#!/usr/bin/env bash
# Times Tally against ledger-cli on the same books, side by side (docs/BENCHMARKS.md, section 8).
# Usage, from anywhere: bench/run-peers.sh [rows] [runs]   (default 100000 rows, 3 runs each)
# Environment: SEED (default 42); KEEP=1 keeps the temporary directory; TMPDIR picks where it goes;
# TALLY_JAR times another build of the tally jar (default: the ./tally launcher, which builds the
# jar and its class-data archive when stale and starts java with the archive); FLOOR=1 times a third
# contestant in turn with the two, the least two JVM processes keeping the rows can do
# (io.tally.bench.ImportFloor, then io.tally.bench.ReportFloor; docs/BENCHMARKS.md §30).
#
# It generates a Kraken ledgers.csv with the prices it was made from, writes the same history as a
# ledger-cli journal with P directives, checks that both give the same asset balances, then runs,
# alternately and each under /usr/bin/time -v:
#   tally:  tally import --prices (into a fresh store: rows and prices, then the books folded and
#           checkpointed) + tally report --format json (from the checkpoint)
#   ledger: ledger -f book.ledger bal Assets -X EUR
# and prints every run's wall time and max RSS, the medians and the ratio tally/ledger.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-100000}"
runs="${2:-3}"
seed="${SEED:-42}"
base="EUR"
cd "$root"

if ! command -v ledger >/dev/null; then
  echo "ledger (ledger-cli) is not installed. On Debian or Ubuntu: apt-get install -y ledger" >&2
  exit 1
fi
if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time (GNU time) is not installed. On Debian or Ubuntu: apt-get install -y time" >&2
  exit 1
fi

echo "== building the benchmarks jar and the tally CLI (./tally --help)" >&2
./mvnw -q -B -Pbench -pl bench -am package -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true >&2
# After the benchmarks' build, which packages the modules again: the launcher then makes its
# class-data archives for the jar it will run, here rather than inside the first timed import.
./tally --help >/dev/null
if [ -n "${TALLY_JAR:-}" ]; then
  tally=(java -jar "$TALLY_JAR")
else
  tally=("$root/tally")
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/tally-peers.XXXXXX")"
if [ "${KEEP:-0}" = "1" ]; then
  echo "== keeping $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi
csv="$work/ledgers.csv"
prices="$work/prices.csv"
journal="$work/book.ledger"
db="$work/tally.db"

echo "== generating $rows ledger rows (seed $seed) with their prices, and the ledger-cli journal" >&2
java -cp bench/target/benchmarks.jar io.tally.bench.LedgerCsvGenerator "$csv" "$rows" "$seed" "$prices"
java -cp bench/target/benchmarks.jar io.tally.bench.JournalWriter "$csv" "$prices" "$base" "$journal"

# Current prices for Tally: the last line of each asset in the prices file, which is also the
# latest P directive ledger values with.
current=()
while read -r asset price; do
  current+=(--price "$asset=$price")
done < <(awk -F, 'NR > 1 { last[$2] = $3 } END { for (a in last) print a, last[a] }' "$prices" | sort)

tally_import=("${tally[@]}" import --db "$db" --prices "$prices" --base "$base" "$csv")
tally_report=("${tally[@]}" report --db "$db" "${current[@]}" --format json)
ledger_balance=(ledger -f "$journal" bal Assets -X "$base")
floor_db="$work/floor.db"
floor_java=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$root/bench/target/benchmarks.jar")
floor_import=("${floor_java[@]}" io.tally.bench.ImportFloor "$csv" "$floor_db")
floor_report=("${floor_java[@]}" io.tally.bench.ReportFloor "$floor_db")

# Runs a command under /usr/bin/time -v, stdout to $work/<label>.out, stderr to <label>.err; sets
# wall (seconds) and rss (KiB), and fails with the command's output when it fails.
timed() {
  local label="$1"
  shift
  local status=0
  /usr/bin/time -v "$@" >"$work/$label.out" 2>"$work/$label.err" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$label failed with exit status $status: $*" >&2
    tail -n 20 "$work/$label.err" >&2
    exit "$status"
  fi
  wall="$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/$label.err" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')"
  rss="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/$label.err")"
}

run_tally() {
  rm -f "$db" "$db-wal" "$db-shm"
  timed import "${tally_import[@]}"
  local import_wall="$wall" import_rss="$rss"
  timed report "${tally_report[@]}"
  tally_wall="$(awk -v a="$import_wall" -v b="$wall" 'BEGIN { printf "%.2f", a + b }')"
  tally_rss=$((import_rss > rss ? import_rss : rss))
  printf 'run %d  tally   %6.2f s  (import %.2f s + report %.2f s)  max RSS %5d MiB\n' \
    "$1" "$tally_wall" "$import_wall" "$wall" "$((tally_rss / 1024))"
  tally_walls+=("$tally_wall")
  tally_rsss+=("$tally_rss")
}

run_ledger() {
  timed ledger "${ledger_balance[@]}"
  printf 'run %d  ledger  %6.2f s  max RSS %5d MiB\n' "$1" "$wall" "$((rss / 1024))"
  ledger_walls+=("$wall")
  ledger_rsss+=("$rss")
}

run_floor() {
  rm -f "$floor_db" "$floor_db-wal" "$floor_db-shm"
  timed floor-import "${floor_import[@]}"
  local import_wall="$wall"
  timed floor-report "${floor_report[@]}"
  local floor_wall
  floor_wall="$(awk -v a="$import_wall" -v b="$wall" 'BEGIN { printf "%.2f", a + b }')"
  printf 'run %d  floor   %6.2f s  (keep the rows %.2f s + count them %.2f s)\n' \
    "$1" "$floor_wall" "$import_wall" "$wall"
  floor_walls+=("$floor_wall")
}

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Decimal text without trailing zeros, so 1250.0000 and 1250 compare equal.
normalize() {
  sed -E 's/^([-0-9]+\.[0-9]*[1-9])0+$/\1/; s/^([-0-9]+)\.0*$/\1/'
}

echo "== $runs runs each, alternating (tally first in odd runs, ledger first in even runs)" >&2
echo "   tally:  ${tally_import[*]}" >&2
echo "           ${tally_report[*]}" >&2
echo "   ledger: ${ledger_balance[*]}" >&2
if [ "${FLOOR:-0}" = "1" ]; then
  echo "   floor:  ${floor_import[*]}" >&2
  echo "           ${floor_report[*]}" >&2
fi
tally_walls=() tally_rsss=() ledger_walls=() ledger_rsss=() floor_walls=()
for ((run = 1; run <= runs; run++)); do
  if ((run % 2)); then
    run_tally "$run"
    run_ledger "$run"
  else
    run_ledger "$run"
    run_tally "$run"
  fi
  if [ "${FLOOR:-0}" = "1" ]; then
    run_floor "$run"
  fi
  if ((run == 1)); then
    # The same books: every asset's balance in the journal equals Tally's holding.
    ledger -f "$journal" bal Assets --flat --no-total |
      awk '{ print $2, $1 }' | while read -r asset amount; do
      printf '%s %s\n' "$asset" "$(normalize <<<"$amount")"
    done | grep -v ' 0$' | sort >"$work/ledger-balances.txt"
    jq -r '.holdings[] | "\(.asset) \(.amount)"' "$work/report.out" | while read -r asset amount; do
      printf '%s %s\n' "$asset" "$(normalize <<<"$amount")"
    done | grep -v ' 0$' | sort >"$work/tally-holdings.txt"
    if cmp -s "$work/ledger-balances.txt" "$work/tally-holdings.txt"; then
      echo "same books: ledger's Assets balances equal Tally's holdings for all" \
        "$(wc -l <"$work/tally-holdings.txt") assets ($(paste -sd, "$work/tally-holdings.txt" | sed 's/,/, /g'))"
    else
      echo "NOT the same books: ledger's Assets balances (<) differ from Tally's holdings (>):" >&2
      diff "$work/ledger-balances.txt" "$work/tally-holdings.txt" >&2 || true
      exit 1
    fi
    echo "valued in $base: ledger $(tail -n 1 "$work/ledger.out" | awk '{ print $1 }')," \
      "tally equity $(jq -r .equity_base "$work/report.out")"
  fi
done

tally_median="$(median "${tally_walls[@]}")"
ledger_median="$(median "${ledger_walls[@]}")"
tally_rss_median="$(median "${tally_rsss[@]}")"
ledger_rss_median="$(median "${ledger_rsss[@]}")"
printf 'median  tally %.2f s, max RSS %d MiB; ledger %.2f s, max RSS %d MiB\n' \
  "$tally_median" "$(awk -v k="$tally_rss_median" 'BEGIN { printf "%d", k / 1024 }')" \
  "$ledger_median" "$(awk -v k="$ledger_rss_median" 'BEGIN { printf "%d", k / 1024 }')"
awk -v t="$tally_median" -v l="$ledger_median" -v tr="$tally_rss_median" -v lr="$ledger_rss_median" \
  'BEGIN { printf "ratio   tally/ledger: wall %.2fx, max RSS %.2fx\n", t / l, tr / lr }'
if [ "${FLOOR:-0}" = "1" ]; then
  floor_median="$(median "${floor_walls[@]}")"
  awk -v f="$floor_median" -v l="$ledger_median" -v t="$tally_median" \
    'BEGIN { printf "floor   %.2f s: floor/ledger %.2fx, tally/floor %.2fx\n", f, f / l, t / f }'
fi
echo "sizes   csv $(wc -c <"$csv") bytes, journal $(wc -c <"$journal") bytes," \
  "tally store $(($(wc -c <"$db") + $(cat "$db-wal" 2>/dev/null | wc -c))) bytes"

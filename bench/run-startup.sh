#!/usr/bin/env bash
# Times PortfolioService start-up on a store of 1,000,000 events: checkpoint + 1,000-event tail,
# in one JVM (StartupBenchmark) and in 5 fresh JVMs (StartupBenchmark --once). docs/BENCHMARKS.md §4.
# Usage, from anywhere: bench/run-startup.sh [--keep] [--no-build] [StartupBenchmark options...]
#   --keep      keep the store in $TMPDIR/tally-startup-bench and reuse it next time (building it
#               takes minutes); without it, a temporary directory is used and removed at the end
#   --no-build  use bench/target/benchmarks.jar as it is
#   other options go to StartupBenchmark: --events N --tail N --batch N --seed N --method WAC|FIFO
#               --runs N --warmups N
# Environment: JVMS (default 5) fresh-JVM runs; JAVA_OPTS for the benchmark JVM (not the fresh
# ones, which run with default flags like ./tally).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
keep=0
build=1
args=()
for arg in "$@"; do
  case "$arg" in
    --keep) keep=1 ;;
    --no-build) build=0 ;;
    *) args+=("$arg") ;;
  esac
done
jvms="${JVMS:-5}"
jar=bench/target/benchmarks.jar

if [ "$build" = 1 ]; then
  echo "== building $jar" >&2
  # package, never install: -am builds core, store and engine from source.
  ./mvnw -q -B -ntp -Pbench -pl bench -am package -DskipTests -Dspotless.check.skip=true \
    -Djacoco.skip=true >&2
fi

if [ "$keep" = 1 ]; then
  work="${TMPDIR:-/tmp}/tally-startup-bench"
  mkdir -p "$work"
  echo "== keeping $work" >&2
  args+=(--keep)
else
  work="$(mktemp -d "${TMPDIR:-/tmp}/tally-startup-bench.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
fi

echo "== $(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs" >&2
# shellcheck disable=SC2086
java ${JAVA_OPTS:-} -cp "$jar" io.tally.bench.StartupBenchmark --dir "$work" "${args[@]}"

echo "== $jvms fresh JVMs: java -cp $jar io.tally.bench.StartupBenchmark --once $work"
echo "== $(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
results="$work/once.txt"
: >"$results"
for i in $(seq 1 "$jvms"); do
  started=$(date +%s%N)
  line="$(java -cp "$jar" io.tally.bench.StartupBenchmark --once "$work")"
  ended=$(date +%s%N)
  wall_ms=$(((ended - started) / 1000000))
  echo "$line process_wall_ms=$wall_ms" | tee -a "$results"
done

# min / median / max of each field over the fresh JVMs.
awk '
  {
    for (i = 2; i <= NF; i++) {
      split($i, kv, "=")
      if (kv[1] ~ /_ms$/) { values[kv[1]] = values[kv[1]] " " kv[2]; names[kv[1]] = 1 }
    }
  }
  END {
    order = "jvm_to_main_ms open_ms load_ms startup_ms process_to_books_ms process_wall_ms"
    n = split(order, keys, " ")
    for (k = 1; k <= n; k++) {
      key = keys[k]
      if (!(key in names)) continue
      m = split(substr(values[key], 2), v, " ")
      # insertion sort
      for (i = 2; i <= m; i++) { x = v[i] + 0; j = i - 1; while (j > 0 && v[j] + 0 > x) { v[j + 1] = v[j]; j-- } v[j + 1] = x }
      median = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
      printf "fresh JVM %-20s min %8.1f  median %8.1f  max %8.1f  (%d runs)\n", key, v[1], median, v[m], m
    }
  }' "$results"
echo "== $(date -u +%FT%TZ) load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

#!/usr/bin/env bash
# A/B: alternately import + report with two tally jars on one CSV, fresh store each run.
# usage: ab.sh CSV PRICES RUNS before.jar after.jar
set -euo pipefail
csv="$1"; prices="$2"; runs="$3"; shift 3
jars=("$@")
work=$(mktemp -d /tmp/store-ab/run.XXXX)
current=$(awk -F, 'NR > 1 { last[$2] = $3 } END { for (a in last) printf "--price %s=%s ", a, last[a] }' "$prices")
t() { /usr/bin/time -f "%e %M %U %S" "$@" 2>"$work/time" >"$work/out" || { cat "$work/time"; exit 1; }; tail -1 "$work/time"; }
for ((r = 1; r <= runs; r++)); do
  order=("${jars[@]}")
  if ((r % 2 == 0)); then order=("${jars[1]}" "${jars[0]}"); fi
  for jar in "${order[@]}"; do
    db="$work/$(basename "$jar" .jar).db"
    rm -f "$db" "$db-wal" "$db-shm"
    imp=$(t java -jar "$jar" import --db "$db" "$csv")
    size=$(wc -c <"$db")
    rep=$(t java -jar "$jar" report --db "$db" --prices "$prices" $current --base EUR --format json)
    echo "$r $(basename "$jar" .jar) import $imp report $rep db $size load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
rm -rf "$work"

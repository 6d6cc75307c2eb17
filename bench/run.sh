#!/usr/bin/env bash
# Whole-process benchmark of `fleetform validate` on synthetic fleets (bench/out/<hosts>/fleet.yaml).
# Measures wall time and peak RSS with GNU time, 3 runs per size, and prints the medians as a
# Markdown table (also written to bench/out/results.md).
#   bench/run.sh                 # 1,000 / 10,000 / 50,000 hosts
#   SIZES="1000 5000" bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1000 10000 50000"}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
. scripts/find-jdk.sh
ff_require_java
JAVA=$FLEETFORM_JAVA
GNU_TIME=/usr/bin/time
[[ -x $GNU_TIME ]] || { echo "run.sh: GNU time ($GNU_TIME) is required" >&2; exit 2; }

if [[ ! -f cli/target/fleetform.jar || ! -d bench/target/classes ]]; then
  echo "building the CLI and the generator..." >&2
  ./mvnw -o -q install -DskipTests
fi
if [[ -x ./fleetform ]]; then
  FLEETFORM=(./fleetform)
else
  echo "run.sh: no ./fleetform launcher, using java -jar cli/target/fleetform.jar" >&2
  FLEETFORM=("$JAVA" -jar cli/target/fleetform.jar)
fi

# untimed: the launcher (re)builds the jar if needed and prepares its start-up cache once per build
"${FLEETFORM[@]}" --version > /dev/null

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

results=bench/out/results.md
mkdir -p bench/out
{
  echo "| hosts | VMs | fleet.yaml | validate wall time (median of $RUNS) | peak RSS (median) | exit code |"
  echo "|---:|---:|---:|---:|---:|---:|"
} > "$results"

for n in $SIZES; do
  dir=bench/out/$n
  if [[ ! -f $dir/fleet.yaml || ! -f $dir/summary.txt ]]; then
    "$JAVA" -cp bench/target/classes dev.fleetform.bench.GenerateFleet \
      --hosts "$n" --out "$dir" --seed "$SEED" --changed-percent 5 > "$dir.summary.tmp"
    mv "$dir.summary.tmp" "$dir/summary.txt"
  fi
  vms=$(sed -n '1s/.* \([0-9]*\) VMs.*/\1/p' "$dir/summary.txt")
  size=$(du -h "$dir/fleet.yaml" | cut -f1)
  : > "$dir/times.txt"
  rc=0
  for ((r = 1; r <= RUNS; r++)); do
    set +e
    "$GNU_TIME" -f '%e %M' -o "$dir/time.txt" "${FLEETFORM[@]}" validate "$dir/fleet.yaml" > "$dir/validate.out" 2>&1
    rc=$?
    set -e
    tail -n 1 "$dir/time.txt" >> "$dir/times.txt"
  done
  wall=$(cut -d' ' -f1 "$dir/times.txt" | median)
  rss=$(cut -d' ' -f2 "$dir/times.txt" | median)
  echo "| $n | $vms | $size | ${wall} s | $((rss / 1024)) MiB | $rc |" >> "$results"
  if [[ $rc -ne 0 ]]; then
    echo "run.sh: validate of $dir/fleet.yaml exited $rc; its output starts with:" >&2
    head -n 5 "$dir/validate.out" >&2
  fi
done
cat "$results"

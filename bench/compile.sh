#!/usr/bin/env bash
# Whole-process benchmark of `fleetform compile` on synthetic fleets, next to
# `ansible-inventory --list` on the inventory it wrote (the goal: Fleetform compiles everything
# at least 5x faster than Ansible merely parses the inventory). Median of RUNS runs each.
#   bench/compile.sh                  # 10,000 hosts
#   SIZES="1000 10000" bench/compile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000"}
RUNS=${RUNS:-3}
. scripts/find-jdk.sh
ff_require_java
command -v ansible-inventory >/dev/null || { echo "compile.sh: ansible-inventory is required (apt-get install ansible-core)" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "compile.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }

./fleetform --version >/dev/null    # builds the jar if needed, outside the timings
[[ -d bench/target/classes ]] || ./mvnw -q -pl bench -am install -DskipTests

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "| hosts | compile wall (median of $RUNS) | compile peak RSS | files | ansible-inventory --list wall | ratio |"
echo "|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  dir=bench/out/$n
  if [[ ! -f $dir/fleet.yaml ]]; then
    mkdir -p "$dir"
    "$FLEETFORM_JAVA" -cp bench/target/classes dev.fleetform.bench.GenerateFleet --hosts "$n" --out "$dir" --seed 1 > "$dir/summary.txt"
  fi
  : > "$dir/compile-times.txt"; : > "$dir/inventory-times.txt"
  for ((r = 1; r <= RUNS; r++)); do
    /usr/bin/time -f '%e %M' -o "$dir/t.txt" ./fleetform compile "$dir/fleet.yaml" -o "$dir/compiled" > "$dir/compile.out" 2>&1
    tail -n 1 "$dir/t.txt" >> "$dir/compile-times.txt"
    /usr/bin/time -f '%e %M' -o "$dir/t.txt" ansible-inventory -i "$dir/compiled/ansible/inventory.yml" --list > /dev/null 2>&1
    tail -n 1 "$dir/t.txt" >> "$dir/inventory-times.txt"
  done
  cw=$(cut -d' ' -f1 "$dir/compile-times.txt" | median)
  cm=$(cut -d' ' -f2 "$dir/compile-times.txt" | median)
  aw=$(cut -d' ' -f1 "$dir/inventory-times.txt" | median)
  files=$(wc -l < "$dir/compiled/MANIFEST.sha256")
  echo "| $n | ${cw} s | $((cm / 1024)) MiB | $files | ${aw} s | $(awk -v a="$aw" -v c="$cw" 'BEGIN { printf "%.1fx", a / c }') |"
done

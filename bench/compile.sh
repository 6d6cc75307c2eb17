#!/usr/bin/env bash
# Whole-process benchmark of `fleetform compile` on synthetic fleets, next to
# `ansible-inventory --list` on the inventory it wrote (the goal: Fleetform compiles everything
# at least 5x faster than Ansible merely parses the inventory). The first compile goes into an
# empty DIR; the next RUNS go into the previous output, as CI and the reconciler do (unchanged
# files are reused): median of those.
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

echo "| hosts | first compile (empty DIR) | again (median of $RUNS) | peak RSS | files | ansible-inventory --list (median of $RUNS) | ratio |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in $SIZES; do
  dir=bench/out/$n
  if [[ ! -f $dir/fleet.yaml ]]; then
    mkdir -p "$dir"
    "$FLEETFORM_JAVA" -cp bench/target/classes dev.fleetform.bench.GenerateFleet --hosts "$n" --out "$dir" --seed 1 > "$dir/summary.txt"
  fi
  # A new DIR each time, removed only after the timings: on an ext4 without a journal (this
  # machine's), files created within minutes of deleting many others cost several times more.
  old=$dir/compiled.old.$$
  [[ -d $dir/compiled ]] && mv "$dir/compiled" "$old"
  out=$dir/compiled.$(date +%s)
  : > "$dir/compile-times.txt"; : > "$dir/inventory-times.txt"
  /usr/bin/time -f '%e %M' -o "$dir/t.txt" ./fleetform compile "$dir/fleet.yaml" -o "$out" > "$dir/compile.out" 2>&1
  first=$(tail -n 1 "$dir/t.txt")
  for ((r = 1; r <= RUNS; r++)); do
    /usr/bin/time -f '%e %M' -o "$dir/t.txt" ./fleetform compile "$dir/fleet.yaml" -o "$out" > "$dir/compile.out" 2>&1
    tail -n 1 "$dir/t.txt" >> "$dir/compile-times.txt"
    /usr/bin/time -f '%e %M' -o "$dir/t.txt" ansible-inventory -i "$out/ansible/inventory.yml" --list > /dev/null 2>&1
    tail -n 1 "$dir/t.txt" >> "$dir/inventory-times.txt"
  done
  cw=$(cut -d' ' -f1 "$dir/compile-times.txt" | median)
  cm=$( (cut -d' ' -f2 "$dir/compile-times.txt"; echo "${first#* }") | sort -n | tail -n 1)
  aw=$(cut -d' ' -f1 "$dir/inventory-times.txt" | median)
  files=$(wc -l < "$out/MANIFEST.sha256")
  rm -rf "$old"
  mv "$out" "$dir/compiled"   # kept for a look; the next run starts from a new DIR again
  slower=$(printf '%s\n%s\n' "${first%% *}" "$cw" | sort -n | tail -n 1)
  echo "| $n | ${first%% *} s | ${cw} s | $((cm / 1024)) MiB | $files | ${aw} s | $(awk -v a="$aw" -v c="$slower" 'BEGIN { printf "%.1fx", a / c }') |"
done

#!/usr/bin/env bash
# Whole-process benchmark of `fleetform plan` on a synthetic fleet: a temporary git repository
# whose HEAD~1 is a generated fleet.yaml of N hosts and whose HEAD changes P% of them; plan reads
# both revisions from git objects, validates, compiles and diffs them. Wall time and peak RSS by
# GNU time, median of RUNS runs, printed as a Markdown row. Target: <= 6 s for 10,000 hosts.
#   bench/plan.sh                       # 10,000 hosts, 1% changed
#   HOSTS=50000 RUNS=5 bench/plan.sh
set -euo pipefail
cd "$(dirname "$0")/.."

HOSTS=${HOSTS:-10000}
CHANGED=${CHANGED:-1}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
GNU_TIME=/usr/bin/time
[[ -x $GNU_TIME ]] || { echo "plan.sh: GNU time ($GNU_TIME) is required" >&2; exit 2; }
command -v git > /dev/null || { echo "plan.sh: git is required" >&2; exit 2; }

if [[ ! -f cli/target/fleetform.jar || ! -d bench/target/classes ]]; then
  echo "building the CLI and the generator..." >&2
  ./mvnw -o -q install -DskipTests
fi
if [[ -x ./fleetform ]]; then
  FLEETFORM=("$PWD/fleetform")
else
  echo "plan.sh: no ./fleetform launcher, using java -jar cli/target/fleetform.jar" >&2
  FLEETFORM=("$JAVA" -jar "$PWD/cli/target/fleetform.jar")
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$JAVA" -cp bench/target/classes dev.fleetform.bench.GenerateFleet \
  --hosts "$HOSTS" --changed-percent "$CHANGED" --seed "$SEED" --out "$work/gen" > "$work/summary.txt"

repo=$work/repo
git init -q -b main "$repo"
gitc() { git -C "$repo" -c user.name=bench -c user.email=bench@example.com -c commit.gpgsign=false "$@"; }
cp "$work/gen/fleet.yaml" "$repo/fleet.yaml"
gitc add fleet.yaml && gitc commit -q -m "base: $HOSTS hosts"
cp "$work/gen/fleet-changed.yaml" "$repo/fleet.yaml"
gitc add fleet.yaml && gitc commit -q -m "head: $CHANGED% of the hosts changed"

# one untimed run first: the launcher may (re)build the jar and prepare its start-up cache
"${FLEETFORM[@]}" plan --repo "$repo" --base HEAD~1 --head HEAD --format json --out /dev/null > /dev/null 2>&1 || true

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
: > "$work/times.txt"
rc=0
for ((r = 1; r <= RUNS; r++)); do
  set +e
  "$GNU_TIME" -f '%e %M' -o "$work/time.txt" "${FLEETFORM[@]}" plan --repo "$repo" --base HEAD~1 --head HEAD \
    --format json --out /dev/null > "$work/plan.out" 2>&1
  rc=$?
  set -e
  tail -n 1 "$work/time.txt" >> "$work/times.txt"
done
# 0 no changes, 2 changes, 3 unapproved destructive: all mean a plan was made
if [[ $rc -ne 0 && $rc -ne 2 && $rc -ne 3 ]]; then
  echo "plan.sh: plan exited $rc; its output starts with:" >&2
  head -n 5 "$work/plan.out" >&2
fi
wall=$(cut -d' ' -f1 "$work/times.txt" | median)
rss=$(cut -d' ' -f2 "$work/times.txt" | median)
echo "| hosts | changed | plan wall time (median of $RUNS) | peak RSS (median) | exit code | summary |"
echo "|---:|---:|---:|---:|---:|---|"
echo "| $HOSTS | $CHANGED% | ${wall} s | $((rss / 1024)) MiB | $rc | $(head -n 1 "$work/plan.out") |"

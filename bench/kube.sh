#!/usr/bin/env bash
# Whole-process benchmark of `fleetform apply` and `fleetform drift` against a mock Kubernetes API
# server (bench/.../MockCluster: fabric8's CRUD mock server with the reconciler's kube-apiserver
# defaulting, seeded with the pool nodes and the miners' Secrets). A synthetic fleet whose
# Kubernetes set is about 2,000 objects (Namespaces, ConfigMaps, Deployments, PDBs, HPAs, Node
# patches). Each run starts an empty cluster and times, by GNU time (wall, peak RSS):
#   1. apply from empty (must exit 0),
#   2. a no-change drift (must exit 0: in sync),
#   3. a second apply (must exit 0 and write nothing),
# all with --target k8s (the synthetic fleet's hosts are not reachable),
# counting the requests each one made. Prints the medians of RUNS runs as a Markdown table.
# Fails loudly when drift finds anything or the second apply writes.
#   bench/kube.sh
#   HOSTS=1000 MINERS=480 RUNS=3 bench/kube.sh
set -euo pipefail
cd "$(dirname "$0")/.."

HOSTS=${HOSTS:-1000}
MINERS=${MINERS:-480}
RUNS=${RUNS:-3}
SEED=${SEED:-1}
. scripts/find-jdk.sh
ff_require_java
JAVA=$FLEETFORM_JAVA
GNU_TIME=/usr/bin/time
[[ -x $GNU_TIME ]] || { echo "kube.sh: GNU time ($GNU_TIME) is required" >&2; exit 2; }

if [[ ! -f cli/target/fleetform.jar || ! -f bench/target/classpath.txt ]]; then
  echo "building the CLI and the bench module..." >&2
  ./mvnw -o -q package -DskipTests
fi
if [[ -x ./fleetform ]]; then
  FLEETFORM=("$PWD/fleetform")
else
  echo "kube.sh: no ./fleetform launcher, using java -jar cli/target/fleetform.jar" >&2
  FLEETFORM=("$JAVA" -jar "$PWD/cli/target/fleetform.jar")
fi
BENCH_CP="bench/target/classes:$(cat bench/target/classpath.txt)"

work=$(mktemp -d)
mock_pid=""
stop_mock() {
  if [[ -n $mock_pid ]]; then
    echo quit >&"${MOCK[1]}" 2> /dev/null || true
    wait "$mock_pid" 2> /dev/null || true
    mock_pid=""
  fi
}
trap 'stop_mock; rm -rf "$work"' EXIT
die() { echo "kube.sh: FAILED: $*" >&2; exit 1; }

"$JAVA" -cp bench/target/classes dev.fleetform.bench.GenerateFleet \
  --hosts "$HOSTS" --miners "$MINERS" --seed "$SEED" --out "$work/gen" > "$work/summary.txt"
fleet=$work/gen/fleet.yaml
kubeconfig=$work/kubeconfig

# untimed: the launcher (re)builds the jar if needed and prepares its start-up cache
"${FLEETFORM[@]}" validate "$fleet" > /dev/null 2>&1 || die "the generated fleet does not validate: ${FLEETFORM[*]} validate $fleet"

start_mock() {
  coproc MOCK { exec "$JAVA" -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -cp "$BENCH_CP" \
    dev.fleetform.bench.MockCluster "$fleet" "$kubeconfig" 2> "$work/mock.err"; }
  mock_pid=$MOCK_PID
  local line
  read -r -t 300 line <&"${MOCK[0]}" || die "the mock cluster did not start: $(tail -n 5 "$work/mock.err")"
  [[ $line == ready* ]] || die "the mock cluster said '$line'"
  ready=$line
}
mock() { # mock COMMAND: sends it, prints the one-line answer
  local line
  echo "$1" >&"${MOCK[1]}"
  read -r -t 60 line <&"${MOCK[0]}" || die "the mock cluster did not answer '$1'"
  echo "$line"
}
count() { # count KEY STATS_LINE: the number, or the script stops (an empty count must not read as 0)
  local n
  n=$(sed -n "s/.* $1=\([0-9][0-9]*\).*/\1/p" <<< "${2%%|*}")
  [[ -n $n ]] || die "no '$1' in the mock cluster's answer '$2'"
  echo "$n"
}

# timed RUN PHASE COMMAND...: appends "wall rss" to $work/PHASE.times, leaves the exit code in $rc
timed() {
  local phase=$1; shift
  set +e
  "$GNU_TIME" -f '%e %M' -o "$work/time.txt" "$@" > "$work/$phase.out" 2>&1
  rc=$?
  set -e
  tail -n 1 "$work/time.txt" >> "$work/$phase.times"
}
show() { echo "--- fleetform $1 output (head):" >&2; head -n 20 "$work/$1.out" >&2; }

psi() { sed -n 's/^some avg10=\([0-9.]*\) avg60=\([0-9.]*\) avg300=\([0-9.]*\).*/avg10 \1, avg60 \2, avg300 \3/p' /proc/pressure/cpu 2> /dev/null; }
psi_before=$(psi)

for ((r = 1; r <= RUNS; r++)); do
  rm -f "$kubeconfig"
  start_mock
  echo "run $r/$RUNS: $ready" >&2

  timed apply "${FLEETFORM[@]}" apply "$fleet" --kubeconfig "$kubeconfig" --target k8s
  apply_stats=$(mock stats)
  [[ $rc -eq 0 ]] || { show apply; die "apply from empty exited $rc (0 = converged expected)"; }
  mock reset > /dev/null

  timed drift "${FLEETFORM[@]}" drift "$fleet" --kubeconfig "$kubeconfig" --target k8s
  drift_stats=$(mock stats)
  [[ $rc -eq 0 ]] || { show drift; die "drift after apply exited $rc: 0 (in sync) expected"; }
  writes=$(count writes "$drift_stats") # an assignment, so that set -e stops on a missing count
  [[ $writes -eq 0 ]] || die "drift wrote: $drift_stats"
  mock reset > /dev/null

  timed again "${FLEETFORM[@]}" apply "$fleet" --kubeconfig "$kubeconfig" --target k8s
  again_stats=$(mock stats)
  [[ $rc -eq 0 ]] || { show again; die "the second apply exited $rc (0 expected)"; }
  writes=$(count writes "$again_stats")
  [[ $writes -eq 0 ]] || die "the second apply wrote to the cluster: $again_stats"

  stop_mock
  for phase in apply drift again; do
    s=${phase}_stats
    echo "${!s}" >> "$work/$phase.stats"
  done
  echo "  apply: $(tail -n 1 "$work/apply.times"), drift: $(tail -n 1 "$work/drift.times"), second apply: $(tail -n 1 "$work/again.times") (s, KiB)" >&2
done
psi_after=$(psi)

for phase in apply drift again; do
  [[ $(cut -d'|' -f1 "$work/$phase.stats" | sort -u | wc -l) -eq 1 ]] \
    || echo "kube.sh: note: the $phase request counts differed between runs (retries?); the table shows the last run's" >&2
done
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
wall() { cut -d' ' -f1 "$work/$1.times" | median; }
rss() { echo "$(($(cut -d' ' -f2 "$work/$1.times" | median) / 1024))"; }
verbs() { # "LIST 6, GET 481, POST 1082, PATCH 948" of a stats line (only the verbs used)
  local s=$1 out="" k n
  for k in list get watch POST PUT PATCH DELETE; do
    n=$(count "$k" "$s")
    [[ $n -gt 0 ]] && out+="${out:+, }${k^^} $n"
  done
  echo "${out:-none}"
}
apply_stats=$(tail -n 1 "$work/apply.stats")
drift_stats=$(tail -n 1 "$work/drift.stats")
again_stats=$(tail -n 1 "$work/again.stats")
objects=$(sed -n 's/.* desired=\([0-9]*\).*/\1/p' <<< "$ready")

echo "Fleet: $(head -n 1 "$work/summary.txt" | sed 's#^.*/fleet.yaml: ##') (HOSTS=$HOSTS MINERS=$MINERS SEED=$SEED); $objects Kubernetes objects."
echo "CPU pressure (/proc/pressure/cpu, some) before: ${psi_before:-n/a}; after: ${psi_after:-n/a}."
echo
echo "| objects | apply from empty: wall (median of $RUNS) | peak RSS | requests | no-change drift: wall | peak RSS | requests (LIST / GET / writes) | second apply: wall | writes |"
echo "|---:|---:|---:|---|---:|---:|---|---:|---:|"
echo "| $objects | $(wall apply) s | $(rss apply) MiB | $(verbs "$apply_stats") | $(wall drift) s | $(rss drift) MiB |" \
  "$(count list "$drift_stats") / $(count get "$drift_stats") / $(count writes "$drift_stats") | $(wall again) s | $(count writes "$again_stats") |"
echo
echo "Requests by resource (verb=count):"
echo "- apply from empty: ${apply_stats#*| }"
echo "- no-change drift: ${drift_stats#*| }"
echo "- second apply: ${again_stats#*| }"

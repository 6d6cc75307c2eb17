#!/usr/bin/env bash
# Steady state of the reconcile loop (issue 13's benchmark): `fleetform reconcile` as a daemon (the
# launcher's daemon JVM) following a git repository whose fleet has both families at once:
#   - N lab hosts (lab/up: real sshd in network namespaces), reconciled over SSH;
#   - their Kubernetes side, about 2,000 objects (a pool of those hosts running MINERS miners, 880:
#     bench/.../SteadyFleet), against the mock API server (bench/.../MockCluster).
# The first run converges everything (untimed). Then RUNS no-change runs, each triggered by the
# push hook, are timed from the loop's own fleetform_reconcile_duration_seconds (must end "in sync":
# zero writes to the mock); the daemon's RSS after each and its peak over the no-change runs and
# the idle time between them (/proc: VmRSS, VmHWM reset after the first run), and its CPU while
# idle between runs (/proc/PID/stat over IDLE seconds) are read alongside.
# Needs root (lab/up). Uses its own lab (FLEETFORM_LAB, default 9) and takes it down after.
#   sudo bench/steady.sh
#   N=50 MINERS=880 RUNS=3 IDLE=20 bench/steady.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-50}
MINERS=${MINERS:-880}
RUNS=${RUNS:-3}
IDLE=${IDLE:-20}
PORT=${PORT:-19797}
LIMIT_MIB=${LIMIT_MIB:-512}   # the container memory limit, as deploy/reconciler.yaml sets it
export FLEETFORM_LAB=${FLEETFORM_LAB:-9}
[ "$(id -u)" = 0 ] || { echo "steady.sh: run as root (lab/up makes network namespaces)" >&2; exit 2; }
for tool in curl python3 git; do command -v $tool >/dev/null || { echo "steady.sh: $tool is required" >&2; exit 2; }; done
. scripts/find-jdk.sh
ff_require_java
JAVA=$FLEETFORM_JAVA

if [[ ! -f cli/target/fleetform.jar || ! -f bench/target/classpath.txt ]]; then
  echo "building the CLI and the bench module..." >&2
  ./mvnw -o -q package -DskipTests
fi
BENCH_CP="bench/target/classes:$(cat bench/target/classpath.txt)"
out=lab/out-$FLEETFORM_LAB
[ "$FLEETFORM_LAB" = 0 ] && out=lab/out
work=$(mktemp -d)
loop_pid="" mock_pid="" cgroup=""
cleanup() {
  [[ -n $loop_pid ]] && { kill "$loop_pid" 2>/dev/null; wait "$loop_pid" 2>/dev/null || true; }
  [[ -n $cgroup ]] && { rmdir "$cgroup" 2>/dev/null || true; }
  [[ -n $mock_pid ]] && { echo quit >&"${MOCK[1]}" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; }
  lab/down >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
die() { echo "steady.sh: FAILED: $*" >&2; [[ -f $work/loop.log ]] && tail -n 20 "$work/loop.log" >&2; exit 1; }

lab/up "$N" 0 >&2
repo=$work/repo
mkdir -p "$repo"
"$JAVA" -cp "$BENCH_CP" dev.fleetform.bench.SteadyFleet "$out/fleet.yaml" "$MINERS" "$repo/fleet.yaml"
cp "$out/known_hosts" "$repo/known_hosts"
git -C "$repo" init -q -b main
git -C "$repo" -c user.name=bench -c user.email=bench@example.com add fleet.yaml known_hosts
git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m "steady fleet"
# untimed: the launcher (re)builds the jar if needed and prepares its start-up cache
./fleetform validate "$repo/fleet.yaml" >/dev/null || die "the steady fleet does not validate"

coproc MOCK { exec "$JAVA" -XX:+UseParallelGC -XX:TieredStopAtLevel=1 -cp "$BENCH_CP" \
  dev.fleetform.bench.MockCluster "$repo/fleet.yaml" "$work/kubeconfig" 2> "$work/mock.err"; }
mock_pid=$MOCK_PID
read -r -t 300 ready <&"${MOCK[0]}" || die "the mock cluster did not start: $(tail -n 5 "$work/mock.err")"
[[ $ready == ready* ]] || die "the mock cluster said '$ready'"
mock() { local line; echo "$1" >&"${MOCK[1]}"; read -r -t 60 line <&"${MOCK[0]}" || die "the mock did not answer '$1'"; echo "$line"; }
objects=$(sed -n 's/.* desired=\([0-9]*\).*/\1/p' <<< "$ready")

# The daemon runs as deployed: in a memory cgroup with the Deployment's limit, from which its JVM
# sizes its heap (MaxRAMPercentage); cgroup v2 where it has the memory controller, else v1.
if grep -qw memory /sys/fs/cgroup/cgroup.controllers 2>/dev/null; then
  cgroup=/sys/fs/cgroup/fleetform-steady-$$
  mkdir "$cgroup" && echo $((LIMIT_MIB << 20)) > "$cgroup/memory.max"
elif [[ -d /sys/fs/cgroup/memory ]]; then
  cgroup=/sys/fs/cgroup/memory/fleetform-steady-$$
  mkdir "$cgroup" && echo $((LIMIT_MIB << 20)) > "$cgroup/memory.limit_in_bytes"
else
  die "no memory cgroup to run the daemon in (neither cgroup v2 with the memory controller nor v1's /sys/fs/cgroup/memory)"
fi

secret=$(head -c 24 /dev/urandom | base64)
export FLEETFORM_BENCH_HOOK_SECRET=$secret
sh -c 'echo $$ > "$1/cgroup.procs" && shift && exec "$@"' - "$cgroup" ./fleetform reconcile --repo "$repo" --interval 1h --jitter 0 --listen "127.0.0.1:$PORT" \
  --kubeconfig "$work/kubeconfig" --cache-dir "$work/cache" --webhook-secret-env FLEETFORM_BENCH_HOOK_SECRET \
  > "$work/loop.log" 2>&1 &
loop_pid=$!

metric() { # metric NAME[{labels}]: its value on /metrics (sum over series when no labels are given), or "" before the server is up
  curl -fsS "http://127.0.0.1:$PORT/metrics" 2>/dev/null | awk -v m="$1" '
    index($0, m) == 1 && (substr($0, length(m) + 1, 1) == " " || substr($0, length(m) + 1, 1) == "{") { s += $NF; found = 1 }
    END { if (found) printf "%.6f\n", s }' || true
}
runs() { metric fleetform_reconcile_total; }
wait_runs() { # wait_runs N: until N runs have ended (at most 600 s)
  local i n
  for ((i = 0; i < 6000; i++)); do
    n=$(runs); n=${n%.*}
    [[ -n $n && $n -ge $1 ]] && return 0
    kill -0 "$loop_pid" 2>/dev/null || die "the loop exited"
    sleep 0.1
  done
  die "run $1 did not end within 600 s"
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$loop_pid/stat"; }
kib() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$loop_pid/status"; }

wait_runs 1
heap=$("$(dirname "$JAVA")/jcmd" "$loop_pid" VM.flags 2>/dev/null | grep -o 'MaxHeapSize=[0-9]*' | head -n 1 | awk -F= '{printf "%d MiB", $2 / 1048576}')
first_peak=$(kib VmHWM)
echo "  first run (converges from empty): $(metric fleetform_reconcile_duration_seconds_sum) s, peak RSS $((first_peak / 1024)) MiB" >&2
echo 5 > "/proc/$loop_pid/clear_refs"   # the peak RSS from here on is the steady state's
done_runs=1
hz=$(getconf CLK_TCK)
for ((r = 1; r <= RUNS; r++)); do
  sleep 2   # past the run's own tail (metrics written, threads parked)
  t0=$(cpu_ticks); sleep "$IDLE"; t1=$(cpu_ticks)
  awk -v d=$((t1 - t0)) -v hz="$hz" -v s="$IDLE" 'BEGIN { printf "%.2f\n", 100 * d / hz / s }' >> "$work/idle.txt"
  sum0=$(metric fleetform_reconcile_duration_seconds_sum)
  mock reset > /dev/null
  code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "X-Gitlab-Token: $secret" -d '{}' "http://127.0.0.1:$PORT/hooks/git")
  [[ $code == 202 ]] || die "the push hook answered $code (202 expected)"
  done_runs=$((done_runs + 1))
  wait_runs "$done_runs"
  sum1=$(metric fleetform_reconcile_duration_seconds_sum)
  stats=$(mock stats)
  writes=$(sed -n 's/.* writes=\([0-9]*\).*/\1/p' <<< "${stats%%|*}")
  [[ $writes == 0 ]] || die "the no-change run $r wrote to the cluster: $stats"
  curl -fsS "http://127.0.0.1:$PORT/status" > "$work/status.json"
  verdict=$(python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["last_run"]
bad = [t["address"] + ": " + t["state"] for t in run["targets"] if t["state"] != "in-sync"]
print("in-sync" if run["result"] == "success" and not run["changes"] and not bad else "%s, %d change(s), %s" % (run["result"], len(run["changes"]), bad[:3]))' "$work/status.json")
  [[ $verdict == in-sync ]] || die "no-change run $r was not in sync (/status: $verdict)"
  awk -v a="$sum0" -v b="$sum1" 'BEGIN { printf "%.2f\n", b - a }' >> "$work/run.txt"
  kib VmRSS >> "$work/rss.txt"
  echo "  no-change run $r: $(tail -n 1 "$work/run.txt") s; idle CPU before it: $(tail -n 1 "$work/idle.txt") %; requests: ${stats%%|*}" >&2
done
peak=$(kib VmHWM)
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "Fleet: $N lab hosts over SSH + $objects Kubernetes objects (MINERS=$MINERS) in the mock API server; the loop's daemon JVM ($("$JAVA" -version 2>&1 | head -n 1)) in a $LIMIT_MIB MiB memory cgroup: its heap at most ${heap:-?}."
echo
echo "| hosts | objects | no-change run (median of $RUNS) | RSS after it | peak RSS, no-change runs and idle | idle CPU between runs (median, ${IDLE} s windows) | first run: peak RSS |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
echo "| $N | $objects | $(median < "$work/run.txt") s | $(($(median < "$work/rss.txt") / 1024)) MiB | $((peak / 1024)) MiB | $(median < "$work/idle.txt") % of a core | $((first_peak / 1024)) MiB |"

#!/usr/bin/env bash
# Whole-process benchmark of Fleetform's drift check of N lab hosts in sync (lab/up: real sshd in
# network namespaces), side by side in one run with its anchors (../shared/LAB-NOTES.md):
#   a. N parallel OpenSSH `ssh host PROBE` with -o KexAlgorithms=curve25519-sha256, PROBE being the
#      exact command line Fleetform's drift sends to each host (bench/.../HostProbe prints it: the
#      probe in `sh -c`), so that each host does the same work: the practical floor for a client
#      that negotiates the same key exchange;
#   b. `ansible-playbook --check --forks N` of the compiled host-baseline playbook on the same
#      hosts, with and without ANSIBLE_PIPELINING (one run each: about a minute apiece).
# Fleetform's `drift --target host` and `apply --target host` (which observes, finds nothing and
# writes nothing) are timed by GNU time (wall, peak RSS), median of RUNS, as is the floor.
# Needs root (lab/up). Uses its own lab (FLEETFORM_LAB, default 9) and takes it down after.
#   sudo bench/hosts.sh
#   N=50 RUNS=3 bench/hosts.sh
set -euo pipefail
cd "$(dirname "$0")/.."

N=${N:-50}
RUNS=${RUNS:-3}
export FLEETFORM_LAB=${FLEETFORM_LAB:-9}
GNU_TIME=/usr/bin/time
[[ -x $GNU_TIME ]] || { echo "hosts.sh: GNU time ($GNU_TIME) is required" >&2; exit 2; }
command -v ansible-playbook >/dev/null || { echo "hosts.sh: ansible-playbook is required (apt-get install ansible-core)" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "hosts.sh: run as root (lab/up makes network namespaces)" >&2; exit 2; }
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
trap 'lab/down >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

lab/up "$N" 0 >&2
fleet=$out/fleet.yaml
./fleetform apply "$fleet" --target host > "$work/first-apply.txt" || { cat "$work/first-apply.txt" >&2; echo "hosts.sh: the first apply did not converge" >&2; exit 1; }
"$JAVA" -cp "$BENCH_CP" dev.fleetform.bench.HostProbe "$fleet" lab-01 > "$work/probe.cmd"
./fleetform compile "$fleet" -o "$work/compiled" >/dev/null

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# one timed command: "<wall s> <peak RSS KiB>"
timed() { "$GNU_TIME" -f '%e %M' -o "$work/t" "$@" > "$work/stdout" 2> "$work/stderr" || { echo "hosts.sh: failed: $*" >&2; tail -n 5 "$work/stdout" "$work/stderr" >&2; exit 1; }; cat "$work/t"; }

floor() {
  local i pids=() probe
  probe=$(cat "$work/probe.cmd")
  for i in $(seq 1 "$N"); do
    ssh -i "$out/id_ed25519" -o UserKnownHostsFile="$out/known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes \
      -o KexAlgorithms=curve25519-sha256 "root@10.77.$FLEETFORM_LAB.$((i + 10))" "$probe" > /dev/null < /dev/null &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
}
export -f floor
export N out work FLEETFORM_LAB

for r in $(seq 1 "$RUNS"); do
  timed ./fleetform drift "$fleet" --target host >> "$work/drift.txt"
  timed ./fleetform apply "$fleet" --target host >> "$work/apply.txt"
  timed bash -c floor >> "$work/floor.txt"
done

export ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_SSH_ARGS="-o UserKnownHostsFile=$PWD/$out/known_hosts -o ControlMaster=no"
ansible() { ansible-playbook -i "$work/compiled/ansible/inventory.yml" "$work/compiled/ansible/host-baseline.yml" --check --forks "$N"; }
export -f ansible
ANSIBLE_PIPELINING=False timed bash -c ansible > "$work/ansible.txt"
ANSIBLE_PIPELINING=True timed bash -c ansible > "$work/ansible-pipelined.txt"

col() { awk "{print \$$2}" "$work/$1.txt" | median; }
drift=$(col drift 1); drift_rss=$(( $(col drift 2) / 1024 ))
apply=$(col apply 1); apply_rss=$(( $(col apply 2) / 1024 ))
floor_s=$(col floor 1)
ans=$(col ansible 1); ansp=$(col ansible-pipelined 1)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "| hosts | drift (median of $RUNS) | peak RSS | apply, in sync | peak RSS | ssh floor (curve25519, median of $RUNS) | drift ÷ floor | ansible --check | pipelined | pipelined ÷ drift |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
echo "| $N | ${drift} s | ${drift_rss} MiB | ${apply} s | ${apply_rss} MiB | ${floor_s} s | $(ratio "$drift" "$floor_s")× | ${ans} s | ${ansp} s | $(ratio "$ansp" "$drift")× |"

# Shared by lab/up and lab/down: names and paths of the lab. Sourced, not run.
# A lab host is a network namespace ffl<L>-NN (address 10.77.<L>.(10+NN) on the bridge fflbr<L>)
# whose sshd runs in its own mount and UTS namespaces; its files live in lab/out/hosts/lab-NN
# (lab/out-L/ when L is not 0). L is $FLEETFORM_LAB (0-9, default 0): labs of different L run side
# by side (one per checkout or test run).

LAB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LAB_ID=${FLEETFORM_LAB:-0}
[[ "$LAB_ID" =~ ^[0-9]$ ]] || { echo "lab: FLEETFORM_LAB is a digit 0-9, not '$LAB_ID'" >&2; exit 1; }
if [ "$LAB_ID" = 0 ]; then LAB_OUT="$LAB_DIR/out"; else LAB_OUT="$LAB_DIR/out-$LAB_ID"; fi
LAB_HOSTS="$LAB_OUT/hosts"
LAB_GUARD="$LAB_OUT/loop-devices"     # "<device> <backing file>" for every loop device the lab attached
LAB_BRIDGE=fflbr$LAB_ID
LAB_NET=10.77.$LAB_ID
LAB_GATEWAY="$LAB_NET.1"
LAB_MAX=200

lab_die() {
  echo "lab: $*" >&2
  exit 1
}

lab_require_root() {
  [ "$(id -u)" = 0 ] || lab_die "must run as root (network namespaces, mounts, loop devices)"
}

lab_name() { printf 'lab-%02d' "$1"; }
lab_netns() { printf 'ffl%s-%02d' "$LAB_ID" "$1"; }
lab_veth() { printf 'ffl%sv%03d' "$LAB_ID" "$1"; }
lab_address() { echo "$LAB_NET.$(( $1 + 10 ))"; }

# Every process in a namespace, TERM first, KILL what is left after a short wait.
lab_kill_netns() {
  local ns=$1 pids i
  pids=$(ip netns pids "$ns" 2>/dev/null || true)
  [ -z "$pids" ] && return 0
  kill -TERM $pids 2>/dev/null || true
  for i in 1 2 3 4 5 6 7 8 9 10; do
    pids=$(ip netns pids "$ns" 2>/dev/null || true)
    [ -z "$pids" ] && return 0
    sleep 0.1
  done
  kill -KILL $pids 2>/dev/null || true
  sleep 0.1
}

# Detaches the loop devices the guard file lists for one host (or all with "*"), only while
# they still are backed by that host's files: a device number reused by someone else is left.
lab_detach_loops() {
  local which=$1 dev file back
  [ -f "$LAB_GUARD" ] || return 0
  local keep
  keep=$(mktemp "$LAB_OUT/.guard.XXXXXX")
  while read -r dev file; do
    [ -z "$dev" ] && continue
    case "$file" in
      "$LAB_HOSTS"/$which/*)
        back=$(losetup -n -O BACK-FILE "$dev" 2>/dev/null | sed 's/ *$//' || true)
        if [ "$back" = "$file" ]; then
          losetup -d "$dev" 2>/dev/null || echo "lab: could not detach $dev (still in use?)" >&2
        fi
        ;;
      *) echo "$dev $file" >>"$keep" ;;
    esac
  done <"$LAB_GUARD"
  mv "$keep" "$LAB_GUARD"
  # a crash between losetup and the guard line leaves a device the guard does not list: find it by file
  for file in "$LAB_HOSTS"/$which/disk-*.img; do
    [ -e "$file" ] || continue
    for dev in $(losetup -n -O NAME -j "$file" 2>/dev/null); do losetup -d "$dev" 2>/dev/null || true; done
  done
}

# Tears one host down: its processes (which hold its mount namespace and mounts), its loop
# devices, its network namespace (and with it the veth pair).
lab_host_down() {
  local i=$1 ns
  ns=$(lab_netns "$i")
  if ip netns list 2>/dev/null | grep -qw "^$ns"; then
    lab_kill_netns "$ns"
  fi
  lab_detach_loops "$(lab_name "$i")"
  ip netns del "$ns" 2>/dev/null || true
  ip link del "$(lab_veth "$i")" 2>/dev/null || true
}

#!/usr/bin/env bash
# Runs the image built by scripts/build-image.sh without a container engine: its OCI layers are
# unpacked in order into a root directory, which is mounted read-only (as the Deployment's
# readOnlyRootFilesystem) with a tmpfs on /tmp and /var/cache/fleetform, and the image's
# entrypoint runs in it as its user (uid 10001) in new mount and PID namespaces with /proc, as a
# runtime would start it. Checks: `--version`, `reconcile --help`, and `validate` of the example
# fleet. Needs root (unshare, mount, chroot). Usage: scripts/check-image.sh [IMAGE_TAR]
set -euo pipefail
cd "$(dirname "$0")/.."
tar_file=${1:-cli/target/fleetform-image.tar}
[ -f "$tar_file" ] || { echo "check-image: no $tar_file (run scripts/build-image.sh)" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "check-image: needs root (unshare, mount, chroot)" >&2; exit 1; }
work=$(mktemp -d /tmp/fleetform-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/oci" "$work/root"
tar -xf "$tar_file" -C "$work/oci"
read -r manifest config < <(python3 - "$work/oci" <<'PY'
import json, sys
oci = sys.argv[1]
index = json.load(open(f"{oci}/index.json"))
m = index["manifests"][0]["digest"].split(":")[1]
manifest = json.load(open(f"{oci}/blobs/sha256/{m}"))
print(m, manifest["config"]["digest"].split(":")[1])
PY
)
python3 - "$work/oci" "$manifest" > "$work/layers" <<'PY'
import json, sys
oci, m = sys.argv[1], sys.argv[2]
for l in json.load(open(f"{oci}/blobs/sha256/{m}"))["layers"]:
    print(l["digest"].split(":")[1])
PY
while read -r layer; do tar -xzf "$work/oci/blobs/sha256/$layer" -C "$work/root" --numeric-owner -p --warning=no-unknown-keyword; done < "$work/layers"
python3 - "$work/oci/blobs/sha256/$config" > "$work/run" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))["config"]
print(c["User"])
print("\0".join(c["Entrypoint"]))
print("\0".join(f"{e}" for e in c["Env"]))
PY
user=$(sed -n 1p "$work/run")
mkdir -p "$work/root/proc" "$work/root/dev" "$work/root/fleet"
cp -r fleet-repo-example/. "$work/root/fleet/"
# a bare repository of the example fleet for `reconcile --once` to fetch (file://: no network)
git -C "$work/root/fleet" init -q -b main
GIT_CONFIG_GLOBAL=/dev/null git -C "$work/root/fleet" add -A
GIT_CONFIG_GLOBAL=/dev/null git -C "$work/root/fleet" -c user.name=check -c user.email=check@example.org commit -q -m "the example fleet"
git clone -q --bare "$work/root/fleet" "$work/root/fleet.git"
sha=$(git -C "$work/root/fleet" rev-parse --short=7 HEAD)

# the entrypoint with these arguments, in the image's root (read-only) as its user, with its env
run() {
  unshare --mount --pid --fork --kill-child env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ROOT="$work/root" USER_SPEC="$user" RUN_FILE="$work/run" bash -c '
    set -e
    mount --bind "$ROOT" "$ROOT" && mount -o remount,bind,ro "$ROOT"
    mount -t proc proc "$ROOT/proc"
    mount -t tmpfs -o mode=1777 tmpfs "$ROOT/tmp"
    mount -t tmpfs -o mode=0777 tmpfs "$ROOT/var/cache/fleetform"
    if touch "$ROOT/written" 2>/dev/null; then echo "check-image: the root is writable" >&2; exit 1; fi
    mapfile -d "" -t entry < <(sed -n 2p "$RUN_FILE" | tr -d "\n")
    mapfile -d "" -t envs < <(sed -n 3p "$RUN_FILE" | tr -d "\n")
    exec /usr/bin/env -i "${envs[@]}" /usr/sbin/chroot --userspec="$USER_SPEC" "$ROOT" "${entry[@]}" "$@"
  ' bash "$@"
}

echo "check-image: $tar_file: $(wc -l < "$work/layers") layers, user $user"
v=$(run --version) && echo "  --version: $v"
run reconcile --help | grep -q -- '--leader-elect' && echo "  reconcile --help: ok"
out=$(run validate /fleet/fleet.yaml 2>&1) || { echo "$out" >&2; echo "check-image: validate failed in the image" >&2; exit 1; }
echo "  validate /fleet/fleet.yaml: ok"
# the daemon's path end to end up to observe: fetch (JGit) into the cache, validate, compile; the
# clusters are then unreachable (no kubeconfig in here), which --once reports with exit 4
set +e
out=$(run reconcile --once --repo /fleet.git --cache-dir /var/cache/fleetform 2>&1)
code=$?
set -e
if [ "$code" != 4 ] || ! grep -q "run 1 (startup): failed: commit $sha: .*no kubeconfig" <<<"$out"; then
  echo "$out" >&2; echo "check-image: reconcile --once did not fetch and compile $sha (exit $code)" >&2; exit 1
fi
echo "  reconcile --once: fetched and compiled $sha, then no cluster to observe (exit 4), as expected"
echo "check-image: ok"

#!/usr/bin/env bash
# Builds the reconciler's container image offline, to cli/target/fleetform-image.tar (OCI), with
# Jib from base `scratch`: cli/src/image/image-root.sh makes the Java runtime and the C libraries
# from this machine, Jib adds the CLI and its dependencies. No Docker engine and no registry:
# only Maven Central, for the plugin the first time. Then e.g.
#   docker load -i cli/target/fleetform-image.tar        (or podman load, skopeo copy oci-archive:…)
# Extra arguments go to Maven (-Dfleetform.image=registry.example.com/fleetform:1.2.3 to name it).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/find-jdk.sh
ff_require_java
cli/src/image/image-root.sh cli/target/image-root
./mvnw -B -q -Pimage -pl cli -am package -DskipTests "$@"
echo "build-image: cli/target/fleetform-image.tar"

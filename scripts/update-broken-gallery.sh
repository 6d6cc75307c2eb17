#!/usr/bin/env bash
# Rewrites fleet-repo-example/broken/NN-name.expected with what `fleetform validate` prints for
# each gallery file today. The .expected files are reviewed golden files: READ the diff
# (git diff fleet-repo-example/broken) before committing, each message is what a user will see.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [[ ! -f cli/target/fleetform.jar ]]; then
  ./mvnw -o -q package -pl cli -am -DskipTests
fi
for f in fleet-repo-example/broken/*.yaml; do
  "$JAVA_HOME/bin/java" -jar cli/target/fleetform.jar validate "$f" > "${f%.yaml}.expected" || true
done
git --no-pager diff --stat -- fleet-repo-example/broken

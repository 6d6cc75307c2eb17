# Sourced by ./fleetform, scripts/test and .ci/run: sets FLEETFORM_JAVA to a java >= 21.
# Order: $FLEETFORM_JAVA, $JAVA_HOME, /usr/lib/jvm/* (newest first), java on PATH.

_ff_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n1
}

_ff_find_java() {
  local cand v
  for cand in ${FLEETFORM_JAVA:+"$FLEETFORM_JAVA"} ${JAVA_HOME:+"$JAVA_HOME/bin/java"} \
      $(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -rV) $(command -v java 2>/dev/null); do
    [ -x "$cand" ] || continue
    v=$(_ff_java_major "$cand")
    if [ "${v:-0}" -ge 21 ] 2>/dev/null; then echo "$cand"; return 0; fi
  done
  return 1
}

ff_require_java() {
  if ! FLEETFORM_JAVA=$(_ff_find_java); then
    echo "fleetform: no JDK 21 or newer found (looked at \$JAVA_HOME and /usr/lib/jvm/*)." >&2
    echo "hint: install one (a Temurin 21+ or openjdk-21-jdk-headless), or set JAVA_HOME" >&2
    return 1
  fi
  export FLEETFORM_JAVA
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$FLEETFORM_JAVA")")")
  export JAVA_HOME
}

#!/usr/bin/env bash
# The image's base, made offline from this machine (Jib's base is `scratch`: no registry): a Java
# runtime jlinked from the build JDK into /opt/java, the shared libraries it links against copied
# from the build machine (glibc, zlib: whatever `ldd` names), an /etc/passwd with the fleetform
# user (uid 10001), and /tmp, /home/fleetform, /var/cache/fleetform. Jib adds it as an extra
# directory (cli/pom.xml, profile `image`). Usage: cli/src/image/image-root.sh OUT_DIR
set -euo pipefail
out=${1:?usage: image-root.sh OUT_DIR}
here=$(cd "$(dirname "$0")/../../.." && pwd)
. "$here/scripts/find-jdk.sh"
ff_require_java
jlink="$JAVA_HOME/bin/jlink"
[ -x "$jlink" ] || { echo "image-root: no jlink in $JAVA_HOME (a JDK, not a JRE, is needed)" >&2; exit 1; }

rm -rf "$out"
mkdir -p "$out"
# what `jdeps --print-module-deps` finds in the CLI jar, plus what is loaded by name at run time
# (EC and PKCS#11 providers, Unsafe for netty-less fabric8/okhttp paths, zip file systems, JMX for the JVM's own metrics)
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.rmi,java.security.jgss,java.sql,jdk.httpserver,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,jdk.management
"$jlink" --add-modules "$modules" --strip-debug --compress=zip-6 --no-man-pages --no-header-files --output "$out/opt/java"

# the libraries the runtime's binaries link against, at the paths the dynamic loader looks for
# them; not those of the desktop libraries (X11, fonts, sound), which a headless server never loads
elves() {
  find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
    ! -name 'libawt_xawt.so' ! -name 'libsplashscreen.so' ! -name 'libfontmanager.so' ! -name 'libjawt.so' \
    ! -name 'libjsound.so' ! -name 'liblcms.so' ! -name 'libjavajpeg.so' ! -name 'libmlib_image.so' -print0
}
elves | xargs -0 ldd 2>/dev/null \
  | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }' | sort -u | while read -r lib; do
    mkdir -p "$out$(dirname "$lib")"
    cp -L "$lib" "$out$lib"
  done
# libjvm.so is found beside them at run time (their RUNPATH is $ORIGIN/server)
missing=$(elves | xargs -0 ldd 2>/dev/null | grep 'not found' | grep -v 'libjvm.so' | sort -u || true)
[ -z "$missing" ] || { echo "image-root: libraries not found: $missing" >&2; exit 1; }

mkdir -p "$out/etc" "$out/tmp" "$out/home/fleetform" "$out/var/cache/fleetform"
printf 'root:x:0:0:root:/root:/sbin/nologin\nfleetform:x:10001:10001:fleetform:/home/fleetform:/sbin/nologin\n' > "$out/etc/passwd"
printf 'root:x:0:\nfleetform:x:10001:\n' > "$out/etc/group"
# DNS and /etc/hosts as glibc reads them (the cluster mounts resolv.conf and hosts over these)
printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$out/etc/nsswitch.conf"
echo "image-root: $(du -sh "$out" | cut -f1) in $out (Java $("$out/opt/java/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.runtime\.version = //p'))"

#!/usr/bin/env bash
# A minimal Java 17 base image, made from this machine's JDK without a registry or a Docker daemon, for building the
# service's image where no registry is reachable (CI here; an insurer's pipeline uses its registry's JRE image):
#
#   image/offline-base.sh rules-service/target/base-image.tar
#   ./mvnw -B -Dcontainer-image -Dimage.base=tar://$PWD/rules-service/target/base-image.tar -DskipTests package
#
# It holds a jlink'd Java runtime in /opt/java, the shared libraries it links against (copied from this machine, a
# Debian bookworm like the runtime's), /tmp, and the users root and decisioning (1000). The result is a Docker
# archive ("docker save" format) of one layer, the same bytes for the same JDK and libraries.
set -euo pipefail

out=${1:?usage: image/offline-base.sh OUTPUT.tar}
jdk=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[ -d "$jdk/jmods" ] || { echo "no jmods in $jdk: a JDK 17 with its jmods is needed (JAVA_HOME)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs

"$jdk/bin/jlink" --module-path "$jdk/jmods" \
  --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.localedata,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.net,jdk.jfr \
  --strip-debug --no-header-files --no-man-pages --output "$root/opt/java"
# Debian's JDK keeps the CA certificates outside the JDK: copy them in, so that the runtime trusts what the host does
if [ -f /etc/ssl/certs/java/cacerts ]; then
  rm -f "$root/opt/java/lib/security/cacerts"
  cp -L /etc/ssl/certs/java/cacerts "$root/opt/java/lib/security/cacerts"
fi
# the libraries the runtime's binaries link against, and the loader itself
find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
  | xargs -0 ldd 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' \
  | sort -u \
  | while read -r lib; do
      case "$lib" in "$root"*) continue ;; esac
      mkdir -p "$root$(dirname "$lib")"
      cp -L "$lib" "$root$lib"
    done
mkdir -p "$root/etc" "$root/tmp" "$root/bin"
chmod 1777 "$root/tmp"
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf 'root:x:0:0:root:/root:/sbin/nologin\ndecisioning:x:1000:1000::/tmp:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\ndecisioning:x:1000:\n' > "$root/etc/group"

image=$work/image
mkdir -p "$image"
# entries named as "docker save" names them: "opt/java/...", not "./opt/java/..."
stable_tar() { tar --sort=name --mtime='2000-01-01 00:00:00Z' --owner=0 --group=0 --numeric-owner "$@"; }
(cd "$root" && stable_tar -cf "$work/layer.tar" -- *)
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
mkdir -p "$image/$diff_id"
mv "$work/layer.tar" "$image/$diff_id/layer.tar"
cat > "$work/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"2000-01-01T00:00:00Z","config":{"Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:$diff_id"]},"history":[{"created":"2000-01-01T00:00:00Z","created_by":"image/offline-base.sh"}]}
JSON
config=$(sha256sum "$work/config.json" | cut -d' ' -f1)
mv "$work/config.json" "$image/$config.json"
printf '[{"Config":"%s.json","RepoTags":["decisioning/java-base:17"],"Layers":["%s/layer.tar"]}]\n' "$config" "$diff_id" \
  > "$image/manifest.json"
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")
(cd "$image" && stable_tar -cf "$out.partial" -- manifest.json "$config.json" "$diff_id")
mv "$out.partial" "$out"
echo "$out: $(du -h "$out" | cut -f1), Java $("$root/opt/java/bin/java" -version 2>&1 | head -1)"

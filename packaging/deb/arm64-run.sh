#!/usr/bin/env bash
# Runs the distribution's hub (packaging/deb/target/hearth/lib, from `mvn package`) under Debian's
# arm64 OpenJDK 17 through qemu-user, and waits for /api/v1/health. Needs root and the host
# packages qemu-user-static, binfmt-support, arch-test and mmdebstrap. The arm64 root is made once
# in $ROOT (default target/arm64root, about 12 minutes). Loopback ports chosen by the kernel;
# mDNS, CoAP and ONVIF off so that nothing goes to the LAN. Usage: packaging/deb/arm64-run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="${ROOT:-$here/target/arm64root}"
[ -d /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || {
  mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
  update-binfmts --enable qemu-aarch64
}
if [ ! -x "$ROOT/usr/lib/jvm/java-17-openjdk-arm64/bin/java" ]; then
  mmdebstrap --arch=arm64 --variant=minbase --include=openjdk-17-jre-headless,curl bookworm \
    "$ROOT" "deb http://deb.debian.org/debian bookworm main"
fi
rm -rf "$ROOT/opt/hearth" && mkdir -p "$ROOT/opt/hearth"
cp -rL "$here/target/hearth/lib" "$ROOT/opt/hearth/"
: > "$ROOT/opt/hearth/empty.yaml"
opts=$(sed -n 's/^Environment="HEARTH_JAVA_OPTS=\(.*\)"$/\1/p' "$here/src/deb/hearth.service")
start=$(date +%s)
# shellcheck disable=SC2086
chroot "$ROOT" env HEARTH_CONFIG=/opt/hearth/empty.yaml MALLOC_ARENA_MAX=2 \
  /usr/lib/jvm/java-17-openjdk-arm64/bin/java $opts -cp '/opt/hearth/lib/*' \
  io.hearth.runtime.cli.Main run --data /opt/hearth/data --set api.host=127.0.0.1 \
  --set api.port=0 --set api.http-port=0 --set api.mqtt.port=0 --set api.mqtt.tls-port=0 \
  --set api.mqtt.host=127.0.0.1 --set mdns.enabled=false --set coap.enabled=false \
  --set onvif.enabled=false >"$ROOT/opt/hearth/hub.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
until [ -s "$ROOT/opt/hearth/data/ports.json" ]; do
  kill -0 $pid 2>/dev/null || { echo "the hub exited; see $ROOT/opt/hearth/hub.log" >&2; exit 1; }
  [ $(($(date +%s) - start)) -lt 600 ] || { echo "no ports after 600 s" >&2; exit 1; }
  sleep 1
done
port=$(sed -n 's/.*"api\.http-port" *: *\([0-9]*\).*/\1/p' "$ROOT/opt/hearth/data/ports.json")
until curl -sf -m 10 "http://127.0.0.1:$port/api/v1/health" -o "$ROOT/opt/hearth/health.json"; do
  sleep 1
done
echo "arm64 hub healthy after $(($(date +%s) - start)) s: $(head -c 200 "$ROOT/opt/hearth/health.json")"
grep -h "network transport\|is up in" "$ROOT/opt/hearth/hub.log" || true

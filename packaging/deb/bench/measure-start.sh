#!/usr/bin/env bash
# Start to healthy, as the package runs the hub: the packaged jars (packaging/deb/target/hearth/lib,
# made by `mvn -pl packaging/deb -am package`), the systemd unit's HEARTH_JAVA_OPTS and
# MALLOC_ARENA_MAX=2, with and without the class-data-sharing archive the package's postinst makes
# (-XX:ArchiveClassesAtExit from one throw-away start, as postinst does). Prints each run (launch ->
# first 200 from /api/v1/health) and the median of each kind; runs alternate so load hits both.
# Usage, from the repository root: packaging/deb/bench/measure-start.sh [runs per kind, default 5]
set -eu
runs=${1:-5}
lib=packaging/deb/target/hearth/lib
[ -d "$lib" ] || { echo "no $lib: build the package first (mvn -pl packaging/deb -am package -DskipTests)" >&2; exit 2; }
opts=$(sed -n 's/^Environment="HEARTH_JAVA_OPTS=\(.*\)"$/\1/p' packaging/deb/src/deb/hearth.service)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: > "$work/empty.yaml"
port=18443

start_hub() { # $1: data dir, $2...: extra JVM options
  data=$1; shift
  # shellcheck disable=SC2086
  HEARTH_CONFIG="$work/empty.yaml" MALLOC_ARENA_MAX=2 java $opts "$@" -cp "$lib/*" \
    io.hearth.runtime.cli.Main run --data "$data" --set api.host=127.0.0.1 --set api.port=$port \
    --set api.http-port=0 --set api.mqtt.port=0 --set api.mqtt.tls-port=0 \
    --set api.mqtt.host=127.0.0.1 --set mdns.enabled=false --set coap.enabled=false \
    --set onvif.enabled=false >"$data.log" 2>&1 &
  echo $!
}

stop_hub() { # the hub is not this shell's child (started in a subshell): wait until it is gone
  kill -TERM "$1" 2>/dev/null || true
  while kill -0 "$1" 2>/dev/null; do sleep 0.05; done
}

one_run() { # $1: label, $2...: extra JVM options; prints ms
  label=$1; shift
  data="$work/$label-$RANDOM"
  t0=$(date +%s%N)
  pid=$(start_hub "$data" "$@")
  until curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/api/v1/health" 2>/dev/null | grep -q 200; do
    kill -0 "$pid" 2>/dev/null || { echo "the hub stopped: $(tail -5 "$data.log")" >&2; exit 1; }
    sleep 0.02
  done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
  stop_hub "$pid"
}

# the archive, as postinst makes it: one start, ended once the ports are bound
archive="$work/hearth.jsa"
pid=$(start_hub "$work/archive-data" -XX:ArchiveClassesAtExit="$archive")
until [ -s "$work/archive-data/ports.json" ]; do sleep 0.1; done
stop_hub "$pid"
[ -s "$archive" ] || { echo "no archive was written" >&2; exit 1; }
echo "archive: $(du -m "$archive" | cut -f1) MB; JVM options: $opts"

with=(); without=()
for i in $(seq "$runs"); do
  with+=("$(one_run cds -XX:SharedArchiveFile="$archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)")
  without+=("$(one_run plain)")
  echo "run $i: with the archive ${with[-1]} ms, without ${without[-1]} ms (load $(cut -d' ' -f1 /proc/loadavg))"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: with the archive $(median "${with[@]}") ms, without $(median "${without[@]}") ms"

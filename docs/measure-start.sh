#!/usr/bin/env bash
# Measures ./hearth demo from launch to the first 200 from /api/v1/health, three times.
# Run from the repository root, with nothing else on port 8443.
set -u
./hearth version >/dev/null   # build first if needed; not part of the measurement
for i in 1 2 3; do
  start=$(date +%s%N)
  ./hearth demo >/dev/null 2>&1 &
  until curl -sk -o /dev/null https://127.0.0.1:8443/api/v1/health; do sleep 0.05; done
  echo "run $i: health up after $(( ($(date +%s%N) - start) / 1000000 )) ms"
  pkill -TERM -f 'io.hearth.runtime.cli.Main demo'
  wait
done

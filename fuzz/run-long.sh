#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser of untrusted bytes, one Jazzer target after another.
#   fuzz/run-long.sh [BUDGET_PER_TARGET=30] [TARGET_FILTER]   (minutes, or seconds as 20s)
# e.g. fuzz/run-long.sh 30            (the documented long run: 15 targets x 30 min)
#      fuzz/run-long.sh 1 Sdp         (one minute on the targets whose name contains "Sdp")
# Each target runs in its own Maven/JVM (Jazzer fuzzes one @FuzzTest per JVM) with JAZZER_FUZZ=1,
# a per-input timeout of PER_INPUT_TIMEOUT_S (default 10 s: longer counts as a hang) and the JUnit
# and fork timeouts raised past the budget. What the fuzzer finds lands in the target's
# src/test/resources/<package>/<Class>Inputs/<method>/ (crash-*, timeout-*), where the regular
# `mvn verify` replays it; the corpus it grows is kept in <module>/.cifuzz-corpus/.
# Prints one line per target: executions, exec/s, crashes, hangs, corpus entries, wall time;
# full logs in fuzz/logs/ (not committed). Exits non-zero if any target found something.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
budget="${1:-30}"
case "$budget" in
  *[!0-9]s) echo "budget: minutes (30) or seconds (20s)" >&2; exit 2 ;;
  *s) duration="$budget"; minutes=$(((${budget%s} + 59) / 60)) ;;
  *) duration="${budget}m"; minutes="$budget" ;;
esac
[ "$minutes" -gt 0 ] || { echo "budget must be positive" >&2; exit 2; }
filter="${2:-}"
per_input="${PER_INPUT_TIMEOUT_S:-10}"
logs="$root/fuzz/logs"
mkdir -p "$logs"

# module  class  method
targets=(
  "device-adapters/rtsp io.hearth.adapters.rtsp.codec.RtspResponseFuzzTest anyBytesGiveBoundedMessagesOrCodecException"
  "device-adapters/rtsp io.hearth.adapters.rtsp.SdpFuzzTest anySdpGivesASameOriginTrackOrAClearRefusal"
  "device-adapters/rtsp io.hearth.adapters.rtsp.codec.H264DepacketizerFuzzTest anyDatagramsGiveBoundedAccessUnitsOrCodecException"
  "device-adapters/rtsp io.hearth.adapters.rtsp.codec.H265DepacketizerFuzzTest anyDatagramsGiveBoundedAccessUnitsOrCodecException"
  "device-adapters/mjpeg io.hearth.adapters.mjpeg.codec.MultipartJpegFuzzTest anyStreamGivesBoundedJpegsOrFormatException"
  "device-adapters/mjpeg io.hearth.adapters.mjpeg.codec.MultipartJpegFuzzTest anyChallengeHeaderParses"
  "device-adapters/mqtt io.hearth.adapters.mqtt.convention.ConventionFuzzTest anyFlowTranslatesWithoutThrowingAndCommandsStayConcrete"
  "device-adapters/coap io.hearth.adapters.coap.codec.CoapCodecFuzzTest anyLinkFormatGivesBoundedLinksOrCodecException"
  "device-adapters/coap io.hearth.adapters.coap.codec.CoapCodecFuzzTest anyPayloadGivesAScalarOrCodecException"
  "device-adapters/onvif io.hearth.adapters.onvif.OnvifXmlFuzzTest anyDatagramGivesBoundedAnnouncementsOrXmlException"
  "device-adapters/onvif io.hearth.adapters.onvif.OnvifXmlFuzzTest anySoapAnswerGivesABodyOrXmlException"
  "device-adapters/mdns io.hearth.adapters.mdns.MdnsFuzzTest anyDatagramGivesAMessageOrIoException"
  "device-adapters/mdns io.hearth.adapters.mdns.MdnsFuzzTest anyServiceGivesBoundedSightings"
  "local-api io.hearth.api.JsonBodyFuzzTest anyBodyIsAnsweredBelow500"
  "local-api io.hearth.api.mqtt.MqttPacketFuzzTest anyPacketsEndTheConversationAndLeaveTheBrokerServing"
)

offline="-o"  # every dependency is in ~/.m2 after the first build; FUZZ_ONLINE=1 lifts this
[ "${FUZZ_ONLINE:-0}" = 1 ] && offline=""
found=0
printf '%-62s %12s %8s %7s %5s %7s %6s\n' target executions exec/s crashes hangs corpus secs
for t in "${targets[@]}"; do
  read -r module class method <<<"$t"
  name="${class##*.}#$method"
  [[ -n "$filter" && "$name" != *"$filter"* ]] && continue
  log="$logs/${class##*.}.$method.log"
  start=$(date +%s)
  (cd "$root" && JAZZER_FUZZ=1 mvn -B $offline -pl "$module" -am test \
    -Dtest="$class#$method" -Dsurefire.failIfNoSpecifiedTests=false \
    -Dspotless.check.skip=true \
    -Djazzer.max_duration="$duration" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-timeout=$per_input" \
    -Dhearth.test.timeout="$((minutes + 10)) m" \
    -Dhearth.fork.timeout="$(((minutes + 15) * 60))" >"$log" 2>&1)
  rc=$?
  secs=$(($(date +%s) - start))
  runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+')
  fuzz_secs=$(grep -oE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | grep -oE '[0-9]+ second' | grep -oE '[0-9]+')
  if [ -z "$runs" ]; then  # stopped early by a finding: the last status line has the count
    runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  fi
  corpus=$(grep -oE 'corp: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  hangs=$(grep -c 'ERROR: libFuzzer: timeout' "$log")
  crashes=$(grep -cE '== Java Exception|FuzzTestFindingException: ' "$log" | head -1)
  [ "$hangs" -gt 0 ] && crashes=0
  [ "$crashes" -gt 1 ] && crashes=1
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ]; then crashes="err"; fi
  rate=$(( ${runs:-0} / ( ${fuzz_secs:-1} > 0 ? ${fuzz_secs:-1} : 1 ) ))
  printf '%-62s %12s %8s %7s %5s %7s %6s\n' "$name" "${runs:-?}" "$rate" "$crashes" "$hangs" "${corpus:-?}" "$secs"
  [ "$rc" -ne 0 ] && found=1
done
exit $found

#!/bin/sh
# An independent mDNS implementation for Hearth's tests: runs a private D-Bus and avahi-daemon on
# the far side of a test network (this mount namespace only, so /run of the machine is untouched)
# and prints what avahi-browse resolves for one service type until a line matches or time runs out.
# Usage: avahi_browse.sh <work dir> <service type> <text to wait for>
set -u
dir=$1
type=$2
wanted=$3
mount -t tmpfs tmpfs /run || exit 2
mkdir -p /run/avahi-daemon /run/dbus
cat > "$dir/dbus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/><allow own="*"/><allow send_destination="*"/><allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
cat > "$dir/avahi.conf" <<CONF
[server]
use-ipv4=yes
use-ipv6=no
allow-interfaces=eth0
enable-dbus=yes
[publish]
disable-publishing=yes
CONF
dbus-daemon --config-file="$dir/dbus.conf" --nofork --nopidfile &
bus=$!
trap 'kill $avahi $bus 2>/dev/null' EXIT
for i in $(seq 100); do [ -S "$dir/bus" ] && break; sleep 0.05; done
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/bus"
avahi-daemon --no-drop-root --no-chroot --no-rlimits -f "$dir/avahi.conf" &
avahi=$!
for i in $(seq 40); do
  out=$(timeout 5 avahi-browse -rtp "$type" 2>&1)
  if echo "$out" | grep -q -- "$wanted"; then
    echo "$out" | grep '^='
    echo "browse found"
    exit 0
  fi
  sleep 0.25
done
echo "$out"
echo "browse gave up"
exit 1

"""A test attacker: relays RTP and RTCP datagrams to the hub with a forged source port.

Usage: rtp-forge.py FORGED_RTP_PORT FORGED_RTCP_PORT HUB_RTP_PORT
Binds two loopback UDP ports and prints "READY <rtp> <rtcp>"; every datagram arriving on them is
sent on to 127.0.0.1:HUB_RTP_PORT (and HUB_RTP_PORT + 1 for RTCP) from 127.0.0.1:FORGED_RTP_PORT
(FORGED_RTCP_PORT), through a raw socket: the camera's own server ports, though the camera holds
them. Needs CAP_NET_RAW; without it prints NO_RAW and exits 3. Runs until killed.
"""
import select
import socket
import struct
import sys

LOOPBACK = socket.inet_aton("127.0.0.1")


def forged(src_port, dst_port, payload):
    udp = struct.pack("!HHHH", src_port, dst_port, 8 + len(payload), 0) + payload
    ip = struct.pack(
        "!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0x4000, 64, socket.IPPROTO_UDP, 0,
        LOOPBACK, LOOPBACK,
    )
    return ip + udp


def main():
    forged_rtp, forged_rtcp, hub_rtp = (int(a) for a in sys.argv[1:4])
    try:
        raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    except PermissionError:
        print("NO_RAW", flush=True)
        sys.exit(3)
    routes = {}
    for src, dst in ((forged_rtp, hub_rtp), (forged_rtcp, hub_rtp + 1)):
        listener = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        listener.bind(("127.0.0.1", 0))
        routes[listener] = (src, dst)
    ports = [s.getsockname()[1] for s in routes]
    print("READY %d %d" % (ports[0], ports[1]), flush=True)
    while True:
        ready, _, _ = select.select(list(routes), [], [])
        for listener in ready:
            payload = listener.recv(65535)
            src, dst = routes[listener]
            raw.sendto(forged(src, dst, payload), ("127.0.0.1", 0))


if __name__ == "__main__":
    main()

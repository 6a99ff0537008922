"""The storm test's RTP attacker: sends every datagram it receives (a foreign H.264 RTP stream from
ffmpeg) on to every UDP port of the hub, from each of the addresses it is given.

Usage: rtp-spray.py LISTEN_PORT SOURCE_ADDRESS[,SOURCE_ADDRESS...] HUB_ADDRESS PORTS_FILE
PORTS_FILE holds the hub's UDP ports, one a line; it is read again every half second, since the
hub's RTP ports change when it sets a camera up again. An attacker can write any sequence number,
and a stream whose numbers run just ahead of the camera's is the one a receiver would follow: so
every second the numbers move on by a quarter of their space (and a little), and within a few seconds some run
ahead of any camera's. Prints READY, then SENT <count> every
second; runs until killed.
"""
import socket
import struct
import sys
import time


def read_ports(path):
    try:
        with open(path) as f:
            return [int(line) for line in f if line.strip()]
    except (OSError, ValueError):
        return []


def main():
    listen_port, source, hub, path = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
    inbound = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    inbound.bind(("127.0.0.1", int(listen_port)))
    inbound.settimeout(0.5)
    outbound = []
    for address in source.split(","):
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        sock.bind((address, 0))
        outbound.append(sock)
    ports, read_at, sent, said_at, shift = [], 0.0, 0, 0.0, 0
    print("READY", flush=True)
    while True:
        if time.monotonic() - read_at > 0.5:
            ports, read_at = read_ports(path), time.monotonic()
        try:
            datagram = bytearray(inbound.recv(65535))
        except socket.timeout:
            continue
        if len(datagram) >= 12:
            seq = (struct.unpack_from("!H", datagram, 2)[0] + shift) & 0xFFFF
            struct.pack_into("!H", datagram, 2, seq)
        for port in ports:
            for sock in outbound:
                try:
                    sock.sendto(datagram, (hub, port))
                    sent += 1
                except OSError:
                    pass
        if time.monotonic() - said_at > 1:
            print("SENT", sent, flush=True)
            said_at = time.monotonic()
            shift = (shift + 0x4000 + 300) & 0xFFFF


if __name__ == "__main__":
    main()

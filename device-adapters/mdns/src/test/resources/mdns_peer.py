"""A small mDNS responder for Hearth's tests (python3 standard library only).

Announces the services in a JSON file, answers queries for them, and takes commands on stdin:
  announce            send every record again, unsolicited
  move <ipv4>         say goodbye to the old address record, then announce the new one
  add <json service>  start announcing one more service
  junk [n]            send malformed packets (truncated, compression loops, oversized TXT, 9000 B)
Prints 'ready' once the socket is open and '<command> done' after each command.
"""

import json
import socket
import struct
import sys
import threading

GROUP = "224.0.0.251"
PORT = 5353
TTL = 120


def encode_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        raw = label.encode("utf-8")
        out += bytes([len(raw)]) + raw
    return out + b"\x00"


def record(name, rtype, rdata, ttl=TTL, flush=False):
    rclass = 1 | (0x8000 if flush else 0)
    return encode_name(name) + struct.pack("!HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def txt_rdata(txt):
    out = b""
    for key, value in txt.items():
        entry = (key + "=" + value).encode("utf-8")[:255]
        out += bytes([len(entry)]) + entry
    return out or b"\x00"


def packet(records):
    return struct.pack("!HHHHHH", 0, 0x8400, 0, len(records), 0, 0) + b"".join(records)


def read_name(data, offset, hops=0):
    labels = []
    while True:
        if offset >= len(data) or hops > 20:
            raise ValueError("bad name")
        length = data[offset]
        if length & 0xC0 == 0xC0:
            pointer = ((length & 0x3F) << 8) | data[offset + 1]
            rest, _ = read_name(data, pointer, hops + 1)
            labels.append(rest)
            return ".".join(l for l in labels if l), offset + 2
        offset += 1
        if length == 0:
            return ".".join(labels), offset
        labels.append(data[offset:offset + length].decode("utf-8", "replace"))
        offset += length


class Peer:
    def __init__(self, config):
        self.host = config["host"]
        self.address = config["address"]
        self.services = list(config["services"])
        self.lock = threading.Lock()
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_UDP)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
        self.sock.bind(("", PORT))
        ifindex = socket.if_nametoindex(config.get("interface", "eth0"))
        mreqn = struct.pack("4s4si", socket.inet_aton(GROUP), socket.inet_aton("0.0.0.0"), ifindex)
        self.sock.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreqn)

    def host_name(self):
        return self.host + ".local"

    def records(self, service, ttl=TTL):
        stype = service["type"] + ".local"
        instance = service["name"] + "." + stype
        srv = struct.pack("!HHH", 0, 0, service["port"]) + encode_name(self.host_name())
        return [
            record(stype, 12, encode_name(instance), ttl),
            record(instance, 33, srv, ttl, True),
            record(instance, 16, txt_rdata(service.get("txt", {})), ttl, True),
        ]

    def address_record(self, ttl=TTL):
        return record(self.host_name(), 1, socket.inet_aton(self.address), ttl, True)

    def everything(self):
        out = []
        for service in self.services:
            out += self.records(service)
        return out + [self.address_record()]

    def send(self, records):
        self.sock.sendto(packet(records), (GROUP, PORT))

    def announce(self, again=True):
        # RFC 6762 section 8.3: at least two unsolicited announcements, one second apart.
        with self.lock:
            self.send(self.everything())
        if again:
            threading.Timer(1.0, self.announce, kwargs={"again": False}).start()

    def move(self, address):
        with self.lock:
            self.send([self.address_record(0)])
            self.address = address
            self.send(self.everything())

    def wanted(self, name):
        name = name.lower().rstrip(".")
        if name == "_services._dns-sd._udp.local" or name == self.host_name().lower():
            return True
        for service in self.services:
            stype = (service["type"] + ".local").lower()
            if name in (stype, (service["name"] + "." + stype).lower()):
                return True
        return False

    def serve(self):
        while True:
            data, sender = self.sock.recvfrom(9000)
            try:
                if len(data) < 12 or data[2] & 0x80:
                    continue
                questions = struct.unpack("!H", data[4:6])[0]
                offset = 12
                hit = False
                for _ in range(min(questions, 32)):
                    name, offset = read_name(data, offset)
                    offset += 4
                    hit = hit or self.wanted(name)
                if hit:
                    self.announce(again=False)
            except (ValueError, IndexError, struct.error):
                pass

    def junk(self, which=""):
        header = struct.pack("!HHHHHH", 0, 0x8400, 0, 1, 0, 0)
        loop = header + b"\xc0\x0c" + struct.pack("!HHIH", 12, 1, TTL, 2) + b"\xc0\x0c"
        self_pointer = struct.pack("!HHHHHH", 0, 0x8400, 0, 1, 0, 0) + b"\x03abc\xc0\x0c"
        truncated = header + encode_name("_rtsp._tcp.local")[:5]
        lying_length = header + encode_name("x.local") + struct.pack("!HHIH", 16, 1, TTL, 60000)
        big_txt_entries = b"".join(bytes([255]) + b"k" * 255 for _ in range(34))
        big_txt = header + record("Huge._rtsp._tcp.local", 16, big_txt_entries)
        too_many = struct.pack("!HHHHHH", 0, 0x8400, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF)
        giant = header + b"\x3f" + b"a" * 63 + b"\x00" + b"\x00" * (9000 - 13 - 64)
        bad_label = header + b"\x80abc\x00" + struct.pack("!HHIH", 1, 1, TTL, 4) + b"\x01\x02\x03\x04"
        bad_utf8 = header + b"\x04\xff\xfe\xfd\xfc\x05local\x00" + struct.pack("!HHIH", 1, 1, TTL, 4) + b"\x0a\x00\x00\x01"
        payloads = [loop, self_pointer, truncated, lying_length, big_txt, too_many, giant,
                    bad_label, bad_utf8, b"", b"\x00", header]
        if which:
            payloads = [payloads[int(which)]]
        for payload in payloads:
            for _ in range(3):
                try:
                    self.sock.sendto(payload, (GROUP, PORT))
                except OSError as error:
                    print("junk not sent: %s" % error, flush=True)


def main():
    with open(sys.argv[1]) as handle:
        peer = Peer(json.load(handle))
    threading.Thread(target=peer.serve, daemon=True).start()
    peer.announce()
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, argument = line.strip().partition(" ")
        if command == "announce":
            peer.announce()
        elif command == "move":
            peer.move(argument)
        elif command == "add":
            with peer.lock:
                peer.services.append(json.loads(argument))
            peer.announce()
        elif command == "junk":
            peer.junk(argument)
        print(command + " done", flush=True)


if __name__ == "__main__":
    main()

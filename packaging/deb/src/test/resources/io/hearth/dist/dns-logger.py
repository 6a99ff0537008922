# The home router's DNS, as the egress soak plays it: answers nothing, writes each query's name
# and type (one line each) so the test can say what the hub asked the network to resolve.
import socket
import sys

sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.bind((sys.argv[1], 53))
while True:
    data, peer = sock.recvfrom(2048)
    i, labels = 12, []
    while i < len(data) and data[i] and len(labels) < 64:
        size = data[i]
        labels.append(data[i + 1 : i + 1 + size].decode("ascii", "replace"))
        i += size + 1
    qtype = int.from_bytes(data[i + 1 : i + 3], "big") if i + 3 <= len(data) else 0
    print(".".join(labels), qtype, flush=True)

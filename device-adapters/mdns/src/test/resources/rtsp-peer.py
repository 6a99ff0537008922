"""A real RTSP camera for Hearth's tests, run inside a test network namespace.

Usage: rtsp-peer.py ADDRESS PORT INNER_PORT WIDTH HEIGHT basic|digest USER PASSWORD
GStreamer's RTSP server serves a live H.264 test pattern (WIDTH x HEIGHT) at /cam on
127.0.0.1:INNER_PORT, behind USER/PASSWORD with Basic or Digest; a TCP relay on ADDRESS:PORT
passes every connection through and records it: CONNECT <peer> per connection, and AUTHZ <value>
for every Authorization header a client sends. Prints READY once both listen.
"""
import re
import socket
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

ADDRESS, PORT, INNER = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
WIDTH, HEIGHT, METHOD, USER, PASSWORD = sys.argv[4], sys.argv[5], sys.argv[6], sys.argv[7], sys.argv[8]
AUTHZ = re.compile(rb"^authorization:[ \t]*([^\r\n]*)", re.IGNORECASE | re.MULTILINE)


def server():
    Gst.init(None)
    rtsp = GstRtspServer.RTSPServer()
    rtsp.set_address("127.0.0.1")
    rtsp.set_service(str(INNER))
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        "( videotestsrc is-live=true ! video/x-raw,width=%s,height=%s,framerate=15/1"
        " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15"
        " ! rtph264pay name=pay0 pt=96 )" % (WIDTH, HEIGHT)
    )
    factory.set_shared(True)
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", USER)
    if METHOD == "digest":
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        auth.add_digest(USER, PASSWORD, token)
    else:
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(USER, PASSWORD), token)
    rtsp.set_auth(auth)
    factory.add_role_from_structure(
        Gst.Structure.new_from_string(
            USER + ", media.factory.access=(boolean)true, media.factory.construct=(boolean)true"
        )
    )
    rtsp.get_mount_points().add_factory("/cam", factory)
    if rtsp.attach(None) == 0:
        sys.exit("cannot listen on port %d" % INNER)
    return GLib.MainLoop()


def pump(source, target, record):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            if record:
                for value in AUTHZ.findall(data):
                    print("AUTHZ", value.decode("latin-1"), flush=True)
            target.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, target):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def relay():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((ADDRESS, PORT))
    listener.listen(16)
    return listener


def accept(listener):
    while True:
        client, peer = listener.accept()
        print("CONNECT", peer[0], flush=True)
        inner = socket.create_connection(("127.0.0.1", INNER))
        threading.Thread(target=pump, args=(client, inner, True), daemon=True).start()
        threading.Thread(target=pump, args=(inner, client, False), daemon=True).start()


def main():
    loop = server()
    listener = relay()
    threading.Thread(target=accept, args=(listener,), daemon=True).start()
    print("READY", flush=True)
    loop.run()


if __name__ == "__main__":
    main()

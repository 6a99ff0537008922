"""A test camera: GStreamer's RTSP server on loopback, serving a live test pattern at /cam.

Usage: gst-rtsp-camera.py PORT h264|h265 [--pattern P] [--format F] [--size WxH] [--fps N]
                          [--auth basic|digest USER PASSWORD] [--relay ADDRESS:PORT]
                          [--address ADDRESS] [--protocols tcp|udp|any] [--inband]
                          [--background ARGB] [--moves MOVING:STILL]
PATTERN is a videotestsrc pattern (smpte, red, blue, ...), so tests can tell two cameras apart.
BACKGROUND (0xAARRGGBB) is the colour the ball pattern is drawn on: a watermark of the camera that
survives compression. MOVES (seconds) shows the ball for MOVING seconds, then hides it (drawn in the
background's colour) for STILL seconds, again and again: motion on a schedule, so that a hub
detecting motion opens and closes events.
FORMAT pins the raw format (e.g. I420 as cameras send it: unpinned, x265enc negotiates 4:4:4
12-bit, the Rext profile); unset leaves it to negotiation.
ADDRESS is where the server listens (unset: 127.0.0.1) and where its RTP leaves from (unbound,
RTP would leave from the namespace's first address, and a hub that pins RTP to the camera's address
rightly drops it). PROTOCOLS: udp refuses RTP interleaved on the RTSP connection (461), so a hub
set to rtsp.transport=auto falls back to UDP; tcp refuses UDP. INBAND repeats SPS and PPS in the
stream before every keyframe (config-interval=-1).
RELAY puts a TCP relay on ADDRESS:PORT in front of the server (run in a test network namespace,
where ADDRESS is the camera's address) that passes every connection through and records it:
CONNECT <peer> per connection, and AUTHZ <value> for every Authorization header a client sends.
Prints READY once the server (and the relay) listen; runs until killed.
"""
import argparse
import re
import socket
import sys
import threading

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

AUTHZ = re.compile(rb"^authorization:[ \t]*([^\r\n]*)", re.IGNORECASE | re.MULTILINE)
ENCODERS = {
    "h264": "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15"
    " ! rtph264pay name=pay0 pt=96",
    "h265": "x265enc tune=zerolatency speed-preset=ultrafast key-int-max=15"
    " ! rtph265pay name=pay0 pt=96",
}


def parse():
    parser = argparse.ArgumentParser()
    parser.add_argument("port")
    parser.add_argument("codec", choices=sorted(ENCODERS))
    parser.add_argument("--pattern", default="smpte")
    parser.add_argument("--format")
    parser.add_argument("--size", default="320x240")
    parser.add_argument("--fps", default="15")
    parser.add_argument("--auth", nargs=3, metavar=("METHOD", "USER", "PASSWORD"))
    parser.add_argument("--relay", metavar="ADDRESS:PORT")
    parser.add_argument("--address")
    parser.add_argument("--protocols", choices=["any", "tcp", "udp"])
    parser.add_argument("--inband", action="store_true")
    parser.add_argument("--background")
    parser.add_argument("--moves")
    return parser.parse_args()


PROTOCOLS = {
    "tcp": GstRtsp.RTSPLowerTrans.TCP,
    "udp": GstRtsp.RTSPLowerTrans.UDP,
    "any": GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP,
}


def launch(args):
    width, height = args.size.split("x")
    caps = "video/x-raw"
    if args.format:
        caps += ",format=" + args.format
    caps += ",width=" + width + ",height=" + height + ",framerate=" + args.fps + "/1"
    return (
        "( videotestsrc name=src is-live=true pattern=" + args.pattern
        + (" background-color=" + args.background if args.background else "")
        + " ! " + caps + " ! " + ENCODERS[args.codec]
        + (" config-interval=-1" if args.inband else "") + " )"
    )


def main():
    args = parse()
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.address or "127.0.0.1")
    server.set_service(args.port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch(args))
    if args.protocols:
        factory.set_protocols(PROTOCOLS[args.protocols])
    if args.address:
        pool = GstRtspServer.RTSPAddressPool()
        pool.add_range(args.address, args.address, 20000, 60000, 0)  # unicast (TTL 0)
        factory.set_address_pool(pool)
    factory.set_shared(True)
    if args.moves:
        schedule(factory, args.moves, int(args.background or "0xff000000", 16))
    if args.auth:
        protect(server, factory, *args.auth)
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        sys.exit("cannot listen on port " + args.port)
    if args.relay:
        relay(args.relay, int(args.port))
    print("READY", flush=True)
    GLib.MainLoop().run()


def schedule(factory, moves, background):
    """Shows the ball (white) while moving, hides it in the background's colour while still."""
    moving, still = (int(float(s) * 1000) for s in moves.split(":"))
    sources = []
    factory.connect(
        "media-configure", lambda f, media: sources.append(media.get_element().get_by_name("src"))
    )

    def turn(show):
        for src in sources:
            src.set_property("foreground-color", 0xFFFFFFFF if show else background)
        GLib.timeout_add(moving if show else still, turn, not show)
        return False

    turn(True)


def protect(server, factory, method, user, password):
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", user)
    if method == "digest":
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
        auth.add_digest(user, password, token)
    else:
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
    server.set_auth(auth)
    role = Gst.Structure.new_from_string(
        user + ", media.factory.access=(boolean)true, media.factory.construct=(boolean)true"
    )
    factory.add_role_from_structure(role)


def relay(at, inner):
    address, port = at.rsplit(":", 1)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((address, int(port)))
    listener.listen(16)
    threading.Thread(target=accept, args=(listener, inner), daemon=True).start()


def accept(listener, inner):
    while True:
        client, peer = listener.accept()
        print("CONNECT", peer[0], flush=True)
        server = socket.create_connection(("127.0.0.1", inner))
        threading.Thread(target=pump, args=(client, server, True), daemon=True).start()
        threading.Thread(target=pump, args=(server, client, False), daemon=True).start()


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


if __name__ == "__main__":
    main()

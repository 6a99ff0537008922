"""A test camera: GStreamer's RTSP server on loopback, serving a live test pattern at /cam.

Usage: gst-rtsp-camera.py PORT h264|h265 [--pattern P] [--format F] [--size WxH] [--fps N]
                          [--auth basic|digest USER PASSWORD]
PATTERN is a videotestsrc pattern (smpte, red, blue, ...), so tests can tell two cameras apart.
FORMAT pins the raw format (e.g. I420 as cameras send it: unpinned, x265enc negotiates 4:4:4
12-bit, the Rext profile); unset leaves it to negotiation.
Prints READY once the server listens; runs until killed.
"""
import argparse
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

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
    return parser.parse_args()


def launch(args):
    width, height = args.size.split("x")
    caps = "video/x-raw"
    if args.format:
        caps += ",format=" + args.format
    caps += ",width=" + width + ",height=" + height + ",framerate=" + args.fps + "/1"
    return (
        "( videotestsrc is-live=true pattern=" + args.pattern
        + " ! " + caps + " ! " + ENCODERS[args.codec] + " )"
    )


def main():
    args = parse()
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(args.port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch(args))
    factory.set_shared(True)
    if args.auth:
        protect(server, factory, *args.auth)
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        sys.exit("cannot listen on port " + args.port)
    print("READY", flush=True)
    GLib.MainLoop().run()


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


if __name__ == "__main__":
    main()

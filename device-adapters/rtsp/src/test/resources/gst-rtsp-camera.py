"""A test camera: GStreamer's RTSP server on loopback, serving a live test pattern at /cam.

Usage: gst-rtsp-camera.py PORT h264|h265 [basic|digest USER PASSWORD]
Prints READY once the server listens; runs until killed.
"""
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


def main():
    Gst.init(None)
    port, codec = sys.argv[1], sys.argv[2]
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        "( videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=15/1"
        " ! " + ENCODERS[codec] + " )"
    )
    factory.set_shared(True)
    if len(sys.argv) > 3:
        protect(server, factory, sys.argv[3], sys.argv[4], sys.argv[5])
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        sys.exit("cannot listen on port " + port)
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

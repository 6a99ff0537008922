"""A camera for the display page's end-to-end tests: GStreamer's RTSP server on loopback,
serving a live 320x240 test picture at /cam.

Usage: gst-rtsp-camera.py PORT h264|h265 [PATTERN]
PATTERN is a videotestsrc pattern (smpte, red, blue, ...), so tests can tell two cameras apart.
Prints READY once the server listens; runs until killed.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

ENCODERS = {
    "h264": "x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15"
    " ! rtph264pay name=pay0 pt=96",
    "h265": "x265enc tune=zerolatency speed-preset=ultrafast key-int-max=15"
    " ! rtph265pay name=pay0 pt=96",
}


def main():
    Gst.init(None)
    port, codec = sys.argv[1], sys.argv[2]
    pattern = sys.argv[3] if len(sys.argv) > 3 else "smpte"
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        "( videotestsrc is-live=true pattern=" + pattern
        # I420 as cameras send it: unpinned, x265enc negotiates 4:4:4 12-bit (Rext profile).
        + " ! video/x-raw,format=I420,width=320,height=240,framerate=15/1 ! "
        + ENCODERS[codec] + " )"
    )
    factory.set_shared(True)
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        sys.exit("cannot listen on port " + port)
    print("READY", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()

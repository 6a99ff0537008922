"""Hearth's demo H.264 camera: GStreamer's RTSP server on loopback with a live test picture.

Usage: demo-camera.py PORT
Serves rtsp://127.0.0.1:PORT/cam (640x360, 15 fps, H.264), prints READY once it listens, and
runs until killed. Needs Debian's python3-gi, python3-gst-1.0, gir1.2-gst-rtsp-server-1.0 and
gstreamer1.0-plugins-ugly (x264enc).
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

PIPELINE = (
    "( videotestsrc is-live=true pattern=ball"
    " ! video/x-raw,width=640,height=360,framerate=15/1"
    " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=30"
    " ! rtph264pay name=pay0 pt=96 )"
)


def main():
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(sys.argv[1])
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(PIPELINE)
    factory.set_shared(True)
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        sys.exit("cannot listen on port " + sys.argv[1])
    print("READY", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()

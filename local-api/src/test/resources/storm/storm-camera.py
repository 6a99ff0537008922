"""A camera for the storm test: GStreamer's RTSP server at ADDRESS:PORT/cam sending a live
WIDTHxHEIGHT H.264 test picture, so a viewer can tell cameras apart by picture size.

Usage: storm-camera.py ADDRESS PORT WIDTH HEIGHT tcp|udp|any [PATTERN]
udp refuses RTP interleaved on the RTSP connection (461), so a hub set to rtsp.transport=auto
falls back to a UDP port pair; tcp refuses UDP. Prints READY once it listens; runs until killed.
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

PROTOCOLS = {
    "tcp": GstRtsp.RTSPLowerTrans.TCP,
    "udp": GstRtsp.RTSPLowerTrans.UDP,
    "any": GstRtsp.RTSPLowerTrans.TCP | GstRtsp.RTSPLowerTrans.UDP,
}


def main():
    Gst.init(None)
    address, port, width, height, lower = sys.argv[1:6]
    pattern = sys.argv[6] if len(sys.argv) > 6 else "smpte"
    server = GstRtspServer.RTSPServer()
    server.set_address(address)
    server.set_service(port)
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(
        "( videotestsrc is-live=true pattern=" + pattern
        + " ! video/x-raw,format=I420,width=" + width + ",height=" + height + ",framerate=15/1"
        + " ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=15"
        + " ! rtph264pay name=pay0 pt=96 config-interval=-1 )"
    )
    factory.set_protocols(PROTOCOLS[lower])
    # RTP leaves from the camera's own address (unbound, it would leave from the namespace's first
    # address, and a hub that pins RTP to the camera's address rightly drops it): unicast ports
    # (TTL 0) of this address only.
    pool = GstRtspServer.RTSPAddressPool()
    pool.add_range(address, address, 20000, 60000, 0)
    factory.set_address_pool(pool)
    factory.set_shared(True)
    server.get_mount_points().add_factory("/cam", factory)
    if server.attach(None) == 0:
        sys.exit("cannot listen on " + address + ":" + port)
    print("READY", flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()

package io.hearth.api;

import io.hearth.adapters.mdns.MdnsPeer;
import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the storm runs against, and its teardown: a test network whose far side holds four
 * real cameras of distinct picture sizes (garage, found and adopted over mDNS, and porch over RTSP
 * interleaved on TCP; yard and hall refusing TCP, so over RTP/UDP), the hub in a child JVM on this
 * side, and the displays, each granted one camera. The attackers (a spoofed announcement of the
 * garage with a camera of its own, and an RTP stream sprayed at the hub's UDP ports) are made here
 * but started by the storm.
 */
final class StormWorld implements AutoCloseable {
  static final String GARAGE_ID = "GARAGE-1";
  static final String SPOOF_SIZE = "480x272";

  final Path dir;
  final TestNetwork net;
  final StormHub hub;
  final Map<String, StormCamera> cameras = new LinkedHashMap<>();
  final Map<String, StormCamera> byId = new LinkedHashMap<>();
  final List<StormDisplay> displays = new ArrayList<>();
  final ViewerClients clients = new ViewerClients();
  String garageEntry;
  StormCamera spoofCamera;
  MdnsPeer spoofAnnouncer;
  RtpSpray spray;

  private StormWorld(Path dir, TestNetwork net) {
    this.dir = dir;
    this.net = net;
    this.hub = new StormHub(dir, net.hostInterface());
  }

  /** Builds the network, starts the cameras and the hub, adds the cameras, pairs the displays. */
  static StormWorld build(Path dir, int displays) throws Exception {
    Peers.require("ffmpeg", "ffmpeg");
    StormWorld world = new StormWorld(dir, TestNetwork.create());
    try {
      world.startCameras();
      world.hub.start();
      world.addCameras();
      world.pair(displays);
      return world;
    } catch (Exception | Error e) {
      world.close();
      throw e;
    }
  }

  private void startCameras() throws Exception {
    camera("garage", net.peerAddress().getHostAddress(), 640, 360, "tcp");
    camera("porch", address(3), 320, 240, "tcp");
    camera("yard", address(4), 352, 288, "udp");
    camera("hall", address(5), 176, 144, "udp");
    spoofCamera = new StormCamera(net, dir, "spoof", address(9), 480, 272, "any");
    for (StormCamera c : cameras.values()) {
      c.start();
    }
    for (StormCamera c : cameras.values()) {
      c.awaitReady(30_000);
    }
    MdnsPeer.start(net, dir, "garage", cameras.get("garage").address, List.of(garageService()));
  }

  private void camera(String name, String address, int w, int h, String lower) {
    cameras.put(name, new StormCamera(net, dir, name, address, w, h, lower));
  }

  /** The garage's DNS-SD service: its identity, the one the spoof claims. */
  static io.vertx.core.json.JsonObject garageService() {
    return MdnsPeer.service(
        "_rtsp._tcp", "Garage camera", StormCamera.PORT, Map.of("id", GARAGE_ID, "path", "/cam"));
  }

  private void addCameras() throws Exception {
    String identity = "_rtsp._tcp/id=" + GARAGE_ID.toLowerCase(java.util.Locale.ROOT);
    garageEntry = hub.awaitEntry(identity, 30_000).getString("id");
    byId.put(hub.adopt(identity, "Garage", 5_000), cameras.get("garage"));
    for (String name : List.of("porch", "yard", "hall")) {
      byId.put(hub.addCamera(name, cameras.get(name).url()), cameras.get(name));
    }
  }

  private void pair(int count) throws Exception {
    List<String> ids = new ArrayList<>(byId.keySet());
    for (int i = 0; i < count; i++) {
      String camera = ids.get(i % ids.size());
      io.vertx.core.json.JsonObject paired = hub.pairDisplay("display-" + i, List.of(camera));
      displays.add(
          new StormDisplay(
              "display-" + i,
              camera,
              byId.get(camera).size(),
              paired,
              hub::port,
              clients.http,
              clients.ws));
    }
  }

  /** A further address on the far side's interface. */
  String address(int lastOctet) throws Exception {
    String peer = net.peerAddress().getHostAddress();
    String added = peer.substring(0, peer.lastIndexOf('.') + 1) + lastOctet;
    net.inside("ip", "addr", "add", added + "/24", "dev", "eth0");
    return added;
  }

  /** The hub's last WARN and ERROR lines, to tell why a phase failed. */
  String hubWarnings() {
    try {
      List<String> lines =
          hub.output().lines().filter(l -> l.contains("WARN") || l.contains("ERROR")).toList();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    for (StormDisplay d : displays) {
      try {
        d.stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (spray != null) {
      spray.close();
    }
    hub.close();
    clients.close();
    net.close();
  }
}

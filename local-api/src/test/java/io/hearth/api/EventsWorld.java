package io.hearth.api;

import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.GstCamera;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the events storm runs against: four real GStreamer RTSP cameras on loopback, each drawing a
 * ball on its own colour (its watermark) that moves 2 s in every 5 s, each reached through its own
 * {@link CameraLink}; the hub in a child JVM (so kill -9 is real) recording them on events only,
 * with motion detection; and the viewers, paired displays each granted one camera's events only.
 */
final class EventsWorld implements AutoCloseable {
  static final int WIDTH = 160;
  static final int HEIGHT = 120;

  final Path dir;
  final StormHub hub;
  final List<GstCamera> cameras = new ArrayList<>();
  final List<CameraLink> links = new ArrayList<>();
  final List<String> cameraIds = new ArrayList<>();
  final List<EventViewer> viewers = new ArrayList<>();

  /** The event ids of each camera its viewers have listed, for other viewers to try. */
  final Map<String, Set<String>> known = new ConcurrentHashMap<>();

  final ViewerClients clients = new ViewerClients();

  private EventsWorld(Path dir) {
    this.dir = dir;
    this.hub =
        new StormHub(
            dir,
            false,
            List.of(
                "rtsp.transport=tcp",
                "recording.segment-seconds=2",
                "recording.motion-threshold=3",
                "recording.motion-hold-seconds=1",
                "recording.pre-roll-seconds=1",
                "recording.post-roll-seconds=1",
                "connections.http.max=100000",
                "connections.http.max-per-address=100000"));
  }

  /** Starts cameras, links and hub; adds the cameras, recorded on events; pairs the viewers. */
  static EventsWorld build(Path dir, int viewers) throws Exception {
    Peers.require("ffmpeg", "ffmpeg");
    EventsWorld world = new EventsWorld(dir);
    try {
      world.startCameras();
      world.hub.start();
      for (int i = 0; i < world.links.size(); i++) {
        String id = world.hub.addCamera(Watermark.ALL.get(i).name(), world.links.get(i).url());
        world.hub.owner(
            "PUT", "/api/v1/cameras/" + id + "/recording", new JsonObject().put("mode", "events"));
        world.cameraIds.add(id);
        world.known.put(id, ConcurrentHashMap.newKeySet());
      }
      world.pair(viewers);
      return world;
    } catch (Exception | Error e) {
      world.close();
      throw e;
    }
  }

  private void startCameras() throws Exception {
    for (Watermark w : Watermark.ALL) {
      GstCamera camera =
          GstCamera.builder()
              .pattern("ball")
              .format("I420")
              .size(WIDTH, HEIGHT)
              .background(w.argb())
              .moves(2_000, 3_000)
              .launch();
      cameras.add(camera);
    }
    for (GstCamera c : cameras) {
      c.awaitReady(Duration.ofSeconds(30));
      links.add(new CameraLink(c.port()));
    }
  }

  private void pair(int count) throws Exception {
    Path files = Files.createDirectories(dir.resolve("viewed"));
    for (int i = 0; i < count; i++) {
      int camera = i % cameraIds.size();
      String id = cameraIds.get(camera);
      JsonObject paired = hub.pairDisplay("viewer-" + i, List.of(id), List.of("events"));
      viewers.add(
          new EventViewer(
              "viewer-" + i,
              id,
              cameraIds.get((camera + 1) % cameraIds.size()),
              Watermark.ALL.get(camera),
              paired,
              hub::port,
              clients.http,
              clients.ws,
              files,
              known));
    }
  }

  /**
   * Waits until every camera has a finished event with a thumbnail that started after {@code
   * since}.
   */
  void awaitFinishedEvents(Instant since, long millis) throws Exception {
    for (String id : cameraIds) {
      Eventually.value(
          Duration.ofMillis(millis),
          () -> "a finished event of " + id + " that started after " + since,
          () -> finishedSince(id, since));
    }
  }

  JsonObject finishedSince(String cameraId, Instant since) throws Exception {
    if (hub.port() < 0) {
      return null;
    }
    JsonObject page = hub.owner("GET", "/api/v1/cameras/" + cameraId + "/events?limit=20", null);
    for (Object o : page.getJsonArray("events")) {
      JsonObject e = (JsonObject) o;
      if (e.getString("ended_at") != null
          && e.getBoolean("thumbnail")
          && Instant.parse(e.getString("started_at")).isAfter(since)) {
        return e;
      }
    }
    return null;
  }

  /** Whether some camera has an event open now (one being written). */
  boolean anEventOpen() throws Exception {
    for (String id : cameraIds) {
      JsonObject page = hub.owner("GET", "/api/v1/cameras/" + id + "/events?limit=5", null);
      for (Object o : page.getJsonArray("events")) {
        if (((JsonObject) o).getString("ended_at") == null) {
          return true;
        }
      }
    }
    return false;
  }

  /** The grant of a viewer's display on its camera. */
  String grantOf(EventViewer v) throws Exception {
    return hub.grants(v.cameraId).stream()
        .filter(g -> v.displayId.equals(g.getString("principal_id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no grant of " + v.name))
        .getString("id");
  }

  @Override
  public void close() {
    links.forEach(CameraLink::close);
    hub.close();
    for (GstCamera c : cameras) {
      try {
        c.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    clients.close();
  }
}

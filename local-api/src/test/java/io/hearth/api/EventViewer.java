package io.hearth.api;

import io.hearth.runtime.security.Unsealer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * One viewer of the events storm: a paired display with an events grant (no live) on one camera. A
 * round lists its events (across cameras and per camera: every one must be its camera's), asks for
 * another camera's (must be refused), fetches the thumbnail of the newest finished event it has not
 * fetched yet and plays that event's clip to its end, opening every chunk with the session's key
 * for its camera. Thumbnails and clips are kept as files, decoded later; anything of another camera
 * is counted as foreign.
 */
final class EventViewer {
  final String name;
  final String cameraId;
  final String otherCameraId;
  final Watermark watermark;
  final String displayId;
  private final String token;
  private final IntSupplier port;
  private final HttpClient http;
  private final WebSocketClient ws;
  private final Path dir;
  private final Map<String, Set<String>> known;
  final AtomicLong listed = new AtomicLong();
  final AtomicLong foreign = new AtomicLong();
  final AtomicLong clips = new AtomicLong();
  final AtomicLong emptyClips = new AtomicLong();
  final AtomicLong crossTried = new AtomicLong();
  final List<String> foreignSeen = new CopyOnWriteArrayList<>();
  final List<Path> thumbnails = new CopyOnWriteArrayList<>();
  final List<Path> clipFiles = new CopyOnWriteArrayList<>();
  private final Set<String> fetched = ConcurrentHashMap.newKeySet();
  private final Set<String> empty = ConcurrentHashMap.newKeySet();

  /** The storm's phase (set by the storm) and the last phase in which this viewer played a clip. */
  volatile int phase = 1;

  volatile int played;

  /** The event whose clip this viewer last played to its end. */
  volatile String lastPlayed;

  EventViewer(
      String name,
      String cameraId,
      String otherCameraId,
      Watermark watermark,
      JsonObject paired,
      IntSupplier port,
      HttpClient http,
      WebSocketClient ws,
      Path dir,
      Map<String, Set<String>> known) {
    this.name = name;
    this.cameraId = cameraId;
    this.otherCameraId = otherCameraId;
    this.watermark = watermark;
    this.token = paired.getString("access_token");
    this.displayId = paired.getString("display_id");
    this.port = port;
    this.http = http;
    this.ws = ws;
    this.dir = dir;
    this.known = known;
  }

  /**
   * One round; false if the hub was down or refused on the way (expected while it restarts), true
   * once it listed, fetched the thumbnails of the finished events it had not fetched, and (once in
   * each phase of the storm) played the newest one's clip to its end.
   */
  boolean round() throws InterruptedException {
    try {
      JsonArray all = events("/api/v1/camera-events?limit=50");
      JsonArray own = events("/api/v1/cameras/" + cameraId + "/events?limit=50");
      if (all == null || own == null) {
        return false;
      }
      HttpResponse<String> other = get("/api/v1/cameras/" + otherCameraId + "/events");
      if (other.statusCode() / 100 == 2) {
        foreign("another camera's events answered " + other.statusCode());
      } else if (other.statusCode() != 403) {
        return false;
      }
      crossCamera();
      String newest = null;
      for (Object o : own) {
        JsonObject e = (JsonObject) o;
        if (e.getString("ended_at") != null && Boolean.TRUE.equals(e.getBoolean("thumbnail"))) {
          newest =
              newest == null && !empty.contains(e.getString("id")) ? e.getString("id") : newest;
          if (!fetched.contains(e.getString("id")) && !thumbnail(e.getString("id"))) {
            return false;
          }
        }
      }
      int now = phase;
      if (newest == null || played >= now) {
        return true;
      }
      return play(newest, now);
    } catch (java.io.IOException e) {
      return false; // the hub is down or restarting
    }
  }

  /**
   * Another camera's event asked for through this viewer's camera, where its grant holds: neither
   * its thumbnail nor its clip may be served.
   */
  private void crossCamera() throws java.io.IOException, InterruptedException {
    Set<String> ids = known.get(otherCameraId);
    String id = ids.isEmpty() ? null : ids.iterator().next();
    if (id == null) {
      return;
    }
    String path = "/api/v1/cameras/" + cameraId + "/events/" + id;
    HttpResponse<byte[]> jpeg =
        http.send(
            request(path + "/thumbnail").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (jpeg.statusCode() / 100 == 2) {
      foreign("the thumbnail of " + id + " (another camera's) served through its own camera");
    }
    if (open(id).statusCode() / 100 == 2) {
      foreign("a clip session of " + id + " (another camera's) opened through its own camera");
    }
    crossTried.incrementAndGet();
  }

  /** A page of events, each checked to be this camera's; null if not answered with 200. */
  private JsonArray events(String path) throws java.io.IOException, InterruptedException {
    HttpResponse<String> answer = get(path);
    if (answer.statusCode() != 200) {
      return null;
    }
    JsonArray events = new JsonObject(answer.body()).getJsonArray("events");
    for (Object o : events) {
      JsonObject e = (JsonObject) o;
      listed.incrementAndGet();
      if (!cameraId.equals(e.getString("camera_id"))) {
        foreign("listed " + e.getString("id") + " of camera " + e.getString("camera_id"));
      } else {
        known.get(cameraId).add(e.getString("id"));
      }
    }
    return events;
  }

  /** Fetches and keeps the event's thumbnail; false if not answered with it. */
  private boolean thumbnail(String eventId) throws java.io.IOException, InterruptedException {
    String path = "/api/v1/cameras/" + cameraId + "/events/" + eventId + "/thumbnail";
    HttpResponse<byte[]> jpeg =
        http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (jpeg.statusCode() != 200) {
      return false;
    }
    fetched.add(eventId);
    Path file = dir.resolve(watermark.name() + "-" + name + "-" + eventId + ".jpg");
    Files.write(file, jpeg.body());
    thumbnails.add(file);
    return true;
  }

  /** Plays the event's clip to its end and keeps it; false if the hub refused or went away. */
  private boolean play(String eventId, int inPhase)
      throws java.io.IOException, InterruptedException {
    Playing clip = play(eventId);
    if (clip == null) {
      return false;
    }
    Short code;
    try {
      code = clip.closed.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      clip.close();
      return false;
    }
    if (code == null || code != 1000) {
      return false; // the hub went away mid-clip
    }
    if (clip.chunks.size() < 2) {
      emptyClips.incrementAndGet(); // no picture stored (the segment lost to the kill -9)
      empty.add(eventId);
      return true;
    }
    byte[] mp4;
    try {
      mp4 = SealedClip.reassemble(clip.chunks, clip.key, clip.sessionId, cameraId);
    } catch (Unsealer.Rejected e) {
      foreign("a chunk of the clip of " + eventId + " does not open for its session: " + e);
      return true;
    } catch (Exception | AssertionError e) {
      foreign("the clip of " + eventId + " is not an INIT, MEDIA, then an end: " + e);
      return true;
    }
    Path file = dir.resolve(name + "-" + eventId + ".mp4");
    Files.write(file, mp4);
    clipFiles.add(file);
    clips.incrementAndGet();
    played = inPhase;
    lastPlayed = eventId;
    return true;
  }

  /** A playing clip: its chunks as they arrive (and when), and its close code. */
  static final class Playing {
    final List<byte[]> chunks = new CopyOnWriteArrayList<>();
    final List<Long> arrivals = new CopyOnWriteArrayList<>();
    final CompletableFuture<Short> closed = new CompletableFuture<>();
    volatile long closedAt;
    byte[] key;
    String sessionId;
    ClientWebSocket socket;

    void close() {
      if (socket != null && !socket.isClosed()) {
        socket.close();
      }
    }
  }

  /** Opens a clip session and its WebSocket; null if the hub refused or is down. */
  Playing play(String eventId) throws java.io.IOException, InterruptedException {
    int at = port.getAsInt();
    HttpResponse<String> opened = open(eventId);
    if (opened.statusCode() != 201) {
      return null;
    }
    JsonObject session = new JsonObject(opened.body());
    Playing clip = new Playing();
    clip.key = Base64.getUrlDecoder().decode(session.getString("key"));
    clip.sessionId = session.getString("session_id");
    ClientWebSocket socket = ws.webSocket();
    socket.binaryMessageHandler(
        b -> {
          clip.arrivals.add(System.currentTimeMillis());
          clip.chunks.add(b.getBytes());
        });
    socket.closeHandler(
        v -> {
          clip.closedAt = System.currentTimeMillis();
          clip.closed.complete(socket.closeStatusCode());
        });
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(at);
    options.setURI(session.getString("ws_url"));
    try {
      socket.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      return null;
    }
    clip.socket = socket;
    return clip;
  }

  /** POSTs a clip session of the event; the hub's answer. */
  HttpResponse<String> open(String eventId) throws java.io.IOException, InterruptedException {
    String path = "/api/v1/cameras/" + cameraId + "/events/" + eventId + "/sessions";
    return http.send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String path) throws java.io.IOException, InterruptedException {
    return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) throws java.io.IOException {
    int at = port.getAsInt();
    if (at < 0) {
      throw new java.net.ConnectException("the hub is down");
    }
    return TestHub.authorized(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at + path))
            .timeout(Duration.ofSeconds(10)),
        token);
  }

  void foreign(String what) {
    foreign.incrementAndGet();
    if (foreignSeen.size() < 5) {
      foreignSeen.add(name + " (camera " + cameraId + "): " + what);
    }
  }
}

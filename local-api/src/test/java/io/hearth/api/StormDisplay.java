package io.hearth.api;

import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.security.Unsealer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * One display of the storm, granted one camera: it keeps a stream session open (opening a new one
 * whenever the hub ends it or goes away, as the display page does) and checks every chunk it
 * receives as a display must: sealed for this session and camera, in sequence, authentic, and of
 * its camera's picture size. Whatever fails any of that is counted as foreign.
 */
final class StormDisplay {
  static final long RETRY_MS = 100;

  final String name;
  final String cameraId;
  final String size;
  final String displayId;
  private final String token;
  private final IntSupplier port;
  private final HttpClient http;
  private final WebSocketClient ws;
  final AtomicLong verified = new AtomicLong();
  final AtomicLong foreign = new AtomicLong();
  final AtomicLong reopenedAfterRevocation = new AtomicLong();
  final List<String> foreignSeen = new CopyOnWriteArrayList<>();
  private final Queue<Long> media = new ConcurrentLinkedQueue<>();
  private volatile long revokedAt;
  private volatile long lastChunkAt;
  private volatile boolean running = true;
  private Thread thread;

  StormDisplay(
      String name,
      String cameraId,
      String size,
      JsonObject paired,
      IntSupplier port,
      HttpClient http,
      WebSocketClient ws) {
    this.name = name;
    this.cameraId = cameraId;
    this.size = size;
    this.token = paired.getString("access_token");
    this.displayId = paired.getString("display_id");
    this.port = port;
    this.http = http;
    this.ws = ws;
  }

  void start() {
    thread = new Thread(this::watch, "storm-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.join(15_000);
    }
  }

  /** The owner revoked this display's grant at {@code millis} (epoch ms). */
  void revoked(long millis) {
    revokedAt = millis;
  }

  long revokedAt() {
    return revokedAt;
  }

  /** How long after the revocation the last chunk arrived (ms; 0 if none did after it). */
  long lastChunkAfterRevocation() {
    return revokedAt == 0 ? 0 : Math.max(0, lastChunkAt - revokedAt);
  }

  /** How many MEDIA chunks arrived at or after {@code millis} (epoch ms). */
  long mediaSince(long millis) {
    return media.stream().filter(t -> t >= millis).count();
  }

  /** When the first MEDIA chunk at or after {@code millis} arrived, or -1. */
  long firstMediaSince(long millis) {
    return media.stream().filter(t -> t >= millis).mapToLong(t -> t).min().orElse(-1);
  }

  private void watch() {
    while (running) {
      try {
        WebSocket socket = open();
        while (running && !socket.isClosed()) {
          Thread.sleep(RETRY_MS);
        }
        if (!socket.isClosed()) {
          socket.close();
        }
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        pause();
      }
    }
  }

  /** Opens a session on the camera and its WebSocket; fails while refused or the hub is down. */
  private WebSocket open() throws Exception {
    int at = port.getAsInt();
    if (at < 0) {
      throw new IllegalStateException("hub down");
    }
    HttpResponse<String> answer =
        StormHub.send(
            http,
            at,
            "POST",
            "/api/v1/cameras/" + cameraId + "/sessions",
            token,
            "{\"format\":\"mse\"}");
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("refused " + answer.statusCode());
    }
    if (revokedAt != 0) {
      reopenedAfterRevocation.incrementAndGet();
    }
    JsonObject session = new JsonObject(answer.body());
    Unsealer unsealer =
        new Unsealer(
            Base64.getUrlDecoder().decode(session.getString("key")),
            session.getString("session_id"),
            cameraId);
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(at);
    options.setURI(session.getString("ws_url"));
    CompletableFuture<WebSocket> connected =
        ws.connect(options)
            .map(
                socket -> {
                  String[] picture = {null};
                  socket.binaryMessageHandler(chunk -> check(unsealer, picture, chunk));
                  return socket;
                })
            .toCompletionStage()
            .toCompletableFuture();
    return connected.get(10, TimeUnit.SECONDS);
  }

  /**
   * Checks one chunk as a display would, on arrival; {@code picture} holds the size of the
   * session's current INIT, under which its MEDIA chunks decode.
   */
  private void check(Unsealer unsealer, String[] picture, Buffer chunk) {
    long now = System.currentTimeMillis();
    lastChunkAt = now;
    try {
      Unsealer.Opened opened = unsealer.open(chunk.getBytes());
      if (opened.kind() == Sealer.Kind.INIT) {
        picture[0] = PictureCheck.initSize(opened.payload());
      }
      String wrong = wrongPicture(opened, picture[0]);
      if (wrong != null) {
        foreign(wrong);
        return;
      }
      verified.incrementAndGet();
      if (opened.kind() == Sealer.Kind.MEDIA) {
        media.add(now);
      }
    } catch (Unsealer.Rejected e) {
      foreign("unverifiable: " + e.getMessage());
    } catch (RuntimeException e) {
      foreign("unreadable: " + e);
    }
  }

  /** Why the chunk is not this camera's picture, or null if it is (or carries no picture). */
  private String wrongPicture(Unsealer.Opened opened, String picture) {
    if (opened.kind() == Sealer.Kind.INIT) {
      return picture.equals(size) ? null : "INIT of " + picture;
    }
    if (opened.kind() == Sealer.Kind.MEDIA) {
      if (!size.equals(picture)) {
        return "MEDIA under an INIT of " + picture;
      }
      for (String got : PictureCheck.mediaSizes(opened.payload())) {
        if (!got.equals(size)) {
          return "MEDIA with an SPS of " + got;
        }
      }
    }
    return null;
  }

  private void foreign(String what) {
    foreign.incrementAndGet();
    if (foreignSeen.size() < 5) {
      foreignSeen.add(name + " (wants " + size + "): " + what);
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}

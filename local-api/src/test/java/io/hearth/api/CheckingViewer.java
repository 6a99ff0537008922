package io.hearth.api;

import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.security.Unsealer;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A display that trusts nothing it receives: it watches one camera through a given port (the hub's,
 * or a poor link's), opening a new session whenever the last one ends, and fetches stills between
 * sessions. Every chunk is unsealed with its own session's key and every picture is read for the
 * camera it shows; a picture of another camera is counted as foreign, a chunk it cannot open as
 * unverifiable. FakeCameras write their camera's id into every picture, which makes both checkable.
 */
final class CheckingViewer {
  final String camera;
  final AtomicLong verified = new AtomicLong();
  final AtomicLong foreign = new AtomicLong();
  final AtomicLong unverifiable = new AtomicLong();
  final AtomicLong stills = new AtomicLong();
  final AtomicLong foreignStills = new AtomicLong();
  final AtomicLong sessions = new AtomicLong();
  final AtomicLong interruptions = new AtomicLong();
  final AtomicLong maxGapMillis = new AtomicLong();
  private final Vertx vertx;
  private final int port;
  private final String token;
  private final List<String> allCameras;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final WebSocketClient sockets;
  private volatile long lastChunkAt;

  CheckingViewer(Vertx vertx, int port, String token, String camera, List<String> allCameras) {
    this.vertx = vertx;
    this.port = port;
    this.token = token;
    this.camera = camera;
    this.allCameras = allCameras;
    this.sockets = vertx.createWebSocketClient();
  }

  /** Watches in sessions of {@code sessionMillis} (0: one session for the whole time). */
  void watchUntil(long deadline, long sessionMillis) {
    while (System.currentTimeMillis() < deadline) {
      try {
        still();
        long until =
            sessionMillis == 0
                ? deadline
                : Math.min(
                    deadline,
                    System.currentTimeMillis()
                        + sessionMillis
                        + ThreadLocalRandom.current().nextLong(sessionMillis));
        watchOneSession(until);
      } catch (Exception e) {
        interruptions.incrementAndGet(); // expected behind a poor link: cuts and time-outs
        pause(); // as the display page does: a jittered wait before the next try
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(250 + ThreadLocalRandom.current().nextLong(750));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void still() throws Exception {
    HttpResponse<byte[]> answer =
        http.send(
            request("/api/v1/cameras/" + camera + "/snapshot").GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("snapshot answered " + answer.statusCode());
    }
    String shown = shows(answer.body());
    if (camera.equals(shown)) {
      stills.incrementAndGet();
    } else if (shown != null) {
      foreignStills.incrementAndGet();
      System.err.println("FOREIGN STILL: viewer of " + camera + " got a picture of " + shown);
    }
  }

  private void watchOneSession(long until) throws Exception {
    JsonObject session = open();
    sessions.incrementAndGet();
    Unsealer unsealer =
        new Unsealer(
            Base64.getUrlDecoder().decode(session.getString("key")),
            session.getString("session_id"),
            camera);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    WebSocket socket = connect(session.getString("ws_url"), unsealer, ended);
    try {
      ended.get(Math.max(1, until - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
      interruptions.incrementAndGet(); // the link or the hub ended it before we did
    } catch (java.util.concurrent.TimeoutException e) {
      // watched as long as planned
    } finally {
      socket.close();
    }
  }

  private JsonObject open() throws Exception {
    HttpResponse<String> answer =
        http.send(
            request("/api/v1/cameras/" + camera + "/sessions")
                .POST(HttpRequest.BodyPublishers.ofString("{\"format\":\"mjpeg\"}"))
                .header("Content-Type", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      throw new IllegalStateException("session answered " + answer.statusCode());
    }
    return new JsonObject(answer.body());
  }

  private WebSocket connect(String uri, Unsealer unsealer, CompletableFuture<Void> ended)
      throws Exception {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
    return sockets
        .connect(options)
        .map(
            socket -> {
              socket.binaryMessageHandler(b -> check(unsealer, b.getBytes()));
              socket.closeHandler(v -> ended.complete(null));
              socket.exceptionHandler(e -> ended.complete(null));
              return socket;
            })
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private void check(Unsealer unsealer, byte[] chunk) {
    long now = System.currentTimeMillis();
    if (lastChunkAt != 0) {
      maxGapMillis.accumulateAndGet(now - lastChunkAt, Math::max);
    }
    lastChunkAt = now;
    Unsealer.Opened opened;
    try {
      opened = unsealer.open(chunk);
    } catch (Unsealer.Rejected e) {
      unverifiable.incrementAndGet();
      System.err.println("UNVERIFIABLE: viewer of " + camera + ": " + e.getMessage());
      return;
    }
    if (opened.kind() != Sealer.Kind.JPEG) {
      return;
    }
    String shown = shows(opened.payload());
    if (camera.equals(shown)) {
      verified.incrementAndGet();
    } else if (shown == null) {
      unverifiable.incrementAndGet();
    } else {
      foreign.incrementAndGet();
      System.err.println("FOREIGN CHUNK: viewer of " + camera + " got a picture of " + shown);
    }
  }

  /** The camera a FakeCameras picture names, or null when it names none of them. */
  private String shows(byte[] picture) {
    String text = new String(picture, StandardCharsets.ISO_8859_1);
    for (String id : allCameras) {
      if (text.contains(id + "#")) {
        return id;
      }
    }
    return null;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token);
  }
}

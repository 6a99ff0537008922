package io.hearth.api.bench;

import io.hearth.runtime.security.Unsealer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One display's tile of one camera, run as the display page's {@code tile.js} runs it: a new
 * session ({@code POST .../sessions}) and WebSocket for every attempt, every chunk verified with
 * the session's key before use, and the page's reconnect policy ({@link ReconnectPolicy}) after a
 * failure or a closed socket. A 401 ends the tile (the page forgets its pairing); 403 and 404 wait
 * the longest backoff. Each attempt is logged ({@link TileAttempt}). Runs on its own context.
 */
final class DisplayTile {
  private final Context context;
  private final HttpClient http;
  private final WebSocketClient ws;
  private final int port;
  private final String token;
  final String cameraId;
  final List<TileAttempt> attempts = new CopyOnWriteArrayList<>();
  private final AtomicLong rejected = new AtomicLong();
  private volatile boolean unauthorized;
  private volatile boolean stopped;
  private int failures;
  private long retryTimer = -1;
  private WebSocket socket;

  DisplayTile(
      Vertx vertx, HttpClient http, WebSocketClient ws, int port, String token, String cameraId) {
    this.context = vertx.getOrCreateContext();
    this.http = http;
    this.ws = ws;
    this.port = port;
    this.token = token;
    this.cameraId = cameraId;
  }

  void start() {
    context.runOnContext(v -> connect());
  }

  void stop() {
    stopped = true;
    context.runOnContext(
        v -> {
          context.owner().cancelTimer(retryTimer);
          if (socket != null) {
            socket.close();
          }
        });
  }

  /** The hub answered 401: the page would forget its pairing and show the pairing screen. */
  boolean unauthorized() {
    return unauthorized;
  }

  /**
   * Chunks that failed verification: what a chunk of another session or camera, or one kept from
   * before a restart, would be (the session id and camera id are sealed in).
   */
  long rejectedChunks() {
    return rejected.get();
  }

  private void connect() {
    if (stopped) {
      return;
    }
    TileAttempt attempt = new TileAttempt();
    attempts.add(attempt);
    openSession(attempt)
        .onFailure(e -> failed(attempt, e))
        .compose(session -> openSocket(attempt, session))
        .onFailure(e -> socketFailed(attempt, e));
  }

  private Future<JsonObject> openSession(TileAttempt attempt) {
    RequestOptions post =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI("/api/v1/cameras/" + cameraId + "/sessions")
            .setTimeout(10_000)
            .putHeader("Authorization", "Bearer " + token)
            .putHeader("Content-Type", "application/json");
    return http.request(post)
        .compose(request -> request.send(new JsonObject().put("format", "mse").encode()))
        .compose(answer -> answer.body().map(body -> session(attempt, answer.statusCode(), body)))
        .onFailure(
            e -> {
              if (attempt.sessionAnswered == 0) {
                attempt.answered(0); // no answer at all: the hub is not there
              }
            });
  }

  private static JsonObject session(TileAttempt attempt, int status, Buffer body) {
    attempt.answered(status);
    if (status != 201) {
      throw new HubRefused(status, body.toString(StandardCharsets.UTF_8));
    }
    return body.toJsonObject();
  }

  private Future<WebSocket> openSocket(TileAttempt attempt, JsonObject session) {
    if (!cameraId.equals(session.getString("camera_id"))) {
      throw new IllegalStateException("the hub opened a session for another camera");
    }
    Unsealer unsealer =
        new Unsealer(
            Base64.getUrlDecoder().decode(session.getString("key")),
            session.getString("session_id"),
            cameraId);
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(session.getString("ws_url"));
    return ws.connect(options)
        .map(
            opened -> {
              attempt.socketOpen = System.nanoTime();
              socket = opened;
              String[] end = {null};
              opened.binaryMessageHandler(b -> receive(attempt, unsealer, b, end));
              opened.closeHandler(v -> closed(attempt, opened.closeStatusCode(), end[0]));
              return opened;
            });
  }

  private void receive(TileAttempt attempt, Unsealer unsealer, Buffer chunk, String[] end) {
    long now = System.nanoTime();
    Unsealer.Opened opened;
    try {
      opened = unsealer.open(chunk.getBytes());
    } catch (Unsealer.Rejected e) {
      rejected.incrementAndGet();
      return;
    }
    switch (opened.kind()) {
      case INIT -> attempt.firstInit = attempt.firstInit == 0 ? now : attempt.firstInit;
      case MEDIA -> playing(attempt, now);
      case CONTROL -> end[0] = endReason(opened, end[0]);
      default -> {}
    }
  }

  private static String endReason(Unsealer.Opened control, String before) {
    String text = new String(control.payload(), StandardCharsets.UTF_8);
    return text.contains("\"end\"") ? text : before;
  }

  private void playing(TileAttempt attempt, long now) {
    if (attempt.firstMedia == 0) {
      attempt.firstMedia = now;
    }
    failures = 0;
  }

  private void closed(TileAttempt attempt, Short code, String endReason) {
    attempt.closed = System.nanoTime();
    socket = null;
    if (stopped) {
      return;
    }
    attempt.failure = endReason != null ? "ended" : "closed " + code;
    boolean ended = endReason != null || (code != null && code == 4403);
    retry(ended ? 1000 : 0, false);
  }

  /** As the page's socket that closes before it opens (code 1006): an ordinary backoff. */
  private void socketFailed(TileAttempt attempt, Throwable e) {
    if (attempt.sessionStatus == 201) {
      attempt.failure = "socket " + e.getClass().getSimpleName();
      if (!stopped) {
        retry(0, false);
      }
    }
  }

  /** As the page's {@code failed()}: no answer at all is fetch()'s TypeError, "unreachable". */
  private void failed(TileAttempt attempt, Throwable e) {
    attempt.failure =
        e instanceof HubRefused refused ? "HTTP " + refused.status : e.getClass().getSimpleName();
    if (stopped) {
      return;
    }
    if (e instanceof HubRefused refused && refused.status == 401) {
      unauthorized = true;
      stopped = true;
    } else if (e instanceof HubRefused refused
        && (refused.status == 403 || refused.status == 404)) {
      retry(ReconnectPolicy.MAX_BACKOFF_MS, false); // 403, 404: it may no longer see the camera
    } else {
      retry(0, !(e instanceof HubRefused));
    }
  }

  private void retry(long delay, boolean unreachable) {
    long wait = ReconnectPolicy.waitMillis(failures, delay, unreachable);
    failures++;
    context.owner().cancelTimer(retryTimer);
    retryTimer = context.owner().setTimer(Math.max(1, wait), id -> connect());
  }

  /** The hub answered the session request with an error status. */
  private static final class HubRefused extends RuntimeException {
    final int status;

    HubRefused(int status, String body) {
      super("HTTP " + status + ": " + body, null, false, false);
      this.status = status;
    }
  }
}

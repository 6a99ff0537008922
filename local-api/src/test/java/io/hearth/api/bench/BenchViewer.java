package io.hearth.api.bench;

import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.security.Unsealer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A raw viewer of one session: timestamps every chunk on arrival, verifies it as a display would
 * ({@link Unsealer}), and for each MEDIA chunk keeps the number of the frame it carries, to be
 * matched with the camera's send times after the run.
 */
final class BenchViewer implements AutoCloseable {
  private final Unsealer unsealer;
  private final SendLog sent;
  private final CompletableFuture<Long> firstMedia = new CompletableFuture<>();
  private final Queue<long[]> arrivals = new ConcurrentLinkedQueue<>();
  private final AtomicLong rejected = new AtomicLong();
  private WebSocket socket;

  private BenchViewer(JsonObject session, SendLog sent) {
    this.unsealer = unsealer(session);
    this.sent = sent;
  }

  /** Connects to the session's ws_url on the hub's loopback HTTP port. */
  static BenchViewer connect(WebSocketClient client, int port, JsonObject session, SendLog sent)
      throws Exception {
    BenchViewer viewer = new BenchViewer(session, sent);
    viewer.socket =
        open(client, port, session, socket -> socket.binaryMessageHandler(viewer::onChunk));
    return viewer;
  }

  /** What a display opens a session's chunks with. */
  static Unsealer unsealer(JsonObject session) {
    return new Unsealer(
        Base64.getUrlDecoder().decode(session.getString("key")),
        session.getString("session_id"),
        session.getString("camera_id"));
  }

  /**
   * The session's WebSocket on the hub's loopback HTTP port; {@code handlers} is given the socket
   * before its first message can arrive (on the socket's context), so it may set the handlers.
   */
  static WebSocket open(
      WebSocketClient client, int port, JsonObject session, Consumer<WebSocket> handlers)
      throws Exception {
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(session.getString("ws_url"));
    return client
        .connect(options)
        .map(
            socket -> {
              handlers.accept(socket);
              return socket;
            })
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private void onChunk(Buffer chunk) {
    long now = System.nanoTime();
    try {
      Unsealer.Opened opened = unsealer.open(chunk.getBytes());
      if (opened.kind() == Sealer.Kind.MEDIA) {
        firstMedia.complete(now);
        long frame = FrameTag.find(opened.payload());
        if (frame >= 0) {
          arrivals.add(new long[] {frame, now});
        }
      }
    } catch (Unsealer.Rejected e) {
      rejected.incrementAndGet();
    }
  }

  /** When (System.nanoTime) the first MEDIA chunk arrived; waits up to {@code millis}. */
  long awaitFirstMedia(long millis) throws Exception {
    return firstMedia.get(millis, TimeUnit.MILLISECONDS);
  }

  /** Hub-added latencies (ns) of the frames the camera sent within [from, to). */
  List<Long> latencies(long from, long to) {
    List<Long> out = new ArrayList<>();
    for (long[] arrival : arrivals) {
      OptionalLong at = sent.sentAt(arrival[0]);
      if (at.isPresent() && at.getAsLong() >= from && at.getAsLong() < to) {
        out.add(arrival[1] - at.getAsLong());
      }
    }
    return out;
  }

  /** How many frames the camera sent to this viewer's stream within [from, to). */
  long expected(long from, long to) {
    return sent.sentBetween(from, to);
  }

  /** MEDIA chunks with a frame number received so far. */
  int frames() {
    return arrivals.size();
  }

  long rejected() {
    return rejected.get();
  }

  @Override
  public void close() {
    if (socket != null && !socket.isClosed()) {
      socket.close();
    }
  }
}

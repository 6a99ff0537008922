package io.hearth.api.bench;

import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.security.Unsealer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A raw viewer of one playback session: unseals every chunk as a display would ({@link Unsealer})
 * and counts INIT and MEDIA chunks and their bytes; keeps the reason of the sealed "end" and how
 * the WebSocket closed. Frames are not matched to send times (the recording is not live).
 */
final class PlaybackViewer implements AutoCloseable {
  private final Unsealer unsealer;
  private final AtomicLong inits = new AtomicLong();
  private final AtomicLong media = new AtomicLong();
  private final AtomicLong mediaBytes = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicReference<String> end = new AtomicReference<>();
  private final AtomicReference<String> closed = new AtomicReference<>();
  private WebSocket socket;

  private PlaybackViewer(JsonObject session) {
    this.unsealer = BenchViewer.unsealer(session);
  }

  /** Connects to the session's ws_url on the hub's loopback HTTP port. */
  static PlaybackViewer connect(WebSocketClient client, int port, JsonObject session)
      throws Exception {
    PlaybackViewer viewer = new PlaybackViewer(session);
    viewer.socket =
        BenchViewer.open(
            client,
            port,
            session,
            socket -> {
              socket.binaryMessageHandler(viewer::onChunk);
              socket.closeHandler(v -> viewer.onClose(socket));
            });
    return viewer;
  }

  private void onChunk(Buffer chunk) {
    try {
      Unsealer.Opened opened = unsealer.open(chunk.getBytes());
      if (opened.kind() == Sealer.Kind.INIT) {
        inits.incrementAndGet();
      } else if (opened.kind() == Sealer.Kind.MEDIA) {
        media.incrementAndGet();
        mediaBytes.addAndGet(opened.payload().length);
      } else if (opened.kind() == Sealer.Kind.CONTROL) {
        JsonObject message = new JsonObject(new String(opened.payload(), StandardCharsets.UTF_8));
        if ("end".equals(message.getString("type"))) {
          end.set(message.getString("reason"));
        }
      }
    } catch (Unsealer.Rejected e) {
      rejected.incrementAndGet();
    }
  }

  private void onClose(WebSocket socket) {
    closed.set(socket.closeStatusCode() + " " + socket.closeReason());
  }

  long mediaChunks() {
    return media.get();
  }

  long mediaBytes() {
    return mediaBytes.get();
  }

  /** True once the sealed "end" came or the socket closed. */
  boolean over() {
    return end.get() != null || closed.get() != null;
  }

  /** One line: chunks, bytes, the end and the close. */
  String describe() {
    return String.format(
        Locale.ROOT,
        "%d INIT, %d MEDIA chunks, %.1f MB of media, %d rejected; sealed end: %s; socket: %s",
        inits.get(),
        media.get(),
        mediaBytes.get() / 1e6,
        rejected.get(),
        end.get() == null ? "none" : "\"" + end.get() + "\"",
        closed.get() == null ? "open" : "closed " + closed.get());
  }

  @Override
  public void close() {
    if (socket != null && !socket.isClosed()) {
      socket.close();
    }
  }
}

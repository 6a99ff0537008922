package io.hearth.bridge.relay;

import io.hearth.bridge.wire.Frame;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proven hub on the relay and the viewers joined to it. Each viewer is a stream: what the
 * viewer sends goes to the hub as DATA frames of that stream; what the hub sends on a stream goes
 * to that viewer, and only within the credit the relay gave for it, which comes back as the
 * viewer's socket takes the bytes. So the relay holds at most one window per viewer, however slow
 * the viewer, and a hub that sends past its credit loses that stream. Streams are numbered by the
 * relay per connection; a stream number names one viewer for the life of this connection only. Runs
 * on the connection's event loop.
 */
final class HubConnection {
  private static final Logger LOG = LoggerFactory.getLogger(HubConnection.class);

  private final String id;
  private final ServerWebSocket ws;
  private final RelaySettings settings;
  private final Map<Integer, ViewerStream> streams = new HashMap<>();
  private final List<Runnable> closeActions = new ArrayList<>();
  private int nextStream = 1;
  private boolean closed;

  HubConnection(String id, ServerWebSocket ws, RelaySettings settings) {
    this.id = id;
    this.ws = ws;
    this.settings = settings;
  }

  String id() {
    return id;
  }

  void start() {
    ws.binaryMessageHandler(this::onMessage);
    ws.textMessageHandler(t -> fail("text message from the hub"));
    ws.closeHandler(v -> closed());
    ws.drainHandler(v -> streams.values().forEach(ViewerStream::resume));
  }

  void onClose(Runnable action) {
    closeActions.add(action);
  }

  /** Another connection proved the same key: the hub reconnected; this one is stale. */
  void replaced() {
    ws.close((short) 4409, "replaced by a newer connection of the same hub");
  }

  /** A viewer joins: it gets a stream and the hub hears of it with the stream's first credit. */
  void open(ServerWebSocket viewer) {
    if (closed || streams.size() >= settings.maxStreamsPerHub()) {
      viewer.close((short) 4429, "too many viewers on this hub");
      return;
    }
    int number = nextStream++;
    ViewerStream stream = new ViewerStream(number, viewer, this, settings.windowBytes());
    streams.put(number, stream);
    send(Frame.of(Frame.OPEN, number, Buffer.buffer()));
    send(Frame.credit(number, settings.windowBytes()));
    stream.start();
  }

  long bufferedBytes() {
    return streams.values().stream().mapToLong(ViewerStream::buffered).sum();
  }

  /** From a viewer: bytes for the hub; false when the hub's socket is full (pause the viewer). */
  boolean fromViewer(int stream, Buffer bytes) {
    send(Frame.of(Frame.DATA, stream, bytes));
    return !ws.writeQueueFull();
  }

  void viewerGone(int stream) {
    if (streams.remove(stream) != null) {
      send(Frame.close(stream, 1000));
    }
  }

  void credit(int stream, int bytes) {
    send(Frame.credit(stream, bytes));
  }

  private void onMessage(Buffer message) {
    Frame frame;
    try {
      frame = Frame.parse(message);
    } catch (IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    }
    ViewerStream stream = streams.get(frame.stream());
    switch (frame.type()) {
      case Frame.DATA -> {
        if (stream != null && !stream.toViewer(frame.payload())) {
          streams.remove(frame.stream());
          send(Frame.close(frame.stream(), 4409));
        }
      }
      case Frame.CLOSE -> {
        if (stream != null) {
          streams.remove(frame.stream());
          stream.close(4000, "the hub ended the stream");
        }
      }
      default -> fail("unexpected frame type " + frame.type());
    }
  }

  private void send(Frame frame) {
    if (!closed) {
      ws.writeBinaryMessage(frame.encode());
    }
  }

  private void fail(String why) {
    LOG.info("relay: hub {} sent bad input ({}); closing it", id, why);
    ws.close((short) 4400, "bad frame");
  }

  private void closed() {
    if (closed) {
      return;
    }
    closed = true;
    List.copyOf(streams.values()).forEach(s -> s.close(4503, "the hub went away"));
    streams.clear();
    closeActions.forEach(Runnable::run);
  }
}

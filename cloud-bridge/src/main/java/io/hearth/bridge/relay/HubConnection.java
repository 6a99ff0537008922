package io.hearth.bridge.relay;

import io.hearth.bridge.wire.Frame;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proven hub on the relay and the viewers joined to it. Each viewer is a stream: what the
 * viewer sends goes to the hub as DATA frames of that stream; what the hub sends on a stream goes
 * to that viewer, and only within the credit the relay gave for it, which comes back as the
 * viewer's socket takes the bytes. So the relay holds at most one window per viewer, however slow
 * the viewer, and a hub that sends past its credit loses that stream. Streams are numbered by the
 * relay per connection; a stream number names one viewer for the life of this connection only. Runs
 * on the connection's event loop ({@link #loop()}): a viewer whose socket is on another loop has
 * its events posted here.
 */
final class HubConnection {
  private static final Logger LOG = LoggerFactory.getLogger(HubConnection.class);

  private final String id;
  private final ServerWebSocket ws;
  private final RelaySettings settings;
  private final Loop loop;
  private final Map<Integer, StreamEnd> streams = new HashMap<>();
  private final List<Runnable> closeActions = new ArrayList<>();
  private int nextStream = 1;
  private boolean closed;

  HubConnection(String id, ServerWebSocket ws, RelaySettings settings) {
    this.id = id;
    this.ws = ws;
    this.settings = settings;
    this.loop = Loop.current();
  }

  /** The event loop this connection and its streams' state belong to. */
  Loop loop() {
    return loop;
  }

  String id() {
    return id;
  }

  int windowBytes() {
    return settings.windowBytes();
  }

  void start() {
    WholeMessages.attach(ws, settings.maxFrameBytes(), this::onMessage, this::fail);
    ws.closeHandler(v -> closed());
    ws.drainHandler(v -> List.copyOf(streams.values()).forEach(StreamEnd::resume));
  }

  void onClose(Runnable action) {
    closeActions.add(action);
  }

  /**
   * Another connection proved the same key, here or on another node: the hub reconnected and this
   * connection is stale. Its viewers are told the hub moved, so they reconnect and find it.
   */
  void replaced() {
    closeStreams(RelayCodes.HUB_MOVED, "hub moved, reconnect");
    ws.close((short) 4409, "replaced by a newer connection of the same hub");
  }

  /**
   * A viewer on this node joins; false when the hub has no room for it. Call on {@link #loop()};
   * the viewer's socket may be on any loop of this node.
   */
  boolean open(ServerWebSocket viewer) {
    return open(n -> new ViewerStream(n, viewer, this, settings.windowBytes()));
  }

  /**
   * A viewer joins as the stream {@code make} builds for the next number: the hub hears of it with
   * the stream's first credit. False (and nothing built) when the hub is gone or full.
   */
  boolean open(IntFunction<StreamEnd> make) {
    if (closed || streams.size() >= settings.maxStreamsPerHub()) {
      return false;
    }
    int number = nextStream++;
    StreamEnd stream = make.apply(number);
    streams.put(number, stream);
    send(Frame.of(Frame.OPEN, number, Buffer.buffer()));
    send(Frame.credit(number, settings.windowBytes()));
    stream.start();
    return true;
  }

  long bufferedBytes() {
    return streams.values().stream().mapToLong(StreamEnd::buffered).sum();
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
    StreamEnd stream = streams.get(frame.stream());
    switch (frame.type()) {
      case Frame.DATA -> {
        if (stream != null && !stream.toViewer(frame.payload())) {
          overran(frame.stream());
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

  /** The hub sent past its credit: it is broken or hostile; it loses the stream and the link. */
  private void overran(int stream) {
    streams.remove(stream);
    LOG.info("relay: hub {} sent past its credit on a stream; closing it", id);
    closeStreams(RelayCodes.HUB_GONE, "the hub went away");
    ws.close((short) RelayCodes.REPLACED, "credit exceeded");
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
    closeStreams(RelayCodes.HUB_GONE, "the hub went away");
    closeActions.forEach(Runnable::run);
  }

  private void closeStreams(int code, String reason) {
    List<StreamEnd> ends = List.copyOf(streams.values());
    streams.clear();
    ends.forEach(s -> s.close(code, reason));
  }
}

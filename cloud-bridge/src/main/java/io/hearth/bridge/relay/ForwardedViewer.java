package io.hearth.bridge.relay;

import io.hearth.bridge.wire.Frame;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;

/**
 * A viewer connected to this node whose hub is held by another node: its bytes go one hop over the
 * event bus to that node's {@link RemoteStream}, within the credit that node gives back; the hub's
 * bytes come back the same way, and this node returns their credit as a viewer on the hub's own
 * node does ({@link ViewerStream}): in batches of up to half a window, once the bytes are in the
 * viewer's socket and its write queue is below its high-water mark (else once it drains). So a slow
 * viewer costs this node at most one window plus the socket's high-water mark, and the hub's node
 * hears one CREDIT message per half window rather than one per 16 KiB. Its state belongs to the
 * node's cluster loop; the viewer's socket's events are posted there.
 */
final class ForwardedViewer {

  private final ServerWebSocket ws;
  private final Loop loop;
  private final EventBus bus;
  private final String address;
  private final String hubNode;
  private final int window;
  private final int returnBatch;
  private MessageConsumer<Buffer> consumer;
  private String streamAddress;
  private long upstreamCredit;
  private int toReturn; // taken from the hub for the viewer, not yet credited back
  private boolean draining;
  private boolean closed;

  ForwardedViewer(
      ServerWebSocket ws, Loop loop, EventBus bus, String address, String hubNode, int window) {
    this.ws = ws;
    this.loop = loop;
    this.bus = bus;
    this.address = address;
    this.hubNode = hubNode;
    this.window = window;
    this.upstreamCredit = window;
    this.returnBatch = ViewerStream.returnBatch(window);
  }

  String hubNode() {
    return hubNode;
  }

  /** Bytes of the hub taken for this viewer and not yet credited back (at most one window). */
  long held() {
    return toReturn;
  }

  /** Registers this viewer's address; completes once the whole cluster knows it. */
  Future<Void> register() {
    consumer = bus.consumer(address, this::onMessage);
    return consumer.completion();
  }

  /** The hub's node took the viewer as a stream at {@code streamAddress}: start relaying. */
  void joined(String streamAddress, Runnable onEnd) {
    this.streamAddress = streamAddress;
    ws.binaryMessageHandler(loop.wrap(this::fromViewer));
    ws.textMessageHandler(
        loop.wrap(t -> close(RelayCodes.BAD_FRAME, "text messages are not relayed")));
    ws.closeHandler(loop.wrap(v -> ended(onEnd)));
    if (ws.isClosed()) {
      ended(onEnd); // left while its hub's node was being asked
    } else {
      ws.resume();
    }
  }

  void close(int code, String reason) {
    if (!closed) {
      closed = true;
      ws.close((short) code, reason);
    }
  }

  private void ended(Runnable onEnd) {
    if (consumer == null || !consumer.isRegistered()) {
      return;
    }
    closed = true;
    consumer.unregister();
    bus.send(streamAddress, Frame.close(0, 1000).encode());
    onEnd.run();
  }

  private void fromViewer(Buffer bytes) {
    upstreamCredit -= bytes.length();
    bus.send(streamAddress, Frame.of(Frame.DATA, 0, bytes).encode());
    if (upstreamCredit <= 0) {
      ws.pause();
    }
  }

  private void onMessage(Message<Buffer> message) {
    Frame frame = Frame.parse(message.body());
    switch (frame.type()) {
      case Frame.DATA -> toViewer(frame.payload());
      case Frame.CREDIT -> {
        upstreamCredit += frame.creditBytes();
        if (upstreamCredit > 0 && !closed) {
          ws.resume();
        }
      }
      case Frame.CLOSE -> close(frame.payload().getUnsignedShort(0), "the stream ended");
      default -> close(RelayCodes.BAD_FRAME, "bad frame");
    }
  }

  private void toViewer(Buffer bytes) {
    if (closed) {
      return;
    }
    toReturn += bytes.length();
    if (toReturn > window) {
      close(RelayCodes.REPLACED, "more than one window in flight");
      return;
    }
    ws.writeBinaryMessage(bytes);
    if (ws.writeQueueFull()) {
      awaitDrain();
    } else if (!draining && toReturn >= returnBatch) {
      giveBack();
    }
  }

  private void awaitDrain() {
    if (!draining) {
      draining = true;
      ws.drainHandler(
          loop.wrap(
              v -> {
                draining = false;
                giveBack();
              }));
    }
  }

  private void giveBack() {
    if (toReturn > 0 && !closed) {
      bus.send(streamAddress, Frame.credit(0, toReturn).encode());
      toReturn = 0;
    }
  }
}

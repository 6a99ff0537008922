package io.hearth.bridge.relay;

import io.hearth.bridge.wire.Frame;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;

/**
 * A viewer on another node, as the hub's node sees it: one hop over the event bus to that node's
 * {@link ForwardedViewer}. The event bus has no back-pressure, so credit travels as messages both
 * ways: the hub's credit for this stream comes back only when the viewer's node says its socket
 * took the bytes (so at most one window is in flight for the viewer, on both nodes together), and
 * the viewer's node may send only as much as this node gave back after writing to the hub's socket.
 */
final class RemoteStream implements StreamEnd {
  private static final int RETURN_BATCH = 16 * 1024;

  private final EventBus bus;
  private final String viewerAddress;
  private final String address;
  private final int number;
  private final HubConnection hub;
  private final int window;
  private MessageConsumer<Buffer> consumer;
  private long credit;
  private int upstreamTaken;
  private boolean hubFull;
  private boolean closed;

  RemoteStream(EventBus bus, String viewerAddress, String address, int number, HubConnection hub) {
    this.bus = bus;
    this.viewerAddress = viewerAddress;
    this.address = address;
    this.number = number;
    this.hub = hub;
    this.window = hub.windowBytes();
    this.credit = window;
  }

  /** Completes once this node's address for the stream is known to the whole cluster. */
  Future<Void> registered() {
    return consumer.completion();
  }

  @Override
  public void start() {
    consumer = bus.consumer(address, this::onMessage);
  }

  @Override
  public boolean toViewer(Buffer bytes) {
    if (closed) {
      return true;
    }
    if (bytes.length() > credit) {
      close(RelayCodes.REPLACED, "the hub sent more than its credit");
      return false;
    }
    credit -= bytes.length();
    bus.send(viewerAddress, Frame.of(Frame.DATA, 0, bytes).encode());
    return true;
  }

  @Override
  public long buffered() {
    return window - credit;
  }

  @Override
  public void resume() {
    hubFull = false;
    giveBack();
  }

  @Override
  public void close(int code, String reason) {
    if (!closed) {
      closed = true;
      bus.send(viewerAddress, Frame.close(0, code).encode());
      consumer.unregister();
    }
  }

  private void onMessage(Message<Buffer> message) {
    Frame frame = Frame.parse(message.body());
    switch (frame.type()) {
      case Frame.DATA -> fromViewer(frame.payload());
      case Frame.CREDIT -> {
        credit += frame.creditBytes();
        hub.credit(number, frame.creditBytes());
      }
      case Frame.CLOSE -> {
        closed = true;
        consumer.unregister();
        hub.viewerGone(number);
      }
      default -> close(RelayCodes.BAD_FRAME, "bad frame");
    }
  }

  private void fromViewer(Buffer bytes) {
    if (closed) {
      return;
    }
    upstreamTaken += bytes.length();
    hubFull = !hub.fromViewer(number, bytes);
    if (!hubFull && upstreamTaken >= RETURN_BATCH) {
      giveBack();
    }
  }

  private void giveBack() {
    if (upstreamTaken > 0 && !closed) {
      bus.send(viewerAddress, Frame.credit(0, upstreamTaken).encode());
      upstreamTaken = 0;
    }
  }
}

package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.CodecException;
import io.hearth.adapters.rtsp.codec.InterleavedFrame;
import io.hearth.adapters.rtsp.codec.RtspHeaders;
import io.hearth.adapters.rtsp.codec.RtspInbound;
import io.hearth.adapters.rtsp.codec.RtspRequest;
import io.hearth.adapters.rtsp.codec.RtspResponse;
import io.hearth.adapters.rtsp.codec.RtspResponseParser;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.camera.UrlSecrets;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP control connection on a Vert.x socket: numbers requests, pairs responses with them by
 * CSeq under a response timeout, and hands interleaved RTP/RTCP frames to a listener. Any protocol
 * error, timeout or close ends the connection once, through {@link Listener#failed}. Confined to
 * the event loop that owns the socket.
 */
final class RtspConnection {
  private static final Logger LOG = LoggerFactory.getLogger(RtspConnection.class);

  /** What the connection reports besides responses. */
  interface Listener {
    /** An interleaved frame arrived; may throw {@link RtspFailure} to end the connection. */
    void frame(InterleavedFrame frame);

    /** The connection ended for good; called at most once, never after {@link #close}. */
    void failed(RtspFailure failure);
  }

  private record Pending(Promise<RtspResponse> promise, long timer, String what) {}

  private final Vertx vertx;
  private final NetSocket socket;
  private final int responseTimeoutMs;
  private final RtspResponseParser parser = new RtspResponseParser();
  private final Map<Integer, Pending> pending = new LinkedHashMap<>();
  private Listener listener;
  private int nextCseq = 1;
  private boolean ended;

  RtspConnection(Vertx vertx, NetSocket socket, int responseTimeoutMs, Listener listener) {
    this.vertx = vertx;
    this.socket = socket;
    this.responseTimeoutMs = responseTimeoutMs;
    this.listener = listener;
    socket.handler(this::onData);
    socket.closeHandler(
        v -> fail(new RtspFailure(Reason.CLOSED_BY_CAMERA, "camera closed the connection")));
    socket.exceptionHandler(
        e -> fail(new RtspFailure(Reason.CLOSED_BY_CAMERA, "connection error: " + e.getMessage())));
  }

  /** The camera's address as connected, for checking where UDP packets come from. */
  SocketAddress remoteAddress() {
    return socket.remoteAddress();
  }

  /** Sends a request; the future fails with an {@link RtspFailure} on timeout or close. */
  Future<RtspResponse> send(String method, String uri, List<RtspHeaders.Field> headers) {
    if (ended) {
      return Future.failedFuture(new RtspFailure(Reason.CLOSED_BY_CAMERA, "connection closed"));
    }
    int cseq = nextCseq++;
    RtspRequest.Builder builder = RtspRequest.builder(method, uri, cseq);
    headers.forEach(field -> builder.header(field.name(), field.value()));
    RtspRequest request = builder.build();
    Promise<RtspResponse> promise = Promise.promise();
    long timer = vertx.setTimer(responseTimeoutMs, id -> timedOut(cseq));
    pending.put(cseq, new Pending(promise, timer, method));
    // The request line may carry a camera password in its query: never in a log line.
    LOG.debug("-> {} {} CSeq {}", method, UrlSecrets.redact(uri), cseq);
    socket.write(Buffer.buffer(request.encode()));
    return promise.future();
  }

  /** Writes an interleaved frame (RTCP back to the camera); silently dropped once ended. */
  void writeFrame(int channel, byte[] payload) {
    if (!ended) {
      socket.write(Buffer.buffer(new InterleavedFrame(channel, payload).encode()));
    }
  }

  /** Closes the socket without reporting to the listener; pending requests fail. */
  Future<Void> close() {
    if (ended) {
      return Future.succeededFuture();
    }
    listener = null;
    end(new RtspFailure(Reason.CLOSED_BY_CAMERA, "connection closed by the hub"));
    return socket.close();
  }

  private void onData(Buffer data) {
    if (ended) {
      return;
    }
    try {
      List<RtspInbound> messages = parser.feed(data.getBytes());
      for (Iterator<RtspInbound> it = messages.iterator(); it.hasNext() && !ended; ) {
        dispatch(it.next());
      }
    } catch (CodecException e) {
      fail(new RtspFailure(Reason.PROTOCOL_ERROR, e.getMessage(), e));
    } catch (RuntimeException e) {
      fail(RtspFailure.of(e));
    }
  }

  private void dispatch(RtspInbound message) {
    if (message instanceof InterleavedFrame frame) {
      if (listener != null) {
        listener.frame(frame);
      }
    } else if (message instanceof RtspResponse response) {
      LOG.debug("<- {}", response);
      complete(response);
    }
  }

  private void complete(RtspResponse response) {
    Integer cseq = response.cseq().orElse(null);
    if (cseq == null && !pending.isEmpty()) {
      cseq = pending.keySet().iterator().next(); // some cameras omit CSeq: oldest request
    }
    Pending request = cseq == null ? null : pending.remove(cseq);
    if (request == null) {
      LOG.debug("ignoring a response that matches no request: {}", response);
      return;
    }
    vertx.cancelTimer(request.timer());
    request.promise().tryComplete(response);
  }

  private void timedOut(int cseq) {
    Pending request = pending.get(cseq);
    if (request != null) {
      String message =
          "no complete answer to " + request.what() + " within " + responseTimeoutMs + " ms";
      fail(new RtspFailure(Reason.TIMEOUT, message));
    }
  }

  private void fail(RtspFailure failure) {
    if (ended) {
      return;
    }
    Listener target = listener;
    end(failure);
    socket.close();
    if (target != null) {
      target.failed(failure);
    }
  }

  private void end(RtspFailure failure) {
    ended = true;
    listener = null;
    for (Pending request : pending.values()) {
      vertx.cancelTimer(request.timer());
      request.promise().tryFail(failure);
    }
    pending.clear();
  }
}

package io.hearth.adapters.coap;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.net.egress.Egress;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MessageObserver;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.Endpoint;

/**
 * {@link CoapLink} on Californium's {@link CoapClient}. Each Californium callback hops onto the
 * Vert.x context at once; a Vert.x timer bounds each request and cancels it on expiry.
 */
final class CaliforniumLink implements CoapLink {
  static final String DTLS_FAILED = "DTLS handshake failed: check the PSK identity and key";

  private final Vertx vertx;
  private final Context context;
  private final Endpoints endpoints;
  private final int timeoutMs;
  private final Egress egress;

  CaliforniumLink(Vertx vertx, CoapSettings settings) {
    this(vertx, settings, null);
  }

  /** A link that asks the egress ledger before it talks to a device's address. */
  CaliforniumLink(Vertx vertx, CoapSettings settings, Egress egress) {
    this.egress = egress;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.endpoints = new Endpoints(vertx, settings);
    this.timeoutMs = settings.requestTimeoutMs();
  }

  @Override
  public Future<CoapReply> get(URI uri, Psk psk) {
    return exchange(Request.newGet(), uri, psk);
  }

  @Override
  public Future<CoapReply> send(
      String method, URI uri, Psk psk, byte[] payload, int contentFormat) {
    Request request = "POST".equals(method) ? Request.newPost() : Request.newPut();
    request.setPayload(payload);
    request.getOptions().setContentFormat(contentFormat);
    return exchange(request, uri, psk);
  }

  private Future<CoapReply> exchange(Request request, URI uri, Psk psk) {
    return client(uri, psk)
        .compose(
            client -> {
              Promise<CoapReply> promise = Promise.promise();
              request.addMessageObserver(new HandshakeProgress());
              long timer = vertx.setTimer(timeoutMs, t -> expire(request, uri, promise));
              client.advanced(
                  handler(
                      reply -> done(timer, promise, reply),
                      () -> fail(timer, promise, failure(request, uri))),
                  request);
              return promise.future();
            });
  }

  @Override
  public Future<Observation> observe(
      URI uri, Psk psk, Handler<CoapReply> onNotification, Handler<Throwable> onLost) {
    return client(uri, psk)
        .map(
            client -> {
              Request request = Request.newGet();
              request.setURI(uri);
              request.setObserve();
              request.addMessageObserver(new HandshakeProgress());
              CoapObserveRelation relation =
                  client.observe(
                      request, handler(onNotification, () -> onLost.handle(failure(request, uri))));
              return relation::reactiveCancel;
            });
  }

  private Future<CoapClient> client(URI uri, Psk psk) {
    boolean secure = "coaps".equals(uri.getScheme());
    if (secure && psk == null) {
      return Future.failedFuture(HubException.badRequest("coaps:// needs a PSK identity and key"));
    }
    Future<Void> allowed =
        egress == null ? Future.succeededFuture() : egress.check("CoAP device " + uri, uri);
    return allowed
        .compose(v -> endpoints.endpoint(secure ? psk : null))
        .map(endpoint -> newClient(uri, endpoint));
  }

  private static CoapClient newClient(URI uri, Endpoint endpoint) {
    CoapClient client = new CoapClient(uri);
    client.setEndpoint(endpoint);
    return client;
  }

  /** Californium calls back on its own threads: hop onto our context before anything else. */
  private CoapHandler handler(Handler<CoapReply> onReply, Runnable onError) {
    return new CoapHandler() {
      @Override
      public void onLoad(CoapResponse response) {
        CoapReply reply = toReply(response);
        context.runOnContext(v -> onReply.handle(reply));
      }

      @Override
      public void onError() {
        context.runOnContext(v -> onError.run());
      }
    };
  }

  private static CoapReply toReply(CoapResponse response) {
    CoAP.ResponseCode code = response.getCode();
    return new CoapReply(
        code.text + " " + code.name().replace('_', ' '),
        code.isSuccess(),
        response.getOptions().getContentFormat(),
        response.getPayload(),
        response.getOptions().hasObserve());
  }

  private void expire(Request request, URI uri, Promise<CoapReply> promise) {
    request.cancel();
    promise.tryFail(failure(request, uri, true));
  }

  private void done(long timer, Promise<CoapReply> promise, CoapReply reply) {
    vertx.cancelTimer(timer);
    promise.tryComplete(reply);
  }

  private void fail(long timer, Promise<CoapReply> promise, Throwable failure) {
    vertx.cancelTimer(timer);
    promise.tryFail(failure);
  }

  private HubException failure(Request request, URI uri) {
    return failure(request, uri, request.isTimedOut());
  }

  private HubException failure(Request request, URI uri, boolean timedOut) {
    Throwable sendError = request.getSendError();
    // Over DTLS a request is only sent once the handshake is done. A peer that got as far as
    // the key exchange (flight 5) and then went quiet or refused did not accept our key.
    if ("coaps".equals(uri.getScheme()) && !request.isSent()) {
      if (sendError != null || HandshakeProgress.of(request) >= 5) {
        return new HubException(502, "dtls_handshake_failed", DTLS_FAILED, sendError);
      }
      timedOut = true;
    }
    if (timedOut) {
      return new HubException(
          504, "coap_timeout", uri + " did not answer within " + timeoutMs + " ms");
    }
    Throwable refused = HandshakeProgress.answerError(request);
    if (refused != null) {
      // Californium refused the answer itself, e.g. a block-wise body over max-payload-bytes.
      return new HubException(502, "coap_bad_answer", uri + ": " + refused.getMessage());
    }
    String reason = sendError == null ? "the exchange failed" : sendError.getMessage();
    return new HubException(502, "coap_failed", uri + ": " + reason, sendError);
  }

  /**
   * Remembers the furthest DTLS flight retransmitted for a request, and why Californium refused its
   * answer, if it did.
   */
  private static final class HandshakeProgress extends MessageObserverAdapter {
    private volatile int flight;
    private volatile Throwable answerError;

    @Override
    public void onDtlsRetransmission(int retransmitted) {
      flight = Math.max(flight, retransmitted);
    }

    @Override
    public void onResponseHandlingError(Throwable cause) {
      answerError = cause;
    }

    static int of(Request request) {
      HandshakeProgress progress = find(request);
      return progress == null ? 0 : progress.flight;
    }

    static Throwable answerError(Request request) {
      HandshakeProgress progress = find(request);
      return progress == null ? null : progress.answerError;
    }

    private static HandshakeProgress find(Request request) {
      for (MessageObserver observer : request.getMessageObservers()) {
        if (observer instanceof HandshakeProgress progress) {
          return progress;
        }
      }
      return null;
    }
  }

  @Override
  public Future<Void> close() {
    return endpoints.close();
  }
}

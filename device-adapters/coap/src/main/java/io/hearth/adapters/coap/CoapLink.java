package io.hearth.adapters.coap;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import java.net.URI;

/**
 * Our small view of a CoAP client, so the rest of the adapter never touches Californium. Every
 * future and handler completes on the Vert.x context that created the link; every request is
 * bounded by the request timeout and fails with a {@link io.hearth.runtime.error.HubException} (504
 * on timeout, 502 when DTLS or the device fails).
 */
public interface CoapLink {
  /** GET {@code uri}; {@code psk} is required for {@code coaps://} and ignored otherwise. */
  Future<CoapReply> get(URI uri, Psk psk);

  /** A PUT or POST with a payload of the given content format. */
  Future<CoapReply> send(String method, URI uri, Psk psk, byte[] payload, int contentFormat);

  /**
   * Registers an observation: every notification goes to {@code onNotification} (the first is the
   * registration's answer); {@code onLost} gets the reason once the observation has ended other
   * than by {@link Observation#cancel()}.
   */
  Future<Observation> observe(
      URI uri, Psk psk, Handler<CoapReply> onNotification, Handler<Throwable> onLost);

  /** Stops the endpoints off the event loop. */
  Future<Void> close();

  /** A live observation. */
  interface Observation {
    void cancel();
  }
}

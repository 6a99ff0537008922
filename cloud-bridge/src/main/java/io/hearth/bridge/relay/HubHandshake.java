package io.hearth.bridge.relay;

import io.hearth.bridge.wire.Frame;
import io.hearth.bridge.wire.HubProof;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.security.SecureRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub's first seconds on the relay: a fresh challenge, then the hub's proof (its public key and a
 * signature over the challenge and this relay's name). Anything else, or nothing in time, closes
 * the connection. A proven hub becomes a {@link HubConnection} under the id its key gives.
 */
final class HubHandshake {
  private static final Logger LOG = LoggerFactory.getLogger(HubHandshake.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final ServerWebSocket ws;
  private final RelaySettings settings;
  private final Consumer<HubConnection> registered;
  private final byte[] nonce = new byte[HubProof.NONCE_BYTES];
  private long timer;
  private boolean done;

  HubHandshake(
      Vertx vertx, ServerWebSocket ws, RelaySettings settings, Consumer<HubConnection> registered) {
    this.vertx = vertx;
    this.ws = ws;
    this.settings = settings;
    this.registered = registered;
  }

  void start() {
    RANDOM.nextBytes(nonce);
    timer = vertx.setTimer(settings.handshakeSeconds() * 1000L, id -> refuse("no proof in time"));
    ws.binaryMessageHandler(this::onProof);
    ws.textMessageHandler(t -> refuse("text message during the handshake"));
    ws.writeBinaryMessage(Frame.of(Frame.CHALLENGE, 0, Buffer.buffer(nonce)).encode());
  }

  private void onProof(Buffer message) {
    if (done) {
      return;
    }
    String id;
    try {
      Frame frame = Frame.parse(message);
      if (frame.type() != Frame.PROVE) {
        throw new SecurityException("expected a proof, got frame type " + frame.type());
      }
      id = HubProof.verify(frame.payload(), settings.publicName(), nonce);
    } catch (SecurityException | IllegalArgumentException e) {
      refuse(e.getMessage());
      return;
    }
    done = true;
    vertx.cancelTimer(timer);
    HubConnection hub = new HubConnection(id, ws, settings);
    registered.accept(hub);
    hub.start();
    ws.writeBinaryMessage(Frame.of(Frame.WELCOME, 0, Buffer.buffer(id)).encode());
  }

  private void refuse(String why) {
    if (done) {
      return;
    }
    done = true;
    vertx.cancelTimer(timer);
    LOG.info("relay: hub from {} refused: {}", ws.remoteAddress(), why);
    ws.close((short) 4401, "hub proof refused");
  }
}

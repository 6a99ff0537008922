package io.hearth.bridge.hub;

import io.hearth.bridge.channel.Channel;
import io.hearth.bridge.channel.Records;
import io.hearth.bridge.channel.Responder;
import io.hearth.bridge.link.RelayStream;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.spi.ModuleContext;
import io.hearth.runtime.store.DisplayStore;
import io.vertx.core.buffer.Buffer;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One viewer the relay joined to this hub. Its first record must be the first handshake message of
 * a display whose key was pinned at pairing (and which is still paired, with its token live);
 * otherwise the stream is closed and nothing is sent. After the handshake every record is a sealed
 * channel message, handled by {@link RemoteRequests}. Runs on the relay link's context.
 */
final class RemoteViewer {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteViewer.class);
  static final String NOT_OURS =
      "a handshake no display paired with this hub could make (a stranger, or a relay that"
          + " mixed up homes)";
  static final String MIXED_UP =
      "channel records that do not open with the display's keys (a relay that mixed up homes,"
          + " or a broken display)";
  private static final Logger SECURITY = LoggerFactory.getLogger("io.hearth.security");
  static final int MAX_PINS = 256;

  private final ModuleContext hub;
  private final Responder responder;
  private final RelayStream stream;
  private final Records records = new Records();
  private boolean handshaking;
  private Channel channel;
  private RemoteRequests requests;
  private final BridgeState state;

  RemoteViewer(ModuleContext hub, Responder responder, RelayStream stream, BridgeState state) {
    this.state = state;
    this.hub = hub;
    this.responder = responder;
    this.stream = stream;
  }

  void start() {
    stream.handler(this::received);
    stream.endHandler(this::ended);
  }

  private void received(Buffer bytes) {
    try {
      for (byte[] record : records.feed(bytes.getBytes())) {
        handle(record);
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      refuse(MIXED_UP);
    }
  }

  private void handle(byte[] record) throws GeneralSecurityException {
    if (channel != null) {
      requests.received(channel.open(record));
    } else if (!handshaking) {
      handshaking = true;
      hub.displays().channelPins().onComplete(pins -> handshake(record, pins.result()));
    } else {
      refuse("a record before the handshake finished");
    }
  }

  private void handshake(byte[] first, List<DisplayStore.ChannelPin> pins) {
    if (pins == null || stream.isEnded()) {
      refuse("no pins");
      return;
    }
    try {
      List<Responder.Pinned<DisplayStore.ChannelPin>> candidates =
          pins.stream().limit(MAX_PINS).map(p -> new Responder.Pinned<>(p, p.key())).toList();
      Optional<Responder.Accepted<DisplayStore.ChannelPin>> accepted =
          responder.accept(first, candidates);
      if (accepted.isEmpty()) {
        refuse(NOT_OURS);
        return;
      }
      established(accepted.get());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      refuse(NOT_OURS);
    }
  }

  private void established(Responder.Accepted<DisplayStore.ChannelPin> accepted) {
    String displayId = accepted.holder().displayId();
    hub.tokens()
        .principalOfToken(accepted.holder().tokenId())
        .onFailure(e -> refuse("display " + displayId + " is no longer paired"))
        .onSuccess(
            principal -> {
              channel = accepted.channel();
              requests = new RemoteRequests(hub, principal, this);
              stream.write(Buffer.buffer(Records.frame(accepted.reply())));
              LOG.info("bridge: display {} connected from away", displayId);
            });
  }

  /** Seals and sends one channel message (at most {@link Channel#MAX_PLAINTEXT} bytes). */
  void send(byte[] plaintext) {
    if (stream.isEnded()) {
      return;
    }
    try {
      stream.write(Buffer.buffer(Records.frame(channel.seal(plaintext))));
    } catch (GeneralSecurityException e) {
      refuse("cannot seal");
    }
  }

  /** Bytes waiting at the hub for the relay's credit. */
  long queued() {
    return stream.queued();
  }

  boolean isEnded() {
    return stream.isEnded();
  }

  void close() {
    stream.close();
    ended();
  }

  /**
   * The owner turned watching from away off: a display whose channel is open is told so inside it
   * (the relay cannot forge or read that), then its session and stream end.
   */
  void turnedOff() {
    if (requests != null && !stream.isEnded()) {
      requests.turnedOff();
    }
    close();
  }

  private void refuse(String why) {
    if (!stream.isEnded()) {
      SECURITY.warn("SECURITY relay_viewer_refused: {}", why);
      state.refused(why);
    }
    close();
  }

  private void ended() {
    if (requests != null) {
      requests.ended();
    }
  }

  Principal principal() {
    return requests == null ? null : requests.principal();
  }
}

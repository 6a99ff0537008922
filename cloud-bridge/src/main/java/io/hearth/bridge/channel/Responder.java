package io.hearth.bridge.channel;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Collection;
import java.util.Optional;

/**
 * The hub's side of the handshake: it does not know in advance which display is calling, so it
 * tries the first message against each pinned display key (a home has a few) and accepts the one
 * whose tag verifies. An ephemeral is remembered once it authenticated (so a bent copy cannot block
 * the genuine message), and one already seen within the replay window is refused before any work.
 */
public final class Responder {
  /** A display's pinned key, and who it belongs to. */
  public record Pinned<T>(T holder, byte[] key) {}

  /** The display found, the channel, and the second message to send it. */
  public record Accepted<T>(T holder, Channel channel, byte[] reply) {}

  private final KeyPair hubKey;
  private final String relayId;
  private final ReplayGuard replays;

  public Responder(KeyPair hubKey, String relayId, ReplayGuard replays) {
    this.hubKey = hubKey;
    this.relayId = relayId;
    this.replays = replays;
  }

  /** The display holding one of {@code pinned} keys and its channel; empty when none does. */
  public <T> Optional<Accepted<T>> accept(byte[] first, Collection<Pinned<T>> pinned)
      throws GeneralSecurityException {
    byte[] ephemeral = Handshake.ephemeralOf(first);
    if (replays.seen(ephemeral)) {
      return Optional.empty();
    }
    for (Pinned<T> candidate : pinned) {
      Handshake handshake = Handshake.responder(hubKey, candidate.key(), relayId);
      try {
        handshake.readFirst(first);
      } catch (GeneralSecurityException wrongKey) {
        continue;
      }
      if (!replays.firstSeen(ephemeral)) {
        return Optional.empty(); // a concurrent copy won
      }
      byte[][] reply = new byte[1][];
      Channel channel = handshake.writeSecond(reply);
      return Optional.of(new Accepted<>(candidate.holder(), channel, reply[0]));
    }
    return Optional.empty();
  }
}

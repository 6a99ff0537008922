package io.hearth.runtime.discovery;

/**
 * How a sighting changes an inbox entry, as a pure function. An adopted camera seen at another host
 * is not moved: the entry becomes {@link Discovered#MOVED} with the claim. A claim stays until it
 * is settled (followed or declined) or refused; sightings at yet another host meanwhile only count
 * as seen. So an attacker and the real camera announcing in turn make one claim (and one audit
 * entry), not one per announcement.
 */
final class Claims {
  private Claims() {}

  /** The entry after {@code sighting} was seen at {@code now}. */
  static Discovered seen(Discovered before, Sighting sighting, long now) {
    if (!before.followsCamera()) {
      return with(before, sighting, before.state(), before.move(), now);
    }
    Move move = before.move();
    String home = move != null ? move.fromHost() : before.sighting().host();
    if (sighting.host().equals(home) || (move != null && sighting.host().equals(move.toHost()))) {
      return with(before, sighting, before.state(), move, now);
    }
    if (move != null && !Move.REFUSED.equals(move.check())) {
      return with(before, before.sighting(), before.state(), move, now);
    }
    String from = move != null ? move.from() : before.sighting().address();
    Move claim = new Move(from, sighting.address(), Move.CHECKING, null, now);
    return with(before, sighting, Discovered.MOVED, claim, now);
  }

  /** Whether {@code after} makes a claim {@code before} did not (a new address to check). */
  static boolean newClaim(Discovered before, Discovered after) {
    return after.move() != null
        && (before == null
            || before.move() == null
            || !before.move().to().equals(after.move().to()));
  }

  /** {@code s} seen at {@code address} instead. */
  static Sighting at(Sighting s, String address) {
    return new Sighting(
        s.protocol(), s.identity(), s.kind(), s.name(), address, s.details(), s.adoptable());
  }

  private static Discovered with(
      Discovered before, Sighting sighting, String state, Move move, long now) {
    return new Discovered(
        before.id(), sighting, state, before.adoptedId(), before.firstSeen(), now, move);
  }
}

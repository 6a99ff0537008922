package io.hearth.api.signin;

import io.hearth.runtime.domain.Ids;
import java.security.SecureRandom;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * WebAuthn challenges, kept on the hub (never trusted from the browser): 32 random bytes each,
 * under an id the page sends back; single use (taken out when checked, whatever the outcome),
 * expiring after five minutes, for one purpose (registering or signing in) and, when registering,
 * one member. At most {@code max} are outstanding; the oldest are dropped first.
 */
public final class Challenges {
  public static final long TTL_MS = 5 * 60_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final int max;
  private final LongSupplier clock;
  private final Map<String, Challenge> open = new LinkedHashMap<>();

  public Challenges(int max, LongSupplier clock) {
    this.max = max;
    this.clock = clock;
  }

  /** An outstanding challenge: its bytes, what it is for and for whom (null: anyone). */
  public record Challenge(
      String id, byte[] bytes, String purpose, String memberId, long expiresAt) {}

  public synchronized Challenge issue(String purpose, String memberId) {
    prune();
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    Challenge c =
        new Challenge(Ids.newId("chl"), bytes, purpose, memberId, clock.getAsLong() + TTL_MS);
    open.put(c.id(), c);
    Iterator<String> oldest = open.keySet().iterator();
    while (open.size() > max && oldest.hasNext()) {
      oldest.next();
      oldest.remove();
    }
    return c;
  }

  /** Takes the challenge out; null unless it exists, is live and is for this purpose and member. */
  public synchronized Challenge take(String id, String purpose, String memberId) {
    Challenge c = id == null ? null : open.remove(id);
    if (c == null || clock.getAsLong() >= c.expiresAt() || !c.purpose().equals(purpose)) {
      return null;
    }
    boolean anyone = c.memberId() == null;
    return anyone || c.memberId().equals(memberId) ? c : null;
  }

  private void prune() {
    long now = clock.getAsLong();
    open.values().removeIf(c -> now >= c.expiresAt());
  }
}

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
 * one member. At most {@code max} are outstanding in each of two pools, the oldest dropped first:
 * challenges bound to a signed-in member (registering a passkey), and sign-in challenges anyone may
 * ask for. So a flood of anonymous requests never pushes out a member's registration; and since one
 * address holds at most {@value #PER_SOURCE} sign-in challenges (its own oldest go first), one
 * machine cannot push out everyone else's sign-ins either.
 */
public final class Challenges {
  public static final long TTL_MS = 5 * 60_000;
  static final int PER_SOURCE = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final int max;
  private final LongSupplier clock;
  private final Map<String, Challenge> open = new LinkedHashMap<>();
  private final Map<String, Challenge> bound = new LinkedHashMap<>();
  private final Map<String, java.util.ArrayDeque<String>> bySource = new java.util.HashMap<>();

  public Challenges(int max, LongSupplier clock) {
    this.max = max;
    this.clock = clock;
  }

  /** An outstanding challenge: its bytes, what it is for and for whom (null: anyone). */
  public record Challenge(
      String id, byte[] bytes, String purpose, String memberId, long expiresAt, String source) {}

  /** A challenge for a member (registering), or for anyone at an unknown address. */
  public Challenge issue(String purpose, String memberId) {
    return issue(purpose, memberId, "");
  }

  /**
   * A new challenge; {@code source} (the asker's address) counts toward {@value #PER_SOURCE} when
   * it is for anyone.
   */
  public synchronized Challenge issue(String purpose, String memberId, String source) {
    prune();
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String from = source == null ? "" : source;
    Challenge c =
        new Challenge(Ids.newId("chl"), bytes, purpose, memberId, clock.getAsLong() + TTL_MS, from);
    if (memberId != null) {
      bound.put(c.id(), c);
      dropOldest(bound);
      return c;
    }
    java.util.ArrayDeque<String> mine =
        bySource.computeIfAbsent(from, k -> new java.util.ArrayDeque<>());
    while (mine.size() >= PER_SOURCE) {
      open.remove(mine.removeFirst());
    }
    mine.addLast(c.id());
    open.put(c.id(), c);
    dropOldest(open);
    return c;
  }

  /** Takes the challenge out; null unless it exists, is live and is for this purpose and member. */
  public synchronized Challenge take(String id, String purpose, String memberId) {
    Challenge c = null;
    if (id != null) {
      c = bound.remove(id);
      if (c == null) {
        c = open.remove(id);
        if (c != null) {
          forget(c);
        }
      }
    }
    if (c == null || clock.getAsLong() >= c.expiresAt() || !c.purpose().equals(purpose)) {
      return null;
    }
    boolean anyone = c.memberId() == null;
    return anyone || c.memberId().equals(memberId) ? c : null;
  }

  private void dropOldest(Map<String, Challenge> pool) {
    Iterator<Challenge> oldest = pool.values().iterator();
    while (pool.size() > max && oldest.hasNext()) {
      Challenge gone = oldest.next();
      oldest.remove();
      if (pool == open) {
        forget(gone);
      }
    }
  }

  private void forget(Challenge c) {
    java.util.ArrayDeque<String> mine = bySource.get(c.source());
    if (mine != null) {
      mine.remove(c.id());
      if (mine.isEmpty()) {
        bySource.remove(c.source());
      }
    }
  }

  private void prune() {
    long now = clock.getAsLong();
    bound.values().removeIf(c -> now >= c.expiresAt());
    Iterator<Challenge> all = open.values().iterator();
    while (all.hasNext()) {
      Challenge c = all.next();
      if (now >= c.expiresAt()) {
        all.remove();
        forget(c);
      }
    }
  }
}

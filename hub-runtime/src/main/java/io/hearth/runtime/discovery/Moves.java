package io.hearth.runtime.discovery;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.AuditLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Verdicts on claimed moves ({@link Discovered#MOVED} entries): the check's answer, and the end of
 * a claim, followed or declined. Each is stored with its audit entry in one transaction, and only
 * while the claim is still the one judged (a newer claim is judged on its own).
 */
public final class Moves {
  private final Inbox inbox;

  Moves(Inbox inbox) {
    this.inbox = inbox;
  }

  /**
   * Records the verdict ({@link Move#UNVERIFIED} or {@link Move#REFUSED}) on the claim that entry
   * {@code id} is now at {@code to}; audited as {@code discovery.move_<verdict>}. Fails with 409 if
   * that is no longer the entry's claim.
   */
  public Future<Discovered> judge(String id, String to, String verdict, String reason) {
    return inbox.change(
        id,
        e -> {
          Move judged = claim(e, to).judged(verdict, reason);
          return with(e, e.sighting(), Discovered.MOVED, judged);
        },
        (c, updated) -> {
          InboxRows.upsert(c, updated);
          AuditLog.append(
              c, Principal.HUB, "discovery.move_" + verdict, id, detail(updated, updated.move()));
          return updated;
        });
  }

  /**
   * Ends the claim that entry {@code id} is at {@code to}: {@code followed} (the camera now is
   * there, proven or confirmed by {@code actor}; for a while, sightings at the address it left are
   * not claims) or declined (the camera stays where it was, and sightings at that host are no
   * longer claims). Audited as {@code discovery.move_followed} or {@code discovery.move_declined}.
   * Fails with 409 if that is no longer the entry's claim.
   */
  public Future<Discovered> settle(Principal actor, String id, String to, boolean followed) {
    String action = "discovery.move_" + (followed ? "followed" : "declined");
    Move[] ended = new Move[1];
    return inbox.change(
        id,
        e -> {
          ended[0] = claim(e, to);
          if (followed) {
            inbox.decline(id, ended[0].fromHost(), System.currentTimeMillis() + Inbox.LEFT_MS);
            inbox.decline(id, ended[0].toHost(), 0);
          } else {
            inbox.decline(id, ended[0].toHost(), Long.MAX_VALUE);
          }
          Sighting at = Claims.at(e.sighting(), followed ? to : ended[0].from());
          return with(e, at, Discovered.ADOPTED, null);
        },
        (c, updated) -> {
          InboxRows.upsert(c, updated);
          AuditLog.append(c, actor, action, id, detail(updated, ended[0]));
          return updated;
        });
  }

  private static Move claim(Discovered entry, String to) {
    if (entry.move() == null || !entry.move().to().equals(to)) {
      throw HubException.conflict(
          "discovered entry "
              + entry.id()
              + " no longer claims a move to "
              + to
              + "; list it again with GET /api/v1/discovered/"
              + entry.id());
    }
    return entry.move();
  }

  private static Discovered with(Discovered e, Sighting sighting, String state, Move move) {
    return new Discovered(
        e.id(), sighting, state, e.adoptedId(), e.firstSeen(), e.lastSeen(), move);
  }

  private static JsonObject detail(Discovered entry, Move move) {
    return new JsonObject()
        .put("protocol", entry.protocol())
        .put("name", entry.sighting().name())
        .put("adopted_id", entry.adoptedId())
        .put("from", move.from())
        .put("to", move.to())
        .put("reason", move.reason());
  }
}

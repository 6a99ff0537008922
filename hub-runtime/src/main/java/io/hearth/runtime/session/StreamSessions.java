package io.hearth.runtime.session;

import io.hearth.runtime.HubException;
import io.hearth.runtime.domain.ApiToken;
import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.security.TokenService;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream sessions: made after the grant check, entered once through a short-lived single-use
 * ticket, and re-authorised against the store's current tokens and grants, so a revocation or an
 * expiry ends a session within one second. Sessions live in memory only: after a restart every
 * viewer must be authorised again.
 *
 * <p>Every half second each open session is checked again in full (token, its subject, grant),
 * unless its last full check still holds: the store's {@link Database#generation() write
 * generation} is the one read before that check began, and neither the token's nor the grant's
 * expiry has been reached. Any write to the store therefore re-checks every session at the next
 * tick, whether or not its writer published {@link #ACCESS_CHANGED}; that message re-checks every
 * session at once, ignoring what the last checks found.
 */
public final class StreamSessions {
  /** Publish anything on this address to re-check every open session now. */
  public static final String ACCESS_CHANGED = "hearth.access.changed";

  public static final long REVALIDATE_MS = 500;
  static final int MAX_TICKETS = 1024;
  static final int MAX_LIVE = 256;
  static final int MAX_LIVE_PER_PRINCIPAL = 16;

  private static final Logger LOG = LoggerFactory.getLogger(StreamSessions.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Database db;
  private final TokenService tokens;
  private final Access access;
  private final AuditLog audit;
  private final long ticketLifetimeMs;
  private final Map<String, Pending> tickets = new ConcurrentHashMap<>();
  private final Map<String, Live> live = new ConcurrentHashMap<>();
  private long timer = -1;

  /** {@code db} is the store behind {@code tokens} and {@code access}. */
  public StreamSessions(
      Vertx vertx,
      Database db,
      TokenService tokens,
      Access access,
      AuditLog audit,
      long ticketLifetimeMs) {
    this.ticketLifetimeMs = ticketLifetimeMs;
    this.vertx = vertx;
    this.db = db;
    this.tokens = tokens;
    this.access = access;
    this.audit = audit;
  }

  /** A new session and the ticket that opens its stream once. */
  public record Opened(StreamSession session, String ticket, long expiresInSeconds) {
    /** The answer to the viewer: ids, key, and where to connect; the key goes nowhere else. */
    public JsonObject toJson(String streamPath) {
      return new JsonObject()
          .put("session_id", session.id())
          .put("camera_id", session.cameraId())
          .put("format", session.format().wireName())
          .put("key", session.encodedKey())
          .put("algorithm", "AES-256-GCM")
          .put("ws_url", streamPath + ticket)
          .put("expires_in", expiresInSeconds);
    }
  }

  private record Pending(StreamSession session, long expiresAt) {}

  /** An open session and the last full check it passed (null before the first). */
  private record Live(StreamSession session, Consumer<String> closer, Checked checked) {}

  /**
   * A full check that passed: the store's write generation read before it began, and the first
   * moment its answer can change by time alone (Long.MAX_VALUE when nothing in it expires).
   */
  private record Checked(long generation, long validUntil) {
    boolean stillHolds(long generationNow, long now) {
      return generationNow == generation && now < validUntil;
    }
  }

  public void start() {
    timer = vertx.setPeriodic(REVALIDATE_MS, id -> recheck());
    vertx.eventBus().consumer(ACCESS_CHANGED, message -> revalidate());
  }

  public Future<Opened> open(
      Principal principal, Grant grant, String cameraId, StreamSession.Format format) {
    purgeExpired();
    if (tickets.size() >= MAX_TICKETS) {
      return Future.failedFuture(
          new HubException(
              503,
              "busy",
              "too many stream sessions are waiting to start; try again in a few seconds"));
    }
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    StreamSession session =
        new StreamSession(
            Ids.newId("ses"),
            principal,
            grant == null ? null : grant.id(),
            cameraId,
            format,
            key,
            System.currentTimeMillis());
    String ticket = newTicket();
    tickets.put(ticket, new Pending(session, System.currentTimeMillis() + ticketLifetimeMs));
    return audit
        .record(principal, "session.open", session.id(), session.auditDetail())
        .map(v -> new Opened(session, ticket, ticketLifetimeMs / 1000));
  }

  /** The session a ticket opens, once, while it is fresh; empty otherwise. */
  public Optional<StreamSession> redeem(String ticket) {
    if (ticket == null || ticket.length() > 64) {
      return Optional.empty();
    }
    Pending pending = tickets.remove(ticket);
    if (pending == null || pending.expiresAt() < System.currentTimeMillis()) {
      return Optional.empty();
    }
    return Optional.of(pending.session());
  }

  /**
   * Registers a running stream; {@code closer} ends it with a reason. Fails with 429 when the
   * principal already has too many.
   */
  public void attach(StreamSession session, Consumer<String> closer) {
    long mine = live.values().stream().filter(l -> sameHolder(l.session(), session)).count();
    if (live.size() >= MAX_LIVE || mine >= MAX_LIVE_PER_PRINCIPAL) {
      throw new HubException(
          429, "too_many_sessions", "too many open streams; close some views and try again");
    }
    live.put(session.id(), new Live(session, closer, null));
  }

  private static boolean sameHolder(StreamSession a, StreamSession b) {
    return a.principal().kind() == b.principal().kind()
        && a.principal().id().equals(b.principal().id());
  }

  public void detach(StreamSession session) {
    if (live.remove(session.id()) != null) {
      audit.record(session.principal(), "session.close", session.id(), null);
    }
  }

  /** Re-checks every open session in full against the store's current token and grant. */
  public void revalidate() {
    live.values().forEach(this::check);
  }

  /**
   * The periodic tick: re-checks in full every session whose last full check no longer holds (never
   * made, a write to the store since, or an expiry reached).
   */
  void recheck() {
    for (Live entry : live.values()) {
      Checked last = entry.checked();
      if (last == null || !last.stillHolds(db.generation(), System.currentTimeMillis())) {
        check(entry);
      }
    }
  }

  private void check(Live entry) {
    StreamSession session = entry.session();
    long generation = db.generation();
    tokens
        .principalAndExpiryOfToken(session.principal().tokenId())
        .compose(
            holder ->
                access
                    .check(holder.principal(), session.cameraId(), Scope.LIVE, false)
                    .map(grant -> new Checked(generation, validUntil(holder, grant))))
        .onSuccess(checked -> remember(session, checked))
        .onFailure(e -> end(entry, e.getMessage()));
  }

  /** Where the answer expires by time alone: {@link ApiToken#expired} and {@link Grant#allows}. */
  private static long validUntil(TokenService.TokenPrincipal holder, Grant grant) {
    long until = holder.expiresAt() == null ? Long.MAX_VALUE : holder.expiresAt();
    if (grant != null && grant.expiresAt() != null) {
      until = Math.min(until, grant.expiresAt());
    }
    return until;
  }

  /** Whether a session's last full check still holds, so the tick would skip it (for tests). */
  boolean lastCheckHolds(StreamSession session) {
    Live entry = live.get(session.id());
    return entry != null
        && entry.checked() != null
        && entry.checked().stillHolds(db.generation(), System.currentTimeMillis());
  }

  private void remember(StreamSession session, Checked checked) {
    live.computeIfPresent(
        session.id(),
        (id, entry) ->
            entry.session() == session ? new Live(session, entry.closer(), checked) : entry);
  }

  private void end(Live entry, String reason) {
    if (live.remove(entry.session().id()) == null) {
      return;
    }
    LOG.info("stream session {} ended: access withdrawn", entry.session().id());
    audit.record(
        entry.session().principal(),
        "session.revoke",
        entry.session().id(),
        new JsonObject().put("reason", reason));
    entry.closer().accept("access withdrawn: " + reason);
  }

  /**
   * Ends every live session of a camera that was removed, whoever holds it (the owner's too, whose
   * access no grant check would withdraw); returns how many ended.
   */
  public int endCamera(String cameraId, String reason) {
    int ended = 0;
    for (Live entry : List.copyOf(live.values())) {
      if (entry.session().cameraId().equals(cameraId)) {
        end(entry, reason);
        ended++;
      }
    }
    return ended;
  }

  /** Ends every session (hub stopping). */
  public void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    live.values().forEach(l -> l.closer().accept("the hub is stopping"));
    live.clear();
    tickets.clear();
  }

  private void purgeExpired() {
    long now = System.currentTimeMillis();
    tickets.values().removeIf(p -> p.expiresAt() < now);
  }

  private static String newTicket() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

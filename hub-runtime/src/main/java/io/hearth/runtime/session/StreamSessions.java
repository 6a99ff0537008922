package io.hearth.runtime.session;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.security.AccessWatch;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.stream.Subscription;
import io.hearth.runtime.stream.Switchboard;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream sessions: made after the grant check, entered once through a short-lived single-use
 * ticket, and registered while they run with the {@link AccessWatch}, the one mechanism that
 * re-checks every long-lived consumer against the store's current tokens and grants. A session
 * delivers only while its {@link Lease} is valid, and a revocation, an expiry, a role change or an
 * unpairing ends it within one second. Sessions live in memory only: after a restart every viewer
 * must be authorised again.
 */
public final class StreamSessions {
  /** Publish anything on this address to re-check every open consumer now. */
  public static final String ACCESS_CHANGED = AccessWatch.ACCESS_CHANGED;

  /** The longest a session waits for its next full check when nothing announced a change. */
  public static final long REVALIDATE_MS = AccessWatch.TICK_MS;

  static final int MAX_TICKETS = 1024;
  static final int MAX_LIVE = 256;
  static final int MAX_LIVE_PER_PRINCIPAL = 16;

  private static final Logger LOG = LoggerFactory.getLogger(StreamSessions.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final AccessWatch watch;
  private final Switchboard switchboard;
  private final Access access;
  private final AuditLog audit;
  private final long ticketLifetimeMs;
  private final Map<String, Pending> tickets = new ConcurrentHashMap<>();
  private final Map<String, Live> live = new ConcurrentHashMap<>();
  private final Set<String> away = ConcurrentHashMap.newKeySet();

  public StreamSessions(
      AccessWatch watch,
      Access access,
      AuditLog audit,
      Switchboard switchboard,
      long ticketLifetimeMs) {
    this.watch = watch;
    this.switchboard = switchboard;
    this.ticketLifetimeMs = ticketLifetimeMs;
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

  /** An open session and its lease. */
  private record Live(StreamSession session, Lease lease) {}

  public Future<Opened> open(
      Principal principal, Grant grant, String cameraId, StreamSession.Format format) {
    return open(principal, grant, cameraId, format, false);
  }

  /**
   * A session that plays a recorded segment of {@code cameraId}: made after the caller checked an
   * events grant, which the access watch then re-checks for as long as it plays.
   */
  public Future<Opened> openPlayback(
      Principal principal, Grant grant, String cameraId, String segmentId) {
    return open(principal, grant, cameraId, StreamSession.Format.MSE, segmentId, false);
  }

  /**
   * A session for a viewer at home, or away ({@code fromAway}: through the relay), whose grant must
   * then allow use from away at every re-check too; the audit log records which.
   */
  public Future<Opened> open(
      Principal principal,
      Grant grant,
      String cameraId,
      StreamSession.Format format,
      boolean fromAway) {
    return open(principal, grant, cameraId, format, null, fromAway);
  }

  private Future<Opened> open(
      Principal principal,
      Grant grant,
      String cameraId,
      StreamSession.Format format,
      String segmentId,
      boolean fromAway) {
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
            System.currentTimeMillis(),
            segmentId);
    String ticket = newTicket();
    if (fromAway) {
      away.add(session.id());
    }
    tickets.put(ticket, new Pending(session, System.currentTimeMillis() + ticketLifetimeMs));
    return audit
        .record(
            principal, "session.open", session.id(), session.auditDetail().put("remote", fromAway))
        .map(v -> new Opened(session, ticket, ticketLifetimeMs / 1000));
  }

  /**
   * A session attached now, as the owner sees it: who watches which camera, live or a recording,
   * since when, and whether from away (through the relay).
   */
  public record Attached(
      String sessionId,
      Principal principal,
      String cameraId,
      boolean playback,
      boolean away,
      long since) {}

  /** Every session attached now, oldest first. */
  public List<Attached> attached() {
    return live.values().stream()
        .map(Live::session)
        .map(
            s ->
                new Attached(
                    s.id(),
                    s.principal(),
                    s.cameraId(),
                    s.segmentId() != null,
                    away.contains(s.id()),
                    s.createdAt()))
        .sorted(java.util.Comparator.comparingLong(Attached::since))
        .toList();
  }

  /** Stream sessions attached now (a viewer watching or playing back), for {@code /metrics}. */
  public int openCount() {
    return live.size();
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
   * Registers a running stream with the access watch; {@code closer} ends it with a reason. The
   * returned lease says, frame by frame, whether the session may deliver. Fails with 429 when the
   * principal already has too many.
   */
  public Lease attach(StreamSession session, Consumer<String> closer) {
    long mine = live.values().stream().filter(l -> sameHolder(l.session(), session)).count();
    if (live.size() >= MAX_LIVE || mine >= MAX_LIVE_PER_PRINCIPAL) {
      throw new HubException(
          429, "too_many_sessions", "too many open streams; close some views and try again");
    }
    Lease lease =
        watch.register(
            new WatchedSession(
                session, away.contains(session.id()), access, audit, closer, this::forget));
    live.put(session.id(), new Live(session, lease));
    return lease;
  }

  /**
   * The one way a transport watches a session: registers the session with the access watch (frames
   * pass only while its lease is valid), encodes and seals each frame of the session's camera, and
   * writes the chunks to {@code sink}, until access ends, the camera fails or the transport closes
   * ({@link Watching#close}). Call it on the transport's context. {@code sealed} is false only for
   * transports whose clients cannot verify (the MJPEG endpoint).
   */
  public Watching watch(StreamSession session, Camera camera, ChunkSink sink, boolean sealed) {
    SessionEncoder encoder = new SessionEncoder(session, sealed, switchboard.misroutes());
    Lease lease;
    try {
      lease = attach(session, reason -> finish(encoder, sink, SessionEnd.ACCESS_WITHDRAWN, reason));
    } catch (HubException e) {
      sink.close(SessionEnd.TOO_MANY_SESSIONS, e.getMessage());
      return () -> Future.succeededFuture();
    }
    Future<Subscription> subscribed =
        switchboard.subscribe(camera, new LeaseGate(lease, new EncodingViewer(encoder, sink)));
    subscribed.onFailure(
        e -> {
          detach(session);
          finish(encoder, sink, SessionEnd.CAMERA_UNAVAILABLE, e.getMessage());
        });
    return () -> {
      detach(session);
      return subscribed.compose(Subscription::close).otherwiseEmpty();
    };
  }

  /**
   * Plays a recorded segment into {@code sink}, sealed to the session, paced as recorded, and only
   * while the session's events grant holds (the same lease as live video). Call it on the
   * transport's context.
   */
  public Watching play(StreamSession session, Future<PlaybackSource> source, ChunkSink sink) {
    return Playback.watch(this, session, source, sink);
  }

  private volatile long playbackStallMs = Playback.STALL_MS;

  /** How long a playback's viewer may take nothing before the playback ends (tests shorten it). */
  void playbackStallMs(long millis) {
    this.playbackStallMs = millis;
  }

  long playbackStallMs() {
    return playbackStallMs;
  }

  private static void finish(SessionEncoder encoder, ChunkSink sink, SessionEnd end, String why) {
    encoder.end(why, sink);
    sink.close(end, why);
  }

  private static boolean sameHolder(StreamSession a, StreamSession b) {
    return a.principal().kind() == b.principal().kind()
        && a.principal().id().equals(b.principal().id());
  }

  /** Whether the session was still live; it is not any more. */
  boolean forget(StreamSession session) {
    away.remove(session.id());
    return live.remove(session.id()) != null;
  }

  public void detach(StreamSession session) {
    away.remove(session.id());
    Live entry = live.remove(session.id());
    if (entry != null) {
      entry.lease().release();
      audit.record(session.principal(), "session.close", session.id(), null);
    }
  }

  /** Re-checks every open consumer in full against the store's current token and grant. */
  public void revalidate() {
    watch.changed();
  }

  /** Whether a session's last full check still holds, so it may deliver now (for tests). */
  boolean lastCheckHolds(StreamSession session) {
    Live entry = live.get(session.id());
    return entry != null && entry.lease().valid();
  }

  /**
   * Ends every live session of a camera that was removed, whoever holds it (the owner's too, whose
   * access no grant check would withdraw); returns how many ended.
   */
  public int endCamera(String cameraId, String reason) {
    int ended = 0;
    for (Live entry : List.copyOf(live.values())) {
      if (entry.session().cameraId().equals(cameraId)) {
        entry.lease().end(reason);
        ended++;
      }
    }
    return ended;
  }

  /** Ends every session (hub stopping). */
  public void close() {
    List.copyOf(live.values()).forEach(l -> l.lease().end("the hub is stopping"));
    live.clear();
    tickets.clear();
  }

  private void purgeExpired() {
    long now = System.currentTimeMillis();
    tickets.values().removeIf(p -> p.expiresAt() < now && (away.remove(p.session().id()) || true));
  }

  private static String newTicket() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

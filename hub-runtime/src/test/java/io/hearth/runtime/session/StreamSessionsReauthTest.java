package io.hearth.runtime.session;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.IssuedToken;
import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.security.AccessWatch;
import io.hearth.runtime.security.TokenService;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.store.MemberStore;
import io.hearth.runtime.store.Sql;
import io.hearth.runtime.store.StoreProbe;
import io.hearth.runtime.store.TokenStore;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The re-check of open sessions skips the store while its last answer provably holds, and is as
 * strict as reading the store every time: a change written to the store without anyone publishing
 * {@link StreamSessions#ACCESS_CHANGED}, or an expiry with no write at all, still ends a session
 * within one second.
 */
@Timeout(60)
class StreamSessionsReauthTest {
  static final long PROMISE_MS = 1_000;
  static final String CAMERA = "cam_door";

  @RegisterExtension final TestDatabase store = new TestDatabase();
  Vertx vertx;
  Database db;
  TokenService tokens;
  GrantStore grants;
  MemberStore members;
  StreamSessions sessions;
  AccessWatch watch;
  final Map<String, Long> endedAt = new ConcurrentHashMap<>();
  final Map<String, String> endReason = new ConcurrentHashMap<>();

  /** A member with a token and, unless an owner, a live-view grant on the camera. */
  record Viewer(Member member, Principal principal, Grant grant) {}

  /** Changes made straight in the store, by code that does not tell the sessions. */
  enum StoreChange {
    GRANT_REVOKED(t -> v -> t.grants.revoke(Principal.HUB, v.grant().id())),
    TOKEN_REVOKED(
        t ->
            v ->
                t.db.write(
                    c ->
                        TokenStore.revoke(c, v.principal().tokenId(), System.currentTimeMillis()))),
    MEMBER_REMOVED(t -> v -> t.members.delete(Principal.HUB, v.member().id())),
    CAMERA_DELETED(
        t -> v -> t.db.write(c -> Sql.update(c, "DELETE FROM device WHERE id = ?", CAMERA)));

    final Function<StreamSessionsReauthTest, Function<Viewer, Future<?>>> change;

    StoreChange(Function<StreamSessionsReauthTest, Function<Viewer, Future<?>>> change) {
      this.change = change;
    }
  }

  @BeforeEach
  void open() throws Exception {
    vertx = store.vertx();
    db = store.db();
    tokens = new TokenService(db);
    grants = new GrantStore(db);
    members = new MemberStore(db);
    addCamera(CAMERA);
    get(members.create(Principal.HUB, "Olga", Role.OWNER));
    watch = new AccessWatch(vertx, db, tokens);
    watch.start();
    sessions = new StreamSessions(watch, new Access(grants), new AuditLog(db), null, 30_000);
  }

  @AfterEach
  void close() {
    sessions.close();
    watch.close("test over");
  }

  @ParameterizedTest
  @EnumSource(StoreChange.class)
  void aChangeWrittenStraightToTheStoreEndsACheckedSessionWithinASecond(StoreChange change)
      throws Exception {
    Viewer ana = viewer("Ana", Role.ADULT);
    StreamSession session = watchChecked(ana);

    get(change.change.apply(this).apply(ana));
    long changed = System.currentTimeMillis();

    assertEndsBy(session, changed + PROMISE_MS);
  }

  @Test
  void anOwnerDemotedInTheStoreLosesACameraItHasNoGrantFor() throws Exception {
    Viewer bea = viewer("Bea", Role.OWNER);
    StreamSession session = watchChecked(bea);

    get(members.update(Principal.HUB, bea.member().id(), null, Role.ADULT));
    long changed = System.currentTimeMillis();

    assertEndsBy(session, changed + PROMISE_MS);
  }

  @Test
  void aGrantReachingItsExpiryEndsTheSessionWithNoWriteAtAll() throws Exception {
    Viewer ana = viewer("Ana", Role.ADULT);
    long expiresAt = expireIn(700, "\"grant\"", ana.grant().id());

    StreamSession session = watchUntil(ana, expiresAt);

    assertEndsWithinASecondOf(session, expiresAt, "no live live grant for " + CAMERA);
  }

  @Test
  void aTokenReachingItsExpiryEndsTheSessionWithNoWriteAtAll() throws Exception {
    Viewer ana = viewer("Ana", Role.ADULT);
    long expiresAt = expireIn(700, "token", ana.principal().tokenId());

    StreamSession session = watchUntil(ana, expiresAt);

    assertEndsWithinASecondOf(session, expiresAt, "this token expired at");
  }

  @Test
  void sessionsWhoseAnswersHoldCostNoReadsAndOneWriteCostsOneRoundOfChecks() throws Exception {
    int n = 8;
    List<StreamSession> open = new ArrayList<>();
    for (int i = 0; i < n / 2; i++) {
      Viewer viewer = viewer("Viewer " + i, Role.ADULT);
      open.add(watch(viewer));
      open.add(watch(viewer));
    }
    BooleanSupplier allHold = () -> open.stream().allMatch(sessions::lastCheckHolds);
    sessions.revalidate();
    awaitTrue("every session checked", allHold);
    pause(StreamSessions.REVALIDATE_MS + 100);

    long quiet = reads();
    pause(4 * StreamSessions.REVALIDATE_MS + 100);
    assertEquals(quiet, reads(), "four ticks with no change to the store read it anyway");

    addCamera("cam_shed");
    awaitTrue("every session checked again after the write", allHold);
    pause(3 * StreamSessions.REVALIDATE_MS + 100);
    long perCheck = 2; // the token (with its subject) and the grant
    assertEquals(quiet + n * perCheck, reads(), "one write, one round of full checks");

    long beforeNotice = reads();
    vertx.eventBus().publish(StreamSessions.ACCESS_CHANGED, "test");
    awaitTrue("the notice re-checks every session", () -> reads() >= beforeNotice + n * perCheck);
    pause(3 * StreamSessions.REVALIDATE_MS + 100);
    assertEquals(beforeNotice + n * perCheck, reads(), "a notice, one round of full checks");
    assertTrue(endedAt.isEmpty(), "no session ended: " + endReason);
  }

  private Viewer viewer(String name, Role role) throws Exception {
    Member member = get(members.create(Principal.HUB, name, role));
    IssuedToken issued =
        get(tokens.issue(Principal.HUB, PrincipalKind.MEMBER, member.id(), "tv", null));
    Principal principal = get(tokens.authenticate(issued.secret()));
    Grant grant =
        role == Role.OWNER
            ? null
            : get(
                grants.put(
                    Principal.HUB,
                    PrincipalKind.MEMBER,
                    member.id(),
                    CAMERA,
                    Set.of(Scope.LIVE),
                    false,
                    null));
    return new Viewer(member, principal, grant);
  }

  /** Opens, redeems and attaches a session the way the stream socket does. */
  private StreamSession watch(Viewer viewer) throws Exception {
    StreamSessions.Opened opened =
        get(sessions.open(viewer.principal(), viewer.grant(), CAMERA, StreamSession.Format.MSE));
    StreamSession session = sessions.redeem(opened.ticket()).orElseThrow();
    sessions.attach(
        session,
        reason -> {
          endedAt.putIfAbsent(session.id(), System.currentTimeMillis());
          endReason.putIfAbsent(session.id(), reason);
        });
    return session;
  }

  /** A session whose last full check holds, so only the store's generation can end it. */
  private StreamSession watchChecked(Viewer viewer) throws Exception {
    StreamSession session = watch(viewer);
    sessions.revalidate();
    awaitTrue("the session checked", () -> sessions.lastCheckHolds(session));
    pause(StreamSessions.REVALIDATE_MS + 100);
    assertTrue(sessions.lastCheckHolds(session), "a tick with no change kept the last check");
    assertFalse(endedAt.containsKey(session.id()), "ended before any change: " + endReason);
    return session;
  }

  /** A session checked at once, left to run until {@code expiresAt}, with no write after. */
  private StreamSession watchUntil(Viewer viewer, long expiresAt) throws Exception {
    StreamSession session = watch(viewer);
    sessions.revalidate();
    while (!sessions.lastCheckHolds(session) && System.currentTimeMillis() < expiresAt) {
      pause(10);
    }
    return session;
  }

  private void assertEndsBy(StreamSession session, long deadline) throws Exception {
    awaitTrue("the session ended", () -> endedAt.containsKey(session.id()));
    long late = endedAt.get(session.id()) - deadline;
    assertTrue(late <= 0, "ended " + late + " ms after its one second: " + endReason);
  }

  private void assertEndsWithinASecondOf(StreamSession session, long expiresAt, String reason)
      throws Exception {
    long generation = db.generation();
    awaitTrue("the session ended", () -> endedAt.containsKey(session.id()));
    long ended = endedAt.get(session.id());
    assertTrue(ended >= expiresAt, "ended " + (expiresAt - ended) + " ms before its expiry");
    assertTrue(ended - expiresAt <= PROMISE_MS, "ended " + (ended - expiresAt) + " ms after");
    assertTrue(endReason.get(session.id()).contains(reason), endReason.get(session.id()));
    // At most the session.revoke audit row that ending it writes: no change caused the end.
    assertTrue(db.generation() <= generation + 1, "the store was written to");
  }

  /** Sets a token's or grant's expiry to {@code ms} from now, set up before any session. */
  private long expireIn(long ms, String table, String id) throws Exception {
    long expiresAt = System.currentTimeMillis() + ms;
    get(
        db.write(
            c ->
                Sql.update(
                    c, "UPDATE " + table + " SET expires_at = ? WHERE id = ?", expiresAt, id)));
    return expiresAt;
  }

  private void addCamera(String id) throws Exception {
    get(
        db.write(
            c ->
                Sql.update(
                    c,
                    "INSERT INTO device (id, kind, name, protocol, created_at)"
                        + " VALUES (?, 'camera', ?, 'rtsp', 1)",
                    id,
                    id)));
  }

  private long reads() {
    return StoreProbe.readsRequested(db);
  }

  private static void awaitTrue(String what, BooleanSupplier condition) throws Exception {
    Eventually.within(Duration.ofSeconds(10), what, condition);
  }

  private static void pause(long ms) throws InterruptedException {
    Thread.sleep(ms);
  }
}

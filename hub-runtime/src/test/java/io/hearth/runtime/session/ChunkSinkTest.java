package io.hearth.runtime.session;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSource;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.camera.MediaSources;
import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.IssuedToken;
import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.security.AccessWatch;
import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.security.TokenService;
import io.hearth.runtime.security.Unsealer;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.GrantStore;
import io.hearth.runtime.store.MemberStore;
import io.hearth.runtime.store.Sql;
import io.hearth.runtime.stream.Switchboard;
import io.hearth.runtime.stream.SwitchboardOptions;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.PeriodicSource;
import io.hearth.runtime.testing.TestDatabase;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new transport for stream sessions is one small {@link ChunkSink}: this one is a list in memory,
 * with no HTTP at all, attached with {@link StreamSessions#watch}. It receives the same sealed
 * chunks a display does (INIT, then one MEDIA per frame), each verified with the session's key; a
 * frame of another camera never reaches it; and it is closed with ACCESS_WITHDRAWN, after a sealed
 * "end", when the grant goes.
 */
@Timeout(60)
class ChunkSinkTest {
  static final String CAMERA = "cam_porch";
  static final byte[] SPS =
      HexFormat.of().parseHex("6764000dacb20283f60220000003002000000641e28549");
  static final byte[] PPS = HexFormat.of().parseHex("68ebc3cb22c0");

  @RegisterExtension final TestDatabase store = new TestDatabase();
  Vertx vertx;
  Database db;
  AccessWatch watch;
  Switchboard switchboard;
  StreamSessions sessions;
  GrantStore grants;

  /** The test's own transport. */
  static class ListSink implements ChunkSink {
    final List<Chunk> chunks = new CopyOnWriteArrayList<>();
    final CompletableFuture<SessionEnd> closed = new CompletableFuture<>();

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public void write(Chunk chunk) {
      chunks.add(chunk);
    }

    @Override
    public void close(SessionEnd end, String reason) {
      closed.complete(end);
    }
  }

  @BeforeEach
  void start() throws Exception {
    vertx = store.vertx();
    db = store.db();
    get(
        db.write(
            c ->
                Sql.update(
                    c,
                    "INSERT INTO device (id, kind, name, protocol, created_at)"
                        + " VALUES (?, 'camera', 'Porch', 'test', 1)",
                    CAMERA)));
    TokenService tokens = new TokenService(db);
    grants = new GrantStore(db);
    watch = new AccessWatch(vertx, db, tokens);
    watch.start();
    MediaSources sources = new MediaSources();
    sources.register(new Streaming());
    switchboard = new Switchboard(vertx, sources, new SwitchboardOptions());
    sessions = new StreamSessions(watch, new Access(grants), new AuditLog(db), switchboard, 30_000);
  }

  @AfterEach
  void stop() throws Exception {
    sessions.close();
    watch.close("test over");
    get(switchboard.close());
  }

  @Test
  void aSinkReceivesVerifiedChunksAndIsClosedWhenAccessGoes() throws Exception {
    // GIVEN a member with a live grant, watching the camera through a sink of the test's own
    MemberStore members = new MemberStore(db);
    Member ana = get(members.create(Principal.HUB, "Ana", Role.ADULT));
    IssuedToken token =
        get(new TokenService(db).issue(Principal.HUB, PrincipalKind.MEMBER, ana.id(), "t", null));
    Principal principal = get(new TokenService(db).authenticate(token.secret()));
    Grant grant =
        get(
            grants.put(
                Principal.HUB,
                PrincipalKind.MEMBER,
                ana.id(),
                CAMERA,
                Set.of(Scope.LIVE),
                false,
                null));
    StreamSession session =
        sessions
            .redeem(get(sessions.open(principal, grant, CAMERA, StreamSession.Format.MSE)).ticket())
            .orElseThrow();
    ListSink sink = new ListSink();
    Camera camera = new Camera(CAMERA, "Porch", URI.create("sinktest://porch"), null, null);
    Promise<Watching> watching = Promise.promise();
    vertx.runOnContext(v -> watching.complete(sessions.watch(session, camera, sink, true)));
    get(watching.future());

    // THEN it receives the camera's status, an INIT, then fragments, each opening with the key
    awaitSize(sink, 8);
    Unsealer unsealer = new Unsealer(session.key(), session.id(), CAMERA);
    List<Chunk> received = List.copyOf(sink.chunks);
    List<Sealer.Kind> kinds = new java.util.ArrayList<>();
    for (Chunk chunk : received) {
      assertTrue(chunk.sealed());
      Sealer.Kind kind = unsealer.open(chunk.bytes()).kind();
      if (kind != Sealer.Kind.CONTROL) {
        kinds.add(kind);
      }
    }
    assertEquals(Sealer.Kind.INIT, kinds.get(0), "media before its INIT: " + kinds);
    assertTrue(
        kinds.subList(1, kinds.size()).stream().allMatch(k -> k == Sealer.Kind.MEDIA), "" + kinds);

    // WHEN the grant is revoked
    long revokedAt = System.currentTimeMillis();
    get(grants.revoke(Principal.HUB, grant.id()));

    // THEN the sink is closed within a second, after a sealed "end"
    assertEquals(SessionEnd.ACCESS_WITHDRAWN, sink.closed.get(1, TimeUnit.SECONDS));
    assertTrue(System.currentTimeMillis() - revokedAt <= 1000);
    List<Chunk> all = List.copyOf(sink.chunks);
    Unsealer.Opened last = null;
    for (Chunk chunk : all.subList(received.size(), all.size())) {
      last = unsealer.open(chunk.bytes());
    }
    assertTrue(
        last != null
            && last.kind() == Sealer.Kind.CONTROL
            && new String(last.payload(), StandardCharsets.UTF_8).contains("\"end\""),
        "the last chunk is not the sealed end");
  }

  /**
   * A playback whose viewer takes nothing (its sink never ready) ends after the stall time with
   * STALLED and gives the part it held back to the budget; one whose viewer reads plays to its end
   * and gives its part back too.
   */
  @Test
  void aStalledPlaybackEndsAndGivesItsPartBack() throws Exception {
    sessions.playbackStallMs(300);
    for (boolean reading : new boolean[] {false, true}) {
      StreamSession session = playbackSession("Ana" + reading);
      ListSink sink =
          new ListSink() {
            @Override
            public boolean ready() {
              return reading;
            }
          };
      java.util.concurrent.atomic.AtomicInteger released =
          new java.util.concurrent.atomic.AtomicInteger();
      PlaybackSource source = recording(released);
      long started = System.currentTimeMillis();
      vertx.runOnContext(
          v -> sessions.play(session, io.vertx.core.Future.succeededFuture(source), sink));
      SessionEnd end = sink.closed.get(10, TimeUnit.SECONDS);
      if (reading) {
        assertEquals(SessionEnd.FINISHED, end);
        assertEquals(4, sink.chunks.size(), "INIT, two MEDIA, the sealed end: " + sink.chunks);
      } else {
        assertEquals(SessionEnd.STALLED, end);
        long took = System.currentTimeMillis() - started;
        assertTrue(took >= 300, "ended before the stall time: " + took + " ms");
        assertEquals(1, sink.chunks.size(), "only the sealed end: " + sink.chunks);
      }
      Eventually.within(Duration.ofSeconds(5), "the part given back", () -> released.get() >= 1);
      assertEquals(1, released.get(), "given back " + released.get() + " times");
    }
  }

  /** A member with an events grant on the camera, and a playback session of theirs. */
  private StreamSession playbackSession(String name) throws Exception {
    return playbackSessions(name, 1).get(0);
  }

  /** {@code count} playback sessions of one new member with an events grant on the camera. */
  private List<StreamSession> playbackSessions(String name, int count) throws Exception {
    Member member = get(new MemberStore(db).create(Principal.HUB, name, Role.ADULT));
    IssuedToken token =
        get(
            new TokenService(db)
                .issue(Principal.HUB, PrincipalKind.MEMBER, member.id(), "t", null));
    Principal principal = get(new TokenService(db).authenticate(token.secret()));
    Grant grant =
        get(
            grants.put(
                Principal.HUB,
                PrincipalKind.MEMBER,
                member.id(),
                CAMERA,
                Set.of(Scope.EVENTS),
                false,
                null));
    List<StreamSession> opened = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      opened.add(
          sessions
              .redeem(get(sessions.openPlayback(principal, grant, CAMERA, "seg_test")).ticket())
              .orElseThrow());
    }
    return opened;
  }

  /** A one-part recording whose part counts its releases in {@code released}. */
  private static PlaybackSource recording(java.util.concurrent.atomic.AtomicInteger released) {
    java.nio.ByteBuffer fragment = java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
    return new PlaybackSource(
        "video/mp4; codecs=\"avc1.64000d\"",
        320,
        240,
        new byte[] {0, 0, 0, 8, 'f', 't', 'y', 'p'},
        new PlaybackSource.Part(
            List.of(fragment, fragment.duplicate()), 100, released::incrementAndGet),
        PlaybackSource.NONE);
  }

  /**
   * A playback refused for too many open streams gives back the recording read for it: else each
   * refusal would keep its part counted in the budget for good, and a few would stop every playback
   * in the home.
   */
  @Test
  void aRefusedPlaybackGivesItsPartBack() throws Exception {
    sessions.playbackStallMs(60_000);
    List<StreamSession> many = playbackSessions("Bo", 17);
    java.util.concurrent.atomic.AtomicInteger kept =
        new java.util.concurrent.atomic.AtomicInteger();
    List<ListSink> sinks = new java.util.ArrayList<>();
    for (StreamSession session : many) {
      ListSink sink =
          new ListSink() {
            @Override
            public boolean ready() {
              return false; // nobody reads: the first 16 keep their parts
            }
          };
      sinks.add(sink);
      java.util.concurrent.atomic.AtomicInteger released =
          session == many.get(16) ? new java.util.concurrent.atomic.AtomicInteger() : kept;
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(
          v -> {
            sessions.play(session, io.vertx.core.Future.succeededFuture(recording(released)), sink);
            done.complete();
          });
      get(done.future());
      if (session == many.get(16)) {
        assertEquals(SessionEnd.TOO_MANY_SESSIONS, sink.closed.get(5, TimeUnit.SECONDS));
        Eventually.within(
            Duration.ofSeconds(5),
            "the refused playback's part given back",
            () -> released.get() == 1);
      }
    }
    assertEquals(0, kept.get(), "a playback still attached gave its part back");
  }

  @Test
  void theEncoderDropsAndCountsAFrameOfAnotherCamera() throws Exception {
    StreamSession session =
        new StreamSession(
            "ses_x",
            Principal.HUB,
            null,
            CAMERA,
            StreamSession.Format.MSE,
            new byte[32],
            System.currentTimeMillis());
    SessionEncoder encoder = new SessionEncoder(session, true, switchboard.misroutes());
    ListSink sink = new ListSink();
    encoder.frame(frame("cam_garage", 0, true), sink);
    assertEquals(0, sink.chunks.size(), "a frame of another camera was encoded");
    assertEquals(1, switchboard.misroutedFrames(), "the misroute was not counted");
    encoder.frame(frame(CAMERA, 0, true), sink);
    assertEquals(2, sink.chunks.size(), "INIT and MEDIA for the session's own camera");
  }

  private static void awaitSize(ListSink sink, int n) throws InterruptedException {
    Eventually.within(Duration.ofSeconds(10), n + " chunks arrived", () -> sink.chunks.size() >= n);
  }

  static MediaFrame frame(String cameraId, long n, boolean key) {
    byte[] slice = key ? new byte[] {0x65, (byte) 0x88, (byte) 0x84, 0x21} : new byte[] {0x41, 1};
    List<byte[]> nals = key ? List.of(SPS, PPS, slice) : List.of(slice);
    return MediaFrame.ofNalUnits(cameraId, Codec.H264, n * 3600, key, nals);
  }

  /** A camera that streams H.264 at 25 frames/s, a keyframe every 10. */
  static final class Streaming implements MediaSourceFactory {
    @Override
    public String protocol() {
      return "sinktest";
    }

    @Override
    public boolean handles(URI url) {
      return "sinktest".equals(url.getScheme());
    }

    @Override
    public MediaSource create(Vertx vertx, Camera camera) {
      return new PeriodicSource(
          vertx, 40, n -> frame(camera.id(), n, n % 10 == 0), () -> {}, () -> {});
    }
  }
}

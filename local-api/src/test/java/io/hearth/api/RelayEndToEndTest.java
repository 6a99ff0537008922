package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.bridge.channel.X25519;
import io.hearth.bridge.hub.BridgeModule;
import io.hearth.runtime.security.Unsealer;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A display paired on the home network, then away: the relay runs as its own process, the hub has
 * bridge.enabled, and the display (in Java, speaking the same handshake as the display page)
 * reaches its camera only through the relay. Every chunk verifies; the camera's bytes never appear
 * in what the relay carried; an unpinned key, a replayed handshake and a LAN-only grant get
 * nothing, and revoking the grant ends the remote session within a second.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RelayEndToEndTest {
  @TempDir static Path dir;
  static RelayProcess relay;
  static TestHub hub;
  static Vertx vertx;
  static CapturingProxy hubSide;
  static WebSocketClientOptions trust;
  static String camera;
  static SelfSignedCertificate certificate;
  static boolean plain;

  @BeforeAll
  static void start() throws Exception {
    startRelayAndHub(false);
  }

  /** The relay process and a hub with the bridge; {@code plain}: relay.plain and a ws:// URL. */
  static void startRelayAndHub(boolean plainRelay) throws Exception {
    plain = plainRelay;
    certificate = SelfSignedCertificate.create("localhost");
    relay = plain ? RelayProcess.startPlain("localhost") : RelayProcess.start(certificate);
    vertx = Vertx.vertx();
    // The hub reaches the relay through a recording proxy: what the relay gets from and sends to
    // the hub is captured as the relay handles it (the displays capture their own side).
    hubSide = new CapturingProxy(vertx, plain ? null : certificate, relay.port);
    List<String> bridge =
        plain
            ? List.of(
                "bridge.relay-url=ws://localhost:" + hubSide.port, "bridge.allow-plain-relay=true")
            : List.of(
                "bridge.relay-url=wss://localhost:" + hubSide.port,
                "bridge.relay-ca=" + certificate.certificatePath());
    List<String> settings = new java.util.ArrayList<>(List.of("bridge.enabled=true"));
    settings.addAll(bridge);
    hub =
        TestHub.start(
            dir.resolve("data"), List.of(new BridgeModule()), settings.toArray(String[]::new));
    camera = hub.addCamera("Porch", "test://porch/stream");
    trust =
        plain
            ? new WebSocketClientOptions()
            : new WebSocketClientOptions().setSsl(true).setTrustOptions(certificate.trustOptions());
  }

  @AfterAll
  static void stop() throws Exception {
    if (hubSide != null) {
      hubSide.close();
    }
    if (vertx != null) {
      vertx.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void aPairedDisplayWatchesThroughTheRelayEveryChunkVerifiesAndTheRelayNeverSeesTheCamera()
      throws Exception {
    Paired paired = Paired.pair(hub, "Away TV", camera, true);
    try (RemoteDisplay display = away(paired)) {
      JsonArray cameras =
          display.request(new JsonObject().put("op", "cameras")).getJsonArray("cameras");
      assertEquals(camera, cameras.getJsonObject(0).getString("id"));
      JsonObject session = open(display);
      Unsealer unsealer = unsealer(session);
      int verified = 0;
      byte[] watermark = (camera + "#").getBytes(StandardCharsets.US_ASCII);
      while (verified < 50) {
        byte[] chunk = display.chunks.poll(10, TimeUnit.SECONDS);
        assertNotNull(chunk, "chunks stopped after " + verified);
        Unsealer.Opened opened = unsealer.open(chunk);
        if (opened.payload().length > 0 && indexOf(opened.payload(), watermark) >= 0) {
          verified++;
        }
      }
      System.out.println("relay e2e: chunks verified (seal, session, camera) = " + verified);
      byte[] carried = display.captured();
      assertTrue(carried.length > 1000, "the capture holds the stream");
      assertEquals(
          -1, indexOf(carried, watermark), "the camera's bytes crossed the relay in clear");
      byte[] fromHub = hubSide.captured();
      assertTrue(fromHub.length > carried.length / 2, "the hub's side holds the stream");
      byte[] welcome = paired.relayId().getBytes(StandardCharsets.US_ASCII);
      assertTrue(indexOf(fromHub, welcome) >= 0, "the capture is not of the relay's own frames");
      assertEquals(-1, indexOf(fromHub, watermark), "the hub sent the relay the camera's bytes");
      assertTrue(auditedRemote(session.getString("session_id")));
    }
  }

  @Test
  void theRelaysHeapHoldsNoSessionOrChannelKeyWhileARemoteSessionRuns() throws Exception {
    Paired paired = Paired.pair(hub, "Heap TV", camera, true);
    try (RemoteDisplay display = away(paired)) {
      JsonObject session = open(display);
      assertNotNull(display.chunks.poll(10, TimeUnit.SECONDS), "no chunk through the relay");
      List<byte[]> secrets = SessionSecrets.of(session, display.channel(), dir.resolve("data"));
      Path dump = HeapDumps.dump(relay.process.pid(), dir.resolve("relay.hprof"));
      assertNotNull(display.chunks.poll(10, TimeUnit.SECONDS), "the session ended before the dump");
      List<byte[]> needles = new java.util.ArrayList<>(secrets);
      needles.add(paired.relayId().getBytes(StandardCharsets.US_ASCII)); // the relay does know it
      List<Integer> found = HeapDumps.found(dump, needles);
      System.out.println(
          "relay e2e: relay heap dump of "
              + java.nio.file.Files.size(dump)
              + " bytes, found "
              + found);
      assertTrue(found.contains(secrets.size()), "the search did not find the hub's relay id");
      assertEquals(
          List.of(secrets.size()),
          found,
          "the relay's heap holds a key (index into "
              + "session key, display-to-hub, hub-to-display, hub channel private key)");
    }
  }

  @Test
  void aDisplayWhoseKeyWasNeverPinnedGetsNothing() throws Exception {
    Paired paired = Paired.pair(hub, "Pinned TV", camera, true);
    try (RemoteDisplay stranger = new RemoteDisplay(vertx, trust)) {
      awaitHubAtRelay(paired);
      stranger.connect(relay.port, paired.relayId());
      stranger.hello(X25519.generate(), paired.hubKey(), paired.relayId());
      assertNull(stranger.established(10), "the hub answered an unpinned key");
      assertEquals(0, stranger.receivedBytes.get());
    }
  }

  @Test
  void aReplayedHandshakeGetsNothing() throws Exception {
    Paired paired = Paired.pair(hub, "Replayed TV", camera, true);
    byte[] recorded;
    try (RemoteDisplay genuine = away(paired)) {
      recorded = genuine.lastHello;
    }
    try (RemoteDisplay replayer = new RemoteDisplay(vertx, trust)) {
      replayer.connect(relay.port, paired.relayId());
      replayer.sendRaw(io.hearth.bridge.channel.Records.frame(recorded));
      replayer.closed.get(10, TimeUnit.SECONDS);
      assertEquals(0, replayer.receivedBytes.get(), "the hub answered a replayed handshake");
    }
  }

  @Test
  void revokingTheGrantEndsTheRemoteSessionWithinOneSecond() throws Exception {
    Paired paired = Paired.pair(hub, "Revoked TV", camera, true);
    try (RemoteDisplay display = away(paired)) {
      JsonObject session = open(display);
      assertNotNull(display.chunks.poll(10, TimeUnit.SECONDS));
      String grant = grantOf(paired.displayId());
      long revokedAt = System.nanoTime();
      assertEquals(204, hub.delete("/api/v1/grants/" + grant, hub.ownerToken).statusCode());
      JsonObject ended = awaitEnded(display, session.getString("session_id"));
      long ms = (System.nanoTime() - revokedAt) / 1_000_000;
      System.out.println("relay e2e: revocation to end of remote session = " + ms + " ms");
      assertNotNull(ended, "the remote session did not end");
      assertTrue(ms < 1000, "ended after " + ms + " ms");
      display.chunks.clear();
      assertNull(display.chunks.poll(700, TimeUnit.MILLISECONDS), "chunks after the end");
    }
  }

  @Test
  void aLanOnlyGrantIsRefusedFromAwayWhileTheSameDisplayStreamsAtHome() throws Exception {
    Paired paired = Paired.pair(hub, "Home-only TV", camera, false);
    try (RemoteDisplay display = away(paired)) {
      assertEquals(
          0, display.request(new JsonObject().put("op", "cameras")).getJsonArray("cameras").size());
      JsonObject refused =
          display.request(
              new JsonObject().put("op", "open").put("camera_id", camera).put("format", "mjpeg"));
      assertFalse(refused.getBoolean("ok"), refused.encode());
      assertEquals("forbidden", refused.getString("error"), refused.encode());
      assertNull(display.chunks.poll(1, TimeUnit.SECONDS), "a chunk reached a LAN-only grant");
    }
    HttpResponse<String> atHome =
        hub.post(
            "/api/v1/cameras/" + camera + "/sessions", paired.token(), "{\"format\":\"mjpeg\"}");
    assertEquals(201, atHome.statusCode(), atHome.body());
  }

  @Test
  void turningTheGrantLanOnlyEndsTheRemoteSessionButNotTheGrant() throws Exception {
    Paired paired = Paired.pair(hub, "Demoted TV", camera, true);
    try (RemoteDisplay display = away(paired)) {
      JsonObject session = open(display);
      assertNotNull(display.chunks.poll(10, TimeUnit.SECONDS));
      long changedAt = System.nanoTime();
      JsonObject lanOnly =
          new JsonObject()
              .put("principal_kind", "display")
              .put("principal_id", paired.displayId())
              .put("camera_id", camera)
              .put("scopes", new JsonArray().add("live"))
              .put("remote", false);
      assertEquals(201, hub.post("/api/v1/grants", hub.ownerToken, lanOnly.encode()).statusCode());
      assertNotNull(awaitEnded(display, session.getString("session_id")), "still streaming away");
      long ms = (System.nanoTime() - changedAt) / 1_000_000;
      System.out.println("relay e2e: grant made LAN-only to end of remote session = " + ms + " ms");
      assertTrue(ms < 1000, "ended after " + ms + " ms");
    }
  }

  /**
   * The owner sees the hub's link and who watches from away; when the relay dies (kill -9) the hub
   * says why and keeps trying with backoff, and once the relay is back at its address the hub
   * reconnects by itself and viewing from away works again.
   */
  @Test
  void theHubReconnectsByItselfAfterTheRelayDiesAndTheOwnerSeesWhoWatchesFromAway()
      throws Exception {
    Paired paired = Paired.pair(hub, "Bridge TV", camera, true);
    assertEquals(paired.relayId(), awaitBridge("connected").getString("relay_id"));
    try (RemoteDisplay display = away(paired)) {
      String id = open(display).getString("session_id");
      assertNotNull(display.chunks.poll(10, TimeUnit.SECONDS), "no chunk from away");
      JsonObject listed =
          Eventually.value(
              Duration.ofSeconds(5), "the session in the list", () -> find(sessions(), id));
      assertTrue(listed.getBoolean("remote"), listed.encode());
      assertEquals("display", listed.getJsonObject("viewer").getString("kind"));
      assertEquals(paired.displayId(), listed.getJsonObject("viewer").getString("id"));
      assertNotNull(find(bridge().getJsonArray("remote_sessions"), id), bridge().encode());
    }
    relay.kill();
    JsonObject lost = awaitBridge("reconnecting");
    assertFalse(lost.getString("last_error", "").isBlank(), lost.encode());
    assertNotNull(lost.getString("next_attempt_at"), lost.encode());
    long down = System.nanoTime();
    relay = RelayProcess.restart(relay.port, certificate, plain);
    long up = System.nanoTime();
    JsonObject back = awaitBridge("connected");
    System.out.printf(
        "relay e2e: relay restarted in %d ms, hub reconnected %d ms after it listened%n",
        (up - down) / 1_000_000, (System.nanoTime() - up) / 1_000_000);
    assertTrue(back.getInteger("reconnections") >= 1, back.encode());
    try (RemoteDisplay display = away(paired)) {
      open(display);
      assertNotNull(display.chunks.poll(10, TimeUnit.SECONDS), "no chunk after reconnecting");
    }
  }

  // ---- helpers

  static JsonObject bridge() throws Exception {
    HttpResponse<String> answer = hub.get("/api/v1/bridge", hub.ownerToken);
    assertEquals(200, answer.statusCode(), answer.body());
    return new JsonObject(answer.body());
  }

  static JsonArray sessions() throws Exception {
    HttpResponse<String> answer = hub.get("/api/v1/sessions", hub.ownerToken);
    assertEquals(200, answer.statusCode(), answer.body());
    return new JsonObject(answer.body()).getJsonArray("sessions");
  }

  static JsonObject awaitBridge(String state) throws Exception {
    return awaitState(hub, state);
  }

  /** {@code GET /api/v1/bridge} of {@code on} once its state is {@code state} (within 60 s). */
  static JsonObject awaitState(TestHub on, String state) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(60),
        "the bridge " + state,
        () -> {
          JsonObject bridge = new JsonObject(on.get("/api/v1/bridge", on.ownerToken).body());
          return state.equals(bridge.getString("state")) ? bridge : null;
        });
  }

  static JsonObject find(JsonArray sessions, String id) {
    for (int i = 0; i < sessions.size(); i++) {
      if (id.equals(sessions.getJsonObject(i).getString("id"))) {
        return sessions.getJsonObject(i);
      }
    }
    return null;
  }

  static RemoteDisplay away(Paired paired) throws Exception {
    return Eventually.value(
        Duration.ofSeconds(20), "a channel through the relay", () -> tryAway(paired));
  }

  /** One attempt at a channel through the relay: the display, or null (and it is closed). */
  private static RemoteDisplay tryAway(Paired paired) throws Exception {
    RemoteDisplay display = new RemoteDisplay(vertx, trust);
    try {
      display.connect(relay.port, paired.relayId());
      display.lastHello = display.hello(paired.keys(), paired.hubKey(), paired.relayId());
      if (display.established(10) != null) {
        return display;
      }
    } catch (Exception | Error e) {
      display.close();
      throw e;
    }
    display.close(); // the hub was not at the relay yet
    return null;
  }

  static void awaitHubAtRelay(Paired paired) throws Exception {
    away(paired).close();
  }

  static JsonObject open(RemoteDisplay display) throws Exception {
    JsonObject answer =
        display.request(
            new JsonObject().put("op", "open").put("camera_id", camera).put("format", "mjpeg"));
    assertTrue(answer.getBoolean("ok"), answer.encode());
    return answer.getJsonObject("session");
  }

  static Unsealer unsealer(JsonObject session) {
    return new Unsealer(
        Base64.getUrlDecoder().decode(session.getString("key")),
        session.getString("session_id"),
        session.getString("camera_id"));
  }

  static JsonObject awaitEnded(RemoteDisplay display, String sessionId) throws Exception {
    AtomicReference<JsonObject> ended = new AtomicReference<>();
    Eventually.holdsWithin(
        Duration.ofSeconds(5),
        () -> {
          for (JsonObject message;
              ended.get() == null && (message = display.answers.poll()) != null; ) {
            if ("ended".equals(message.getString("op"))) {
              ended.set(message);
            }
          }
          return ended.get() != null;
        });
    if (ended.get() != null) {
      assertEquals(sessionId, ended.get().getString("session_id"));
    }
    return ended.get();
  }

  static String grantOf(String displayId) throws Exception {
    JsonArray grants =
        new JsonObject(hub.get("/api/v1/grants", hub.ownerToken).body()).getJsonArray("grants");
    for (int i = 0; i < grants.size(); i++) {
      JsonObject g = grants.getJsonObject(i);
      if (displayId.equals(g.getString("principal_id"))
          && camera.equals(g.getString("target_id"))) {
        return g.getString("id");
      }
    }
    throw new AssertionError("no grant for " + displayId);
  }

  static boolean auditedRemote(String sessionId) throws Exception {
    String audit = hub.get("/api/v1/audit?limit=200", hub.ownerToken).body();
    return audit.contains(sessionId) && audit.contains("\"remote\":true");
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

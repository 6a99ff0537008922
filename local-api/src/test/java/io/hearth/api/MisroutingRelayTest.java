package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.bridge.hub.BridgeModule;
import io.hearth.runtime.security.Unsealer;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay that mixes up two homes on purpose (a {@link SwappingProxy} in front of the real relay
 * process, which both hubs are connected to): joined to the wrong hub at connect, or handed the
 * other home's bytes in the middle of a stream, neither display shows anything of the other home:
 * what came through does not verify and the display refuses it; the hub that gets a stranger's
 * handshake (the display trying again through the same relay) refuses it and tells its owner
 * ({@code GET /api/v1/bridge}). The same two displays through the same proxy, not swapping, watch
 * their own cameras.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MisroutingRelayTest {
  @TempDir static Path dir;
  static RelayProcess relay;
  static Vertx vertx;
  static SelfSignedCertificate certificate;
  static WebSocketClientOptions trust;
  static final List<Home> homes = new ArrayList<>();
  static SwappingProxy proxy;

  /** One household: its hub (bridged to the relay), its camera and its display paired at home. */
  record Home(TestHub hub, String camera, Paired display) {}

  @BeforeAll
  static void start() throws Exception {
    certificate = SelfSignedCertificate.create("localhost");
    relay = RelayProcess.start(certificate);
    vertx = Vertx.vertx();
    trust = new WebSocketClientOptions().setSsl(true).setTrustOptions(certificate.trustOptions());
    for (String name : List.of("porch", "garden")) {
      TestHub hub =
          TestHub.start(
              dir.resolve(name),
              List.of(new BridgeModule()),
              "bridge.enabled=true",
              "bridge.relay-url=wss://localhost:" + relay.port,
              "bridge.relay-ca=" + certificate.certificatePath());
      String camera = hub.addCamera(name, "test://" + name + "/stream");
      homes.add(new Home(hub, camera, Paired.pair(hub, name + " TV", camera, true)));
    }
    proxy =
        new SwappingProxy(
            vertx,
            certificate,
            relay.port,
            homes.get(0).display().relayId(),
            homes.get(1).display().relayId());
    for (Home home : homes) { // both hubs at the relay before anything is tried
      RelayEndToEndTest.awaitState(home.hub(), "connected");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    if (vertx != null) {
      vertx.close();
    }
    for (Home home : homes) {
      home.hub().close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void joinedToTheWrongHubAtConnectNeitherDisplayGetsAChannelAndBothHubsReportIt()
      throws Exception {
    int[] before = {refused(homes.get(0)), refused(homes.get(1))};
    proxy.swapAtConnect = true;
    try {
      for (Home home : homes) {
        try (RemoteDisplay display = connect(home)) {
          assertNull(display.established(10), "a channel through a relay that mixed up homes");
          assertTrue(display.chunks.isEmpty());
        }
      }
    } finally {
      proxy.restore();
    }
    for (int i = 0; i < 2; i++) {
      Home home = homes.get(i);
      int was = before[i];
      JsonObject bridge =
          Eventually.value(
              Duration.ofSeconds(10),
              "hub " + i + " reports the stranger's handshake",
              () -> refused(home) > was ? bridge(home) : null);
      assertTrue(bridge.getString("last_refusal").contains("mixed up homes"), bridge.encode());
    }
  }

  @Test
  void handedTheOtherHomesBytesMidStreamBothDisplaysRefuseThemAndShowNothingForeign()
      throws Exception {
    int[] before = {refused(homes.get(0)), refused(homes.get(1))};
    List<RemoteDisplay> displays = new ArrayList<>();
    List<Unsealer> unsealers = new ArrayList<>();
    try {
      for (Home home : homes) {
        RemoteDisplay display = connect(home);
        displays.add(display);
        assertNotNull(display.established(10), "no channel through the proxy, not swapping");
        JsonObject session = open(display, home);
        unsealers.add(RelayEndToEndTest.unsealer(session));
      }
      for (int i = 0; i < 2; i++) { // both watch their own camera first
        assertEquals(5, verified(displays.get(i), unsealers.get(i), homes.get(i), 5));
      }
      proxy.swapNow();
      for (RemoteDisplay display : displays) {
        Eventually.within(
            Duration.ofSeconds(10),
            "the display refuses the other home's bytes",
            () -> display.refused.get() != null);
      }
      for (int i = 0; i < 2; i++) {
        // Whatever chunk came whole before the refusal is this home's own; none is the other's.
        verified(displays.get(i), unsealers.get(i), homes.get(i), Integer.MAX_VALUE);
      }
      // Nothing of the other home reached either hub (the displays only listen): the hubs learn
      // of it when the displays try again, as the display page does, through the same relay,
      // which goes on mixing up homes: each handshake reaches the wrong hub, which refuses it.
      proxy.restore();
      proxy.swapAtConnect = true;
      for (Home home : homes) {
        try (RemoteDisplay again = connect(home)) {
          assertNull(again.established(10), "a channel through a relay that mixed up homes");
        }
      }
      for (int i = 0; i < 2; i++) {
        Home home = homes.get(i);
        int was = before[i];
        Eventually.value(
            Duration.ofSeconds(10),
            "hub " + i + " reports the stranger's handshake",
            () -> refused(home) > was ? Boolean.TRUE : null);
      }
    } finally {
      proxy.restore();
      displays.forEach(RemoteDisplay::close);
    }
  }

  @Test
  void throughTheSameProxyNotSwappingEachDisplayWatchesItsOwnCamera() throws Exception {
    for (Home home : homes) {
      try (RemoteDisplay display = connect(home)) {
        assertNotNull(display.established(10));
        Unsealer unsealer = RelayEndToEndTest.unsealer(open(display, home));
        assertEquals(5, verified(display, unsealer, home, 5));
      }
    }
  }

  // ---- helpers

  private static RemoteDisplay connect(Home home) throws Exception {
    RemoteDisplay display = new RemoteDisplay(vertx, trust);
    display.connect(proxy.port, home.display().relayId());
    display.hello(home.display().keys(), home.display().hubKey(), home.display().relayId());
    return display;
  }

  private static JsonObject open(RemoteDisplay display, Home home) throws Exception {
    JsonObject answer =
        display.request(
            new JsonObject()
                .put("op", "open")
                .put("camera_id", home.camera())
                .put("format", "mjpeg"));
    assertTrue(answer.getBoolean("ok"), answer.encode());
    return answer.getJsonObject("session");
  }

  /**
   * Takes chunks until {@code want} carried this home's camera in their picture (waiting for them),
   * or, when {@code want} is MAX_VALUE, only those already there; each must open with the session's
   * key for this home's camera and hold nothing of the other home's, else the test fails.
   */
  private static int verified(RemoteDisplay display, Unsealer unsealer, Home home, int want)
      throws Exception {
    byte[] mark = (home.camera() + "#").getBytes(StandardCharsets.US_ASCII);
    Home other = homes.get(1 - homes.indexOf(home));
    byte[] foreign = (other.camera() + "#").getBytes(StandardCharsets.US_ASCII);
    int seen = 0;
    int ok = 0;
    while (ok < want) {
      byte[] chunk =
          want == Integer.MAX_VALUE
              ? display.chunks.poll()
              : display.chunks.poll(10, TimeUnit.SECONDS);
      if (chunk == null) {
        break;
      }
      seen++;
      Unsealer.Opened opened = unsealer.open(chunk); // throws on a chunk of another session
      assertEquals(
          -1, RelayEndToEndTest.indexOf(opened.payload(), foreign), "the other home's picture");
      if (RelayEndToEndTest.indexOf(opened.payload(), mark) >= 0) {
        ok++;
      }
    }
    return want == Integer.MAX_VALUE ? seen : ok;
  }

  private static JsonObject bridge(Home home) throws Exception {
    return new JsonObject(home.hub().get("/api/v1/bridge", home.hub().ownerToken).body());
  }

  private static int refused(Home home) throws Exception {
    return bridge(home).getInteger("refused_viewers", 0);
  }
}

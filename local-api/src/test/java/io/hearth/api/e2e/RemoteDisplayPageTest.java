package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.api.RelayProcess;
import io.hearth.bridge.hub.BridgeModule;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.GstCamera;
import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestNetwork;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The display page away from home, with real processes: the relay as its own process, a hub with
 * the bridge on, a GStreamer RTSP camera, and Chromium in a network namespace of its own. The page
 * pairs and plays on the home network; then the namespace can no longer reach the hub's address
 * (only the relay's, a TEST-NET-3 address standing for the internet), and the same page plays the
 * same camera through the relay, end to end: the Noise KK handshake in the page's WebCrypto against
 * the hub's Java, every chunk verified by the LAN's chunk verifier, decoded frames of the camera's
 * own picture size. Opened again while away, the page comes from its service worker and plays
 * again. The owner turning watching from away off puts words on the tile at once (and they stay),
 * on again plays through the relay again. Revoking the grant then ends the remote session within a
 * second.
 */
class RemoteDisplayPageTest {
  private static final int WIDTH = 424;
  private static final int HEIGHT = 240;

  @TempDir Path dir;

  @Test
  @Timeout(240)
  void pairedAtHomeThenAwayThePagePlaysThroughTheRelayUntilTheGrantIsRevoked() throws Exception {
    Peers.require("chromium", "chromium");
    try (TestNetwork net = TestNetwork.create()) {
      String relayAddress = "203.0.113." + (10 + new SecureRandom().nextInt(240));
      net.addHostAddress(relayAddress);
      Path[] tls = relayCertificate(relayAddress);
      try (RelayProcess relay =
              RelayProcess.start(tls[0].toString(), tls[1].toString(), relayAddress);
          E2eHub hub =
              bridgedHub(dir.resolve("data"), "wss://" + relayAddress + ":" + relay.port, tls[0]);
          GstCamera camera =
              GstCamera.builder()
                  .codec("h264")
                  .pattern("smpte")
                  .format("I420")
                  .size(WIDTH, HEIGHT)
                  .start();
          Chromium chromium = Chromium.startIn(net);
          BrowserPage tab = chromium.newPage()) {
        String home = net.hostAddress().getHostAddress();
        String cameraId = hub.addCamera("Porch", camera.url());
        DisplayPage page = new DisplayPage(tab);
        String displayId =
            page.pair("https://" + home + ":" + hub.apiPort(), hub, "Travel TV", true, cameraId);

        JsonObject atHome = page.awaitPicture(cameraId, Duration.ofSeconds(40));
        assertEquals("lan", atHome.getString("via"), atHome.encode());
        assertEquals("home", tab.eval("window.hearthDisplay.where"));

        leaveHome(net, home, chromium.devtoolsPort());
        long left = System.nanoTime();
        JsonObject away = awaitPlayingThroughRelay(page, cameraId, atHome);
        long firstFrameMs = (System.nanoTime() - left) / 1_000_000;
        System.out.println(
            "remote page: LAN cut to frames through the relay = " + firstFrameMs + " ms");
        assertEquals("away", tab.eval("window.hearthDisplay.where"));
        assertEquals(WIDTH, away.getInteger("videoWidth"), away.encode());
        assertEquals(HEIGHT, away.getInteger("videoHeight"), away.encode());
        assertEquals(0, away.getInteger("rejected"), "a chunk failed verification: " + away);

        reopenedAway(tab, page, "https://" + home + ":" + hub.apiPort(), cameraId);
        awayOffThenOn(hub, tab, page, cameraId);
        revokeAndAwaitEnd(hub, page, displayId, cameraId);
      }
    }
  }

  /** A certificate (and key) for the relay's address, made with openssl: {cert, key}. */
  private Path[] relayCertificate(String address) throws Exception {
    Path openssl = Peers.require("openssl", "openssl");
    Path cert = dir.resolve("relay-cert.pem");
    Path key = dir.resolve("relay-key.pem");
    Process p =
        new ProcessBuilder(
                openssl.toString(),
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=hearth-test-relay",
                "-addext",
                "subjectAltName=IP:" + address,
                "-keyout",
                key.toString(),
                "-out",
                cert.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertEquals(0, p.waitFor(), "openssl could not make the relay's certificate");
    return new Path[] {cert, key};
  }

  private static E2eHub bridgedHub(Path data, String relayUrl, Path relayCa) throws Exception {
    return E2eHub.start(
        data,
        List.of(new BridgeModule()),
        "bridge.enabled=true",
        "bridge.relay-url=" + relayUrl,
        "bridge.relay-ca=" + relayCa);
  }

  /**
   * Away from home: the namespace can no longer reach the hub's address at all (TCP is reset,
   * connections already open included; anything else is dropped), only the relay's. DevTools'
   * answers to the test, which connects from outside, still go.
   */
  private static void leaveHome(TestNetwork net, String home, int devtools) throws Exception {
    net.inside("nft", "add", "table", "inet", "away");
    net.inside(
        "nft",
        "add",
        "chain",
        "inet",
        "away",
        "out",
        "{",
        "type",
        "filter",
        "hook",
        "output",
        "priority",
        "0",
        ";",
        "}");
    net.inside(
        "nft",
        "add",
        "rule",
        "inet",
        "away",
        "out",
        "ip",
        "daddr",
        home,
        "tcp",
        "sport",
        String.valueOf(devtools),
        "accept");
    net.inside(
        "nft", "add", "rule", "inet", "away", "out", "ip", "daddr", home, "meta", "l4proto", "tcp",
        "reject", "with", "tcp", "reset");
    net.inside("nft", "add", "rule", "inet", "away", "out", "ip", "daddr", home, "drop");
  }

  /** Live through the relay, with chunks verified and frames decoded since the LAN went away. */
  private static JsonObject awaitPlayingThroughRelay(
      DisplayPage page, String cameraId, JsonObject before) throws Exception {
    JsonObject[] last = {null};
    try {
      return Eventually.value(
          Duration.ofSeconds(60),
          "frames through the relay",
          () -> {
            JsonObject tile = last[0] = page.tile(cameraId);
            boolean playing =
                "relay".equals(tile.getString("via"))
                    && "live".equals(tile.getString("state"))
                    && tile.getInteger("verified") > before.getInteger("verified") + 30
                    && tile.getInteger("framesShown") > before.getInteger("framesShown") + 10
                    && tile.getInteger("videoWidth") > 0;
            return playing ? tile : null;
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          "no frames through the relay: " + last[0] + "\n" + page.browser().console(), e);
    }
  }

  /** Opened again away from home, the page comes from its service worker and plays again. */
  private static void reopenedAway(BrowserPage tab, DisplayPage page, String origin, String camera)
      throws Exception {
    tab.await(
        "navigator.serviceWorker.controller !== null",
        Boolean.TRUE::equals,
        Duration.ofSeconds(10));
    tab.navigate(origin + "/display/");
    JsonObject fresh = JsonObject.of("verified", 0, "framesShown", 0);
    JsonObject again = awaitPlayingThroughRelay(page, camera, fresh);
    assertEquals(0, again.getInteger("rejected"), again.encode());
    System.out.println("remote page: reopened away from home, playing through the relay");
  }

  /**
   * The owner turns watching from away off: the tile says so in words at once and keeps saying it
   * (asking again only now and then, so the words do not flicker back to "trying again"); turned on
   * again, the page plays through the relay once more.
   */
  private static void awayOffThenOn(E2eHub hub, BrowserPage tab, DisplayPage page, String camera)
      throws Exception {
    long offAtMs = System.currentTimeMillis();
    hub.ok("PATCH", "/api/v1/settings", new JsonObject().put("bridge.away-viewing", false));
    JsonObject off =
        Eventually.value(
            Duration.ofSeconds(5),
            "the tile saying watching from away is off",
            () -> {
              JsonObject tile = page.tile(camera);
              return "away-off".equals(tile.getString("state")) ? tile : null;
            });
    System.out.println(
        "remote page: away viewing off to the tile saying so = "
            + (off.getLong("changedAt") - offAtMs)
            + " ms");
    String words =
        (String) tab.eval("document.querySelector('[data-state=\"away-off\"] .state').textContent");
    assertTrue(words.startsWith("Watching from away is turned off at home"), words);
    int frames = page.tile(camera).getInteger("framesShown");
    Eventually.throughout(
        Duration.ofSeconds(4),
        "the tile left its away-off words, or showed a frame",
        () -> {
          try {
            JsonObject tile = page.tile(camera);
            return "away-off".equals(tile.getString("state"))
                && tile.getInteger("framesShown") == frames;
          } catch (Exception e) {
            return false;
          }
        });
    long on = System.nanoTime();
    hub.ok("PATCH", "/api/v1/settings", new JsonObject().put("bridge.away-viewing", true));
    awaitPlayingThroughRelay(page, camera, page.tile(camera));
    System.out.println(
        "remote page: away viewing on again to frames through the relay = "
            + (System.nanoTime() - on) / 1_000_000
            + " ms (the tile asks again every 5-10 s)");
  }

  private static void revokeAndAwaitEnd(
      E2eHub hub, DisplayPage page, String displayId, String cameraId) throws Exception {
    String grant = grantOf(hub, displayId, cameraId);
    long revokedAtMs = System.currentTimeMillis();
    long revoked = System.nanoTime();
    hub.ok("DELETE", "/api/v1/grants/" + grant, null);
    JsonObject ended = Playback.awaitEnded(page, cameraId, revoked);
    long pageMs = ended.getLong("changedAt") - revokedAtMs;
    System.out.println("remote page: grant revoked to the page's tile ended = " + pageMs + " ms");
    assertTrue(pageMs < 1000, "ended after " + pageMs + " ms");
    assertEquals("relay", ended.getString("via"));
    int frames = page.tile(cameraId).getInteger("framesShown");
    Eventually.throughout(
        Duration.ofSeconds(1),
        "no frame after the end",
        () -> {
          try {
            return page.tile(cameraId).getInteger("framesShown") <= frames + 1;
          } catch (Exception e) {
            return false;
          }
        });
  }

  private static String grantOf(E2eHub hub, String displayId, String cameraId) throws Exception {
    JsonArray grants = hub.ok("GET", "/api/v1/grants", null).getJsonArray("grants");
    for (int i = 0; i < grants.size(); i++) {
      JsonObject g = grants.getJsonObject(i);
      if (displayId.equals(g.getString("principal_id"))
          && cameraId.equals(g.getString("target_id"))) {
        return g.getString("id");
      }
    }
    throw new AssertionError("no grant for " + displayId + ": " + grants.encode());
  }
}

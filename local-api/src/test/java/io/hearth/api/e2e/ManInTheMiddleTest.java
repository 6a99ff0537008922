package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mjpeg.sim.SimulatedCameraOptions;
import io.hearth.adapters.mjpeg.sim.SimulatedMjpegCamera;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.GstCamera;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A proxy between hub and page. DESIGN promise 2, third layer, attacked from outside the hub: the
 * proxy slips camera B's chunks (as they are, and re-headed as camera A's next chunk) and a replay
 * of A's own into A's stream; the page must drop every one before decoding, say so, report it, and
 * keep showing A. And a cut stream: the page must come back on a new session.
 */
class ManInTheMiddleTest {
  private static final int MEDIA = 2;

  @RegisterExtension static final E2eFixture e2e = E2eFixture.withChromium();

  @Test
  @Timeout(90)
  void anotherCamerasChunksSplicedIntoAStreamAreRefusedReportedAndNeverShown() throws Exception {
    try (GstCamera red = GstCamera.builder().codec("h264").pattern("red").format("I420").start();
        GstCamera blue = GstCamera.builder().codec("h264").pattern("blue").format("I420").start();
        SpliceProxy proxy = new SpliceProxy(e2e.vertx(), e2e.hub().httpPort());
        BrowserPage tab = e2e.newPage()) {
      proxy.start().await(10, TimeUnit.SECONDS);
      String a = e2e.hub().addCamera("Front door", red.url());
      String b = e2e.hub().addCamera("Bedroom", blue.url());
      DisplayPage page = new DisplayPage(tab);
      page.pair(proxy.origin(), e2e.hub(), "Hall display", a);
      page.awaitPicture(a, Duration.ofSeconds(30));
      assertRed(page.middlePixel(a), "before the splice");
      byte[] fromB = mediaChunkOf(b);

      SpliceProxy.Relay stream = proxy.relays().get(proxy.relays().size() - 1);
      stream.inject(fromB).await(5, TimeUnit.SECONDS);
      stream.injectForged(fromB).await(5, TimeUnit.SECONDS);
      stream.inject(stream.forwarded().get(1)).await(5, TimeUnit.SECONDS);

      JsonObject tile =
          new JsonObject(
              (String)
                  tab.await(
                      "JSON.stringify(window.hearthDisplay.tiles[0])",
                      v -> new JsonObject((String) v).getInteger("rejected") >= 3,
                      Duration.ofSeconds(5)));
      assertEquals(3, tile.getInteger("rejected"), tile.encode());
      assertTrue(page.badgeVisible(a), "the page must say a chunk failed verification");
      assertReported(a);
      Playback.advancesFor(page, a, 3);
      assertRed(page.middlePixel(a), "after the splice");
      assertEquals("live", page.tile(a).getString("state"));
    }
  }

  @Test
  @Timeout(60)
  void aCutOrBrokenStreamComesBackOnANewSession() throws Exception {
    SimulatedMjpegCamera camera =
        new SimulatedMjpegCamera(e2e.vertx(), SimulatedCameraOptions.defaults().withSize(320, 240))
            .start()
            .await(10, TimeUnit.SECONDS);
    try (SpliceProxy proxy = new SpliceProxy(e2e.vertx(), e2e.hub().httpPort());
        BrowserPage tab = e2e.newPage()) {
      proxy.start().await(10, TimeUnit.SECONDS);
      String id = e2e.hub().addCamera("Stairs", camera.videoUrl().toString());
      DisplayPage page = new DisplayPage(tab);
      page.pair(proxy.origin(), e2e.hub(), "Stairs display", id);
      page.awaitPicture(id, Duration.ofSeconds(20));

      proxy.relays().get(0).cut().await(5, TimeUnit.SECONDS);
      awaitMoreFrames(page, id);
      assertEquals(2, proxy.relays().size(), "one new stream after the cut");
      assertEquals(0, page.tile(id).getInteger("rejected"));

      SpliceProxy.Relay second = proxy.relays().get(1);
      second.inject(second.forwarded().get(0), 25).await(5, TimeUnit.SECONDS);
      awaitMoreFrames(page, id);
      assertEquals(3, proxy.relays().size(), "a stream that keeps failing is replaced");
      assertEquals(25, page.tile(id).getInteger("rejected"));
      List<String> sessions = proxy.relays().stream().map(SpliceProxy.Relay::sessionId).toList();
      assertEquals(3, new HashSet<>(sessions).size(), "a new session each time: " + sessions);
    } finally {
      camera.close().await(5, TimeUnit.SECONDS);
    }
  }

  private static void awaitMoreFrames(DisplayPage page, String cameraId) throws Exception {
    int before = page.tile(cameraId).getInteger("framesShown");
    page.browser()
        .await(
            "window.hearthDisplay.tiles[0].framesShown",
            v -> ((Number) v).intValue() >= before + 10,
            Duration.ofSeconds(15));
  }

  private static void assertRed(JsonObject pixel, String when) {
    assertTrue(
        pixel.getInteger("r") > 180 && pixel.getInteger("b") < 80 && pixel.getInteger("g") < 80,
        "camera A is red; " + when + " its tile showed " + pixel.encode());
  }

  /** Camera B's stream as its owner sees it: the first MEDIA chunk, sealed for B's session. */
  private static byte[] mediaChunkOf(String cameraId) throws Exception {
    JsonObject session =
        e2e.hub()
            .ok(
                "POST",
                "/api/v1/cameras/" + cameraId + "/sessions",
                new JsonObject().put("format", "mse"));
    WebSocketClient client =
        e2e.vertx().createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(1 << 24));
    CompletableFuture<byte[]> media = new CompletableFuture<>();
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(e2e.hub().httpPort())
            .setURI(session.getString("ws_url"));
    client
        .connect(options)
        .onFailure(media::completeExceptionally)
        .onSuccess(
            socket ->
                socket.binaryMessageHandler(
                    chunk -> {
                      if (chunk.getByte(3) == MEDIA && media.complete(chunk.getBytes())) {
                        socket.close();
                      }
                    }));
    try {
      return media.get(20, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }

  /** The hub's audit log holds the page's reports, for camera A, with their reasons. */
  private static void assertReported(String cameraId) throws Exception {
    List<String> reasons = new ArrayList<>();
    Eventually.check(
        Duration.ofSeconds(5),
        "three reports in the audit log",
        () -> {
          reasons.clear();
          reasons.addAll(reportedReasons(cameraId));
          return reasons.size() >= 3;
        });
    assertEquals(3, reasons.size(), "reports in the audit log: " + reasons);
    assertTrue(reasons.contains("chunk of another session"), reasons.toString());
    assertTrue(reasons.contains("authentication failed"), reasons.toString());
    assertTrue(
        reasons.stream().anyMatch(r -> r.startsWith("sequence 1 where")), reasons.toString());
  }

  private static List<String> reportedReasons(String cameraId) throws Exception {
    List<String> reasons = new ArrayList<>();
    JsonArray entries = e2e.hub().audit();
    for (int i = 0; i < entries.size(); i++) {
      JsonObject entry = entries.getJsonObject(i);
      JsonObject detail = entry.getJsonObject("detail");
      if ("security.chunk_rejected".equals(entry.getString("action"))
          && detail != null
          && cameraId.equals(detail.getString("camera_id"))) {
        reasons.add(detail.getString("reason"));
      }
    }
    return reasons;
  }
}

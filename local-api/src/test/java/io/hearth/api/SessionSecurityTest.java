package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.security.Unsealer;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Promise 2, tried from every side a viewer has: grants, tickets, keys, revocation, restart. Camera
 * A is granted to the display, camera B is not.
 */
@Timeout(90)
class SessionSecurityTest {
  @TempDir Path dir;
  TestHub hub;
  String cameraA;
  String cameraB;
  String display;

  @BeforeEach
  void start() throws Exception {
    hub = TestHub.start(dir.resolve("data"), "hub.stream-ticket-seconds=2");
    cameraA = hub.addCamera("Door", "test://door");
    cameraB = hub.addCamera("Nursery", "test://nursery");
    PairingAndGrantsTest.hub = hub;
    display = PairingAndGrantsTest.pair("Kitchen", List.of(cameraA));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void withoutAGrantForBEveryRouteToBIsForbiddenAndBIsNotListed() throws Exception {
    assertError(open(display, cameraB), 403, "forbidden");
    assertError(hub.get("/api/v1/cameras/" + cameraB + "/mjpeg", display), 403, "forbidden");
    assertError(hub.get("/api/v1/cameras/" + cameraB + "/snapshot", display), 403, "forbidden");
    JsonArray listed =
        new JsonObject(hub.get("/api/v1/cameras", display).body()).getJsonArray("cameras");
    assertEquals(1, listed.size());
    assertEquals(cameraA, listed.getJsonObject(0).getString("id"));
  }

  @Test
  void theCameraSaysItsFormatAndTheOtherIsRefusedWithACodeNamingIt() throws Exception {
    JsonArray listed =
        new JsonObject(hub.get("/api/v1/cameras", display).body()).getJsonArray("cameras");
    assertEquals("mjpeg", listed.getJsonObject(0).getString("format"));
    HttpResponse<String> wrong =
        hub.post("/api/v1/cameras/" + cameraA + "/sessions", display, "{\"format\":\"mse\"}");
    assertError(wrong, 400, "format_mjpeg_required");
  }

  @Test
  void aSessionCarriesOnlyItsCameraSealedWithItsKey() throws Exception {
    try (StreamClient a = StreamClient.connect(hub, session(display, cameraA))) {
      a.awaitChunks(10, 15_000);
      Unsealer unsealer = new Unsealer(a.key(), a.session.getString("session_id"), cameraA);
      for (byte[] chunk : a.chunks) {
        Unsealer.Opened opened = unsealer.open(chunk);
        if (opened.kind() == Sealer.Kind.JPEG) {
          String text = new String(opened.payload(), StandardCharsets.US_ASCII);
          assertTrue(text.contains(cameraA + "#"), text);
        }
      }
    }
  }

  @Test
  void aStreamUrlWorksOnceAndExpires() throws Exception {
    JsonObject session = session(display, cameraA);
    try (StreamClient first = StreamClient.connect(hub, session)) {
      first.awaitChunks(1, 15_000);
      assertThrows(Exception.class, () -> StreamClient.connect(hub, session));
    }
    JsonObject unused = session(display, cameraA);
    Thread.sleep(2500);
    assertThrows(Exception.class, () -> StreamClient.connect(hub, unused));
  }

  @Test
  void oneSessionsKeyOpensNothingOfAnother() throws Exception {
    try (StreamClient a = StreamClient.connect(hub, session(display, cameraA));
        StreamClient b = StreamClient.connect(hub, session(hub.ownerToken, cameraB));
        StreamClient a2 = StreamClient.connect(hub, session(hub.ownerToken, cameraA))) {
      a.awaitChunks(3, 15_000);
      b.awaitChunks(3, 15_000);
      a2.awaitChunks(3, 15_000);
      String sessionA = a.session.getString("session_id");
      byte[] chunkOfB = b.chunks.get(0);
      assertRejected(new Unsealer(a.key(), sessionA, cameraA), chunkOfB, "another session");
      assertRejected(
          new Unsealer(a.key(), b.session.getString("session_id"), cameraB),
          chunkOfB,
          "authentication failed");
      assertRejected(
          new Unsealer(a.key(), a2.session.getString("session_id"), cameraA),
          a2.chunks.get(0),
          "authentication failed");
      assertNotEquals(a.session.getString("key"), a2.session.getString("key"));
      byte[] tampered = a.chunks.get(0).clone();
      tampered[tampered.length - 1] ^= 1;
      assertRejected(new Unsealer(a.key(), sessionA, cameraA), tampered, "authentication");
      Unsealer inOrder = new Unsealer(a.key(), sessionA, cameraA);
      inOrder.open(a.chunks.get(0));
      assertRejected(inOrder, a.chunks.get(0), "sequence");
    }
  }

  @Test
  void revokingTheGrantEndsTheStreamWithinOneSecond() throws Exception {
    String grantId =
        new JsonObject(hub.get("/api/v1/grants", hub.ownerToken).body())
            .getJsonArray("grants").stream()
                .map(JsonObject.class::cast)
                .filter(g -> g.getString("target_id").equals(cameraA))
                .findFirst()
                .orElseThrow()
                .getString("id");
    try (StreamClient a = StreamClient.connect(hub, session(display, cameraA))) {
      a.awaitChunks(5, 15_000);
      long start = System.nanoTime();
      assertEquals(204, hub.delete("/api/v1/grants/" + grantId, hub.ownerToken).statusCode());
      a.closed.get(1, TimeUnit.SECONDS);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis <= 1000, "took " + millis + " ms");
      assertTrue(endedByTheHub(a), "the last chunk is not the hub's sealed 'end'");
      int seen = a.chunks.size();
      Eventually.throughout(
          Duration.ofMillis(300), "no chunks after revocation", () -> a.chunks.size() == seen);
      assertEquals(seen, a.chunks.size(), "chunks kept coming after revocation");
    }
    assertError(open(display, cameraA), 403, "forbidden");
  }

  @Test
  void removingACameraEndsEvenTheOwnersStreamAndClosesItsConnectionAtOnce() throws Exception {
    try (StreamClient owner = StreamClient.connect(hub, session(hub.ownerToken, cameraA))) {
      owner.awaitChunks(5, 15_000);
      assertEquals(1, FakeCameras.OPEN.getOrDefault(cameraA, 0), "one upstream while watched");
      long start = System.nanoTime();
      assertEquals(204, hub.delete("/api/v1/cameras/" + cameraA, hub.ownerToken).statusCode());
      owner.closed.get(1, TimeUnit.SECONDS);
      assertTrue(endedByTheHub(owner), "the last chunk is not the hub's sealed 'end'");
      Eventually.holdsWithin(
          Duration.ofNanos(start + TimeUnit.SECONDS.toNanos(1) - System.nanoTime()),
          () -> FakeCameras.OPEN.getOrDefault(cameraA, 0) == 0);
      assertEquals(
          0,
          FakeCameras.OPEN.getOrDefault(cameraA, 0),
          "the removed camera's connection was still open after 1 s (linger is 10 s)");
    }
    assertError(open(hub.ownerToken, cameraA), 404, "not_found");
  }

  @Test
  void afterARestartEveryOldSessionIsUseless() throws Exception {
    JsonObject before = session(display, cameraA);
    byte[] oldKey = java.util.Base64.getUrlDecoder().decode(before.getString("key"));
    hub.close();
    hub = TestHub.start(dir.resolve("data"), "hub.stream-ticket-seconds=2");
    assertThrows(Exception.class, () -> StreamClient.connect(hub, before));
    try (StreamClient after = StreamClient.connect(hub, session(display, cameraA))) {
      after.awaitChunks(2, 15_000);
      assertRejected(
          new Unsealer(oldKey, after.session.getString("session_id"), cameraA),
          after.chunks.get(0),
          "authentication failed");
    }
  }

  /** The session's last chunk is a sealed CONTROL saying it ended. */
  private static boolean endedByTheHub(StreamClient client) throws Exception {
    Unsealer unsealer =
        new Unsealer(
            client.key(),
            client.session.getString("session_id"),
            client.session.getString("camera_id"));
    Unsealer.Opened last = null;
    for (byte[] chunk : client.chunks) {
      last = unsealer.open(chunk);
    }
    return last != null
        && last.kind() == Sealer.Kind.CONTROL
        && new String(last.payload(), StandardCharsets.UTF_8).contains("\"end\"");
  }

  private HttpResponse<String> open(String token, String camera) throws Exception {
    return hub.post("/api/v1/cameras/" + camera + "/sessions", token, "{\"format\":\"mjpeg\"}");
  }

  private JsonObject session(String token, String camera) throws Exception {
    HttpResponse<String> answer = open(token, camera);
    assertEquals(201, answer.statusCode(), answer.body());
    return new JsonObject(answer.body());
  }

  private static void assertRejected(Unsealer unsealer, byte[] chunk, String reason) {
    Unsealer.Rejected e = assertThrows(Unsealer.Rejected.class, () -> unsealer.open(chunk));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}

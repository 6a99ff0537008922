package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Devices through the API: state, history, commands, and the event feed (SSE here) with grants and
 * resumption. The test plays the adapter through the runtime's Devices API; the real MQTT and CoAP
 * adapters are tested against mosquitto and libcoap in their modules.
 */
@Timeout(90)
class DevicesAndEventsTest {
  @TempDir Path dir;
  TestHub hub;
  Devices devices;
  SensorDevice kitchen;
  SensorDevice plug;

  @BeforeEach
  void start() throws Exception {
    hub = TestHub.start(dir.resolve("data"));
    devices = hub.hub.context().devices();
    kitchen = get(devices.ensure("mqtt", "z2m:kitchen", "Kitchen", Set.of(Capability.TEMPERATURE)));
    plug = get(devices.ensure("mqtt", "tasmota:plug", "Plug", Set.of(Capability.SWITCH)));
  }

  @AfterEach
  void stop() {
    hub.close();
  }

  @Test
  void stateHistoryAndCommandsFollowGrants() throws Exception {
    for (int i = 0; i < 5; i++) {
      devices.report(kitchen.id(), Capability.TEMPERATURE, 20.0 + i, 1000 + i);
    }
    get(devices.events().flush());
    JsonObject listed = new JsonObject(hub.get("/api/v1/devices", hub.ownerToken).body());
    // both devices may be created in the same millisecond: the list's order is then by id
    JsonObject listedKitchen =
        listed.getJsonArray("devices").stream()
            .map(JsonObject.class::cast)
            .filter(d -> kitchen.id().equals(d.getString("id")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("kitchen not listed: " + listed.encode()));
    assertEquals(
        24.0, listedKitchen.getJsonObject("state").getJsonObject("temperature").getDouble("value"));
    JsonArray history =
        new JsonObject(
                hub.get(
                        "/api/v1/devices/"
                            + kitchen.id()
                            + "/history?capability=temperature&from=1001&to=1003",
                        hub.ownerToken)
                    .body())
            .getJsonArray("events");
    assertEquals(3, history.size());

    String ana = member("Ana");
    assertEquals(
        0, new JsonObject(hub.get("/api/v1/devices", ana).body()).getJsonArray("devices").size());
    assertError(hub.get("/api/v1/devices/" + kitchen.id(), ana), 403, "forbidden");
    grant(ana, kitchen.id(), "events");
    assertEquals(
        1, new JsonObject(hub.get("/api/v1/devices", ana).body()).getJsonArray("devices").size());

    List<Object> sent = new CopyOnWriteArrayList<>();
    devices.registerCommands(
        "mqtt",
        (d, c, v) -> {
          sent.add(d.id() + "=" + v);
          return Future.succeededFuture();
        });
    String command = "{\"capability\":\"switch\",\"value\":true}";
    assertError(
        hub.post("/api/v1/devices/" + plug.id() + "/commands", ana, command), 403, "forbidden");
    grant(ana, plug.id(), "control");
    assertEquals(
        202, hub.post("/api/v1/devices/" + plug.id() + "/commands", ana, command).statusCode());
    assertEquals(List.of(plug.id() + "=true"), sent);
    assertError(
        hub.post(
            "/api/v1/devices/" + plug.id() + "/commands",
            ana,
            "{\"capability\":\"switch\",\"value\":\"yes\"}"),
        400,
        "bad_request");
    assertError(
        hub.post(
            "/api/v1/devices/" + plug.id() + "/commands",
            ana,
            "{\"capability\":\"warp\",\"value\":1}"),
        400,
        "bad_request");
  }

  @Test
  void theOwnerReceivesEventsOverAWebSocket() throws Exception {
    // GIVEN a WebSocket on the events feed, authenticated with the owner's token
    BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    WebSocket socket =
        hub.client
            .newWebSocketBuilder()
            .header("Authorization", "Bearer " + hub.ownerToken)
            .buildAsync(
                URI.create(hub.http("/api/v1/events?kind=state").toString().replace("http", "ws")),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
                    received.add(new JsonObject(text.toString()));
                    ws.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    // WHEN a sensor reports
    report(kitchen, 0, 3);
    // THEN its readings arrive on the socket in order
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      JsonObject event = received.poll(10, TimeUnit.SECONDS);
      assertTrue(event != null, "no event over the WebSocket");
      values.add(event.getDouble("value"));
    }
    assertEquals(List.of(0.0, 1.0, 2.0), values);
    socket.abort();
  }

  @Test
  void theFeedResumesAfterADisconnectWithNothingLostOrRepeated() throws Exception {
    List<JsonObject> seen = new ArrayList<>();
    try (Sse sse = Sse.open(hub, "/api/v1/events?kind=state", hub.ownerToken, null)) {
      report(kitchen, 0, 10);
      sse.read(10, seen);
    }
    long lastId = seen.get(seen.size() - 1).getLong("id");
    report(kitchen, 10, 25);
    get(devices.events().flush());
    try (Sse sse = Sse.open(hub, "/api/v1/events?kind=state", hub.ownerToken, lastId)) {
      report(kitchen, 25, 30);
      sse.read(20, seen);
    }
    List<Double> values = seen.stream().map(e -> e.getDouble("value")).toList();
    List<Double> expected = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      expected.add((double) i);
    }
    assertEquals(expected, values);
  }

  @Test
  void aFeedCarriesOnlyDevicesItMaySeeAndStopsWhenTheGrantGoes() throws Exception {
    String ana = member("Bo");
    String grantId = grant(ana, kitchen.id(), "events");
    List<JsonObject> seen = new ArrayList<>();
    try (Sse sse = Sse.open(hub, "/api/v1/events", ana, null)) {
      devices.report(plug.id(), Capability.SWITCH, true, 1);
      report(kitchen, 0, 3);
      sse.read(3, seen);
      assertTrue(seen.stream().allMatch(e -> e.getString("device_id").equals(kitchen.id())));
      assertEquals(204, hub.delete("/api/v1/grants/" + grantId, hub.ownerToken).statusCode());
      Thread.sleep(300);
      report(kitchen, 3, 6);
      Eventually.throughout(Duration.ofMillis(500), "no events", () -> nothingIn(sse));
      assertEquals(0, sse.available(), "events kept coming after the grant was revoked");
    }
  }

  private void report(SensorDevice device, int from, int to) throws Exception {
    for (int i = from; i < to; i++) {
      devices.report(device.id(), Capability.TEMPERATURE, (double) i, 10_000 + i);
    }
    get(devices.events().flush());
  }

  private String member(String name) throws Exception {
    String id =
        new JsonObject(
                hub.post(
                        "/api/v1/members",
                        hub.ownerToken,
                        "{\"name\":\"" + name + "\",\"role\":\"adult\"}")
                    .body())
            .getString("id");
    return new JsonObject(
            hub.post(
                    "/api/v1/tokens",
                    hub.ownerToken,
                    "{\"name\":\"t\",\"member_id\":\"" + id + "\"}")
                .body())
        .getString("secret");
  }

  private String grant(String token, String deviceId, String scope) throws Exception {
    String memberId = new JsonObject(hub.get("/api/v1/me", token).body()).getString("id");
    HttpResponse<String> made =
        hub.post(
            "/api/v1/grants",
            hub.ownerToken,
            new JsonObject()
                .put("principal_kind", "member")
                .put("principal_id", memberId)
                .put("device_id", deviceId)
                .put("scopes", new JsonArray().add(scope))
                .encode());
    assertEquals(201, made.statusCode(), made.body());
    return new JsonObject(made.body()).getString("id");
  }

  /** A server-sent-events reader over the JDK HTTP client. */
  static final class Sse implements AutoCloseable {
    final InputStream body;
    final BufferedReader reader;

    private Sse(InputStream body) {
      this.body = body;
      this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static Sse open(TestHub hub, String path, String token, Long lastId) throws Exception {
      HttpRequest.Builder request =
          TestHub.authorized(HttpRequest.newBuilder(hub.https(path)), token)
              .header("Accept", "text/event-stream")
              .timeout(java.time.Duration.ofSeconds(30));
      if (lastId != null) {
        request.header("Last-Event-ID", String.valueOf(lastId));
      }
      HttpResponse<InputStream> answer =
          hub.client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      assertEquals(200, answer.statusCode());
      return new Sse(answer.body());
    }

    void read(int events, List<JsonObject> into) throws Exception {
      int got = 0;
      while (got < events) {
        String line = reader.readLine();
        if (line == null) {
          throw new AssertionError("stream ended after " + got + " events");
        }
        if (line.startsWith("data: ")) {
          into.add(new JsonObject(line.substring(6)));
          got++;
        }
      }
    }

    int available() throws Exception {
      int data = 0;
      while (reader.ready()) {
        String line = reader.readLine();
        if (line != null && line.startsWith("data: ")) {
          data++;
        }
      }
      return data;
    }

    @Override
    public void close() throws java.io.IOException {
      body.close();
    }
  }

  private static boolean nothingIn(Sse sse) {
    try {
      return sse.available() == 0;
    } catch (Exception e) {
      throw new IllegalStateException("the event stream failed", e);
    }
  }
}

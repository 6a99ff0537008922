package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.api.ApiTestHubs;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node-RED as a user runs it (the {@code node-red} npm package in src/test/node-red, installed by
 * .ci/install-peers), headless on loopback, with a flow deployed through its admin API ({@code POST
 * /flows}): it reads the demo thermometer over MQTT with TLS verified against the hub's CA (fetched
 * without a token from {@code /api/v1/ca.pem}), calls the REST API with an automation's bearer
 * token, and switches the demo lamp through MQTT {@code .../set}. The automation holds a room grant
 * on the living room (events) and a control grant on the lamp: the hall's motion sensor, which it
 * also subscribes to, must never reach it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NodeRedFlowTest {
  static final Path NODE_RED = Path.of("src/test/node-red/node_modules/node-red/red.js");
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aFlowReadsASensorOverTlsCallsRestAndSwitchesTheLamp() throws Exception {
    Peers.require("node", "nodejs");
    if (!Files.isRegularFile(NODE_RED)) {
      Peers.missing(
          "node-red is not installed: run .ci/install-peers (npm ci in src/test/node-red)");
    }
    try (BrokerHub hub = BrokerHub.startDemo(dir.resolve("data"))) {
      Rest rest = new Rest(hub);
      String thermometer = rest.deviceNamed("Living room thermometer");
      String lamp = rest.deviceNamed("Desk lamp");
      rest.owner("PUT", "/api/v1/devices/" + thermometer + "/room", "{\"room\":\"Living room\"}");
      JsonObject issued =
          rest.owner("POST", "/api/v1/tokens", "{\"name\":\"node-red\",\"kind\":\"automation\"}");
      String secret = issued.getString("secret");
      String automation = issued.getJsonObject("token").getString("principal_id");
      rest.grant(automation, "room", "Living room", "events");
      rest.grant(automation, "device_id", lamp, "events", "control");
      Path ca = dir.resolve("hearth-ca.pem");
      Files.write(ca, rest.caPem(issued.getJsonObject("ca").getString("fingerprint_sha256")));

      JsonArray flow =
          NodeRedFlow.of(
              ca,
              hub.tlsPort(),
              secret,
              "https://127.0.0.1:" + hub.hub.context().ports().get("api.port"),
              "hearth/living-room-thermometer." + thermometer + "/temperature",
              thermometer,
              "hearth/desk-lamp." + lamp);
      try (NodeRed red = NodeRed.start(NODE_RED, dir.resolve("node-red"))) {
        red.deploy(flow);
        JsonObject seen;
        try {
          seen =
              Eventually.value(
                  WAIT,
                  "Node-RED read the thermometer, called REST and saw the lamp on",
                  () -> {
                    JsonObject r = red.reading();
                    return r.getValue("temperature") != null
                            && r.getValue("rest") != null
                            && Boolean.TRUE.equals(r.getValue("lamp"))
                        ? r
                        : null;
                  });
        } catch (AssertionError e) {
          throw new AssertionError(e.getMessage() + "; last: " + red.lastReading(), e);
        }
        JsonObject temperature = seen.getJsonObject("temperature");
        assertEquals(
            "hearth/living-room-thermometer." + thermometer + "/temperature",
            temperature.getString("topic"));
        double value = temperature.getDouble("value");
        assertTrue(value >= 15 && value <= 28, "a demo temperature: " + value);
        assertEquals(200, seen.getJsonObject("rest").getInteger("status"));
        assertEquals(
            "Living room thermometer",
            seen.getJsonObject("rest").getJsonObject("body").getString("name"));
        // The state table is written in batches after the event: wait for it, do not race it.
        Eventually.check(
            Duration.ofSeconds(10),
            "the lamp is on in the hub's state",
            () ->
                Boolean.TRUE.equals(
                    rest.owner("GET", "/api/v1/devices/" + lamp, null)
                        .getJsonObject("state")
                        .getJsonObject("switch")
                        .getValue("value")));
        assertTrue(
            rest.owner("GET", "/api/v1/audit?limit=100", null).getJsonArray("entries").stream()
                .map(JsonObject.class::cast)
                .anyMatch(
                    e ->
                        "device.command".equals(e.getString("action"))
                            && ("automation:" + automation).equals(e.getString("actor"))),
            "the command is audited as the automation");
        // The hall's motion sensor reports every 2 s; the flow subscribes to hearth/+/motion.
        Eventually.throughout(
            Duration.ofMillis(4500),
            "no motion reading reaches Node-RED without a grant",
            () -> red.motionTopics() == 0);
      }
    }
  }

  /** The owner's REST calls, with a client that trusts the hub's CA. */
  static final class Rest {
    private final BrokerHub hub;
    private final HttpClient client;

    Rest(BrokerHub hub) throws Exception {
      this.hub = hub;
      this.client = ApiTestHubs.client(hub.data, Duration.ofSeconds(10));
    }

    URI uri(String path) {
      return URI.create("https://localhost:" + hub.hub.context().ports().get("api.port") + path);
    }

    JsonObject owner(String method, String path, String json) throws Exception {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri(path))
              .header("Authorization", "Bearer " + hub.ownerToken)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  json == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(json));
      HttpResponse<String> answer =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertTrue(answer.statusCode() < 300, method + " " + path + ": " + answer.body());
      return new JsonObject(answer.body());
    }

    String deviceNamed(String name) throws Exception {
      return owner("GET", "/api/v1/devices", null).getJsonArray("devices").stream()
          .map(JsonObject.class::cast)
          .filter(d -> name.equals(d.getString("name")))
          .findFirst()
          .orElseThrow()
          .getString("id");
    }

    void grant(String automation, String field, String target, String... scopes) throws Exception {
      owner(
          "POST",
          "/api/v1/grants",
          new JsonObject()
              .put("principal_kind", "automation")
              .put("principal_id", automation)
              .put(field, target)
              .put("scopes", new JsonArray(java.util.List.of((Object[]) scopes)))
              .encode());
    }

    /** The CA as anyone fetches it (no token), checked against the fingerprint pairing showed. */
    byte[] caPem(String fingerprint) throws Exception {
      HttpResponse<byte[]> answer =
          client.send(
              HttpRequest.newBuilder(uri("/api/v1/ca.pem")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(200, answer.statusCode());
      byte[] der =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new java.io.ByteArrayInputStream(answer.body()))
              .getEncoded();
      assertEquals(
          fingerprint,
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)),
          "the CA fetched is the one the token's pairing answer named");
      return new String(answer.body(), StandardCharsets.US_ASCII)
          .getBytes(StandardCharsets.US_ASCII);
    }
  }
}

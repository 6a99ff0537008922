package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mqtt.MqttModule;
import io.hearth.api.ApiModule;
import io.hearth.api.ApiTestHubs;
import io.hearth.runtime.Hub;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Tasmota-style device whose only broker is the hub: it shows up through the MQTT adapter as it
 * would from an external broker, a REST command reaches its command topic, and its state is
 * published on the hub's own topics with a Home Assistant discovery document.
 */
@Timeout(60)
class DevicesOnTheHubBrokerTest {
  @TempDir Path dir;

  @Test
  void aTasmotaPlugPublishingToTheHubIsAdaptedAndCommanded() throws Exception {
    Path pub = Peers.require("mosquitto_pub", "mosquitto-clients");
    Path sub = Peers.require("mosquitto_sub", "mosquitto-clients");
    Path data = dir.resolve("data");
    Hub hub =
        ApiTestHubs.builder(data)
            .module(new ApiModule(), new MqttModule())
            .set("api.mqtt.host", "127.0.0.1")
            .start()
            .hub();
    try {
      String token = ApiTestHubs.ownerToken(data);
      String port = String.valueOf(hub.context().ports().get("api.mqtt.port"));
      String http = "http://127.0.0.1:" + hub.context().ports().get("api.http-port");
      run(
          pub.toString(),
          "-h",
          "127.0.0.1",
          "-p",
          port,
          "-u",
          "plug",
          "-P",
          token,
          "-t",
          "tele/plug1/SENSOR",
          "-m",
          "{\"ENERGY\":{\"Power\":42.5}}");
      JsonObject device = awaitDevice(http, token, "tasmota:plug1");
      assertEquals(42.5, device.getJsonObject("state").getJsonObject("power").getDouble("value"));

      Process command =
          new ProcessBuilder(
                  MosquittoCli.againstHub(
                      Integer.parseInt(port),
                      token,
                      sub.toString(),
                      "-t",
                      "cmnd/plug1/POWER",
                      "-C",
                      "1",
                      "-W",
                      "20"))
              .start();
      Process discovery =
          new ProcessBuilder(
                  MosquittoCli.againstHub(
                      Integer.parseInt(port),
                      token,
                      sub.toString(),
                      "-t",
                      "homeassistant/+/+/config",
                      "-C",
                      "1",
                      "-W",
                      "20"))
              .start();
      Thread.sleep(500);
      HttpResponse<String> sent =
          send(
              http + "/api/v1/devices/" + device.getString("id") + "/commands",
              token,
              "{\"capability\":\"switch\",\"value\":true}");
      assertEquals(202, sent.statusCode(), sent.body());
      assertTrue(command.waitFor(20, TimeUnit.SECONDS));
      assertEquals(
          "ON", new String(command.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
      assertTrue(discovery.waitFor(20, TimeUnit.SECONDS));
      JsonObject config =
          new JsonObject(
              new String(discovery.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
      assertTrue(
          config.getString("unique_id").startsWith("hearth_" + device.getString("id")),
          config.encode());
      assertEquals(1, devices(http, token).size(), "the hub's own discovery was adopted");
    } finally {
      hub.stop();
    }
  }

  private static JsonObject awaitDevice(String http, String token, String address)
      throws Exception {
    return Eventually.value(
        Duration.ofSeconds(15),
        "device " + address + " appears",
        () -> {
          for (Object d : devices(http, token)) {
            JsonObject device = (JsonObject) d;
            if (address.equals(device.getString("address"))
                && !device.getJsonObject("state").isEmpty()) {
              return device;
            }
          }
          return null;
        });
  }

  private static JsonArray devices(String http, String token) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(http + "/api/v1/devices"))
                    .header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new JsonObject(answer.body()).getJsonArray("devices");
  }

  private static HttpResponse<String> send(String url, String token, String json) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(process.waitFor(10, TimeUnit.SECONDS), String.join(" ", command));
    assertEquals(
        0,
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}

package io.hearth.api;

import static io.hearth.runtime.testing.Await.get;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.discovery.Sighting;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The contract test's calls about devices, their event feed (its SSE data validated as Event) and
 * the discovery inbox, with the fixtures they need made through the runtime (the adapter's part).
 */
final class ContractDevices {
  static final String API = ContractTest.API;
  private final TestHub hub;
  private final ContractClient api;
  private final String owner;

  ContractDevices(TestHub hub, ContractClient api) {
    this.hub = hub;
    this.api = api;
    this.owner = hub.ownerToken;
  }

  void devices() throws Exception {
    var devices = hub.hub.context().devices();
    SensorDevice sensor =
        get(devices.ensure("mqtt", "z2m:kitchen", "Kitchen", Set.of(Capability.TEMPERATURE)));
    SensorDevice plug =
        get(devices.ensure("mqtt", "tasmota:plug", "Plug", Set.of(Capability.SWITCH)));
    CompletableFuture<String> event = firstEvent();
    devices.report(sensor.id(), Capability.TEMPERATURE, 21.5, System.currentTimeMillis());
    api.contract.validate(
        "SSE event", api.contract.schema("Event"), event.get(15, TimeUnit.SECONDS));
    get(devices.events().flush());
    String one = API + "/devices/" + sensor.id();
    api.ok(200, "GET", API + "/devices", API + "/devices", owner, null);
    api.ok(200, "GET", API + "/devices/{id}", one, owner, null);
    api.ok(
        200,
        "GET",
        API + "/devices/{id}/history",
        one + "/history?from=2020-01-01T00:00:00Z",
        owner,
        null);
    api.call(
        "POST",
        API + "/devices/{id}/commands",
        API + "/devices/" + plug.id() + "/commands",
        owner,
        new JsonObject().put("capability", "switch").put("value", true).encode());
    api.call(
        "POST",
        API + "/devices",
        API + "/devices",
        owner,
        new JsonObject().put("name", "Lamp").put("url", "coap://127.0.0.1:9").encode());
    api.ok(204, "DELETE", API + "/devices/{id}", API + "/devices/" + plug.id(), owner, null);
  }

  /** Opens the SSE feed and completes with the data of its first event. */
  private CompletableFuture<String> firstEvent() throws Exception {
    HttpRequest request =
        TestHub.authorized(HttpRequest.newBuilder(hub.https(API + "/events")), owner)
            .header("Accept", "text/event-stream")
            .timeout(Duration.ofSeconds(20))
            .build();
    HttpResponse<Stream<String>> answer =
        hub.client.send(request, HttpResponse.BodyHandlers.ofLines());
    String type = answer.headers().firstValue("Content-Type").orElse(null);
    api.contract.check("GET", API + "/events", answer.statusCode(), type, null);
    return CompletableFuture.supplyAsync(
        () -> {
          try (Stream<String> lines = answer.body()) {
            return lines.filter(l -> l.startsWith("data: ")).findFirst().orElseThrow().substring(6);
          }
        });
  }

  void discovered() throws Exception {
    var inbox = hub.hub.context().inbox();
    String first = inbox.report(camera("aa:bb:cc:00:00:01", "10.0.0.5")).id();
    String second = inbox.report(camera("aa:bb:cc:00:00:02", "10.0.0.6")).id();
    String d = API + "/discovered/";
    api.ok(200, "GET", API + "/discovered", API + "/discovered", owner, null);
    api.ok(200, "GET", API + "/discovered/{id}", d + first, owner, null);
    api.ok(200, "POST", API + "/discovered/{id}/ignore", d + first + "/ignore", owner, null);
    api.ok(
        201,
        "POST",
        API + "/discovered/{id}/adopt",
        d + second + "/adopt",
        owner,
        new JsonObject().put("name", "Garage"));
    api.call(
        "POST", API + "/discovered/{id}/confirm-move", d + first + "/confirm-move", owner, null);
    api.call(
        "POST", API + "/discovered/{id}/decline-move", d + first + "/decline-move", owner, null);
  }

  private static Sighting camera(String identity, String host) {
    return new Sighting(
        "mdns",
        identity,
        Sighting.CAMERA,
        "Garage cam",
        host + ":554",
        Map.of("stream_url", "test://" + host + "/live", "service", "_rtsp._tcp"),
        true);
  }
}

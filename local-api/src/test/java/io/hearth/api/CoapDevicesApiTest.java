package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hearth.adapters.coap.CaliforniumDevice;
import io.hearth.adapters.coap.CoapModule;
import io.hearth.adapters.coap.CoapServerPeer;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Adding CoAP devices with {@code POST /api/v1/devices}: libcoap's demo server shows up with its
 * clock as an observed text value whose readings arrive as events; a device whose discovery answer
 * is garbage, or offers nothing readable, is refused with 502 or 422 and a message the owner can
 * act on, never 500, and the hub logs one line for it without a stack trace.
 */
class CoapDevicesApiTest {
  @TempDir Path dir;
  private TestHub hub;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void start() throws Exception {
    // Polling far beyond the test's length: clock events can only come by observe.
    hub =
        TestHub.start(
            dir,
            List.of(new CoapModule()),
            "coap.poll-interval-ms=600000",
            "coap.request-timeout-ms=2000");
    log.start();
    root().addAppender(log);
  }

  @AfterEach
  void stop() {
    root().detachAppender(log);
    hub.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void libcoapsClockIsAddedAndItsValuesArriveAsEvents() throws Exception {
    try (CoapServerPeer server = CoapServerPeer.start()) {
      HttpResponse<String> added = add("Demo", server.url());

      assertEquals(201, added.statusCode(), added.body());
      JsonObject clock = byAddress(new JsonObject(added.body()), server.url() + "/time");
      assertEquals(new JsonArray().add("text"), clock.getJsonArray("capabilities"));
      assertEquals(
          new JsonObject().put("if", "clock").put("rt", "ticks").put("title", "Internal Clock"),
          clock.getJsonObject("attributes"));
      List<String> values = clockValues(clock.getString("id"), 2);
      assertTrue(values.get(0).matches("[A-Z][a-z]{2} \\d{2} \\d{2}:\\d{2}:\\d{2}"), values.get(0));
      JsonObject listed = byAddress(list(), server.url() + "/time");
      assertEquals(clock.getJsonObject("attributes"), listed.getJsonObject("attributes"));
      assertTrue(listed.getJsonObject("state").containsKey("text"), listed.encode());
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aGarbageDiscoveryAnswerIs502WithAMessageAndOneLogLine() throws Exception {
    try (CaliforniumDevice bad = CaliforniumDevice.start()) {
      bad.core("</sensor temp>;rt=\"x\"".getBytes(StandardCharsets.UTF_8), 40);

      HttpResponse<String> refused = add("Bad", bad.url());

      assertEquals(502, refused.statusCode(), refused.body());
      JsonObject body = new JsonObject(refused.body());
      assertEquals("bad_link_format", body.getString("error"));
      String message = body.getString("message");
      assertTrue(message.contains("the CoAP device at " + bad.url()), message);
      assertTrue(message.contains("</sensor temp> is not a valid URI"), message);
      assertTrue(message.contains("check the device's firmware"), message);
      assertOneLogLineWithoutStackTrace(bad.url());
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void aDeviceWithNothingReadableIs422WithAMessageAndOneLogLine() throws Exception {
    try (CaliforniumDevice bad = CaliforniumDevice.start()) {
      bad.core("</missing>;title=\"Gone\"".getBytes(StandardCharsets.UTF_8), 40);

      HttpResponse<String> refused = add("Empty", bad.url());

      assertEquals(422, refused.statusCode(), refused.body());
      JsonObject body = new JsonObject(refused.body());
      assertEquals("no_usable_resource", body.getString("error"));
      assertTrue(body.getString("message").contains("/missing (answered 4.04"), refused.body());
      assertOneLogLineWithoutStackTrace(bad.url());
    }
  }

  private void assertOneLogLineWithoutStackTrace(String device) {
    List<ILoggingEvent> lines =
        log.list.stream().filter(e -> e.getFormattedMessage().contains(device)).toList();
    assertEquals(1, lines.size(), lines.toString());
    assertNull(lines.get(0).getThrowableProxy(), "no stack trace");
  }

  private HttpResponse<String> add(String name, String url) throws Exception {
    return hub.post(
        "/api/v1/devices",
        hub.ownerToken,
        new JsonObject().put("name", name).put("url", url).encode());
  }

  private JsonObject list() throws Exception {
    return new JsonObject(hub.get("/api/v1/devices", hub.ownerToken).body());
  }

  private static JsonObject byAddress(JsonObject answer, String address) {
    for (Object device : answer.getJsonArray("devices")) {
      if (((JsonObject) device).getString("address").equals(address)) {
        return (JsonObject) device;
      }
    }
    throw new AssertionError("no device " + address + " in " + answer.encode());
  }

  /** Distinct text values in the device's history, read through the API until enough came. */
  private List<String> clockValues(String id, int wanted) throws Exception {
    List<String> values = new CopyOnWriteArrayList<>();
    Eventually.holdsWithin(
        Duration.ofSeconds(15),
        () -> {
          HttpResponse<String> history =
              hub.get("/api/v1/devices/" + id + "/history?capability=text", hub.ownerToken);
          values.clear();
          for (Object event : new JsonObject(history.body()).getJsonArray("events")) {
            String value = ((JsonObject) event).getString("value");
            if (!values.contains(value)) {
              values.add(value);
            }
          }
          return values.size() >= wanted;
        });
    assertTrue(values.size() >= wanted, "clock events through the API: " + values);
    return values;
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}

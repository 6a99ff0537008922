package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} is read by the official Prometheus client's text-format parser (Python's
 * prometheus_client, run by Debian's python3), has the families operators need, and moves with
 * activity: a stream session opened raises the sessions gauge and frames delivered, closing it
 * lowers the gauge again, a device event raises the event counter, store work shows in its
 * histogram. A request that came through a proxy is refused.
 */
@Timeout(90)
class MetricsTest {
  static final Duration LIMIT = Duration.ofSeconds(15);
  @TempDir Path dir;

  @Test
  void metricsParseAndFollowActivity() throws Exception {
    try (TestHub hub = TestHub.start(dir.resolve("data"))) {
      JsonObject before = scrape(hub);
      for (String family :
          List.of(
              "hearth_streams_open",
              "hearth_stream_sessions_open",
              "hearth_playback_memory_bytes",
              "hearth_playback_memory_limit_bytes",
              "hearth_frames_delivered",
              "hearth_frames_misrouted",
              "hearth_device_events",
              "hearth_broker_clients",
              "hearth_store_query_seconds",
              "jvm_memory_bytes_used",
              "jvm_threads_current",
              "jvm_gc_collection_seconds")) {
        assertTrue(
            before.containsKey(family), "no family " + family + " in " + before.fieldNames());
      }
      assertEquals(
          "histogram", before.getJsonObject("hearth_store_query_seconds").getString("type"));
      assertEquals(0.0, value(before, "hearth_stream_sessions_open"));
      assertEquals(0.0, value(before, "hearth_playback_memory_bytes"));
      assertEquals(32_000_000.0, value(before, "hearth_playback_memory_limit_bytes"));

      String camera = hub.addCamera("Porch", "test://porch/live");
      String display = hub.pairDisplay("Kitchen", List.of(camera));
      WebSocket socket = watch(hub, display, camera);
      Eventually.check(
          LIMIT,
          "an open session and delivered frames in /metrics",
          () -> {
            JsonObject now = scrape(hub);
            return value(now, "hearth_stream_sessions_open") == 1
                && value(now, "hearth_streams_open") == 1
                && value(now, "hearth_frames_delivered_total") > 0;
          });
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      Eventually.check(
          LIMIT,
          "the session gone from /metrics",
          () -> value(scrape(hub), "hearth_stream_sessions_open") == 0);

      var devices = hub.hub.context().devices();
      SensorDevice sensor =
          Await.get(devices.ensure("mqtt", "z2m:hall", "Hall", Set.of(Capability.TEMPERATURE)));
      double events = value(scrape(hub), "hearth_device_events_total");
      devices.report(sensor.id(), Capability.TEMPERATURE, 20.5, System.currentTimeMillis());
      JsonObject after = scrape(hub);
      assertEquals(events + 1, value(after, "hearth_device_events_total"));
      assertTrue(
          sample(after, "hearth_store_query_seconds_count", "kind", "read")
              > sample(before, "hearth_store_query_seconds_count", "kind", "read"));
    }
  }

  @Test
  void aProxiedRequestIsRefused() throws Exception {
    try (TestHub hub = TestHub.start(dir.resolve("data"))) {
      HttpResponse<String> proxied =
          hub.send(
              HttpRequest.newBuilder(hub.http("/metrics")).header("X-Forwarded-For", "10.0.0.9"));
      assertEquals(403, proxied.statusCode(), proxied.body());
      assertEquals("forbidden", new JsonObject(proxied.body()).getString("error"));
    }
  }

  /** Scrapes over plain loopback HTTP and parses with the official parser. */
  static JsonObject scrape(TestHub hub) throws Exception {
    HttpResponse<String> answer = hub.send(HttpRequest.newBuilder(hub.http("/metrics")));
    assertEquals(200, answer.statusCode(), answer.body());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        answer.headers().firstValue("Content-Type").orElse(""));
    return parse(answer.body());
  }

  static JsonObject parse(String text) throws Exception {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python)) {
      python = Peers.require("python3", "python3");
    }
    Process probe = new ProcessBuilder(python.toString(), "-c", "import prometheus_client").start();
    if (probe.waitFor() != 0) {
      Peers.missing("python3 cannot import prometheus_client: install python3-prometheus-client");
    }
    Path script = Path.of(MetricsTest.class.getResource("/metrics/parse_metrics.py").toURI());
    Process parser = new ProcessBuilder(python.toString(), script.toString()).start();
    parser.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    parser.getOutputStream().close();
    String out = new String(parser.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(parser.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, parser.waitFor(), "the Prometheus parser refused /metrics: " + err);
    return new JsonObject(out);
  }

  /** The value of the one sample named {@code name} (any family). */
  static double value(JsonObject families, String name, String... labels) {
    return sample(families, name, labels);
  }

  static double sample(JsonObject families, String name, String... labels) {
    for (String family : families.fieldNames()) {
      for (Object s : families.getJsonObject(family).getJsonArray("samples")) {
        JsonArray sample = (JsonArray) s;
        if (sample.getString(0).equals(name) && matches(sample.getJsonObject(1), labels)) {
          return sample.getDouble(2);
        }
      }
    }
    throw new AssertionError("no sample " + name + " in " + families.fieldNames());
  }

  private static boolean matches(JsonObject have, String... labels) {
    for (int i = 0; i + 1 < labels.length; i += 2) {
      if (!labels[i + 1].equals(have.getString(labels[i]))) {
        return false;
      }
    }
    return true;
  }

  /** Opens an MJPEG session for the display and connects its WebSocket (the session attaches). */
  private static WebSocket watch(TestHub hub, String token, String camera) throws Exception {
    HttpResponse<String> made =
        hub.post("/api/v1/cameras/" + camera + "/sessions", token, "{\"format\":\"mjpeg\"}");
    assertEquals(201, made.statusCode(), made.body());
    String ws = new JsonObject(made.body()).getString("ws_url");
    URI uri = URI.create("ws://127.0.0.1:" + hub.hub.context().ports().get("api.http-port") + ws);
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .buildAsync(uri, new WebSocket.Listener() {})
        .get(10, TimeUnit.SECONDS);
  }
}

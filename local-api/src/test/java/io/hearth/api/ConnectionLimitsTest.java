package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.api.bench.RawClients;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood from one source address is cut to the per-address limit on every listener (HTTPS, plain
 * HTTP, MQTT, MQTT over TLS): the connections over it are closed at once (or get a busy CONNACK),
 * those within it work, another address still connects, health answers and counts each refusal. A
 * client that sends its request head one byte at a time is closed at the head timeout.
 */
@Timeout(180)
class ConnectionLimitsTest {
  private static final int FLOOD = 200;
  private static final String FLOODER = "127.0.0.2";
  private static final String OTHER = "127.0.0.3";

  @TempDir Path dir;

  @Test
  void aFloodFromOneAddressIsCutToThePerAddressLimitOnEveryListener() throws Exception {
    try (TestHub hub = TestHub.start(dir.resolve("data"))) {
      SSLContext tls = TlsTrust.trusting(hub.data.resolve("tls/ca.pem"));
      floodHttp(hub, "https", port(hub, "api.port"), tls);
      floodHttp(hub, "http", port(hub, "api.http-port"), null);
      floodMqtt(hub, "mqtt", port(hub, "api.mqtt.port"), null);
      floodMqtt(hub, "mqtt_tls", port(hub, "api.mqtt.tls-port"), tls);

      JsonObject counts = health(hub).getJsonObject("connections");
      for (String listener : List.of("https", "http", "mqtt", "mqtt_tls")) {
        assertEquals(
            FLOOD - limit(listener), counts.getJsonObject(listener).getLong("refused"), listener);
      }
    }
  }

  @Test
  void aRequestHeadSentByteByByteIsClosedAtTheHeadTimeout() throws Exception {
    try (TestHub hub =
        TestHub.start(dir.resolve("data"), "connections.request-head-timeout-seconds=1")) {
      byte[] head =
          "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
              .getBytes(StandardCharsets.US_ASCII);
      try (Socket slow = RawClients.tcp(FLOODER, port(hub, "api.http-port"))) {
        AtomicInteger sent = new AtomicInteger();
        boolean closed =
            Eventually.holdsWithin(
                Duration.ofSeconds(15),
                () -> {
                  // one byte at a time, each followed by 200 ms of listening for the close
                  slow.getOutputStream()
                      .write(head[Math.min(sent.getAndIncrement(), head.length - 1)]);
                  return RawClients.closedByServer(slow, 200);
                });
        assertTrue(closed, "a client trickling its request head was never closed");
      }
      assertEquals(
          1, health(hub).getJsonObject("connections").getJsonObject("http").getLong("timed_out"));
    }
  }

  /** 200 connections from FLOODER: the first {@code limit} answer, the rest are closed at once. */
  private static void floodHttp(TestHub hub, String listener, int port, SSLContext tls)
      throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < FLOOD; i++) {
        sockets.add(RawClients.open(tls, FLOODER, port));
      }
      List<Socket> open = awaitClosedAtOnce(sockets, FLOOD - limit(listener));
      int closed = FLOOD - open.size();
      int answered = 0;
      for (Socket socket : open) {
        answered += RawClients.httpGet(socket, "/api/v1/health") == 200 ? 1 : 0;
      }
      assertEquals(FLOOD - limit(listener), closed, listener + ": connections closed at once");
      assertEquals(limit(listener), answered, listener + ": connections within the limit answered");
      try (Socket other = RawClients.open(tls, OTHER, port)) {
        assertEquals(200, RawClients.httpGet(other, "/api/v1/health"), listener + " from " + OTHER);
      }
    } finally {
      sockets.forEach(RawClients::close);
    }
  }

  /** 200 MQTT clients from FLOODER with a valid token: {@code limit} accepted, the rest busy. */
  private static void floodMqtt(TestHub hub, String listener, int port, SSLContext tls)
      throws Exception {
    List<Socket> sockets = new ArrayList<>();
    try {
      int accepted = 0;
      int busy = 0;
      for (int i = 0; i < FLOOD; i++) {
        Socket socket = RawClients.open(tls, FLOODER, port);
        sockets.add(socket);
        int code = RawClients.mqttHandshake(socket, listener + "-" + i, hub.ownerToken);
        accepted += code == 0 ? 1 : 0;
        busy += code == 3 ? 1 : 0;
      }
      assertEquals(limit(listener), accepted, listener + ": clients accepted");
      assertEquals(FLOOD - limit(listener), busy, listener + ": clients refused as busy");
      try (Socket other = RawClients.open(tls, OTHER, port)) {
        assertEquals(0, RawClients.mqttHandshake(other, listener + "-other", hub.ownerToken));
      }
      assertEquals(
          200,
          hub.send(java.net.http.HttpRequest.newBuilder(hub.https("/api/v1/health"))).statusCode());
    } finally {
      sockets.forEach(RawClients::close);
    }
  }

  /** Waits (with a deadline) until {@code expected} sockets are closed; returns the others. */
  private static List<Socket> awaitClosedAtOnce(List<Socket> sockets, int expected)
      throws Exception {
    List<Socket> open = new CopyOnWriteArrayList<>(sockets);
    Eventually.holdsWithin(
        Duration.ofSeconds(15),
        () -> {
          for (Socket socket : open) {
            if (RawClients.closedByServer(socket, 10)) {
              open.remove(socket);
            }
          }
          return sockets.size() - open.size() >= expected;
        });
    return new ArrayList<>(open);
  }

  private static JsonObject health(TestHub hub) throws Exception {
    return new JsonObject(hub.get("/api/v1/health", null).body());
  }

  /** The default of connections.LISTENER.max-per-address (literal, so it runs on old code). */
  private static int limit(String listener) {
    return 64;
  }

  private static int port(TestHub hub, String key) {
    return hub.hub.context().ports().get(key);
  }
}

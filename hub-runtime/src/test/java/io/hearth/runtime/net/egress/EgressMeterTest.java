package io.hearth.runtime.net.egress;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The meter counts what really crossed each outbound socket, whichever Vert.x client opened it
 * (TCP, HTTP, WebSocket): here every peer counts as "outside" so loopback servers can play it.
 */
@Timeout(30)
class EgressMeterTest {
  private static final int BODY = 200_000;

  private final List<EgressConnection> recorded = new CopyOnWriteArrayList<>();
  private Vertx vertx;

  @BeforeEach
  void start() {
    EgressMeter meter = new EgressMeter();
    meter.attach(
        (address, port, name, transport) -> {
          EgressConnection c =
              new EgressConnection(
                  System.currentTimeMillis(), "test", name + ":" + port, transport);
          recorded.add(c);
          return c;
        });
    vertx =
        Vertx.builder()
            .with(new VertxOptions().setMetricsOptions(new MetricsOptions().setEnabled(true)))
            .withMetrics(meter)
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    get(vertx.close());
  }

  @Test
  void anHttpExchangeIsCountedBothWaysWhenItCloses() throws Exception {
    HttpServer server =
        get(
            vertx
                .createHttpServer()
                .requestHandler(r -> r.response().end(Buffer.buffer(new byte[BODY])))
                .listen(0, "127.0.0.1"));
    var client = vertx.createHttpClient();
    Buffer body =
        get(
            client
                .request(HttpMethod.POST, server.actualPort(), "127.0.0.1", "/")
                .compose(req -> req.send(Buffer.buffer(new byte[5_000])))
                .compose(r -> r.body()));
    assertEquals(BODY, body.length());
    get(client.close());

    EgressConnection c = only();
    Eventually.check(Duration.ofSeconds(5), "closed", () -> !c.open());
    // HTTP: the bodies (Vert.x counts an HTTP connection's content, not its header lines)
    assertTrue(c.bytesReceived() >= BODY && c.bytesReceived() < BODY + 1_000, c.toJson().encode());
    assertTrue(c.bytesSent() >= 5_000 && c.bytesSent() < 6_000, c.toJson().encode());
  }

  @Test
  void aLongTcpConnectionIsCountedWhileOpen() throws Exception {
    NetServer server =
        get(
            vertx
                .createNetServer()
                .connectHandler(s -> s.write(Buffer.buffer(new byte[BODY])))
                .listen(0, "127.0.0.1"));
    NetSocket socket = get(vertx.createNetClient().connect(server.actualPort(), "127.0.0.1"));
    socket.handler(b -> {});

    EgressConnection c = only();
    // while open, in 4 KiB steps: all but the last step of the 200 kB are there
    Eventually.check(
        Duration.ofSeconds(5), "bytes while open", () -> c.bytesReceived() > BODY - 4_096);
    assertTrue(c.open());
    get(socket.close());
    Eventually.check(Duration.ofSeconds(5), "closed", () -> !c.open());
    assertEquals(BODY, c.bytesReceived(), c.toJson().encode());
  }

  private EgressConnection only() throws Exception {
    Eventually.check(Duration.ofSeconds(5), "a connection recorded", () -> !recorded.isEmpty());
    assertEquals(1, recorded.size(), recorded.toString());
    return recorded.get(0);
  }
}

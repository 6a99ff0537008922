package io.hearth.bridge.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.bridge.link.RelayLink;
import io.hearth.bridge.wire.HubKey;
import io.hearth.runtime.testing.ChildProcess;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth relay} as its own process, the way it is deployed: it starts from the shared
 * command with only --set options, refuses to start without TLS material, and a hub's link and a
 * viewer meet through it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayProcessTest {
  @TempDir Path dir;

  @Test
  void hearthRelayRunsAsItsOwnProcessAndJoinsAViewerToItsHub() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    RelayNode relay = RelayNode.start(certificate, dir.resolve("relay.log"), List.of());
    int port = relay.port;
    Vertx vertx = Vertx.vertx();
    try {
      WebSocketClientOptions trust =
          new WebSocketClientOptions().setSsl(true).setTrustOptions(certificate.trustOptions());
      HubKey key = HubKey.generate();
      RelayLink hub =
          new RelayLink(
              vertx,
              key,
              trust,
              stream -> stream.handler(b -> stream.write(Buffer.buffer("home says " + b))));
      String id =
          hub.connect("localhost", port)
              .toCompletionStage()
              .toCompletableFuture()
              .get(15, TimeUnit.SECONDS);
      WebSocketClient viewers = vertx.createWebSocketClient(trust);
      BlockingQueue<String> answers = new LinkedBlockingQueue<>();
      WebSocket viewer =
          viewers
              .connect(
                  new WebSocketConnectOptions()
                      .setHost("localhost")
                      .setPort(port)
                      .setURI("/v1/view/" + id))
              .onSuccess(ws -> ws.binaryMessageHandler(b -> answers.add(b.toString())))
              .toCompletionStage()
              .toCompletableFuture()
              .get(15, TimeUnit.SECONDS);
      viewer.writeBinaryMessage(Buffer.buffer("hello"));
      assertEquals("home says hello", answers.poll(10, TimeUnit.SECONDS));
    } finally {
      vertx.close();
      relay.close();
    }
  }

  @Test
  void hearthRelayWithoutItsCertificateRefusesToStartAndSaysWhy() throws Exception {
    ChildProcess child = RelayNode.relay(List.of("relay.public-name=localhost")).start();
    Process relay = child.process();
    assertTrue(relay.waitFor(30, TimeUnit.SECONDS));
    String output = child.output();
    assertEquals(2, relay.exitValue(), output);
    assertTrue(output.contains("relay.tls-cert is required"), output);
  }
}

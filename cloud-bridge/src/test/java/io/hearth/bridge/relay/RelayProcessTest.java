package io.hearth.bridge.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.bridge.link.RelayLink;
import io.hearth.bridge.wire.HubKey;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code hearth relay} as its own process, the way it is deployed: it starts from the shared
 * command with only --set options, refuses to start without TLS material, and a hub's link and a
 * viewer meet through it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayProcessTest {
  @Test
  void hearthRelayRunsAsItsOwnProcessAndJoinsAViewerToItsHub() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Process relay =
        start(
            "relay.host=localhost",
            "relay.port=" + port,
            "relay.public-name=localhost",
            "relay.tls-cert=" + certificate.certificatePath(),
            "relay.tls-key=" + certificate.privateKeyPath());
    Vertx vertx = Vertx.vertx();
    try {
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = lines.readLine();
      } while (line != null && !line.startsWith("Hearth relay listening"));
      assertTrue(line != null, "the relay did not start");
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
      relay.destroy();
      relay.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void hearthRelayWithoutItsCertificateRefusesToStartAndSaysWhy() throws Exception {
    Process relay = start("relay.public-name=localhost");
    String output = new String(relay.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(relay.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, relay.exitValue(), output);
    assertTrue(output.contains("relay.tls-cert is required"), output);
  }

  private static Process start(String... sets) throws Exception {
    String classPath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                classPath,
                "io.hearth.runtime.cli.Main",
                "relay"));
    for (String set : sets) {
      command.add("--set");
      command.add(set);
    }
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}

package io.hearth.bridge.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.bridge.link.RelayLink;
import io.hearth.bridge.link.RelayStream;
import io.hearth.bridge.wire.Frame;
import io.hearth.bridge.wire.HubKey;
import io.hearth.bridge.wire.HubProof;
import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth relay} with {@code relay.plain} (no TLS, no certificate; a warning in its log):
 * only the transport changes. A hub that cannot prove the key of the id it claims is refused and
 * viewers naming that id get nothing; a hub that sends past its credit is cut off; a viewer that
 * stops reading holds the hub's bytes at the hub, not at the relay.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RelayPlainProcessTest {
  @TempDir static Path dir;
  static ChildProcess relay;
  static int port;
  static Vertx vertx;
  static WebSocketClient client;
  static final int FLOOD = 128 << 20;

  @BeforeAll
  static void start() throws Exception {
    port = RelayNode.freePort();
    relay =
        RelayNode.relay(
                List.of(
                    "relay.host=localhost",
                    "relay.port=" + port,
                    "relay.public-name=localhost",
                    "relay.plain=true"))
            .log(dir.resolve("relay.log"))
            .start();
    relay.awaitOutput("Hearth relay listening", Duration.ofSeconds(90));
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(80_000));
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) {
      vertx.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void itSaysItRunsWithoutTlsAndWarns() throws Exception {
    String output = relay.output();
    assertTrue(output.contains("plain WebSocket, no TLS"), output);
    assertTrue(output.contains("relay.plain is on: listening without TLS"), output);
  }

  @Test
  void aHubThatCannotProveItsKeyIsRefusedAndItsViewersGetNothing() throws Exception {
    HubKey victim = HubKey.generate();
    HubKey thief = HubKey.generate();
    assertEquals(4401, impostor(nonce -> forged(victim, thief, nonce)));
    assertEquals(4401, impostor(nonce -> HubProof.answer(victim, "relay.example", nonce)));
    assertEquals(4401, impostor(nonce -> Buffer.buffer("not a proof")));
    AtomicLong received = new AtomicLong();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    ClientWebSocket viewer = client.webSocket();
    viewer.binaryMessageHandler(b -> received.addAndGet(b.length()));
    viewer.closeHandler(v -> closed.complete(Attackers.code(viewer)));
    viewer.connect(options("/v1/view/" + victim.relayId()));
    assertEquals(RelayCodes.UNKNOWN_HUB, closed.get(15, TimeUnit.SECONDS));
    assertEquals(0, received.get());
  }

  @Test
  void aHubThatSendsPastItsCreditIsCutOff() throws Exception {
    HubKey key = HubKey.generate();
    AtomicLong sent = new AtomicLong();
    CompletableFuture<Integer> hubClosed = new CompletableFuture<>();
    Attackers.creditIgnoringHub(client, port, key, 64L << 20, sent, hubClosed)
        .toCompletionStage()
        .toCompletableFuture()
        .get(15, TimeUnit.SECONDS);
    AtomicReference<CompletableFuture<Integer>> attempt = new AtomicReference<>();
    Eventually.holdsWithin(Duration.ofSeconds(15), () -> joined(key, attempt));
    int code = hubClosed.get(20, TimeUnit.SECONDS);
    assertEquals(RelayCodes.REPLACED, code, relay.output());
    assertTrue(sent.get() < (64L << 20), "the hub was never cut off: " + sent.get());
    // The viewer is paused (the close waits behind what it has not read): the relay's log says why.
    assertTrue(relay.output().contains("sent past its credit on a stream"), relay.output());
  }

  /** A paused viewer of {@code key}'s hub; true once one was joined (not refused as unknown). */
  private static boolean joined(HubKey key, AtomicReference<CompletableFuture<Integer>> attempt)
      throws Exception {
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    attempt.set(closed);
    ClientWebSocket viewer = client.webSocket();
    viewer.closeHandler(v -> closed.complete(Attackers.code(viewer)));
    viewer
        .connect(options("/v1/view/" + key.relayId()))
        .onSuccess(WebSocket::pause)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    try {
      return closed.get(1, TimeUnit.SECONDS) != RelayCodes.UNKNOWN_HUB;
    } catch (java.util.concurrent.TimeoutException stillJoined) {
      return true;
    }
  }

  @Test
  void aViewerThatStopsReadingLeavesTheBytesAtTheHub() throws Exception {
    HubKey key = HubKey.generate();
    AtomicReference<RelayStream> stream = new AtomicReference<>();
    RelayLink hub =
        new RelayLink(
            vertx,
            key,
            new WebSocketClientOptions(),
            s -> {
              stream.set(s);
              s.handler(b -> s.write(Buffer.buffer(new byte[FLOOD])));
            });
    hub.connect("localhost", port)
        .toCompletionStage()
        .toCompletableFuture()
        .get(15, TimeUnit.SECONDS);
    AtomicLong read = new AtomicLong();
    WebSocket viewer =
        connect("/v1/view/" + key.relayId())
            .onSuccess(ws -> ws.binaryMessageHandler(b -> read.addAndGet(b.length())))
            .toCompletionStage()
            .toCompletableFuture()
            .get(15, TimeUnit.SECONDS);
    viewer.pause();
    viewer.writeBinaryMessage(Buffer.buffer("flood me"));
    Eventually.holdsWithin(
        Duration.ofSeconds(10), () -> stream.get() != null && stream.get().queued() > 0);
    long left = FLOOD - settled(stream.get());
    assertTrue(
        left < 40 << 20, // one window, the relay's write queue and the kernel's socket buffers
        left + " bytes left the hub for a viewer that reads nothing; it read " + read.get());
    hub.close();
  }

  /** What the stream still queues once it stopped moving for a second (or after 30 s). */
  private static long settled(RelayStream stream) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long previous = -1;
    while (System.nanoTime() < deadline && stream.queued() != previous) {
      previous = stream.queued();
      Thread.sleep(1000);
    }
    return stream.queued();
  }

  private static int impostor(ProofMaker proof) throws Exception {
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    // Handlers are set before connecting: the relay's challenge (or its close) comes at once.
    ClientWebSocket ws = client.webSocket();
    ws.closeHandler(v -> closed.complete(Attackers.code(ws)));
    ws.binaryMessageHandler(
        m -> {
          Frame frame = Frame.parse(m);
          if (frame.type() == Frame.CHALLENGE) {
            ws.writeBinaryMessage(Frame.of(Frame.PROVE, 0, proof.make(frame)).encode());
          } else if (frame.type() == Frame.WELCOME) {
            closed.complete(0);
          }
        });
    ws.connect(options("/v1/hub"));
    return closed.get(15, TimeUnit.SECONDS);
  }

  @FunctionalInterface
  private interface ProofMaker {
    Buffer answer(byte[] nonce) throws Exception;

    default Buffer make(Frame challenge) {
      try {
        return answer(challenge.payload().getBytes());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Buffer forged(HubKey claimed, HubKey signer, byte[] nonce) {
    try {
      byte[] publicKey = claimed.publicKey();
      return Buffer.buffer()
          .appendUnsignedShort(publicKey.length)
          .appendBytes(publicKey)
          .appendBytes(signer.sign(HubProof.signed("localhost", nonce)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Future<WebSocket> connect(String path) {
    return client.connect(options(path));
  }

  private static WebSocketConnectOptions options(String path) {
    return new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(path);
  }
}

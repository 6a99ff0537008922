package io.hearth.bridge.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.bridge.link.RelayLink;
import io.hearth.bridge.wire.Frame;
import io.hearth.bridge.wire.HubKey;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay process under bad input while another home watches its camera through it: raw garbage,
 * idle sockets, oversized frames, frames before a proof, unknown hubs, and a proven hub that
 * ignores credit and blasts viewers who read nothing. The watching home's chunks must all arrive,
 * in order, intact and in time, and the relay's resident memory must stay bounded. The relay runs
 * two event loops, so attackers share a loop with the watched home or not, as connections fall.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RelayAbuseTest {
  private static final long BLAST = 256L * 1024 * 1024;
  private final CompletableFuture<Integer> badHubClosed = new CompletableFuture<>();

  @Test
  void badInputLeavesAnotherHomesStreamIntactAndTheRelaysMemoryBounded() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create("localhost");
    Path log = Files.createDirectories(Path.of("target/relay-abuse")).resolve("relay.log");
    List<String> jvm = List.of("-Xmx96m", "-XX:MaxDirectMemorySize=64m", "-XX:+UseSerialGC");
    Vertx vertx = Vertx.vertx();
    Vertx attackers =
        Vertx.vertx(); // their own event loops: the watched home is judged at the relay
    List<Socket> held = new ArrayList<>();
    try (RelayNode relay = RelayNode.start(cert, log, jvm, "relay.event-loops=2")) {
      WebSocketClientOptions trust =
          new WebSocketClientOptions()
              .setSsl(true)
              .setTrustOptions(cert.trustOptions())
              .setMaxFrameSize(2_000_000)
              .setMaxMessageSize(2_000_000);
      WebSocketClient client = vertx.createWebSocketClient(trust);
      WatchedStream home = watch(vertx, trust, client, relay.port);
      long rssBefore = relay.statusKb("VmRSS:");
      WebSocketClient attackClient = attackers.createWebSocketClient(trust);
      AtomicLong blasted = attack(attackers, attackClient, relay.port, held);
      long start = System.currentTimeMillis();
      while (System.currentTimeMillis() - start < 10_000 && home.broken.get() == null) {
        Thread.sleep(100);
      }
      long rssAfter = relay.statusKb("VmRSS:");
      System.out.printf(
          "abuse: home chunks %d, worst latency %d ms, broken %s; relay RSS %,d -> %,d kB"
              + " (peak %,d kB); the credit-ignoring hub queued %,d bytes, closed with %s%n",
          home.chunks.get(),
          home.worstMicros.get() / 1000,
          home.broken.get(),
          rssBefore,
          rssAfter,
          relay.statusKb("VmHWM:"),
          blasted.get(),
          badHubClosed.getNow(null));
      assertNull(home.broken.get());
      assertTrue(home.chunks.get() >= 300, home.chunks.get() + " chunks in 10 s (500 due)");
      assertTrue(home.worstMicros.get() < 2_000_000, "a chunk took " + home.worstMicros + " µs");
      assertTrue(rssAfter - rssBefore < 64 * 1024, "relay RSS grew " + (rssAfter - rssBefore));
      // the relay reads the flood at its own pace on a loaded machine: give it time to see it
      assertEquals(
          4409,
          badHubClosed.completeOnTimeout(0, 20, SECONDS).get(),
          "the credit-ignoring hub was not cut off");
      attackClient.close(); // held until here: Vert.x closes an unreachable client's connections
    } finally {
      held.forEach(RelayAbuseTest::closeQuietly);
      attackers.close();
      vertx.close();
    }
  }

  /** Home 1: a hub streaming 16 KiB every 20 ms (6.5 Mbit/s) to one viewer that checks it. */
  private static WatchedStream watch(
      Vertx vertx, WebSocketClientOptions trust, WebSocketClient client, int port)
      throws Exception {
    HubKey key = HubKey.generate();
    RelayLink hub =
        new RelayLink(vertx, key, trust, s -> WatchedStream.feed(vertx, s, 16 * 1024, 20));
    hub.connect("localhost", port).toCompletionStage().toCompletableFuture().get(30, SECONDS);
    WatchedStream watched = new WatchedStream();
    connect(client, port, "/v1/view/" + key.relayId())
        .onSuccess(ws -> ws.binaryMessageHandler(watched::received))
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, SECONDS);
    RelayClusterProcessTest.waitFor(() -> watched.chunks.get() > 10, "the home's stream is dead");
    return watched;
  }

  private AtomicLong attack(Vertx vertx, WebSocketClient client, int port, List<Socket> held)
      throws Exception {
    Attackers.garbage(port, 100, held);
    Attackers.idle(port, 300, held);
    List<CompletableFuture<Integer>> closes = new ArrayList<>();
    Buffer oversized = Buffer.buffer(new byte[1_000_000]);
    Buffer early = Frame.of(Frame.DATA, 1, Buffer.buffer("before any proof")).encode();
    for (int i = 0; i < 30; i++) {
      closes.add(Attackers.sendAndClose(client, port, "/v1/hub", oversized));
      closes.add(Attackers.sendAndClose(client, port, "/v1/hub", early));
    }
    HubKey bad = HubKey.generate();
    AtomicLong blasted = new AtomicLong();
    Attackers.creditIgnoringHub(client, port, bad, BLAST, blasted, badHubClosed)
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, SECONDS);
    Thread.sleep(500); // welcomed
    for (int i = 0; i < 3; i++) {
      connect(client, port, "/v1/view/" + bad.relayId()).onSuccess(WebSocket::pause);
    }
    for (int i = 0; i < closes.size(); i++) {
      int code = closes.get(i).get(30, SECONDS); // closed by the relay (Vert.x says 1000 or 1009
      assertTrue(i % 2 == 0 ? code >= 1000 : code == 4401, "close code " + code + " of " + i);
    }
    return blasted;
  }

  private static io.vertx.core.Future<WebSocket> connect(
      WebSocketClient client, int port, String path) {
    return client.connect(
        new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI(path));
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (java.io.IOException e) {
      // already gone
    }
  }

  private static final TimeUnit SECONDS = TimeUnit.SECONDS;
}

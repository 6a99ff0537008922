package io.hearth.bridge.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.bridge.link.RelayLink;
import io.hearth.bridge.link.RelayStream;
import io.hearth.bridge.wire.Frame;
import io.hearth.bridge.wire.HubKey;
import io.hearth.bridge.wire.HubProof;
import io.hearth.bridge.wire.RelayIds;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay over TLS on loopback with real hubs (their relay links) and raw viewers and impostors:
 * a viewer reaches exactly the hub it names; a hub is known only by the key it proves, so a forged,
 * replayed or misdirected proof is refused; garbage and unknown ids get nothing and leave other
 * homes alone; and a viewer that stops reading costs the relay at most one window, the rest waiting
 * at the hub.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayTest {
  static final String NAME = "localhost";
  static Vertx vertx;
  static RelayServer relay;
  static SelfSignedCertificate certificate;
  static int port;
  static io.vertx.core.http.WebSocketClient viewers;
  static HubKey keyA;
  static HubKey keyB;
  static final AtomicReference<RelayStream> lastStreamA = new AtomicReference<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    certificate = SelfSignedCertificate.create(NAME);
    relay = new RelayServer(vertx, RelaySettings.defaults(NAME).withEventLoops(2));
    port =
        await(
            relay.start(
                new HttpServerOptions()
                    .setHost(NAME)
                    .setPort(0)
                    .setSsl(true)
                    .setKeyCertOptions(certificate.keyCertOptions())));
    keyA = HubKey.generate();
    keyB = HubKey.generate();
    assertEquals(keyA.relayId(), await(echoHub(keyA, "A").connect(NAME, port)));
    assertEquals(keyB.relayId(), await(echoHub(keyB, "B").connect(NAME, port)));
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void aViewerReachesTheHubItNamesAndNoOther() throws Exception {
    assertEquals("hub A heard: hello", roundTrip(keyA.relayId(), "hello"));
    assertEquals("hub B heard: hi", roundTrip(keyB.relayId(), "hi"));
    assertEquals(2, relay.hubs().size());
  }

  @Test
  void aProofThatIsForgedReplayedOrMeantForAnotherRelayIsRefused() throws Exception {
    // A's public key, signed by B: the key is not held.
    assertEquals(4401, impostor((nonce) -> forged(keyA, keyB, nonce)));
    // A genuine proof of A, recorded for one challenge and replayed on a new connection.
    Buffer[] recorded = new Buffer[1];
    impostor(
        nonce -> {
          recorded[0] = HubProof.answer(keyA, NAME, nonce);
          return Buffer.buffer("x"); // the recording connection itself fails
        });
    assertEquals(4401, impostor(nonce -> recorded[0]));
    // A genuine proof of A, made for another relay's name.
    assertEquals(4401, impostor(nonce -> HubProof.answer(keyA, "relay.example", nonce)));
    assertEquals("hub A heard: still mine", roundTrip(keyA.relayId(), "still mine"));
  }

  @Test
  void unknownHubsAndGarbageGetNothingAndLeaveOtherHomesAlone() throws Exception {
    assertEquals(4404, closeCode("/v1/view/" + "a".repeat(RelayIds.LENGTH), null));
    assertEquals(4404, closeCode("/v1/view/../../etc", null));
    assertNotEquals(0, closeCode("/v1/hub", Buffer.buffer(new byte[] {1, 2})));
    assertNotEquals(0, closeCode("/v1/hub", Buffer.buffer(new byte[70_000])));
    assertEquals("hub A heard: after", roundTrip(keyA.relayId(), "after"));
  }

  /**
   * The relay runs two event loops and Vert.x hands new connections to them in turn, so of eight
   * viewers at once some are on another loop than their hub: every viewer still gets exactly its
   * own bytes, whole and in order, through the credit (4 MiB each, 16 windows).
   */
  @Test
  void viewersOnEveryEventLoopGetTheirOwnBytesInOrder() throws Exception {
    long before = relay.viewersHandedOver();
    int viewers = 8;
    int size = 4 * 1024 * 1024;
    java.util.List<CompletableFuture<String>> results = new java.util.ArrayList<>();
    for (int i = 0; i < viewers; i++) {
      CompletableFuture<String> result = new CompletableFuture<>();
      results.add(result);
      int seed = i;
      viewerSocket(keyA.relayId())
          .onFailure(result::completeExceptionally)
          .onSuccess(
              ws -> {
                long[] seen = {0};
                ws.binaryMessageHandler(
                    b -> {
                      for (int k = 0; k < b.length(); k++, seen[0]++) {
                        if (b.getByte(k) != pattern(seed, seen[0])) {
                          result.complete("byte " + seen[0] + " of viewer " + seed + " is wrong");
                          return;
                        }
                      }
                      if (seen[0] >= size) {
                        result.complete(seen[0] == size ? "ok" : "too many bytes: " + seen[0]);
                        ws.close();
                      }
                    });
                ws.writeBinaryMessage(Buffer.buffer("bytes " + seed + " " + size));
              });
    }
    for (CompletableFuture<String> result : results) {
      assertEquals("ok", result.get(40, TimeUnit.SECONDS));
    }
    assertTrue(
        relay.viewersHandedOver() > before,
        "no viewer landed on another event loop than its hub: the test did not test that");
  }

  static byte pattern(int seed, long index) {
    return (byte) ((index * 31 + seed * 7) % 251);
  }

  @Test
  void aViewerThatStopsReadingCostsTheRelayAtMostOneWindow() throws Exception {
    java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
    WebSocket viewer =
        await(
            viewerSocket(keyA.relayId())
                .onSuccess(ws -> ws.binaryMessageHandler(b -> read.addAndGet(b.length()))));
    viewer.pause(); // reads nothing more from now on
    viewer.writeBinaryMessage(Buffer.buffer("flood me"));
    Eventually.holdsWithin(
        Duration.ofSeconds(10), () -> lastStreamA.get() != null && lastStreamA.get().queued() > 0);
    Thread.sleep(1000); // long enough for every buffer on the way (kernel, TLS, Vert.x) to fill
    long window = RelaySettings.defaults(NAME).windowBytes();
    long held = await(relay.bufferedBytes());
    assertTrue(held <= window, held + " bytes held at the relay");
    assertTrue(
        lastStreamA.get().queued() > 16_000_000,
        "the hub's stream should hold what the relay has no credit for: "
            + lastStreamA.get().queued()
            + " queued, the viewer read "
            + read.get()
            + ", stream ended: "
            + lastStreamA.get().isEnded()
            + ", relay holds "
            + held);
    viewer.close();
  }

  /** A hub that answers every message with its name, and floods a viewer asking for it. */
  private static RelayLink echoHub(HubKey key, String name) {
    WebSocketClientOptions options =
        new WebSocketClientOptions().setSsl(true).setTrustOptions(certificate.trustOptions());
    return new RelayLink(
        vertx,
        key,
        options,
        stream -> {
          if (name.equals("A")) {
            lastStreamA.set(stream);
          }
          stream.handler(
              bytes -> {
                String text = bytes.toString();
                if (text.equals("flood me")) {
                  stream.write(Buffer.buffer(new byte[64 * 1024 * 1024]));
                } else if (text.startsWith("bytes ")) {
                  String[] ask = text.split(" ");
                  int seed = Integer.parseInt(ask[1]);
                  int size = Integer.parseInt(ask[2]);
                  byte[] all = new byte[size];
                  for (int k = 0; k < size; k++) {
                    all[k] = pattern(seed, k);
                  }
                  stream.write(Buffer.buffer(all));
                } else {
                  stream.write(Buffer.buffer("hub " + name + " heard: " + bytes));
                }
              });
        });
  }

  private static String roundTrip(String hubId, String message) throws Exception {
    BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    WebSocket viewer =
        await(
            viewerSocket(hubId)
                .onSuccess(ws -> ws.binaryMessageHandler(b -> answers.add(b.toString()))));
    viewer.writeBinaryMessage(Buffer.buffer(message));
    String answer = answers.poll(10, TimeUnit.SECONDS);
    viewer.close();
    return answer;
  }

  private static Future<WebSocket> viewerSocket(String hubId) {
    return client().connect(options("/v1/view/" + hubId));
  }

  /** Connects as a hub, answers the challenge with what {@code proof} makes; the close code. */
  private static int impostor(ProofMaker proof) throws Exception {
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    // Handlers are set before connecting: the relay's challenge comes at once, and a handler set in
    // the connect future's callback could miss it (the impostor then never answers: 4401 anyway).
    io.vertx.core.http.ClientWebSocket ws = client().webSocket();
    impostorHandlers(ws, proof, closed);
    ws.connect(options("/v1/hub"));
    return closed.get(15, TimeUnit.SECONDS);
  }

  private static void impostorHandlers(
      WebSocket ws, ProofMaker proof, CompletableFuture<Integer> closed) {
    ws.closeHandler(v -> closed.complete((int) ws.closeStatusCode()));
    ws.binaryMessageHandler(
        m -> {
          Frame challenge = Frame.parse(m);
          if (challenge.type() == Frame.CHALLENGE) {
            try {
              Buffer answer = proof.make(challenge.payload().getBytes());
              ws.writeBinaryMessage(Frame.of(Frame.PROVE, 0, answer).encode());
            } catch (Exception e) {
              closed.completeExceptionally(e);
            }
          } else if (challenge.type() == Frame.WELCOME) {
            closed.complete(0);
          }
        });
  }

  private static int closeCode(String path, Buffer send) throws Exception {
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    // The close handler is set before connecting: the relay may close at once (an unknown hub).
    io.vertx.core.http.ClientWebSocket ws = client().webSocket();
    ws.closeHandler(v -> closed.complete((int) ws.closeStatusCode()));
    ws.connect(options(path))
        .onSuccess(
            connected -> {
              if (send != null) {
                connected.writeBinaryMessage(send);
              }
            });
    return closed.get(15, TimeUnit.SECONDS);
  }

  private static Buffer forged(HubKey claimed, HubKey signer, byte[] nonce) throws Exception {
    byte[] publicKey = claimed.publicKey();
    return Buffer.buffer()
        .appendUnsignedShort(publicKey.length)
        .appendBytes(publicKey)
        .appendBytes(signer.sign(HubProof.signed(NAME, nonce)));
  }

  private static io.vertx.core.http.WebSocketClient client() {
    if (viewers == null) {
      viewers = newClient(); // held: Vert.x closes an unreachable client's connections
    }
    return viewers;
  }

  private static io.vertx.core.http.WebSocketClient newClient() {
    return vertx.createWebSocketClient(
        new WebSocketClientOptions()
            .setSsl(true)
            .setTrustOptions(certificate.trustOptions())
            .setMaxFrameSize(80_000)
            .setMaxMessageSize(80_000));
  }

  private static WebSocketConnectOptions options(String uri) {
    return new WebSocketConnectOptions().setHost(NAME).setPort(port).setURI(uri);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  @FunctionalInterface
  private interface ProofMaker {
    Buffer make(byte[] nonce) throws Exception;
  }
}

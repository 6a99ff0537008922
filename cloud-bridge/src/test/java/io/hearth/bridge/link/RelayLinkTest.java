package io.hearth.bridge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.bridge.relay.RelayServer;
import io.hearth.bridge.relay.RelaySettings;
import io.hearth.bridge.wire.HubKey;
import io.hearth.runtime.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.NetServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hub's relay link against real relays on loopback. The relay sends its challenge the moment
 * the WebSocket upgrade is done; a link that sets its handlers only once its connect future
 * completes can miss it and is then refused for want of a proof (4401). Many first connections, one
 * after another and many at once, each with a fresh client and called from threads outside Vert.x
 * (as a hub starting up or a test does), must all be welcomed. Kept connected, the link tries the
 * next relay in its list once per failure or close, and starts its backoff over once welcomed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RelayLinkTest {
  static final String HOST = "127.0.0.1";

  /** Short, so that a lost challenge shows within the test; ample for one proof under load. */
  static final int HANDSHAKE_SECONDS = 5;

  static Vertx vertx;
  static RelayServer relay;
  static int port;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    relay = relay();
    port = await(relay.start(new HttpServerOptions().setHost(HOST).setPort(0)));
  }

  @AfterAll
  static void stop() {
    vertx.close();
  }

  @Test
  void twoHundredFirstConnectionsInARowAreAllWelcomed() throws Exception {
    List<String> lost = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String missed = firstConnection();
      if (missed != null) {
        lost.add("connection " + i + ": " + missed);
      }
    }
    assertEquals(List.of(), lost, lost.size() + " of 200 first connections were not welcomed");
  }

  @Test
  void fiftyFirstConnectionsAtOnceAreAllWelcomed() throws Exception {
    int threads = 50;
    int rounds = 4;
    List<String> lost = Collections.synchronizedList(new ArrayList<>());
    CyclicBarrier together = new CyclicBarrier(threads);
    List<Thread> hubs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int number = t;
      Thread hub =
          new Thread(
              () -> {
                try {
                  for (int r = 0; r < rounds; r++) {
                    together.await(60, TimeUnit.SECONDS); // all connect in the same instant
                    String missed = firstConnection();
                    if (missed != null) {
                      lost.add("hub " + number + ", round " + r + ": " + missed);
                    }
                  }
                } catch (Exception e) {
                  lost.add("hub " + number + " stopped: " + e);
                }
              },
              "hub-" + t);
      hub.start();
      hubs.add(hub);
    }
    for (Thread hub : hubs) {
      hub.join(TimeUnit.SECONDS.toMillis(100));
    }
    assertEquals(
        List.of(),
        lost,
        lost.size() + " of " + threads * rounds + " first connections were not welcomed");
  }

  @Test
  void keptConnectedItTriesTheNextRelayOncePerEndAndStartsItsBackoffOverWhenWelcomed()
      throws Exception {
    // First in the list: a port that takes the TCP connection and drops it (no upgrade).
    AtomicInteger refused = new AtomicInteger();
    NetServer dropper =
        vertx
            .createNetServer()
            .connectHandler(
                socket -> {
                  refused.incrementAndGet();
                  socket.close();
                });
    int dropperPort = await(dropper.listen(0, HOST)).actualPort();
    RelayServer relayA = relay();
    int portA = await(relayA.start(new HttpServerOptions().setHost(HOST).setPort(0)));
    RelayServer relayB = relay();
    int portB = await(relayB.start(new HttpServerOptions().setHost(HOST).setPort(0)));
    // Each delay is 99% of its ceiling: about 50 ms after a reset, about 100 ms after one failure.
    Backoff backoff = new Backoff(50, 5_000, new AlmostOne());
    BlockingQueue<String> welcomes = new LinkedBlockingQueue<>();
    HubKey key = HubKey.generate();
    // An attempt the dropping port leaves hanging (Vert.x sometimes never completes that upgrade)
    // is given up after 5 s and counts as one failure.
    RelayLink link =
        new RelayLink(vertx, key, new WebSocketClientOptions(), s -> {}).welcomeTimeout(5_000);
    link.welcomeHandler(welcomes::add);
    List<String> relays = List.of(HOST + ":" + dropperPort, HOST + ":" + portA, HOST + ":" + portB);
    try {
      assertEquals(key.relayId(), await(link.keepConnected(relays, backoff)));
      // One failure, one step on: a failure heard twice would have skipped relay A.
      assertEquals(HOST + ":" + portA, welcomes.poll(20, TimeUnit.SECONDS));
      assertEquals(1, refused.get(), "connections to the dropping port");
      Eventually.within(
          Duration.ofSeconds(10),
          "relay A knows the hub",
          () -> relayA.hubs().contains(key.relayId()));
      // Welcomed: the failure before it no longer counts (the link has no attempt pending now).
      long delay = backoff.nextDelayMillis();
      assertTrue(delay < 50, "the backoff did not start over after the welcome: " + delay + " ms");
      backoff.reset();

      await(relayA.stop()); // relay A goes away with the hub's connection
      assertEquals(HOST + ":" + portB, welcomes.poll(20, TimeUnit.SECONDS));
      // One close, one step on: a close heard twice would have gone back to the dropping port.
      assertEquals(1, refused.get(), "connections to the dropping port");
      Eventually.within(
          Duration.ofSeconds(10),
          "relay B knows the hub",
          () -> relayB.hubs().contains(key.relayId()));

      await(relayB.stop()); // then B: around the list, past the dropping port, to A (gone)...
      Eventually.within(
          Duration.ofSeconds(20),
          "the link came round to the dropping port again",
          () -> refused.get() >= 2);
      assertEquals(null, welcomes.poll(1, TimeUnit.SECONDS), "welcomed with every relay gone");
    } finally {
      await(link.close());
      await(dropper.close());
    }
  }

  @Test
  void aRelayThatNeverAnswersIsGivenUpOnAndItsConnectionClosed() throws Exception {
    AtomicInteger open = new AtomicInteger();
    NetServer silent =
        vertx
            .createNetServer()
            .connectHandler(
                socket -> {
                  open.incrementAndGet(); // reads the upgrade request, never answers
                  socket.closeHandler(v -> open.decrementAndGet());
                });
    int silentPort = await(silent.listen(0, HOST)).actualPort();
    RelayLink link =
        new RelayLink(vertx, HubKey.generate(), new WebSocketClientOptions(), s -> {})
            .welcomeTimeout(1_000);
    try {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> await(link.connect(HOST, silentPort)));
      assertTrue(
          e.getCause().getMessage().contains("no welcome within 1000 ms"),
          e.getCause().getMessage());
      // The half-made connection is not left open (the link is not closed yet).
      Eventually.within(
          Duration.ofSeconds(10), "the silent port's connection closed", () -> open.get() == 0);
    } finally {
      await(link.close());
      await(silent.close());
    }
  }

  /** One fresh link (its own client) connecting once; null if welcomed, else what went wrong. */
  private static String firstConnection() throws Exception {
    HubKey key = HubKey.generate();
    RelayLink link = new RelayLink(vertx, key, new WebSocketClientOptions(), s -> {});
    try {
      String id =
          link.connect(HOST, port)
              .toCompletionStage()
              .toCompletableFuture()
              .get(HANDSHAKE_SECONDS + 20, TimeUnit.SECONDS);
      return key.relayId().equals(id) ? null : "welcomed as " + id;
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    } catch (TimeoutException e) {
      return "neither welcomed nor refused within " + (HANDSHAKE_SECONDS + 20) + " s";
    } finally {
      link.close();
    }
  }

  private static RelayServer relay() {
    return relay(RelaySettings.defaults(HOST).idleTimeoutSeconds());
  }

  private static RelayServer relay(int idleTimeoutSeconds) {
    RelaySettings d = RelaySettings.defaults(HOST);
    return new RelayServer(
        vertx,
        new RelaySettings(
            HOST,
            d.windowBytes(),
            d.maxStreamsPerHub(),
            HANDSHAKE_SECONDS,
            idleTimeoutSeconds,
            d.eventLoops()));
  }

  /**
   * A hub with no viewer sends nothing, and a relay closes a connection silent for its idle
   * timeout: the link's pings keep it (here a relay closing after 2 s of silence, pings every 500
   * ms), while a link that pings too seldom is closed, so the test can tell.
   */
  @Test
  void aHubWithNoViewerStaysConnectedPastTheRelaysIdleTimeout() throws Exception {
    RelayServer quick = relay(2);
    int quickPort = await(quick.start(new HttpServerOptions().setHost(HOST).setPort(0)));
    try {
      HubKey pinging = HubKey.generate();
      HubKey silent = HubKey.generate();
      RelayLink kept =
          new RelayLink(vertx, pinging, new WebSocketClientOptions(), s -> {}).pingEvery(500);
      RelayLink dropped =
          new RelayLink(vertx, silent, new WebSocketClientOptions(), s -> {}).pingEvery(60_000);
      await(kept.connect(HOST, quickPort));
      await(dropped.connect(HOST, quickPort));
      assertEquals(Set.of(pinging.relayId(), silent.relayId()), quick.hubs());
      Thread.sleep(5_000);
      assertEquals(Set.of(pinging.relayId()), quick.hubs(), "after 5 s, twice the idle timeout");
      kept.close();
      dropped.close();
    } finally {
      quick.stop();
    }
  }

  /**
   * keepConnected's future and the welcome handler are apart: a handler set after keepConnected (as
   * a module wiring its state late would) still hears the welcome, and the future still completes
   * (it was lost when the handler replaced the one keepConnected had chained).
   */
  @Test
  void aWelcomeHandlerSetAfterKeepConnectedLosesNothing() throws Exception {
    HubKey key = HubKey.generate();
    RelayLink link = new RelayLink(vertx, key, new WebSocketClientOptions(), s -> {});
    BlockingQueue<String> welcomes = new LinkedBlockingQueue<>();
    try {
      // Set right after keepConnected, long before the relay can have welcomed the hub.
      Future<String> first =
          link.keepConnected(List.of(HOST + ":" + port), new Backoff(50, 1_000, new AlmostOne()));
      link.welcomeHandler(welcomes::add);
      assertEquals(key.relayId(), await(first));
      assertEquals(HOST + ":" + port, welcomes.poll(10, TimeUnit.SECONDS));
    } finally {
      await(link.close());
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /**
   * Stops its caller thread for 2 ms (longer than a loopback upgrade) again and again, running it a
   * few microseconds in between, while the caller runs an action: a stop lands within any stretch
   * of a few instructions, such as the one between a connect call and the callback registered after
   * it. Thread.suspend is gone after Java 19; on such a JDK actions run unjostled (the test then
   * pins the behaviour without provoking the race).
   */
  /** Draws the top of every jitter range, so a delay tells which ceiling it came from. */
  private static final class AlmostOne extends Random {
    @Override
    public double nextDouble() {
      return 0.99;
    }
  }
}

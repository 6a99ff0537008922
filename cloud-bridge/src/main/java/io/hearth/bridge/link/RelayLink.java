package io.hearth.bridge.link;

import io.hearth.bridge.wire.Frame;
import io.hearth.bridge.wire.HubKey;
import io.hearth.bridge.wire.HubProof;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's one connection out to its relay: connects, answers the relay's challenge with the hub's
 * key, then takes the viewers the relay joins to it as {@link RelayStream}s and hands each to the
 * hub's handler (which runs the end-to-end channel over it). Frames are checked as strictly as the
 * relay checks the hub's. Use on one Vert.x context.
 */
public final class RelayLink {
  private static final Logger LOG = LoggerFactory.getLogger(RelayLink.class);

  /**
   * From connecting to the relay's welcome: TCP, TLS, the upgrade and the proof (a relay allows 10
   * s for the proof). An attempt that takes longer is given up, so one that never completes (a peer
   * that drops the connection at once can leave Vert.x's upgrade unanswered) cannot stall the link.
   */
  static final long WELCOME_TIMEOUT_MILLIS = 20_000;

  /** How often a welcomed link pings the relay: well within the relay's idle timeout (120 s). */
  public static final long PING_MILLIS = 30_000;

  private final Vertx vertx;
  private final Context context;
  private final HubKey key;
  private final WebSocketClientOptions options;
  private final Consumer<RelayStream> onStream;
  private final Map<Integer, RelayStream> streams = new HashMap<>();
  private Connection current;
  private volatile String relayId;
  private List<String> relays = List.of();
  private Backoff backoff = Backoff.standard();
  // Set from any thread (before or after keepConnected), read on the link's context.
  private volatile Consumer<String> welcomeHandler = r -> {};
  private volatile LostHandler lostHandler = (why, delay) -> {};
  private Promise<String> firstWelcome;
  private int next;
  private boolean keeping;
  private long retryTimer = -1;
  private long welcomeTimeoutMillis = WELCOME_TIMEOUT_MILLIS;
  private long pingMillis = PING_MILLIS;

  public RelayLink(
      Vertx vertx, HubKey key, WebSocketClientOptions options, Consumer<RelayStream> onStream) {
    this.vertx = vertx;
    // Everything the link does runs here, whichever thread calls it: its sockets' handlers, its
    // timers and its state (a timer set from another thread fired on another event loop and
    // closed a welcomed connection whose cancellation it had not seen).
    this.context = vertx.getOrCreateContext();
    this.key = key;
    // One relay frame is one WebSocket frame: no fragmentation of a full 64 KiB DATA frame.
    int frame = Frame.HEADER + Frame.MAX_PAYLOAD;
    // Unmasked: masking (RFC 6455 5.3) keeps a browser's script from steering what proxies cache;
    // a hub is no browser and its payload is ciphertext, while unmasking costs the relay a pass
    // over every byte the hub sends.
    this.options =
        new WebSocketClientOptions(options)
            .setMaxFrameSize(Math.max(options.getMaxFrameSize(), frame))
            .setMaxMessageSize(Math.max(options.getMaxMessageSize(), frame))
            .setSendUnmaskedFrames(true);
    this.onStream = onStream;
  }

  /** Connects to {@code host:port} and proves the hub's key; completes with the relay id. */
  public Future<String> connect(String host, int port) {
    Promise<String> welcomed = Promise.promise();
    context.runOnContext(v -> open(host, port).onComplete(welcomed));
    return welcomed.future();
  }

  /** On the link's context. */
  private Future<String> open(String host, int port) {
    // Held (through current): Vert.x closes a client that becomes unreachable, connections and all.
    Connection connection = new Connection(host, port, vertx.createWebSocketClient(options));
    current = connection;
    // Every handler is set before connecting: the relay sends its challenge right after the
    // upgrade, and a handler set in the connect future's callback can miss it (that callback may
    // run after Vert.x has delivered the first message), leaving the hub unproven until the relay
    // gives up on it (4401, no proof in time).
    connection
        .socket
        .binaryMessageHandler(m -> onMessage(connection, m))
        .closeHandler(v -> ended(connection, closedWhy(connection.socket)))
        .exceptionHandler(e -> LOG.debug("relay link: {}", e.toString()));
    connection.timer =
        vertx.setTimer(
            welcomeTimeoutMillis,
            t -> {
              connection.timer = -1;
              ended(connection, "no welcome within " + welcomeTimeoutMillis + " ms");
            });
    connection
        .socket
        .connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/v1/hub"))
        .onFailure(e -> ended(connection, "could not connect: " + e.getMessage()));
    return connection.welcomed.future();
  }

  /**
   * Keeps one connection to one of {@code relays} ({@code host:port}, each a node of one relay
   * cluster): when it ends or fails, the next relay in the list is tried after a jittered
   * exponential backoff (reset once welcomed). Completes with the relay id at the first welcome.
   */
  public Future<String> keepConnected(List<String> relays, Backoff backoff) {
    if (relays.isEmpty()) {
      throw new IllegalArgumentException("no relay to connect to");
    }
    Promise<String> first = Promise.promise();
    context.runOnContext(
        v -> {
          this.relays = List.copyOf(relays);
          this.backoff = backoff;
          this.keeping = true;
          firstWelcome = first;
          attempt();
        });
    return first.future();
  }

  /** Hears why the connection was lost and when the next attempt is, while keeping connected. */
  public interface LostHandler {
    void lost(String why, long nextAttemptInMillis);
  }

  /** Set before {@link #keepConnected}: hears each lost connection or failed attempt. */
  public RelayLink lostHandler(LostHandler handler) {
    this.lostHandler = handler;
    return this;
  }

  /**
   * Hears the {@code host:port} of each relay that welcomes this hub (after each reconnection); may
   * be set at any time, and replaces the handler before it (keepConnected's future is kept apart).
   */
  public RelayLink welcomeHandler(Consumer<String> handler) {
    this.welcomeHandler = handler;
    return this;
  }

  /**
   * Closes the connection (its streams end) and stops keeping one; {@link #keepConnected} may start
   * again later.
   */
  public Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    context.runOnContext(
        v -> {
          keeping = false;
          if (retryTimer >= 0) {
            vertx.cancelTimer(retryTimer);
          }
          (current == null ? Future.<Void>succeededFuture() : current.client.close())
              .onComplete(closed);
        });
    return closed.future();
  }

  /** The context the link and its streams run on: whoever touches its streams does it here. */
  public Context context() {
    return context;
  }

  /** The id the relay welcomed this hub under (null before). */
  public String relayId() {
    return relayId;
  }

  void send(Frame frame) {
    Connection connection = current;
    if (connection != null && connection.open()) {
      connection.socket.writeBinaryMessage(frame.encode());
    }
  }

  void ended(int number) {
    if (streams.remove(number) != null) {
      send(Frame.close(number, 1000));
    }
  }

  private void onMessage(Connection connection, Buffer message) {
    try {
      Frame frame = Frame.parse(message);
      switch (frame.type()) {
        case Frame.CHALLENGE -> prove(connection, frame);
        case Frame.WELCOME -> welcome(connection, frame);
        case Frame.OPEN -> opened(frame.stream());
        case Frame.DATA -> stream(frame).ifPresent(s -> s.received(frame.payload()));
        case Frame.CREDIT -> stream(frame).ifPresent(s -> s.credit(frame.creditBytes()));
        case Frame.CLOSE -> stream(frame).ifPresent(s -> remove(s));
        default -> throw new IllegalArgumentException("unexpected frame type " + frame.type());
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      LOG.warn("relay link: the relay sent bad input ({}); reconnecting", e.getMessage());
      connection.socket.close((short) 4400, "bad frame");
    }
  }

  private void welcome(Connection connection, Frame frame) {
    if (connection.welcomed.future().isComplete()) {
      throw new IllegalArgumentException("a second welcome on one connection");
    }
    relayId = frame.payload().toString();
    cancelTimer(connection);
    connection.welcomed.complete(relayId);
    backoff.reset();
    // A link with no viewer sends nothing; the relay closes a connection silent for its idle
    // timeout (120 s), so the hub pings well within it (and hears the pong).
    connection.pinger =
        vertx.setPeriodic(
            pingMillis,
            t -> {
              if (connection.open()) {
                connection.socket.writePing(Buffer.buffer());
              }
            });
    if (firstWelcome != null) {
      firstWelcome.tryComplete(relayId);
      firstWelcome = null;
    }
    welcomeHandler.accept(connection.host + ":" + connection.port);
  }

  private void prove(Connection connection, Frame challenge) throws GeneralSecurityException {
    if (challenge.payload().length() != HubProof.NONCE_BYTES) {
      throw new IllegalArgumentException("challenge of the wrong size");
    }
    Buffer proof = HubProof.answer(key, connection.host, challenge.payload().getBytes());
    connection.socket.writeBinaryMessage(Frame.of(Frame.PROVE, 0, proof).encode());
  }

  private void opened(int number) {
    RelayStream stream = new RelayStream(number, this);
    streams.put(number, stream);
    onStream.accept(stream);
  }

  private java.util.Optional<RelayStream> stream(Frame frame) {
    return java.util.Optional.ofNullable(streams.get(frame.stream()));
  }

  private void remove(RelayStream stream) {
    streams.remove(stream.number());
    stream.ended();
  }

  /**
   * The connection failed or closed: heard once per connection (a failed connect has no close, and
   * a close after a failure is ignored), and only the link's current connection ends its streams
   * and schedules the next attempt.
   */
  private void ended(Connection connection, String why) {
    if (connection.ended) {
      return;
    }
    connection.ended = true;
    cancelTimer(connection);
    if (connection.pinger >= 0) {
      vertx.cancelTimer(connection.pinger);
    }
    connection.client.close(); // its connection too, if open or still being made
    connection.welcomed.tryFail(
        "the relay at " + connection.host + " did not welcome the hub: " + why);
    if (connection != current) {
      return;
    }
    List.copyOf(streams.values()).forEach(RelayStream::ended);
    streams.clear();
    retry(why);
  }

  private void attempt() {
    retryTimer = -1;
    if (!keeping) {
      return;
    }
    String relay = relays.get(next % relays.size());
    int colon = relay.lastIndexOf(':');
    open(relay.substring(0, colon), Integer.parseInt(relay.substring(colon + 1)));
  }

  private void cancelTimer(Connection connection) {
    if (connection.timer >= 0) {
      vertx.cancelTimer(connection.timer);
      connection.timer = -1;
    }
  }

  /** For tests: how often a welcomed link pings its relay. */
  RelayLink pingEvery(long millis) {
    this.pingMillis = millis;
    return this;
  }

  /** For tests: how long an attempt may take from connecting to the welcome. */
  RelayLink welcomeTimeout(long millis) {
    this.welcomeTimeoutMillis = millis;
    return this;
  }

  private static String closedWhy(ClientWebSocket socket) {
    Short code = socket.closeStatusCode();
    if (code == null) {
      return "the connection to the relay dropped";
    }
    String reason = socket.closeReason();
    return "the relay closed the connection ("
        + code
        + (reason == null || reason.isEmpty() ? "" : " " + reason)
        + ")";
  }

  /** The connection ended or failed: the next relay, after a jittered backoff. */
  private void retry(String why) {
    if (!keeping || retryTimer >= 0) {
      return;
    }
    next++;
    long delay = backoff.nextDelayMillis();
    LOG.info("relay link: {}; next attempt in {} ms", why, delay);
    retryTimer = vertx.setTimer(delay, t -> attempt());
    lostHandler.lost(why, delay);
  }

  /** One connection to one relay: its socket, its welcome, and whether it has ended. */
  private static final class Connection {
    final String host;
    final int port;
    final WebSocketClient client;
    final ClientWebSocket socket;
    final Promise<String> welcomed = Promise.promise();
    long timer = -1;
    long pinger = -1;
    boolean ended;

    Connection(String host, int port, WebSocketClient client) {
      this.host = host;
      this.port = port;
      this.client = client;
      this.socket = client.webSocket();
    }

    boolean open() {
      return !ended && welcomed.future().succeeded();
    }
  }
}

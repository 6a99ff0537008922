package io.hearth.bridge.link;

import io.hearth.bridge.wire.Frame;
import io.hearth.bridge.wire.HubKey;
import io.hearth.bridge.wire.HubProof;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
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

  private final Vertx vertx;
  private final HubKey key;
  private final WebSocketClientOptions options;
  private final Consumer<RelayStream> onStream;
  private final Map<Integer, RelayStream> streams = new HashMap<>();
  private WebSocketClient client;
  private WebSocket ws;
  private String relayId;
  private List<String> relays = List.of();
  private Backoff backoff = Backoff.standard();
  private Consumer<String> welcomeHandler = r -> {};
  private int next;
  private boolean keeping;
  private long retryTimer = -1;

  public RelayLink(
      Vertx vertx, HubKey key, WebSocketClientOptions options, Consumer<RelayStream> onStream) {
    this.vertx = vertx;
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
    // Held in a field: Vert.x closes a client that becomes unreachable, connections and all.
    client = vertx.createWebSocketClient(options);
    Promise<String> welcomed = Promise.promise();
    client
        .connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/v1/hub"))
        .onFailure(welcomed::tryFail)
        .onFailure(e -> retry())
        .onSuccess(
            socket -> {
              ws = socket;
              socket.binaryMessageHandler(m -> onMessage(m, host, welcomed));
              socket.closeHandler(v -> closed(welcomed));
            });
    return welcomed.future();
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
    this.relays = List.copyOf(relays);
    this.backoff = backoff;
    this.keeping = true;
    Promise<String> first = Promise.promise();
    welcomeHandler = welcomeHandler.andThen(r -> first.tryComplete(relayId));
    attempt();
    return first.future();
  }

  /** Hears the {@code host:port} of each relay that welcomes this hub (after each reconnection). */
  public RelayLink welcomeHandler(Consumer<String> handler) {
    this.welcomeHandler = handler;
    return this;
  }

  public Future<Void> close() {
    keeping = false;
    if (retryTimer >= 0) {
      vertx.cancelTimer(retryTimer);
    }
    return client == null ? Future.succeededFuture() : client.close();
  }

  /** The id the relay welcomed this hub under (null before). */
  public String relayId() {
    return relayId;
  }

  void send(Frame frame) {
    if (ws != null) {
      ws.writeBinaryMessage(frame.encode());
    }
  }

  void ended(int number) {
    if (streams.remove(number) != null) {
      send(Frame.close(number, 1000));
    }
  }

  private void onMessage(Buffer message, String relayName, Promise<String> welcomed) {
    try {
      Frame frame = Frame.parse(message);
      switch (frame.type()) {
        case Frame.CHALLENGE -> prove(frame, relayName);
        case Frame.WELCOME -> {
          relayId = frame.payload().toString();
          welcomed.tryComplete(relayId);
          backoff.reset();
          welcomeHandler.accept(relayName + ":" + ws.remoteAddress().port());
        }
        case Frame.OPEN -> opened(frame.stream());
        case Frame.DATA -> stream(frame).ifPresent(s -> s.received(frame.payload()));
        case Frame.CREDIT -> stream(frame).ifPresent(s -> s.credit(frame.creditBytes()));
        case Frame.CLOSE -> stream(frame).ifPresent(s -> remove(s));
        default -> throw new IllegalArgumentException("unexpected frame type " + frame.type());
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      LOG.warn("relay link: the relay sent bad input ({}); reconnecting", e.getMessage());
      ws.close((short) 4400, "bad frame");
    }
  }

  private void prove(Frame challenge, String relayName) throws GeneralSecurityException {
    if (challenge.payload().length() != HubProof.NONCE_BYTES) {
      throw new IllegalArgumentException("challenge of the wrong size");
    }
    Buffer proof = HubProof.answer(key, relayName, challenge.payload().getBytes());
    send(Frame.of(Frame.PROVE, 0, proof));
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

  private void closed(Promise<String> welcomed) {
    welcomed.tryFail("the relay closed the connection before welcoming the hub");
    List.copyOf(streams.values()).forEach(RelayStream::ended);
    streams.clear();
    retry();
  }

  private void attempt() {
    retryTimer = -1;
    if (!keeping) {
      return;
    }
    String relay = relays.get(next % relays.size());
    int colon = relay.lastIndexOf(':');
    connect(relay.substring(0, colon), Integer.parseInt(relay.substring(colon + 1)));
  }

  /** The connection ended or failed: the next relay, after a jittered backoff. */
  private void retry() {
    if (!keeping || retryTimer >= 0) {
      return;
    }
    WebSocketClient old = client;
    next++;
    long delay = backoff.nextDelayMillis();
    LOG.info("relay link: connection ended; next attempt in {} ms", delay);
    retryTimer = vertx.setTimer(delay, t -> old.close().onComplete(v -> attempt()));
  }
}

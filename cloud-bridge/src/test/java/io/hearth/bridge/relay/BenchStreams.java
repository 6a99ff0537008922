package io.hearth.bridge.relay;

import io.hearth.bridge.link.RelayLink;
import io.hearth.bridge.wire.HubKey;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The streams of one path of {@link RelayBenchmark}, played in the load process ({@link
 * BenchLoad}): idle homes (proven hubs that send nothing), streaming homes through the relay (a hub
 * writing 64 KiB frames that start with their send time, a viewer reading them), and the same
 * frames through a plain forwarder (socat, or none) to a sink. The sending and the reading end are
 * both here, so one clock stamps and reads every frame. Frames flow only between {@link #start} and
 * {@link #pause}. Latency samples are in µs.
 */
final class BenchStreams {
  static final int FRAME = 64 * 1024;

  final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
  volatile boolean recording;
  private volatile boolean running;
  private final Vertx vertx;
  private final WebSocketClientOptions options;
  // Each sender with the context it must write on (a RelayStream is not thread-safe).
  private final List<Sender> senders = new ArrayList<>();
  private final List<Long> timers = new ArrayList<>();
  // Held: Vert.x closes a client that becomes unreachable, connections and all.
  private final List<Object> held = new ArrayList<>();

  private record Sender(Context context, Consumer<Buffer> out) {}

  BenchStreams(Vertx vertx, WebSocketClientOptions options) {
    this.vertx = vertx;
    this.options = options;
  }

  /** {@code count} proven hubs, connected {@code batch} at a time; they then sit idle. */
  List<RelayLink> idleHubs(int port, int count, int batch) throws Exception {
    List<RelayLink> links = new ArrayList<>();
    for (int done = 0; done < count; done += batch) {
      List<Future<String>> pending = new ArrayList<>();
      for (int i = done; i < Math.min(count, done + batch); i++) {
        RelayLink link = new RelayLink(vertx, HubKey.generate(), options, s -> {});
        links.add(link);
        pending.add(link.connect("localhost", port));
      }
      // join, not all: on a loaded machine a few proofs miss the relay's 10 s; they are left out.
      await(Future.join(pending).otherwiseEmpty(), 120);
      for (int i = 0; i < pending.size(); i++) {
        if (pending.get(i).failed()) {
          links.set(links.size() - pending.size() + i, null);
        }
      }
    }
    links.removeIf(Objects::isNull);
    held.addAll(links);
    return links;
  }

  /** A home through the relay to one viewer; its frames flow from {@link #start}. */
  void relayStream(int port) throws Exception {
    HubKey key = HubKey.generate();
    Promise<Void> opened = Promise.promise();
    RelayLink hub =
        new RelayLink(
            vertx,
            key,
            options,
            s -> {
              synchronized (senders) {
                senders.add(new Sender(Vertx.currentContext(), s::write));
              }
              opened.tryComplete();
            });
    await(hub.connect("localhost", port), 60);
    WebSocketClient viewers = vertx.createWebSocketClient(options);
    held.add(hub);
    held.add(viewers);
    await(
        viewers
            .connect(
                new WebSocketConnectOptions()
                    .setHost("localhost")
                    .setPort(port)
                    .setURI("/v1/view/" + key.relayId()))
            .onSuccess(
                ws -> {
                  ws.binaryMessageHandler(this::arrived);
                  // While the other paths take their turn this viewer hears nothing, and the
                  // relay closes a connection silent for 120 s: it pings, as the hub's link does.
                  long pinger = vertx.setPeriodic(30_000, t -> ws.writePing(Buffer.buffer()));
                  ws.closeHandler(v -> vertx.cancelTimer(pinger));
                }),
        60);
    await(opened.future(), 60);
  }

  /** The same frames through a forwarder listening on {@code port} (or straight to the sink). */
  void forwardedStream(NetClient client, int port) throws Exception {
    held.add(client);
    await(
        client
            .connect(port, "127.0.0.1")
            .onSuccess(
                socket -> {
                  synchronized (senders) {
                    senders.add(new Sender(Vertx.currentContext(), socket::write));
                  }
                }),
        30);
  }

  /** The reading end behind a forwarder: frames of {@value #FRAME} bytes; returns its port. */
  int sink(KeyCertOptions tls) throws Exception {
    NetServerOptions serverOptions = new NetServerOptions();
    if (tls != null) {
      serverOptions.setSsl(true).setKeyCertOptions(tls);
    }
    NetServer server =
        vertx
            .createNetServer(serverOptions)
            .connectHandler(s -> s.handler(RecordParser.newFixed(FRAME, this::arrived)));
    held.add(server);
    return await(server.listen(0, "127.0.0.1"), 30).actualPort();
  }

  /**
   * Every sender writes a frame each period for {@code bitsPerSecond}, their first frames spread
   * over one period (as independent cameras would be, rather than all at once).
   */
  void start(long bitsPerSecond) {
    long periodMs = periodMs(bitsPerSecond);
    List<Sender> all;
    synchronized (senders) {
      all = List.copyOf(senders);
    }
    byte[] filler = new byte[FRAME - 8];
    running = true;
    for (int i = 0; i < all.size(); i++) {
      Sender sender = all.get(i);
      long offset = 1 + periodMs * i / all.size();
      sender
          .context()
          .runOnContext(
              v -> {
                synchronized (timers) {
                  if (running) {
                    timers.add(
                        vertx.setPeriodic(
                            offset,
                            periodMs,
                            t ->
                                sender
                                    .out()
                                    .accept(
                                        Buffer.buffer(FRAME)
                                            .appendLong(System.nanoTime())
                                            .appendBytes(filler))));
                  }
                }
              });
    }
  }

  void pause() {
    synchronized (timers) {
      running = false;
      timers.forEach(vertx::cancelTimer);
      timers.clear();
    }
  }

  int streams() {
    synchronized (senders) {
      return senders.size();
    }
  }

  static long periodMs(long bitsPerSecond) {
    return Math.max(1, FRAME * 8L * 1000 / bitsPerSecond);
  }

  private void arrived(Buffer frame) {
    if (recording && frame.length() >= 8) {
      samples.add((System.nanoTime() - frame.getLong(0)) / 1000);
    }
  }

  private static <T> T await(Future<T> future, int seconds) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
  }
}

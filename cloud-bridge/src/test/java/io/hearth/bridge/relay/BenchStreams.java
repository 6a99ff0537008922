package io.hearth.bridge.relay;

import io.hearth.bridge.link.RelayLink;
import io.hearth.bridge.wire.HubKey;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.parsetools.RecordParser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * The streams of {@link RelayBenchmark}: idle homes (proven hubs that send nothing), streaming
 * homes through the relay (a hub writing 64 KiB frames that start with their send time, a viewer
 * reading them), and the same frames through a plain TCP forwarder. Latency samples are in µs.
 */
final class BenchStreams {
  static final int FRAME = 64 * 1024;

  final ConcurrentLinkedQueue<Long> samples = new ConcurrentLinkedQueue<>();
  volatile boolean recording;
  private final Vertx vertx;
  private final WebSocketClientOptions trust;
  private final List<Long> timers = new ArrayList<>();
  // Held: Vert.x closes a client that becomes unreachable, connections and all.
  private final List<Object> held = new ArrayList<>();

  BenchStreams(Vertx vertx, WebSocketClientOptions trust) {
    this.vertx = vertx;
    this.trust = trust;
  }

  /** {@code count} proven hubs, connected {@code batch} at a time; they then sit idle. */
  List<RelayLink> idleHubs(int port, int count, int batch) throws Exception {
    List<RelayLink> links = new ArrayList<>();
    for (int done = 0; done < count; done += batch) {
      List<Future<String>> pending = new ArrayList<>();
      for (int i = done; i < Math.min(count, done + batch); i++) {
        RelayLink link = new RelayLink(vertx, HubKey.generate(), trust, s -> {});
        links.add(link);
        pending.add(link.connect("localhost", port));
      }
      // join, not all: on a loaded machine a few proofs miss the relay's 10 s; they are left out.
      Future.join(pending)
          .otherwiseEmpty()
          .toCompletionStage()
          .toCompletableFuture()
          .get(120, TimeUnit.SECONDS);
      for (int i = 0; i < pending.size(); i++) {
        if (pending.get(i).failed()) {
          links.set(links.size() - pending.size() + i, null);
        }
      }
    }
    links.removeIf(java.util.Objects::isNull);
    return links;
  }

  /** A home streaming {@code bitsPerSecond} through the relay to one viewer. */
  void relayStream(int port, long bitsPerSecond) throws Exception {
    HubKey key = HubKey.generate();
    RelayLink hub = new RelayLink(vertx, key, trust, s -> feed(s::write, bitsPerSecond));
    hub.connect("localhost", port)
        .toCompletionStage()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    WebSocketClient viewers = vertx.createWebSocketClient(trust);
    held.add(hub);
    held.add(viewers);
    viewers
        .connect(
            new WebSocketConnectOptions()
                .setHost("localhost")
                .setPort(port)
                .setURI("/v1/view/" + key.relayId()))
        .onSuccess(ws -> ws.binaryMessageHandler(this::arrived))
        .toCompletionStage()
        .toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
  }

  /** The same frames through a plain TCP forwarder listening on {@code forwarderPort}. */
  void forwardedStream(NetClient client, int forwarderPort, long bitsPerSecond) throws Exception {
    held.add(client);
    client
        .connect(forwarderPort, "127.0.0.1")
        .onSuccess(socket -> feed(socket::write, bitsPerSecond))
        .toCompletionStage()
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  /** The reading end behind the forwarder: frames of {@value #FRAME} bytes on each connection. */
  Future<NetServer> sink(int port, io.vertx.core.net.KeyCertOptions tls) {
    io.vertx.core.net.NetServerOptions options = new io.vertx.core.net.NetServerOptions();
    if (tls != null) {
      options.setSsl(true).setKeyCertOptions(tls);
    }
    return vertx
        .createNetServer(options)
        .connectHandler(s -> s.handler(RecordParser.newFixed(FRAME, this::arrived)))
        .listen(port, "127.0.0.1");
  }

  void stopAll() {
    synchronized (timers) {
      timers.forEach(vertx::cancelTimer);
      timers.clear();
    }
    for (Object o : held) {
      if (o instanceof RelayLink link) {
        link.close();
      }
    }
  }

  private void feed(java.util.function.Consumer<Buffer> out, long bitsPerSecond) {
    long periodMs = Math.max(1, FRAME * 8L * 1000 / bitsPerSecond);
    byte[] filler = new byte[FRAME - 8];
    synchronized (timers) {
      timers.add(
          vertx.setPeriodic(
              periodMs,
              t ->
                  out.accept(
                      Buffer.buffer(FRAME).appendLong(System.nanoTime()).appendBytes(filler))));
    }
  }

  private void arrived(Buffer frame) {
    if (recording && frame.length() >= 8) {
      samples.add((System.nanoTime() - frame.getLong(0)) / 1000);
    }
  }
}

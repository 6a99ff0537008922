package io.hearth.bridge.relay;

import io.hearth.runtime.cli.ExtraCommand;
import io.hearth.runtime.config.ConfigException;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.error.ExitCode;
import io.hearth.runtime.error.HubStartException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hearth relay}: runs the blind relay in the foreground, on its own (it shares nothing with
 * a hub but the distribution). Configuration: the {@code relay.*} keys, from --config, --set or the
 * environment; TLS (the relay's certificate and key as PEM files) unless {@code relay.plain}, which
 * is off by default and logs a warning: the relay then serves plain WebSocket for a load balancer
 * that terminates TLS in front of it.
 */
public final class RelayCommand implements ExtraCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RelayCommand.class);
  static final ConfigKey<String> HOST =
      ConfigKey.string("relay.host", "Address the relay listens on.", "0.0.0.0");
  static final ConfigKey<Integer> PORT =
      ConfigKey.integer(
          "relay.port", "Port the relay listens on (TLS unless relay.plain).", 9443, 0, 65_535);
  static final ConfigKey<String> NAME =
      ConfigKey.string(
          "relay.public-name",
          "The host name hubs reach this relay by; hubs sign it, so it must match their"
              + " bridge.relay-url.",
          "");
  static final ConfigKey<String> CERT =
      ConfigKey.string("relay.tls-cert", "The relay's TLS certificate chain (PEM file).", "");
  static final ConfigKey<String> KEY =
      ConfigKey.string("relay.tls-key", "The relay's TLS private key (PEM file).", "");
  static final ConfigKey<Boolean> PLAIN =
      ConfigKey.bool(
          "relay.plain",
          "Listen for plain WebSocket (ws://) without TLS: only behind a load balancer that"
              + " terminates TLS, or where you accept that who connects when is visible on the"
              + " network. The streams stay end-to-end encrypted and authenticated either way.",
          false);
  static final ConfigKey<Integer> WINDOW =
      ConfigKey.integer(
          "relay.window-bytes",
          "Bytes the relay holds for one viewer at most (the credit a hub gets per stream).",
          256 * 1024,
          64 * 1024,
          16 * 1024 * 1024);
  static final ConfigKey<Integer> STREAMS =
      ConfigKey.integer(
          "relay.max-viewers-per-hub", "Viewers joined to one hub at once.", 64, 1, 10_000);

  static final ConfigKey<Integer> IDLE =
      ConfigKey.integer(
          "relay.idle-timeout-seconds",
          "Seconds a connection may send nothing (not even a ping) before the relay closes it. At"
              + " least twice the hubs' ping interval (30 s), so that a hub with no viewer stays.",
          120,
          2 * (int) (io.hearth.bridge.link.RelayLink.PING_MILLIS / 1000),
          3_600);
  static final ConfigKey<Integer> HANDSHAKE =
      ConfigKey.integer(
          "relay.handshake-seconds",
          "Seconds a hub has to prove its key once connected; slower ones are closed (4401).",
          10,
          2,
          120);

  static final ConfigKey<Integer> LOOPS =
      ConfigKey.integer(
          "relay.event-loops",
          "Event loops (threads) the relay forwards on; 0: one per core. One costs the least CPU"
              + " per stream; more let a node use more cores, at more CPU per stream for viewers"
              + " whose connection lands on another loop than their hub's.",
          1,
          0,
          256);

  @Override
  public String name() {
    return "relay";
  }

  @Override
  public String summary() {
    return "run the blind relay (cloud bridge) in the foreground";
  }

  @Override
  public List<ConfigKey<?>> configKeys() {
    List<ConfigKey<?>> keys =
        new java.util.ArrayList<>(List.of(HOST, PORT, NAME, PLAIN, CERT, KEY));
    keys.addAll(List.of(WINDOW, STREAMS, IDLE, HANDSHAKE, LOOPS));
    keys.addAll(ClusterKeys.ALL);
    return keys;
  }

  @Override
  public int run(HubConfig config, PrintStream out) {
    String name = required(config, NAME);
    HttpServerOptions options = serverOptions(config);
    RelaySettings settings = settings(name, config);
    ClusterSettings cluster = ClusterKeys.settings(config);
    AtomicReference<RelayServer> relay = new AtomicReference<>();
    RelayCluster.Node node =
        await(RelayCluster.start(cluster, left -> nodeLeft(relay, left)), null);
    relay.set(new RelayServer(node.vertx(), node.id(), settings));
    int port = await(relay.get().start(options), node.vertx());
    out.println(
        "Hearth relay listening on port "
            + port
            + " as "
            + name
            + clusterLine(cluster, node)
            + tlsLine(options));
    out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(node.vertx()::close, "relay-shutdown"));
    return -1;
  }

  private static String tlsLine(HttpServerOptions options) {
    if (!options.isSsl()) {
      return "; plain WebSocket, no TLS (relay.plain)";
    }
    return "; TLS by "
        + (options.getSslEngineOptions() instanceof OpenSSLEngineOptions ? "OpenSSL" : "the JDK");
  }

  /**
   * TLS unless {@code relay.plain} (then a warning); no WebSocket compression (the relay carries
   * ciphertext, which does not compress, and a deflate context per connection would cost memory);
   * OpenSSL (BoringSSL, netty-tcnative) when it is available, else the JDK's TLS.
   */
  private static HttpServerOptions serverOptions(HubConfig config) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.get(HOST))
            .setPort(config.get(PORT))
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false);
    if (config.get(PLAIN)) {
      LOG.warn(
          "relay: relay.plain is on: listening without TLS. Only behind a load balancer that"
              + " terminates TLS, or if you accept that hub ids, addresses and timing are visible"
              + " on the network; the streams stay end-to-end encrypted and authenticated");
      return options;
    }
    options
        .setSsl(true)
        .setKeyCertOptions(
            new PemKeyCertOptions()
                .setCertPath(required(config, CERT))
                .setKeyPath(required(config, KEY)));
    if (OpenSSLEngineOptions.isAvailable()) {
      options.setSslEngineOptions(new OpenSSLEngineOptions());
    }
    return options;
  }

  private static String clusterLine(ClusterSettings cluster, RelayCluster.Node node) {
    return cluster.clustered()
        ? " (cluster node " + cluster.nodeName() + ", " + cluster.members().size() + " members)"
        : "";
  }

  private static void nodeLeft(AtomicReference<RelayServer> relay, String node) {
    RelayServer server = relay.get();
    if (server != null) {
      server.nodeLeft(node);
    }
  }

  private static <T> T await(Future<T> future, Vertx toClose) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      if (toClose != null) {
        toClose.close();
      }
      throw new HubStartException(
          ExitCode.ENVIRONMENT, "the relay could not start: " + rootMessage(e), e);
    }
  }

  /** The relay's bounds from its configuration. */
  static RelaySettings settings(String name, HubConfig config) {
    return new RelaySettings(
        name,
        config.get(WINDOW),
        config.get(STREAMS),
        config.get(HANDSHAKE),
        config.get(IDLE),
        config.get(LOOPS) == 0 ? RelaySettings.cores() : config.get(LOOPS));
  }

  private static String required(HubConfig config, ConfigKey<String> key) {
    String value = config.get(key);
    if (value == null || value.isBlank()) {
      throw new ConfigException(
          key.name() + " is required for `hearth relay`; set it with --set " + key.name() + "=...");
    }
    return value;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}

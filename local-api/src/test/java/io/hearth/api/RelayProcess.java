package io.hearth.api;

import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code hearth relay} as its own process on a free loopback port, as it is deployed. */
public final class RelayProcess implements AutoCloseable {
  public final Process process;
  public final int port;
  private final ChildProcess child;

  private RelayProcess(ChildProcess child, int port) {
    this.child = child;
    this.process = child.process();
    this.port = port;
  }

  static RelayProcess start(SelfSignedCertificate certificate) throws Exception {
    return start(certificate.certificatePath(), certificate.privateKeyPath(), "localhost");
  }

  /** The relay listening on {@code host}, which is also the name hubs dial (and sign). */
  public static RelayProcess start(String certificate, String key, String host) throws Exception {
    return startWith(host, "relay.tls-cert=" + certificate, "relay.tls-key=" + key);
  }

  /** The relay without TLS ({@code relay.plain}), as behind a TLS-terminating load balancer. */
  static RelayProcess startPlain(String host) throws Exception {
    return startWith(host, "relay.plain=true");
  }

  /** The relay again on {@code port} (after {@link #kill}), with TLS unless {@code plain}. */
  static RelayProcess restart(int port, SelfSignedCertificate certificate, boolean plain)
      throws Exception {
    return plain
        ? startWith("localhost", port, "relay.plain=true")
        : startWith(
            "localhost",
            port,
            "relay.tls-cert=" + certificate.certificatePath(),
            "relay.tls-key=" + certificate.privateKeyPath());
  }

  /** kill -9: the relay dies as a crashed machine's would. */
  void kill() throws InterruptedException {
    child.kill();
  }

  private static RelayProcess startWith(String host, String... more) throws Exception {
    return startWith(host, Peers.freePort(), more);
  }

  private static RelayProcess startWith(String host, int port, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("relay"));
    List<String> sets =
        new ArrayList<>(
            List.of("relay.host=" + host, "relay.port=" + port, "relay.public-name=" + host));
    sets.addAll(List.of(more));
    for (String set : sets) {
      args.addAll(List.of("--set", set));
    }
    ChildProcess child = HubProcess.hub(false).args(args).start();
    child.awaitOutput("Hearth relay listening", Duration.ofSeconds(90));
    return new RelayProcess(child, port);
  }

  @Override
  public void close() throws Exception {
    child.close();
  }
}

package io.hearth.api;

import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Peers;
import io.vertx.core.net.SelfSignedCertificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code hearth relay} as its own process on a free loopback port, as it is deployed. */
final class RelayProcess implements AutoCloseable {
  final Process process;
  final int port;
  private final ChildProcess child;

  private RelayProcess(ChildProcess child, int port) {
    this.child = child;
    this.process = child.process();
    this.port = port;
  }

  static RelayProcess start(SelfSignedCertificate certificate) throws Exception {
    int port = Peers.freePort();
    List<String> args = new ArrayList<>(List.of("relay"));
    for (String set :
        List.of(
            "relay.host=localhost",
            "relay.port=" + port,
            "relay.public-name=localhost",
            "relay.tls-cert=" + certificate.certificatePath(),
            "relay.tls-key=" + certificate.privateKeyPath())) {
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

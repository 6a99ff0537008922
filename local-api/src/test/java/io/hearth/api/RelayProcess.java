package io.hearth.api;

import io.vertx.core.net.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code hearth relay} as its own process on a free loopback port, as it is deployed. */
final class RelayProcess implements AutoCloseable {
  final Process process;
  final int port;

  private RelayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static RelayProcess start(SelfSignedCertificate certificate) throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> command =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                HubProcess.classPath(false),
                "io.hearth.runtime.cli.Main",
                "relay"));
    for (String set :
        List.of(
            "relay.host=localhost",
            "relay.port=" + port,
            "relay.public-name=localhost",
            "relay.tls-cert=" + certificate.certificatePath(),
            "relay.tls-key=" + certificate.privateKeyPath())) {
      command.add("--set");
      command.add(set);
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    do {
      line = lines.readLine();
    } while (line != null && !line.startsWith("Hearth relay listening"));
    if (line == null) {
      throw new AssertionError("the relay did not start");
    }
    Thread drain = new Thread(() -> lines.lines().forEach(l -> {}));
    drain.setDaemon(true);
    drain.start();
    return new RelayProcess(process, port);
  }

  @Override
  public void close() throws Exception {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}

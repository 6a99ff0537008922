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
public final class RelayProcess implements AutoCloseable {
  public final Process process;
  public final int port;

  private RelayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static RelayProcess start(SelfSignedCertificate certificate) throws Exception {
    return start(certificate.certificatePath(), certificate.privateKeyPath(), "localhost");
  }

  /** The relay listening on {@code host}, which is also the name hubs dial (and sign). */
  public static RelayProcess start(String certificate, String key, String host) throws Exception {
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
            "relay.host=" + host,
            "relay.port=" + port,
            "relay.public-name=" + host,
            "relay.tls-cert=" + certificate,
            "relay.tls-key=" + key)) {
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

package io.hearth.adapters.mdns;

import io.hearth.runtime.testing.ChildProcess;
import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestNetwork;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A device announcing DNS-SD services on the far side of a {@link TestNetwork}: the stdlib Python
 * responder {@code mdns_peer.py}, driven through its standard input.
 */
public final class MdnsPeer {
  private final ChildProcess process;
  private int commands;

  /** A service as the peer announces it. */
  public static JsonObject service(String type, String name, int port, Map<String, String> txt) {
    return new JsonObject()
        .put("type", type)
        .put("name", name)
        .put("port", port)
        .put("txt", new JsonObject(Map.copyOf(txt)));
  }

  private MdnsPeer(ChildProcess process) {
    this.process = process;
  }

  /** Starts announcing {@code services} from host {@code host}; waits until it is ready. */
  public static MdnsPeer start(TestNetwork net, Path dir, String host, List<JsonObject> services)
      throws Exception {
    return start(net, dir, host, net.peerAddress().getHostAddress(), services);
  }

  /** Announces {@code services} of host {@code host} at {@code address} (any address it claims). */
  public static MdnsPeer start(
      TestNetwork net, Path dir, String host, String address, List<JsonObject> services)
      throws Exception {
    Path python = Peers.require("python3", "python3");
    Path script = dir.resolve("mdns_peer.py");
    if (!Files.exists(script)) {
      try (InputStream in = MdnsPeer.class.getResourceAsStream("/mdns_peer.py")) {
        Files.write(script, in.readAllBytes());
      }
    }
    Path config = dir.resolve(host + ".json");
    Files.writeString(
        config,
        new JsonObject()
            .put("host", host)
            .put("address", address)
            .put("services", new JsonArray(List.copyOf(services)))
            .encode());
    ChildProcess process =
        ChildProcess.of(python.toString(), "-u", script.toString(), config.toString())
            .inside(net)
            .log(dir.resolve(host + ".log"))
            .start();
    process.awaitOutput("ready", Duration.ofSeconds(5));
    return new MdnsPeer(process);
  }

  /** Sends a command ({@code announce}, {@code move <ip>}, {@code junk}) and waits for it. */
  public void command(String line) throws Exception {
    send(line);
    process.await(
        Duration.ofSeconds(5),
        "the mDNS peer finishes '" + line + "'",
        () -> countDone() >= commands ? Boolean.TRUE : null);
  }

  /** Sends a command without waiting for it. */
  public void send(String line) throws IOException {
    OutputStream in = process.process().getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    commands++;
  }

  private int countDone() throws IOException {
    String all = process.output();
    int n = 0;
    for (String l : all.split("\n", -1)) {
      if (l.endsWith(" done")) {
        n++;
      }
    }
    return n;
  }

  /** Stops announcing (without a goodbye: it simply goes away). */
  void stop() throws InterruptedException {
    process.kill();
  }

  boolean alive() {
    return process.process().isAlive();
  }
}

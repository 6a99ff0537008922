package io.hearth.adapters.mdns;

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
import java.util.List;
import java.util.Map;

/**
 * A device announcing DNS-SD services on the far side of a {@link TestNetwork}: the stdlib Python
 * responder {@code mdns_peer.py}, driven through its standard input.
 */
public final class MdnsPeer {
  private final Process process;
  private final Path log;
  private int commands;

  /** A service as the peer announces it. */
  public static JsonObject service(String type, String name, int port, Map<String, String> txt) {
    return new JsonObject()
        .put("type", type)
        .put("name", name)
        .put("port", port)
        .put("txt", new JsonObject(Map.copyOf(txt)));
  }

  private MdnsPeer(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts announcing {@code services} from host {@code host}; waits until it is ready. */
  public static MdnsPeer start(TestNetwork net, Path dir, String host, List<JsonObject> services)
      throws IOException, InterruptedException {
    return start(net, dir, host, net.peerAddress().getHostAddress(), services);
  }

  /** Announces {@code services} of host {@code host} at {@code address} (any address it claims). */
  public static MdnsPeer start(
      TestNetwork net, Path dir, String host, String address, List<JsonObject> services)
      throws IOException, InterruptedException {
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
    Path log = dir.resolve(host + ".log");
    MdnsPeer peer =
        new MdnsPeer(
            net.start(List.of(python.toString(), "-u", script.toString(), config.toString()), log),
            log);
    peer.awaitLine("ready");
    return peer;
  }

  /** Sends a command ({@code announce}, {@code move <ip>}, {@code junk}) and waits for it. */
  public void command(String line) throws IOException, InterruptedException {
    send(line);
    long deadline = System.currentTimeMillis() + 5000;
    while (countDone() < commands) {
      if (!process.isAlive() || System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(
            "the mDNS peer did not finish '" + line + "' within 5 s: " + Files.readString(log));
      }
      Thread.sleep(5);
    }
  }

  /** Sends a command without waiting for it. */
  public void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    commands++;
  }

  private int countDone() throws IOException {
    String all = Files.exists(log) ? Files.readString(log) : "";
    int n = 0;
    for (String l : all.split("\n", -1)) {
      if (l.endsWith(" done")) {
        n++;
      }
    }
    return n;
  }

  private void awaitLine(String text) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + 5000;
    while (System.currentTimeMillis() < deadline) {
      if (Files.exists(log) && Files.readString(log).contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the mDNS peer died: " + Files.readString(log));
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException(
        "the mDNS peer did not say '" + text + "' within 5 s: " + Files.readString(log));
  }

  /** Stops announcing (without a goodbye: it simply goes away). */
  void stop() throws InterruptedException {
    process.destroyForcibly().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
  }

  boolean alive() {
    return process.isAlive();
  }
}

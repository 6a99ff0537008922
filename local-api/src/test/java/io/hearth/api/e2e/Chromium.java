package io.hearth.api.e2e;

import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestDirs;
import io.hearth.runtime.testing.TestNetwork;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol on loopback. Each
 * {@link #newPage()} opens a tab in its own browser context, so every test gets fresh storage, as a
 * new display would.
 */
final class Chromium implements AutoCloseable {
  private static final String LISTENING = "DevTools listening on ";

  private final Process process;
  private final Path profile;
  private final Cdp browser;
  private final URI devtools;
  private final Deque<String> log = new ArrayDeque<>();

  private Chromium(Process process, Path profile, URI devtools) throws Exception {
    this.process = process;
    this.profile = profile;
    this.devtools = devtools;
    this.browser = Cdp.connect(devtools.toString());
  }

  static Chromium start() throws Exception {
    return start(List.of(), url -> url);
  }

  /**
   * Chromium inside {@code net}'s namespace, so the display's only network is that link. Its
   * DevTools port (on the namespace's loopback) is forwarded from the namespace's address.
   */
  static Chromium startIn(TestNetwork net) throws Exception {
    Peers.require("socat", "socat");
    String peer = net.peerAddress().getHostAddress();
    return start(
        List.of("ip", "netns", "exec", net.namespace()),
        url -> {
          int port = URI.create(url).getPort();
          String listen = "TCP-LISTEN:" + port + ",bind=" + peer + ",reuseaddr,fork";
          net.start(List.of("socat", listen, "TCP:127.0.0.1:" + port), null);
          Eventually.within(
              Duration.ofSeconds(10), "DevTools forwarded", () -> connects(peer, port));
          return url.replace("127.0.0.1:", peer + ":");
        });
  }

  private static boolean connects(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** What to do with the DevTools URL before connecting (forward it from a namespace, say). */
  private interface Reach {
    String apply(String url) throws Exception;
  }

  /**
   * Starts Chromium and connects to its DevTools, trying a second, new process when the first does
   * not answer: on a machine's very first launch Chromium has been seen to print its DevTools
   * address and then not take the connection. The error names each try's cause and Chromium's log.
   */
  private static Chromium start(List<String> prefix, Reach reach) throws Exception {
    Path executable = Peers.require("chromium", "chromium");
    List<String> causes = new java.util.ArrayList<>();
    Exception last = null;
    for (int attempt = 1; attempt <= 2; attempt++) {
      Path profile = Files.createTempDirectory("hearth-chromium");
      List<String> full = new java.util.ArrayList<>(prefix);
      full.addAll(command(executable, profile));
      Process process = new ProcessBuilder(full).start();
      process.getOutputStream().close();
      CompletableFuture<String> url = new CompletableFuture<>();
      Deque<String> log = new ArrayDeque<>();
      drain(process, url, log);
      try {
        String devtools = reach.apply(url.get(30, TimeUnit.SECONDS));
        Chromium chromium = new Chromium(process, profile, URI.create(devtools));
        synchronized (log) {
          chromium.log.addAll(log);
        }
        return chromium;
      } catch (Exception e) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        TestDirs.delete(profile);
        last = e;
        String exit = process.isAlive() ? "still running" : "exit " + process.exitValue();
        synchronized (log) {
          causes.add(
              "try "
                  + attempt
                  + ": "
                  + e
                  + (e.getCause() != null ? " (" + e.getCause() + ")" : "")
                  + ", chromium "
                  + exit
                  + ", its log:\n  "
                  + String.join("\n  ", log));
        }
      }
    }
    throw new IllegalStateException(
        "chromium did not start or did not take the DevTools connection; "
            + String.join("\n", causes),
        last);
  }

  private static List<String> command(Path executable, Path profile) {
    return List.of(
        executable.toString(),
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--ignore-certificate-errors",
        "--autoplay-policy=no-user-gesture-required",
        "--user-data-dir=" + profile,
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        "about:blank");
  }

  /** Reads stderr for the DevTools URL, and keeps reading so Chromium never blocks on it. */
  private static void drain(Process process, CompletableFuture<String> url, Deque<String> log) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = err.readLine()) != null; ) {
                  synchronized (log) {
                    log.addLast(line);
                    if (log.size() > 200) {
                      log.removeFirst();
                    }
                  }
                  int at = line.indexOf(LISTENING);
                  if (at >= 0) {
                    url.complete(line.substring(at + LISTENING.length()).trim());
                  }
                }
              } catch (IOException e) {
                // chromium exited
              }
              url.completeExceptionally(new IllegalStateException("chromium exited"));
            },
            "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
  }

  /** The port the test reaches DevTools on. */
  int devtoolsPort() {
    return devtools.getPort();
  }

  /** A new tab in a new, isolated browser context, showing about:blank. */
  BrowserPage newPage() throws Exception {
    String context =
        browser.send("Target.createBrowserContext", new JsonObject()).getString("browserContextId");
    String target =
        browser
            .send(
                "Target.createTarget",
                new JsonObject().put("url", "about:blank").put("browserContextId", context))
            .getString("targetId");
    URI page = devtools.resolve("/devtools/page/" + target);
    // Closing a tab leaves its context, and the context keeps its idle connections to the hub
    // open: a class opening many tabs ran into the hub's 64 connections from one address, and
    // the next page's scripts were refused. So a closed tab's context goes with it.
    return BrowserPage.open(Cdp.connect(page.toString()), () -> dispose(context));
  }

  private void dispose(String context) {
    try {
      browser.send(
          "Target.disposeBrowserContext", new JsonObject().put("browserContextId", context));
    } catch (Exception e) {
      // Chromium is closing
    }
  }

  @Override
  public void close() throws Exception {
    browser.close();
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    TestDirs.delete(profile);
  }
}

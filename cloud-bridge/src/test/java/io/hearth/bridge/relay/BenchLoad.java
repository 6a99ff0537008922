package io.hearth.bridge.relay;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load process of {@link RelayBenchmark}: plays every hub, viewer and plain-forwarder client in
 * a JVM of its own, so that its CPU is not the relay's and the relay's is not its own. Takes one
 * command a line on stdin and answers each on stdout with a line that starts with {@code @} (other
 * output, such as logging, goes to stderr):
 *
 * <pre>
 * idle PATH PORT COUNT          proven hubs that sit idle      -> @idle CONNECTED SECONDS
 * sink PATH                     the reading end for a forwarder -> @port PORT
 * forward PATH PORT COUNT       clients of a forwarder (or of the sink itself) -> @ok
 * relay PATH PORT COUNT         homes with one viewer each, through the relay  -> @ok
 * run PATH BITRATE WARMUP_MS MS frames flow; recorded after the warm-up
 *                                 -> @recording, then @result FRAMES_IN_WINDOW
 * stats PATH                    every recorded frame of PATH -> @stats N P50 P99 MAX (µs)
 * </pre>
 *
 * PATH names a path; one whose name ends in {@code -tls} uses TLS (trusting the certificate given
 * as the first argument; the sink serves it with the key given as the second).
 */
public final class BenchLoad {
  private BenchLoad() {}

  public static void main(String[] args) throws Exception {
    PrintStream answers = System.out;
    System.setOut(System.err); // only answers on stdout
    PemTrustOptions trust = new PemTrustOptions().addCertPath(args[0]);
    PemKeyCertOptions key = new PemKeyCertOptions().setCertPath(args[0]).setKeyPath(args[1]);
    Vertx vertx = Vertx.vertx();
    Map<String, BenchStreams> paths = new HashMap<>();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] w = line.trim().split("\\s+");
      boolean tls = w[1].endsWith("-tls");
      BenchStreams path =
          paths.computeIfAbsent(
              w[1],
              n ->
                  new BenchStreams(
                      vertx,
                      new WebSocketClientOptions()
                          .setSsl(tls)
                          .setTrustOptions(tls ? trust : null)));
      try {
        answer(w, path, tls, key, trust, vertx, answers);
      } catch (Exception e) {
        answers.println("@error " + w[0] + " " + w[1] + ": " + e);
      }
      answers.flush();
    }
    vertx.close();
  }

  private static void answer(
      String[] w,
      BenchStreams path,
      boolean tls,
      PemKeyCertOptions key,
      PemTrustOptions trust,
      Vertx vertx,
      PrintStream answers)
      throws Exception {
    switch (w[0]) {
      case "idle" -> {
        long t0 = System.nanoTime();
        int connected = path.idleHubs(Integer.parseInt(w[2]), Integer.parseInt(w[3]), 50).size();
        answers.printf(Locale.ROOT, "@idle %d %.1f%n", connected, (System.nanoTime() - t0) / 1e9);
      }
      case "sink" -> answers.println("@port " + path.sink(tls ? key : null));
      case "forward" -> {
        var client =
            vertx.createNetClient(
                new NetClientOptions()
                    .setSsl(tls)
                    .setTrustOptions(tls ? trust : null)
                    .setHostnameVerificationAlgorithm(""));
        for (int i = 0; i < Integer.parseInt(w[3]); i++) {
          path.forwardedStream(client, Integer.parseInt(w[2]));
        }
        answers.println("@ok");
      }
      case "relay" -> {
        for (int i = 0; i < Integer.parseInt(w[3]); i++) {
          path.relayStream(Integer.parseInt(w[2]));
        }
        answers.println("@ok");
      }
      case "run" -> {
        path.start(Long.parseLong(w[2]));
        Thread.sleep(Long.parseLong(w[3]));
        int before = path.samples.size();
        path.recording = true;
        answers.println("@recording");
        Thread.sleep(Long.parseLong(w[4]));
        path.recording = false;
        answers.println("@result " + (path.samples.size() - before));
        path.pause();
        Thread.sleep(500); // what is in flight arrives before the next path starts
      }
      case "stats" -> {
        List<Long> sorted = new ArrayList<>(path.samples);
        sorted.sort(null);
        answers.printf(
            Locale.ROOT,
            "@stats %d %d %d %d%n",
            sorted.size(),
            pct(sorted, 50),
            pct(sorted, 99),
            pct(sorted, 100));
      }
      default -> answers.println("@error unknown command " + w[0]);
    }
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return -1;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
  }
}

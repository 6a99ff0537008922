package io.hearth.api.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start to healthy (issue 13): launches the hub in its own JVM {@code bench.runs} times (5) with
 * the unit's {@code HEARTH_JAVA_OPTS} (or {@code -Dbench.hub-jvm-args}), each on a fresh data
 * directory unless {@code -Dbench.same-data=true}, and times the launch to the first 200 from
 * {@code /api/v1/health}. Prints each run, the median and the load average; asserts nothing.
 */
public final class StartBenchmark {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("local-api/target/bench/start").toAbsolutePath();
    Files.createDirectories(dir);
    String jvm = System.getProperty("bench.hub-jvm-args", FootprintBenchmark.unitJavaOptions());
    System.setProperty("bench.hub-jvm-args", jvm);
    System.out.println("hub JVM options: " + jvm);
    boolean same = Boolean.getBoolean("bench.same-data");
    Path data = Files.createTempDirectory(dir, "data");
    List<Long> times = new ArrayList<>();
    for (int run = 1; run <= Integer.getInteger("bench.runs", 5); run++) {
      String load = Machine.loadAverage();
      long ms = once(same ? data : Files.createTempDirectory(dir, "data"), dir);
      times.add(ms);
      System.out.printf(Locale.ROOT, "run %d: healthy after %d ms (load %s)%n", run, ms, load);
    }
    times.sort(null);
    System.out.printf(
        Locale.ROOT, "median %d ms, best %d ms%n", times.get(times.size() / 2), times.get(0));
    System.exit(0);
  }

  private static long once(Path data, Path dir) throws Exception {
    long started = System.nanoTime();
    try (BenchHub hub = BenchHub.start(data, dir.resolve("hub.log"))) {
      URI health = URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/v1/health");
      while (!healthy(health)) {
        Thread.sleep(10);
      }
      return (System.nanoTime() - started) / 1_000_000;
    }
  }

  private static boolean healthy(URI health) {
    try {
      HttpResponse<Void> answer =
          CLIENT.send(
              HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding());
      return answer.statusCode() == 200;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}

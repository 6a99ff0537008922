package io.hearth.api.bench;

import io.hearth.api.Storm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The storm, long: 112 displays (by default) on four real cameras through the spoofed announcement,
 * the RTP spray, every camera link cut at once, 16 grants revoked and a kill -9 of the hub, each
 * phase held for a while (30 s by default) with every display checking every chunk; prints the
 * figures. Not a test (the CI version is {@code StormTest}); run as root, since it makes a network
 * namespace:
 *
 * <pre>
 * mvn -q -B -o -pl local-api -am test-compile -Dspotless.check.skip=true
 * mvn -q -B -o -pl local-api exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.hearth.api.bench.StormBenchmark -Dexec.args="112 30"
 * </pre>
 */
public final class StormBenchmark {
  private StormBenchmark() {}

  /** Arguments: displays (112), seconds each phase is held (30). */
  public static void main(String[] args) throws Exception {
    int displays = args.length > 0 ? Integer.parseInt(args[0]) : 112;
    long holdSeconds = args.length > 1 ? Long.parseLong(args[1]) : 30;
    Path dir = Files.createTempDirectory("hearth-storm");
    Storm.Plan plan =
        new Storm.Plan(displays, Math.max(4, displays / 7), 10, 60_000, holdSeconds * 1000);
    System.out.println(Machine.describe());
    Storm.Figures figures = Storm.run(plan, dir);
    System.out.println(figures);
    System.out.println("load average at the end: " + Machine.loadAverage());
    System.exit(figures.foreign() == 0 && figures.maxAfterRevocationMs() <= 1000 ? 0 : 1);
  }
}

package io.hearth.api.bench;

import io.hearth.api.EventsStorm;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The storm over camera events, long: more viewers (200 by default) on the four watermarked
 * cameras, with more revoked, through the camera links cut at once and the hub's kill -9; prints
 * events listed, thumbnails and clip frames decoded, foreign ones (must be 0) and revoke-to-stop
 * p50/max. Not a test (the CI version is {@code EventsStormTest}):
 *
 * <pre>
 * mvn -q -B -o -pl local-api -am test-compile -Dspotless.check.skip=true
 * mvn -q -B -o -pl local-api exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.hearth.api.bench.EventsStormBenchmark -Dexec.args="200 40"
 * </pre>
 */
public final class EventsStormBenchmark {
  private EventsStormBenchmark() {}

  /** Arguments: viewers (200), grants revoked at the end (40). */
  public static void main(String[] args) throws Exception {
    int viewers = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int revoked = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Path dir = Files.createTempDirectory("hearth-events-storm");
    System.out.println(Machine.describe() + ", load " + Machine.loadAverage());
    EventsStorm.Figures f = EventsStorm.run(new EventsStorm.Plan(viewers, revoked, 120_000), dir);
    System.out.println(f);
    System.out.println("load average at the end: " + Machine.loadAverage());
    boolean kept = f.foreign() == 0 && f.revokeToStopMs().stream().allMatch(ms -> ms < 1000);
    System.exit(kept ? 0 : 1);
  }
}

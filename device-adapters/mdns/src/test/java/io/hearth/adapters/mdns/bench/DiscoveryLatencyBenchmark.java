package io.hearth.adapters.mdns.bench;

import io.hearth.adapters.mdns.MdnsPeer;
import io.hearth.adapters.mdns.TestHub;
import io.hearth.runtime.testing.TestNetwork;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Time from a device announcing an RTSP camera to its entry in the hub's inbox, over 50 trials on a
 * private network namespace. Prints p50/p95/max; asserts nothing about time. Run with {@code mvn -o
 * -Pslow test -pl device-adapters/mdns -Dtest=DiscoveryLatencyBenchmark}.
 */
@Tag("slow")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DiscoveryLatencyBenchmark {
  static final int TRIALS = 50;

  @TempDir Path dir;

  @Test
  void announcementToInboxEntry() throws Exception {
    try (TestNetwork net = TestNetwork.create();
        TestHub hub = new TestHub(dir, net.hostInterface())) {
      MdnsPeer peer = MdnsPeer.start(net, dir, "bench", List.of());
      Thread.sleep(1500); // the hub's JmDNS has finished probing its own name
      List<Double> millis = new ArrayList<>();
      for (int i = 0; i < TRIALS; i++) {
        String name = "Bench camera " + i;
        long start = System.nanoTime();
        peer.send(
            "add " + MdnsPeer.service("_rtsp._tcp", name, 554, Map.of("path", "s" + i)).encode());
        boolean found = hub.await(d -> d.sighting().name().equals(name), 10_000).isPresent();
        long elapsed = System.nanoTime() - start;
        if (!found) {
          throw new AssertionError(name + " not discovered within 10 s");
        }
        millis.add(elapsed / 1e6);
        Thread.sleep(50);
      }
      Collections.sort(millis);
      System.out.printf(
          Locale.ROOT,
          "mDNS announcement -> inbox entry, %d trials: p50 %.1f ms, p95 %.1f ms, max %.1f ms%n",
          TRIALS,
          percentile(millis, 50),
          percentile(millis, 95),
          millis.get(millis.size() - 1));
    }
  }

  private static double percentile(List<Double> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }
}

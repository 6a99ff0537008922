package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import io.hearth.runtime.testing.Eventually;
import io.hearth.runtime.testing.GstCamera;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one more re-stream reader costs the hub: the hub's process CPU over 20 s while one ffmpeg
 * reads a 640x480 15 fps camera, against the same camera watched by the hub with no reader (the
 * feed kept open by a first reader, so only the extra viewer is measured). Prints figures; asserts
 * nothing about them. Run with {@code -Pslow -Dtest=RestreamCostBenchmark}.
 */
@Tag("slow")
@Timeout(180)
class RestreamCostBenchmark {
  private static final long WINDOW_MS = 20_000;

  @TempDir Path dir;

  @Test
  void cpuOfOneMoreReader() throws Exception {
    try (GstCamera camera = GstCamera.builder().size(640, 480).start();
        RestreamWorld world = new RestreamWorld(dir.resolve("data"))) {
      String id = world.addCamera("Bench", camera.url());
      world.grant(id);
      world.restream(id, true);
      RestreamWorld.Credential k = world.credential(id);
      try (FfmpegReader first = FfmpegReader.decode(world.url(id, k), 0)) {
        Eventually.within(Duration.ofSeconds(30), "first reader", () -> first.bytes() > 0);
        double base = cpuPercent();
        try (FfmpegReader second = FfmpegReader.decode(world.url(id, k), 0)) {
          Eventually.within(Duration.ofSeconds(30), "second reader", () -> second.bytes() > 0);
          double both = cpuPercent();
          System.out.printf(
              "hub CPU, one core = 100%%: one reader %.1f%%, two readers %.1f%%, one more %.1f%%%n",
              base, both, both - base);
          assertTrue(second.bytes() > 0);
        }
      }
    }
  }

  private static double cpuPercent() throws InterruptedException {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long wall = System.nanoTime();
    Thread.sleep(WINDOW_MS);
    return 100.0 * (os.getProcessCpuTime() - cpu) / (System.nanoTime() - wall);
  }
}

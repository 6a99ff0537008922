package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Measurements of a tile's playback over time. */
final class Playback {
  private Playback() {}

  /** Samples once a second for {@code seconds}; each sample's currentTime must be later. */
  static JsonObject advancesFor(DisplayPage page, String cameraId, int seconds) throws Exception {
    JsonObject previous = page.tile(cameraId);
    for (int i = 0; i < seconds; i++) {
      Thread.sleep(1000);
      JsonObject now = page.tile(cameraId);
      assertTrue(
          now.getDouble("currentTime") > previous.getDouble("currentTime"),
          "video stalled in second "
              + (i + 1)
              + ": "
              + previous.encode()
              + " then "
              + now.encode()
              + "\n"
              + page.browser().console());
      previous = now;
    }
    return previous;
  }

  /** Waits until the tile says it ended; fails if that took more than a second from {@code t0}. */
  static JsonObject awaitEnded(DisplayPage page, String cameraId, long t0) throws Exception {
    AtomicReference<JsonObject> last = new AtomicReference<>();
    Duration left = Duration.ofNanos(3_000_000_000L - (System.nanoTime() - t0));
    JsonObject tile =
        Eventually.value(
            left,
            () -> "the tile never ended: " + last.get(),
            () -> {
              last.set(page.tile(cameraId));
              return last.get() != null && "ended".equals(last.get().getString("state"))
                  ? last.get()
                  : null;
            });
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertTrue(ms <= 1000, "the tile ended only after " + ms + " ms");
    return tile;
  }
}

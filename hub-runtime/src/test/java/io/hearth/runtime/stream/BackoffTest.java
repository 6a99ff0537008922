package io.hearth.runtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void doublesUpToTheMaximum() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);
    long[] delays = new long[8];
    for (int i = 0; i < delays.length; i++) {
      delays[i] = backoff.nextMillis();
    }

    assertEquals(
        "[1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]", java.util.Arrays.toString(delays));
  }

  @Test
  void jitterStaysWithinFiftyPercent() {
    Random random = new Random(42);
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), random::nextDouble);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1000; i++) {
      long delay = backoff.nextMillis();
      min = Math.min(min, delay);
      max = Math.max(max, delay);
    }

    assertTrue(min >= 500 && min < 550, "min " + min);
    assertTrue(max <= 1500 && max > 1450, "max " + max);
  }

  @Test
  void resetStartsAgainFromTheInitialDelay() {
    Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), () -> 0.5);
    backoff.nextMillis();
    backoff.nextMillis();
    backoff.reset();

    assertEquals(100, backoff.nextMillis());
  }

  @Test
  void manyFailuresDoNotOverflow() {
    Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofDays(1), () -> 0.5);
    long last = 0;
    for (int i = 0; i < 100; i++) {
      last = backoff.nextMillis();
      assertTrue(last > 0);
    }
    assertTrue(last <= Duration.ofDays(1).toMillis());
  }
}

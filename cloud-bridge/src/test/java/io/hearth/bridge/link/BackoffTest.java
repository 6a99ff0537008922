package io.hearth.bridge.link;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Reconnection backoff: each delay lies in [ceiling/2, ceiling], the ceiling doubles to its cap and
 * starts over once welcomed, and two hubs whose node died together do not retry in step.
 */
class BackoffTest {
  @Test
  void delaysDoubleWithinTheirJitterUpToTheCapAndStartOverAfterAWelcome() {
    Backoff backoff = new Backoff(100, 1_000, new Random(1));
    long[] ceilings = {100, 200, 400, 800, 1_000, 1_000};
    for (long ceiling : ceilings) {
      long delay = backoff.nextDelayMillis();
      assertTrue(delay >= ceiling / 2 && delay <= ceiling, delay + " for a ceiling of " + ceiling);
    }
    backoff.reset();
    assertTrue(backoff.nextDelayMillis() <= 100);
  }

  @Test
  void twoHubsDoNotRetryInStep() {
    assertNotEquals(delays(new Random(1)), delays(new Random(2)));
  }

  private static List<Long> delays(Random random) {
    Backoff backoff = new Backoff(250, 30_000, random);
    List<Long> delays = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      delays.add(backoff.nextDelayMillis());
    }
    return delays;
  }
}

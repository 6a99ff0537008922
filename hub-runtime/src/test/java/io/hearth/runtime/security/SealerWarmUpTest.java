package io.hearth.runtime.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SealerWarmUpTest {

  @Test
  void sealsEveryRoundUnderAThrowAwayKey() {
    int sealedLength =
        Sealer.header(2, Sealer.ascii("warm-up"), Sealer.ascii("warm-up"), 0).length
            + SealerWarmUp.PAYLOAD_BYTES
            + Sealer.TAG_BITS / 8;
    assertEquals(3L * sealedLength, SealerWarmUp.run(3));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void runsOnALowPriorityDaemonThreadAndEnds() throws InterruptedException {
    Thread thread = SealerWarmUp.start();
    assertTrue(thread.isDaemon());
    assertEquals(Thread.MIN_PRIORITY, thread.getPriority());
    thread.join();
  }
}

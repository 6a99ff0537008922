package io.hearth.runtime.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DecodeClockTest {

  @Test
  void followsPlausibleDeltasFromZero() {
    DecodeClock clock = new DecodeClock(3000);
    assertEquals(3000, clock.lastStep());
    assertEquals(0, clock.next(123_456));
    assertEquals(3600, clock.next(127_056));
    assertEquals(3600, clock.lastStep());
    assertEquals(3600 + 90_000, clock.next(127_056 + 90_000)); // a one-second stall is real
  }

  @Test
  void unwrapsThirtyTwoAndThirtyThreeBitTimestamps() {
    DecodeClock rtp = new DecodeClock(3000);
    rtp.next(0xffff_f000L);
    assertEquals(3000, rtp.next(0xffff_f000L + 3000 - 0x1_0000_0000L));
    DecodeClock mpeg = new DecodeClock(3000);
    mpeg.next(0x1_ffff_ff00L);
    assertEquals(3600, mpeg.next(0x1_ffff_ff00L + 3600 - 0x2_0000_0000L));
  }

  @Test
  void smoothsJumpsAndRepeats() {
    DecodeClock clock = new DecodeClock(3000);
    clock.next(1000);
    clock.next(4600); // step 3600
    assertEquals(7200, clock.next(4600 + 500 * 90_000L)); // forward jump of 500 s
    assertEquals(10_800, clock.next(50)); // backwards jump: camera rebooted
    assertEquals(14_400, clock.next(50)); // repeated timestamp
    assertEquals(17_400, clock.next(3050)); // and back to normal steps
  }
}

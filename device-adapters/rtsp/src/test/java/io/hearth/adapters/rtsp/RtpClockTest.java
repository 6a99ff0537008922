package io.hearth.adapters.rtsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RtpClockTest {
  @Test
  void unwrapsThe32BitWrapAround() {
    RtpClock clock = new RtpClock(90_000);
    long start = 0xFFFFFFFFL - 2999;
    assertEquals(start, clock.to90k(start));
    assertEquals(start + 3000, clock.to90k(0));
    assertEquals(start + 6000, clock.to90k(3000));
  }

  @Test
  void aSmallStepBackStaysBack() {
    RtpClock clock = new RtpClock(90_000);
    clock.to90k(10_000);
    assertEquals(7000, clock.to90k(7000));
    assertEquals(13_000, clock.to90k(13_000));
  }

  @Test
  void rescalesOtherClockRatesTo90k() {
    RtpClock clock = new RtpClock(45_000);
    assertEquals(2000, clock.to90k(1000));
    assertEquals(2000 + 90_000, clock.to90k(1000 + 45_000));
  }
}

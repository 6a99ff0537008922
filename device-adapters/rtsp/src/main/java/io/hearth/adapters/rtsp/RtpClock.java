package io.hearth.adapters.rtsp;

/**
 * Turns 32-bit RTP timestamps into a 64-bit 90 kHz timeline: unwraps the wrap-around every 2^32
 * ticks (13 hours at 90 kHz) and rescales another clock rate to 90 kHz. Small steps backwards (a
 * B-frame) stay backwards; a step is taken as the shorter way round the 32-bit circle.
 */
final class RtpClock {
  static final int VIDEO_RATE = 90_000;

  private final int clockRate;
  private long extended = -1;

  RtpClock(int clockRate) {
    if (clockRate <= 0) {
      throw new IllegalArgumentException("clock rate must be positive");
    }
    this.clockRate = clockRate;
  }

  /** The timestamp in 90 kHz units on an unwrapped timeline. */
  long to90k(long rtpTimestamp) {
    long ts = rtpTimestamp & 0xFFFFFFFFL;
    if (extended < 0) {
      extended = ts;
    } else {
      extended += (int) (ts - (extended & 0xFFFFFFFFL));
    }
    return clockRate == VIDEO_RATE ? extended : extended * VIDEO_RATE / clockRate;
  }
}

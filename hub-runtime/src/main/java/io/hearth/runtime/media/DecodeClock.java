package io.hearth.runtime.media;

/**
 * Turns camera timestamps (90 kHz) into a continuous decode timeline starting at 0. A step between
 * two frames is the timestamp delta when it is plausible (above 0, at most {@link #MAX_STEP}); a
 * delta that only looks wrong because a 32-bit RTP or 33-bit MPEG timestamp wrapped is unwrapped;
 * any other jump (a camera reboot, a reset clock, a repeated timestamp) counts as one ordinary
 * frame interval, so the timeline never goes backwards or leaps ahead.
 */
final class DecodeClock {
  /** The longest plausible gap between two frames: 10 seconds, for cameras that slow at night. */
  static final long MAX_STEP = 10L * 90_000;

  private static final long[] WRAP_MASKS = {0xffff_ffffL, 0x1_ffff_ffffL};

  private long lastStep;
  private boolean started;
  private long lastTimestamp;
  private long decodeTime;

  DecodeClock(long defaultStep) {
    this.lastStep = defaultStep;
  }

  /** Advances to a frame with source {@code timestamp} and returns its decode time. */
  long next(long timestamp) {
    if (started) {
      lastStep = step(timestamp - lastTimestamp);
      decodeTime += lastStep;
    }
    started = true;
    lastTimestamp = timestamp;
    return decodeTime;
  }

  /** The most recent step, or the default before there is one: a guess for the next step. */
  long lastStep() {
    return lastStep;
  }

  private long step(long delta) {
    if (plausible(delta)) {
      return delta;
    }
    for (long mask : WRAP_MASKS) {
      if (plausible(delta & mask)) {
        return delta & mask;
      }
    }
    return lastStep;
  }

  private static boolean plausible(long step) {
    return step > 0 && step <= MAX_STEP;
  }
}

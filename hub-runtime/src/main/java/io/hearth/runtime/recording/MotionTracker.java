package io.hearth.runtime.recording;

/**
 * Decides motion from a camera's downscaled grey pictures: the mean absolute difference between one
 * picture and the one before, per pixel (0-255). Motion starts when it exceeds the threshold and
 * ends once no picture has exceeded it for the hold time. Pure logic, one camera, one thread.
 */
final class MotionTracker {
  private final double threshold;
  private final long holdMs;
  private byte[] previous;
  private boolean moving;
  private long lastMotionAt;
  private volatile double lastScore;

  MotionTracker(double threshold, long holdMs) {
    this.threshold = threshold;
    this.holdMs = holdMs;
  }

  /** The change this picture makes: TRUE motion started, FALSE it ended, null no change. */
  Boolean picture(byte[] grey, long at) {
    byte[] before = previous;
    previous = grey;
    if (before == null || before.length != grey.length) {
      return null;
    }
    double score = score(before, grey);
    lastScore = score;
    if (score > threshold) {
      lastMotionAt = at;
      if (!moving) {
        moving = true;
        return Boolean.TRUE;
      }
    } else if (moving && at - lastMotionAt >= holdMs) {
      moving = false;
      return Boolean.FALSE;
    }
    return null;
  }

  /** The last picture's change (mean per pixel, 0-255). */
  double lastScore() {
    return lastScore;
  }

  static double score(byte[] a, byte[] b) {
    long sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
    }
    return (double) sum / a.length;
  }
}

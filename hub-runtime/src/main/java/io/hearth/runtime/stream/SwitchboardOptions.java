package io.hearth.runtime.stream;

import io.vertx.core.json.JsonObject;
import java.time.Duration;

/**
 * Tuning of the {@link Switchboard}: how long an unwatched upstream lingers, how reconnects back
 * off, how much of the latest group of pictures is kept per camera, and how many viewers a camera
 * may have. Every limit is bounded so that one camera or one viewer cannot exhaust the hub.
 */
public final class SwitchboardOptions {
  /** Keep an upstream open this long after its last viewer leaves, for quick re-views. */
  public static final Duration DEFAULT_LINGER = Duration.ofSeconds(10);

  /** First reconnect delay after an upstream failure (before jitter). */
  public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);

  /** Longest reconnect delay (before jitter). */
  public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(30);

  /** After an upstream has delivered frames this long, the next failure starts from the start. */
  public static final Duration DEFAULT_BACKOFF_RESET = Duration.ofSeconds(10);

  /** Most bytes of cached group of pictures per camera. */
  public static final int DEFAULT_GOP_MAX_BYTES = 8 * 1024 * 1024;

  /** Most frames of cached group of pictures per camera. */
  public static final int DEFAULT_GOP_MAX_FRAMES = 300;

  /** Most viewers of one camera at once. */
  public static final int DEFAULT_MAX_VIEWERS_PER_CAMERA = 32;

  private Duration linger = DEFAULT_LINGER;
  private Duration backoffInitial = DEFAULT_BACKOFF_INITIAL;
  private Duration backoffMax = DEFAULT_BACKOFF_MAX;
  private Duration backoffReset = DEFAULT_BACKOFF_RESET;
  private int gopMaxBytes = DEFAULT_GOP_MAX_BYTES;
  private int gopMaxFrames = DEFAULT_GOP_MAX_FRAMES;
  private int maxViewersPerCamera = DEFAULT_MAX_VIEWERS_PER_CAMERA;

  public SwitchboardOptions() {}

  /** Reads the keys of {@link #toJson()}; missing keys keep their defaults. */
  public SwitchboardOptions(JsonObject json) {
    setLinger(millis(json, "linger-ms", linger));
    setBackoffInitial(millis(json, "backoff-initial-ms", backoffInitial));
    setBackoffMax(millis(json, "backoff-max-ms", backoffMax));
    setBackoffReset(millis(json, "backoff-reset-ms", backoffReset));
    setGopMaxBytes(json.getInteger("gop-max-bytes", gopMaxBytes));
    setGopMaxFrames(json.getInteger("gop-max-frames", gopMaxFrames));
    setMaxViewersPerCamera(json.getInteger("max-viewers-per-camera", maxViewersPerCamera));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("linger-ms", linger.toMillis())
        .put("backoff-initial-ms", backoffInitial.toMillis())
        .put("backoff-max-ms", backoffMax.toMillis())
        .put("backoff-reset-ms", backoffReset.toMillis())
        .put("gop-max-bytes", gopMaxBytes)
        .put("gop-max-frames", gopMaxFrames)
        .put("max-viewers-per-camera", maxViewersPerCamera);
  }

  public Duration getLinger() {
    return linger;
  }

  /** Zero closes an upstream as soon as its last viewer leaves. */
  public SwitchboardOptions setLinger(Duration linger) {
    this.linger = atLeast("linger", linger, Duration.ZERO);
    return this;
  }

  public Duration getBackoffInitial() {
    return backoffInitial;
  }

  public SwitchboardOptions setBackoffInitial(Duration backoffInitial) {
    this.backoffInitial = atLeast("backoff initial", backoffInitial, Duration.ofMillis(1));
    return this;
  }

  public Duration getBackoffMax() {
    return backoffMax;
  }

  public SwitchboardOptions setBackoffMax(Duration backoffMax) {
    this.backoffMax = atLeast("backoff max", backoffMax, Duration.ofMillis(1));
    return this;
  }

  public Duration getBackoffReset() {
    return backoffReset;
  }

  public SwitchboardOptions setBackoffReset(Duration backoffReset) {
    this.backoffReset = atLeast("backoff reset", backoffReset, Duration.ZERO);
    return this;
  }

  public int getGopMaxBytes() {
    return gopMaxBytes;
  }

  /** Zero disables the cache (new viewers then wait for the next keyframe). */
  public SwitchboardOptions setGopMaxBytes(int gopMaxBytes) {
    this.gopMaxBytes = atLeast("gop max bytes", gopMaxBytes, 0);
    return this;
  }

  public int getGopMaxFrames() {
    return gopMaxFrames;
  }

  /** Zero disables the cache (new viewers then wait for the next keyframe). */
  public SwitchboardOptions setGopMaxFrames(int gopMaxFrames) {
    this.gopMaxFrames = atLeast("gop max frames", gopMaxFrames, 0);
    return this;
  }

  public int getMaxViewersPerCamera() {
    return maxViewersPerCamera;
  }

  public SwitchboardOptions setMaxViewersPerCamera(int maxViewersPerCamera) {
    this.maxViewersPerCamera = atLeast("max viewers per camera", maxViewersPerCamera, 1);
    return this;
  }

  private static Duration millis(JsonObject json, String key, Duration fallback) {
    return Duration.ofMillis(json.getLong(key, fallback.toMillis()));
  }

  private static Duration atLeast(String name, Duration value, Duration min) {
    if (value == null || value.compareTo(min) < 0) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
    }
    return value;
  }

  private static int atLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
    }
    return value;
  }
}

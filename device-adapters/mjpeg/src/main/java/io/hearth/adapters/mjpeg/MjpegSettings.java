package io.hearth.adapters.mjpeg;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.spi.ModuleContext;
import java.time.Duration;
import java.util.List;

/**
 * The {@code mjpeg} configuration section as one typed, immutable value: how long to wait for a
 * camera, and how large an image may be. The {@code with*} methods validate and return a copy.
 */
public final class MjpegSettings {
  public static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_FRAME_TIMEOUT_S = 10;
  public static final int DEFAULT_SNAPSHOT_TIMEOUT_MS = 10_000;
  public static final int DEFAULT_MAX_FRAME_BYTES = 4 << 20;

  public static final ConfigKey<Integer> CONNECT_TIMEOUT_MS =
      ConfigKey.integer(
          "mjpeg.connect-timeout-ms",
          "How long to wait for a camera's TCP (and TLS) connection, in milliseconds.",
          DEFAULT_CONNECT_TIMEOUT_MS,
          100,
          60_000);
  public static final ConfigKey<Integer> FRAME_TIMEOUT_S =
      ConfigKey.integer(
          "mjpeg.frame-timeout-s",
          "A stream with no complete image for this many seconds (the first one included) goes"
              + " OFFLINE with reason TIMEOUT.",
          DEFAULT_FRAME_TIMEOUT_S,
          1,
          300);
  public static final ConfigKey<Integer> SNAPSHOT_TIMEOUT_MS =
      ConfigKey.integer(
          "mjpeg.snapshot-timeout-ms",
          "How long a snapshot may take from connecting to the last byte, in milliseconds.",
          DEFAULT_SNAPSHOT_TIMEOUT_MS,
          100,
          120_000);
  public static final ConfigKey<Integer> MAX_FRAME_BYTES =
      ConfigKey.integer(
          "mjpeg.max-frame-bytes",
          "Largest JPEG accepted from a stream or as a snapshot, in bytes; larger ones are a"
              + " protocol error.",
          DEFAULT_MAX_FRAME_BYTES,
          64 << 10,
          64 << 20);
  public static final ConfigKey<Boolean> TRUST_ALL_CERTIFICATES =
      ConfigKey.bool(
          "mjpeg.trust-all-certificates",
          "Accept any TLS certificate from https:// cameras (many have self-signed ones). Leave"
              + " false unless you know the camera's network is safe.",
          false);

  private final Duration connectTimeout;
  private final Duration frameTimeout;
  private final Duration snapshotTimeout;
  private final int maxFrameBytes;
  private final boolean trustAllCertificates;

  private MjpegSettings(
      Duration connect, Duration frame, Duration snapshot, int maxFrameBytes, boolean trustAll) {
    this.connectTimeout = positive(connect, "connect timeout");
    this.frameTimeout = positive(frame, "frame timeout");
    this.snapshotTimeout = positive(snapshot, "snapshot timeout");
    if (maxFrameBytes < 1024) {
      throw new IllegalArgumentException("max frame bytes must be at least 1024: " + maxFrameBytes);
    }
    this.maxFrameBytes = maxFrameBytes;
    this.trustAllCertificates = trustAll;
  }

  /** Every key of the section, for {@link io.hearth.runtime.spi.HubModule#configKeys()}. */
  public static List<ConfigKey<?>> keys() {
    return List.of(
        CONNECT_TIMEOUT_MS,
        FRAME_TIMEOUT_S,
        SNAPSHOT_TIMEOUT_MS,
        MAX_FRAME_BYTES,
        TRUST_ALL_CERTIFICATES);
  }

  public static MjpegSettings defaults() {
    return new MjpegSettings(
        Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MS),
        Duration.ofSeconds(DEFAULT_FRAME_TIMEOUT_S),
        Duration.ofMillis(DEFAULT_SNAPSHOT_TIMEOUT_MS),
        DEFAULT_MAX_FRAME_BYTES,
        false);
  }

  /** The effective settings of a running hub. */
  public static MjpegSettings from(ModuleContext hub) {
    return new MjpegSettings(
        Duration.ofMillis(hub.config(CONNECT_TIMEOUT_MS)),
        Duration.ofSeconds(hub.config(FRAME_TIMEOUT_S)),
        Duration.ofMillis(hub.config(SNAPSHOT_TIMEOUT_MS)),
        hub.config(MAX_FRAME_BYTES),
        hub.config(TRUST_ALL_CERTIFICATES));
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration frameTimeout() {
    return frameTimeout;
  }

  public Duration snapshotTimeout() {
    return snapshotTimeout;
  }

  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  public boolean trustAllCertificates() {
    return trustAllCertificates;
  }

  public MjpegSettings withConnectTimeout(Duration value) {
    return new MjpegSettings(
        value, frameTimeout, snapshotTimeout, maxFrameBytes, trustAllCertificates);
  }

  public MjpegSettings withFrameTimeout(Duration value) {
    return new MjpegSettings(
        connectTimeout, value, snapshotTimeout, maxFrameBytes, trustAllCertificates);
  }

  public MjpegSettings withSnapshotTimeout(Duration value) {
    return new MjpegSettings(
        connectTimeout, frameTimeout, value, maxFrameBytes, trustAllCertificates);
  }

  public MjpegSettings withMaxFrameBytes(int value) {
    return new MjpegSettings(
        connectTimeout, frameTimeout, snapshotTimeout, value, trustAllCertificates);
  }

  public MjpegSettings withTrustAllCertificates(boolean value) {
    return new MjpegSettings(connectTimeout, frameTimeout, snapshotTimeout, maxFrameBytes, value);
  }

  private static Duration positive(Duration value, String what) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + value);
    }
    return value;
  }
}

package io.hearth.runtime.stream;

import io.hearth.runtime.config.ConfigException;
import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.time.Duration;
import java.util.List;

/**
 * The switchboard's configuration section, {@code stream}: how long an unwatched camera stays
 * connected, how its reconnects back off, how much of the latest group of pictures is kept for a
 * new viewer's first frame, and how many viewers one camera may have. Read into {@link
 * SwitchboardOptions}, which validates the combination.
 */
public final class StreamSettings {
  public static final ConfigKey<Integer> LINGER_MS =
      ConfigKey.integer(
          "stream.linger-ms",
          "How long a camera's connection stays open after its last viewer leaves, so a viewer"
              + " who comes back gets a picture at once.",
          (int) SwitchboardOptions.DEFAULT_LINGER.toMillis(),
          0,
          600_000);
  public static final ConfigKey<Integer> BACKOFF_INITIAL_MS =
      ConfigKey.integer(
          "stream.backoff-initial-ms",
          "First wait before reconnecting a camera that dropped (doubles, with jitter).",
          (int) SwitchboardOptions.DEFAULT_BACKOFF_INITIAL.toMillis(),
          100,
          60_000);
  public static final ConfigKey<Integer> BACKOFF_MAX_MS =
      ConfigKey.integer(
          "stream.backoff-max-ms",
          "Longest wait between reconnects of a camera that stays unreachable.",
          (int) SwitchboardOptions.DEFAULT_BACKOFF_MAX.toMillis(),
          1_000,
          600_000);
  public static final ConfigKey<Integer> BACKOFF_RESET_MS =
      ConfigKey.integer(
          "stream.backoff-reset-ms",
          "How long a camera must stream before its backoff starts again from the first wait.",
          (int) SwitchboardOptions.DEFAULT_BACKOFF_RESET.toMillis(),
          1_000,
          600_000);
  public static final ConfigKey<Integer> GOP_MAX_BYTES =
      ConfigKey.integer(
          "stream.gop-max-bytes",
          "Most bytes of a camera's latest group of pictures kept for new viewers (0: none; new"
              + " viewers then wait for the next keyframe).",
          SwitchboardOptions.DEFAULT_GOP_MAX_BYTES,
          0,
          256 * 1024 * 1024);
  public static final ConfigKey<Integer> GOP_MAX_FRAMES =
      ConfigKey.integer(
          "stream.gop-max-frames",
          "Most frames of a camera's latest group of pictures kept for new viewers.",
          SwitchboardOptions.DEFAULT_GOP_MAX_FRAMES,
          0,
          10_000);
  public static final ConfigKey<Integer> MAX_VIEWERS_PER_CAMERA =
      ConfigKey.integer(
          "stream.max-viewers-per-camera",
          "Most viewers watching one camera at once.",
          SwitchboardOptions.DEFAULT_MAX_VIEWERS_PER_CAMERA,
          1,
          1_000);
  public static final ConfigKey<Boolean> CONNECT_AT_START =
      ConfigKey.bool(
          "stream.connect-at-start",
          "Connect the cameras that paired displays may watch as the hub starts, before it opens"
              + " its listeners, so displays coming back after a restart get a picture at once; one"
              + " that no viewer joins within 30 s closes again.",
          true);

  private StreamSettings() {}

  public static List<ConfigKey<?>> keys() {
    return List.of(
        LINGER_MS,
        BACKOFF_INITIAL_MS,
        BACKOFF_MAX_MS,
        BACKOFF_RESET_MS,
        GOP_MAX_BYTES,
        GOP_MAX_FRAMES,
        MAX_VIEWERS_PER_CAMERA,
        CONNECT_AT_START);
  }

  /** The switchboard's options as configured; fails with the reason if they do not fit together. */
  public static SwitchboardOptions options(HubConfig config) {
    if (config.get(BACKOFF_MAX_MS) < config.get(BACKOFF_INITIAL_MS)) {
      throw new ConfigException(
          BACKOFF_MAX_MS.name()
              + " ("
              + config.get(BACKOFF_MAX_MS)
              + ") must not be below "
              + BACKOFF_INITIAL_MS.name()
              + " ("
              + config.get(BACKOFF_INITIAL_MS)
              + ")");
    }
    return new SwitchboardOptions()
        .setLinger(Duration.ofMillis(config.get(LINGER_MS)))
        .setBackoffInitial(Duration.ofMillis(config.get(BACKOFF_INITIAL_MS)))
        .setBackoffMax(Duration.ofMillis(config.get(BACKOFF_MAX_MS)))
        .setBackoffReset(Duration.ofMillis(config.get(BACKOFF_RESET_MS)))
        .setGopMaxBytes(config.get(GOP_MAX_BYTES))
        .setGopMaxFrames(config.get(GOP_MAX_FRAMES))
        .setMaxViewersPerCamera(config.get(MAX_VIEWERS_PER_CAMERA));
  }
}

package io.hearth.runtime.recording;

import io.hearth.runtime.config.ConfigKey;
import java.util.List;

/** The {@code recording.*} keys: segment length, retention by age and by a share of the disk. */
public final class RecordingSettings {
  public static final ConfigKey<Integer> SEGMENT_SECONDS =
      ConfigKey.integer(
          "recording.segment-seconds",
          "Length of a recorded segment; a segment starts at a keyframe, so it may run longer.",
          10,
          2,
          600);
  public static final ConfigKey<Integer> RETENTION_DAYS =
      ConfigKey.integer(
          "recording.retention-days",
          "Recordings older than this are deleted, oldest first.",
          7,
          1,
          3650);
  public static final ConfigKey<Integer> DISK_PERCENT =
      ConfigKey.integer(
          "recording.disk-percent",
          "Most of the data directory's disk that recordings may take (percent of its size);"
              + " the oldest go first to keep within it.",
          50,
          1,
          90);

  public static final ConfigKey<Integer> MAX_MEGABYTES =
      ConfigKey.integer(
          "recording.max-megabytes",
          "A fixed ceiling for recordings in MiB, below the disk share; 0 means the share alone.",
          0,
          0,
          Integer.MAX_VALUE);

  public static final ConfigKey<Integer> MOTION_THRESHOLD =
      ConfigKey.integer(
          "recording.motion-threshold",
          "Motion detection on recorded cameras: the mean change per pixel (0-255) of a 64x36 grey"
              + " picture, keyframe to keyframe, that counts as motion; lower is more sensitive."
              + " 0 turns detection off. Needs ffmpeg.",
          6,
          0,
          255);
  public static final ConfigKey<Integer> MOTION_HOLD_SECONDS =
      ConfigKey.integer(
          "recording.motion-hold-seconds",
          "Motion ends this long after the last picture that moved.",
          5,
          1,
          600);

  public static final ConfigKey<Integer> PRE_ROLL_SECONDS =
      ConfigKey.integer(
          "recording.pre-roll-seconds",
          "An event's clip starts this long before the event (from the segment covering it).",
          5,
          0,
          60);
  public static final ConfigKey<Integer> POST_ROLL_SECONDS =
      ConfigKey.integer(
          "recording.post-roll-seconds",
          "An event's clip goes on this long after the event ended.",
          5,
          0,
          300);
  public static final ConfigKey<Integer> EVENT_MAX_SECONDS =
      ConfigKey.integer(
          "recording.event-max-seconds",
          "The longest camera event: one still open after this is closed (motion must stop and"
              + " start again for the next).",
          300,
          10,
          86_400);

  public static final ConfigKey<Integer> PLAYBACK_MEMORY_MB =
      ConfigKey.integer(
          "recording.playback-memory-mb",
          "Most memory (MB) that recordings being played may hold at once, all viewers together"
              + " (each holds one or two decrypted segments); more viewers wait their turn.",
          32,
          1,
          4096);

  private RecordingSettings() {}

  public static List<ConfigKey<?>> keys() {
    return List.of(
        SEGMENT_SECONDS,
        RETENTION_DAYS,
        DISK_PERCENT,
        MAX_MEGABYTES,
        MOTION_THRESHOLD,
        MOTION_HOLD_SECONDS,
        PRE_ROLL_SECONDS,
        POST_ROLL_SECONDS,
        EVENT_MAX_SECONDS,
        PLAYBACK_MEMORY_MB);
  }
}

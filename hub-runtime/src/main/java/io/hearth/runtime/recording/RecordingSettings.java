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

  private RecordingSettings() {}

  public static List<ConfigKey<?>> keys() {
    return List.of(SEGMENT_SECONDS, RETENTION_DAYS, DISK_PERCENT, MAX_MEGABYTES);
  }
}

package io.hearth.runtime.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one timestamp format of every API answer, event payload and audit entry: ISO-8601 in UTC with
 * milliseconds ({@code 2026-12-05T19:07:46.123Z}, RFC 3339 {@code date-time}). The store keeps
 * epoch milliseconds; only what leaves the hub is formatted, so one clock reading has one spelling.
 */
public final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** Epoch milliseconds as an RFC 3339 UTC string. */
  public static String iso(long epochMillis) {
    return FORMAT.format(Instant.ofEpochMilli(epochMillis));
  }

  /** Like {@link #iso(long)}, but null stays null (never expires, not revoked). */
  public static String isoOrNull(Long epochMillis) {
    return epochMillis == null ? null : iso(epochMillis);
  }

  /** An RFC 3339 string back to epoch milliseconds; throws on anything else. */
  public static long millis(String iso) {
    return java.time.OffsetDateTime.parse(iso).toInstant().toEpochMilli();
  }
}

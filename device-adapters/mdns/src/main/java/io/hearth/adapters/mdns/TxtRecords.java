package io.hearth.adapters.mdns;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bounded reader of DNS-SD TXT data (RFC 6763 section 6): length-prefixed {@code key=value}
 * strings. A network can announce anything, so it keeps at most {@link #MAX_ENTRIES} entries,
 * {@link #MAX_VALUE} characters of each value, drops control characters, lowercases keys, keeps the
 * first of repeated keys and stops at the first entry that runs past the end.
 */
public final class TxtRecords {
  public static final int MAX_ENTRIES = 32;
  public static final int MAX_VALUE = 256;
  static final int MAX_KEY = 64;

  private TxtRecords() {}

  public static Map<String, String> parse(byte[] data) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (data == null) {
      return entries;
    }
    int offset = 0;
    while (offset < data.length && entries.size() < MAX_ENTRIES) {
      int length = data[offset] & 0xff;
      offset++;
      if (offset + length > data.length) {
        break;
      }
      String entry = new String(data, offset, length, StandardCharsets.UTF_8);
      offset += length;
      int equals = entry.indexOf('=');
      String key = clean(equals < 0 ? entry : entry.substring(0, equals), MAX_KEY);
      String value = equals < 0 ? "" : clean(entry.substring(equals + 1), MAX_VALUE);
      if (!key.isEmpty()) {
        entries.putIfAbsent(key.toLowerCase(Locale.ROOT), value);
      }
    }
    return entries;
  }

  /** {@code text} without control characters, trimmed and cut to {@code max} characters. */
  public static String clean(String text, int max) {
    String stripped = text.replaceAll("[\\p{Cntrl}\\p{Cf}\\uFFFD]", "").strip();
    return stripped.length() > max ? stripped.substring(0, max) : stripped;
  }
}

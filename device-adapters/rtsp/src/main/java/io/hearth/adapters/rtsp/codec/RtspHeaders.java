package io.hearth.adapters.rtsp.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Immutable, ordered RTSP header fields with case-insensitive names (RFC 2326 §4.2). Repeated
 * fields are kept in order, since cameras send one {@code WWW-Authenticate} line per scheme.
 */
public final class RtspHeaders {
  /** One header line. */
  public record Field(String name, String value) {}

  private static final RtspHeaders EMPTY = new RtspHeaders(List.of());

  private final List<Field> fields;

  private RtspHeaders(List<Field> fields) {
    this.fields = List.copyOf(fields);
  }

  public static RtspHeaders of(List<Field> fields) {
    return fields.isEmpty() ? EMPTY : new RtspHeaders(fields);
  }

  public static RtspHeaders empty() {
    return EMPTY;
  }

  /** The fields in the order they arrived. */
  public List<Field> fields() {
    return fields;
  }

  /** The first value of the named field, if present. */
  public Optional<String> get(String name) {
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        return Optional.of(field.value());
      }
    }
    return Optional.empty();
  }

  /** Every value of the named field, in order. */
  public List<String> getAll(String name) {
    List<String> values = new ArrayList<>();
    for (Field field : fields) {
      if (field.name().equalsIgnoreCase(name)) {
        values.add(field.value());
      }
    }
    return values;
  }

  public int size() {
    return fields.size();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    for (Field field : fields) {
      String shown =
          field.name().toLowerCase(Locale.ROOT).equals("authorization") ? "***" : field.value();
      out.append(field.name()).append(": ").append(shown).append('\n');
    }
    return out.toString();
  }
}

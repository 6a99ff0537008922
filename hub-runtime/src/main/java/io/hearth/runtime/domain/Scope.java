package io.hearth.runtime.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a grant allows on a camera or device: live view, snapshots, events (state and history),
 * control (commands to a device).
 */
public enum Scope {
  LIVE,
  SNAPSHOT,
  EVENTS,
  CONTROL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Scope parse(String text) {
    for (Scope scope : values()) {
      if (scope.wireName().equals(text)) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "scope must be live, snapshot, events or control, not '" + text + "'");
  }

  /** Stored form: comma-separated wire names in declaration order. */
  public static String format(Set<Scope> scopes) {
    return scopes.stream().sorted().map(Scope::wireName).collect(Collectors.joining(","));
  }

  public static Set<Scope> parseAll(String stored) {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String part : stored.split(",")) {
      if (!part.isBlank()) {
        scopes.add(parse(part.trim()));
      }
    }
    return scopes;
  }
}

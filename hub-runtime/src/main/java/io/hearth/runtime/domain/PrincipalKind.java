package io.hearth.runtime.domain;

import java.util.Locale;

/** Who can hold a token and grants: a member, a paired display, or an automation. */
public enum PrincipalKind {
  MEMBER,
  DISPLAY,
  AUTOMATION;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static PrincipalKind parse(String text) {
    for (PrincipalKind kind : values()) {
      if (kind.wireName().equals(text)) {
        return kind;
      }
    }
    throw new IllegalArgumentException(
        "kind must be member, display or automation, not '" + text + "'");
  }
}

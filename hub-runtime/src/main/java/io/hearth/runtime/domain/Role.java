package io.hearth.runtime.domain;

import java.util.Locale;

/** A member's role: the owner runs the home, adults and guests see what they are granted. */
public enum Role {
  OWNER,
  ADULT,
  GUEST;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a wire name, or throws IllegalArgumentException naming the accepted values. */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.wireName().equals(text)) {
        return role;
      }
    }
    throw new IllegalArgumentException("role must be owner, adult or guest, not '" + text + "'");
  }
}

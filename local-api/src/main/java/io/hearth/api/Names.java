package io.hearth.api;

import io.hearth.runtime.error.HubException;

/**
 * Names people give things (a room, a display): trimmed, 1 to {@value #MAX} characters, none of
 * them a control character or an invisible formatting one (a right-to-left override would make a
 * name read as another in every list that shows it).
 */
final class Names {
  static final int MAX = 64;

  private Names() {}

  /** The name as stored, or a 400 that says what {@code what} (e.g. "a room name") may be. */
  static String checked(String text, String what) {
    String name = text == null ? "" : text.strip();
    if (name.isEmpty()) {
      throw HubException.badRequest(what + " must not be empty; type a name such as Kitchen");
    }
    if (name.length() > MAX) {
      throw HubException.badRequest(
          what + " is at most " + MAX + " characters; this one has " + name.length());
    }
    if (name.codePoints().anyMatch(Names::hidden)) {
      throw HubException.badRequest(
          what
              + " may hold letters, digits, spaces and punctuation, but no control or invisible"
              + " characters");
    }
    return name;
  }

  private static boolean hidden(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.SURROGATE
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}

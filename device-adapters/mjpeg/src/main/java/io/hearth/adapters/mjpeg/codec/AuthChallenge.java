package io.hearth.adapters.mjpeg.codec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header: its scheme (lowercase) and parameters (names
 * lowercase). A header may hold several challenges separated by commas.
 */
public record AuthChallenge(String scheme, Map<String, String> params) {
  /** Every challenge in one header value; unparseable text ends the list early. */
  public static List<AuthChallenge> parse(String header) {
    List<AuthChallenge> challenges = new ArrayList<>();
    Tokens tokens = new Tokens(header);
    AuthChallenge current = null;
    while (tokens.skipSeparators()) {
      String word = tokens.token();
      if (word.isEmpty()) {
        break;
      }
      if (tokens.peek() == '=' && current != null) {
        tokens.next();
        current.params.put(word.toLowerCase(Locale.ROOT), tokens.value());
      } else {
        current = new AuthChallenge(word.toLowerCase(Locale.ROOT), new LinkedHashMap<>());
        challenges.add(current);
      }
    }
    return challenges;
  }

  /** A parameter, or the empty string. */
  public String param(String name) {
    return params.getOrDefault(name, "");
  }

  /** A small cursor over the header text. */
  private static final class Tokens {
    private final String text;
    private int pos;

    Tokens(String text) {
      this.text = text == null ? "" : text;
    }

    boolean skipSeparators() {
      while (pos < text.length() && (text.charAt(pos) == ',' || text.charAt(pos) == ' ')) {
        pos++;
      }
      return pos < text.length();
    }

    char peek() {
      skipSpaces();
      return pos < text.length() ? text.charAt(pos) : 0;
    }

    void next() {
      pos++;
    }

    String token() {
      skipSpaces();
      int start = pos;
      while (pos < text.length() && "=, \t\"".indexOf(text.charAt(pos)) < 0) {
        pos++;
      }
      return text.substring(start, pos);
    }

    String value() {
      skipSpaces();
      if (pos >= text.length() || text.charAt(pos) != '"') {
        return token();
      }
      StringBuilder value = new StringBuilder();
      pos++;
      while (pos < text.length() && text.charAt(pos) != '"') {
        if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
          pos++;
        }
        value.append(text.charAt(pos++));
      }
      pos++;
      return value.toString();
    }

    private void skipSpaces() {
      while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
        pos++;
      }
    }
  }
}

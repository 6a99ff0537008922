package io.hearth.runtime.net.auth;

import io.hearth.runtime.net.HeaderText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One authentication challenge from a {@code WWW-Authenticate} header (RFC 7235 §4.1): a scheme and
 * its parameters, with quoted strings unescaped. A header value may hold several challenges;
 * parameters in {@code token68} form (used by neither Basic nor Digest challenges) are refused.
 *
 * @param scheme for example {@code Digest} or {@code Basic}
 * @param parameters by lower-cased name
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {
  public static final int MAX_HEADER_CHARS = 4096;
  public static final int MAX_PARAMETERS = 32;
  public static final int MAX_CHALLENGES = 8;

  public AuthChallenge {
    parameters = Map.copyOf(parameters);
  }

  /** A parameter by case-insensitive name. */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  public boolean isScheme(String name) {
    return scheme.equalsIgnoreCase(name);
  }

  /** Parses every challenge of one header value. */
  public static List<AuthChallenge> parse(String headerValue) throws AuthException {
    if (headerValue.length() > MAX_HEADER_CHARS) {
      throw new AuthException("WWW-Authenticate longer than " + MAX_HEADER_CHARS + " chars");
    }
    return new Reader(headerValue).challenges();
  }

  /** Every challenge of every {@code WWW-Authenticate} header of one answer, in order. */
  public static List<AuthChallenge> parseAll(Iterable<String> headerValues) throws AuthException {
    List<AuthChallenge> all = new ArrayList<>();
    for (String value : headerValues) {
      all.addAll(parse(value));
      if (all.size() > MAX_CHALLENGES) {
        throw new AuthException(
            "WWW-Authenticate headers hold more than " + MAX_CHALLENGES + " challenges");
      }
    }
    return all;
  }

  /**
   * The challenge to answer among all the camera offered: Digest with SHA-256, then Digest with
   * MD5, then Basic, which sends the password readable by anyone on the network path.
   */
  public static Optional<AuthChallenge> strongest(List<AuthChallenge> offered) {
    Optional<AuthChallenge> best = Optional.empty();
    int bestRank = 0;
    for (AuthChallenge challenge : offered) {
      int rank = rank(challenge);
      if (rank > bestRank) {
        best = Optional.of(challenge);
        bestRank = rank;
      }
    }
    return best;
  }

  private static int rank(AuthChallenge challenge) {
    if (challenge.isScheme("Basic")) {
      return 1;
    }
    if (!challenge.isScheme("Digest")) {
      return 0;
    }
    String algorithm = challenge.parameter("algorithm").orElse("MD5").toUpperCase(Locale.ROOT);
    return switch (algorithm) {
      case "SHA-256", "SHA-256-SESS" -> 3;
      case "MD5", "MD5-SESS" -> 2;
      default -> 0;
    };
  }

  /** A cursor over one header value. */
  private static final class Reader {
    private final String text;
    private int pos;

    Reader(String text) {
      this.text = text;
    }

    List<AuthChallenge> challenges() throws AuthException {
      List<AuthChallenge> out = new ArrayList<>();
      skipSeparators();
      while (pos < text.length()) {
        if (out.size() == MAX_CHALLENGES) {
          throw new AuthException(
              "WWW-Authenticate holds more than " + MAX_CHALLENGES + " challenges");
        }
        String scheme = token("authentication scheme");
        out.add(new AuthChallenge(scheme, parameters()));
        skipSeparators();
      }
      return out;
    }

    private Map<String, String> parameters() throws AuthException {
      Map<String, String> params = new LinkedHashMap<>();
      while (true) {
        skipSeparators();
        int mark = pos;
        if (pos == text.length() || !HeaderText.isTokenChar(text.charAt(pos))) {
          return params;
        }
        String name = token("parameter name").toLowerCase(Locale.ROOT);
        skipSpaces();
        if (pos == text.length() || text.charAt(pos) != '=') {
          pos = mark; // a bare token starts the next challenge
          return params;
        }
        pos++;
        skipSpaces();
        String value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : token(name);
        if (params.put(name, value) != null || params.size() > MAX_PARAMETERS) {
          throw new AuthException("challenge parameter '" + name + "' repeated, or over 32");
        }
      }
    }

    private String token(String what) throws AuthException {
      int start = pos;
      while (pos < text.length() && HeaderText.isTokenChar(text.charAt(pos))) {
        pos++;
      }
      if (start == pos) {
        throw new AuthException(
            "WWW-Authenticate: expected "
                + what
                + " at column "
                + pos
                + " of '"
                + HeaderText.shorten(text)
                + "'");
      }
      return text.substring(start, pos);
    }

    private String quoted() throws AuthException {
      StringBuilder value = new StringBuilder();
      for (pos++; pos < text.length(); pos++) {
        char c = text.charAt(pos);
        if (c == '"') {
          pos++;
          return value.toString();
        }
        if (c == '\\' && pos + 1 < text.length()) {
          c = text.charAt(++pos);
        }
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
          throw new AuthException("WWW-Authenticate: control character in a quoted string");
        }
        value.append(c);
      }
      throw new AuthException(
          "WWW-Authenticate: quoted string not closed: '" + HeaderText.shorten(text) + "'");
    }

    private void skipSeparators() {
      while (pos < text.length() && (text.charAt(pos) == ',' || isSpace(text.charAt(pos)))) {
        pos++;
      }
    }

    private void skipSpaces() {
      while (pos < text.length() && isSpace(text.charAt(pos))) {
        pos++;
      }
    }

    private static boolean isSpace(char c) {
      return c == ' ' || c == '\t';
    }
  }
}

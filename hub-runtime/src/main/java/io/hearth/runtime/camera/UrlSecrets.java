package io.hearth.runtime.camera;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets that cameras take in the query of their URL ({@code ?user=admin&password=...}, {@code
 * &pwd=}, {@code &loginuse=&loginpas=}, {@code &token=}...). A URL is split into a form that is
 * safe to store, show and log, with each secret value replaced by {@link #PLACEHOLDER}, and the
 * values taken out; the values are put back only for the adapter that connects. Values are kept raw
 * (percent-encoded as given), so a URL is rebuilt byte for byte.
 */
public final class UrlSecrets {
  /** What stands in a URL for a secret value. */
  public static final String PLACEHOLDER = "***";

  private static final Set<String> NAMES =
      Set.of(
          "user",
          "usr",
          "username",
          "password",
          "pwd",
          "passwd",
          "pass",
          "psw",
          "auth",
          "token",
          "key",
          "apikey",
          "secret",
          "loginuse",
          "loginpas",
          "login",
          "sig",
          "signature");
  private static final List<String> PARTS =
      List.of("pass", "pwd", "psw", "token", "secret", "key", "auth", "user", "login");

  /** A URL's scheme and user-info: {@code rtsp://user:pass@}. */
  private static final Pattern USER_INFO =
      Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/?#@\\s]*@");

  /** A query parameter with a value, after {@code ?} or {@code &}. */
  private static final Pattern PARAMETER = Pattern.compile("([?&])([^=&#?\\s]+)=([^&#\\s]+)");

  private UrlSecrets() {}

  /** A URL without its secret values, and those values by parameter key (see {@link #split}). */
  public record Split(URI url, Map<String, String> values) {}

  /** Whether a query parameter of this name (raw or decoded, any case) carries a secret. */
  public static boolean isSecret(String name) {
    String plain = decode(name).toLowerCase(Locale.ROOT);
    return NAMES.contains(plain) || PARTS.stream().anyMatch(plain::contains);
  }

  /**
   * Takes the secret values out of the URL's query. Keys are the parameter names as written; a name
   * repeated gets {@code #2}, {@code #3}... Values that are already the placeholder stay in place
   * and are not returned.
   */
  public static Split split(URI url) {
    if (url == null || url.getRawQuery() == null) {
      return new Split(url, Map.of());
    }
    Map<String, String> values = new LinkedHashMap<>();
    String query =
        rewrite(
            url.getRawQuery(),
            (key, value) -> {
              if (!PLACEHOLDER.equals(value)) {
                values.put(key, value);
              }
              return PLACEHOLDER;
            });
    return new Split(withRawQuery(url, query), Map.copyOf(values));
  }

  /** The URL with each placeholder that has a value in {@code values} replaced by that value. */
  public static URI fill(URI url, Map<String, String> values) {
    if (url == null || url.getRawQuery() == null || values.isEmpty()) {
      return url;
    }
    String query =
        rewrite(
            url.getRawQuery(),
            (key, value) -> PLACEHOLDER.equals(value) ? values.getOrDefault(key, value) : value);
    return withRawQuery(url, query);
  }

  /** The keys whose value in this URL is the placeholder. */
  public static Set<String> placeholders(URI url) {
    Set<String> keys = new java.util.LinkedHashSet<>();
    if (url != null && url.getRawQuery() != null) {
      rewrite(
          url.getRawQuery(),
          (key, value) -> {
            if (PLACEHOLDER.equals(value)) {
              keys.add(key);
            }
            return value;
          });
    }
    return keys;
  }

  /**
   * Text safe to show or log from a URL, an HTTP/RTSP request target or a message quoting one: the
   * user-info of every URL removed and every secret query value masked. The rest is unchanged.
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String plain = USER_INFO.matcher(text).replaceAll("$1");
    Matcher parameter = PARAMETER.matcher(plain);
    StringBuilder out = new StringBuilder(plain.length());
    while (parameter.find()) {
      String replacement =
          isSecret(parameter.group(2))
              ? parameter.group(1) + parameter.group(2) + "=" + PLACEHOLDER
              : parameter.group();
      parameter.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    parameter.appendTail(out);
    return out.toString();
  }

  /** Applies {@code change(key, rawValue)} to each non-empty secret parameter value. */
  private static String rewrite(String rawQuery, BinaryOperator<String> change) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (String part : rawQuery.split("&", -1)) {
      int equals = part.indexOf('=');
      String name = equals < 0 ? part : part.substring(0, equals);
      String value = equals < 0 ? "" : part.substring(equals + 1);
      if (value.isEmpty() || !isSecret(name)) {
        out.add(part);
        continue;
      }
      int n = seen.merge(name, 1, Integer::sum);
      out.add(name + "=" + change.apply(n == 1 ? name : name + "#" + n, value));
    }
    return String.join("&", out);
  }

  private static URI withRawQuery(URI url, String rawQuery) {
    String text = url.toString();
    String base = text.substring(0, text.indexOf('?'));
    String fragment = url.getRawFragment() == null ? "" : "#" + url.getRawFragment();
    return URI.create(base + "?" + rawQuery + fragment);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }
}

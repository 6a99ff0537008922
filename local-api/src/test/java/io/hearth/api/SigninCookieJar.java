package io.hearth.api;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * A person's sign-in as tests carry it: the two cookies a sign-in answer sets, packed into one
 * string ({@code cookie:<session>;<csrf>}) that {@link TestHub#authorized} sends as a same-origin
 * page would (Cookie header and X-Hearth-CSRF).
 */
final class SigninCookieJar {
  static final String PREFIX = "cookie:";

  private SigninCookieJar() {}

  /** The sign-in an answer's Set-Cookie headers carry. */
  static String token(HttpResponse<?> answer) {
    List<String> set = answer.headers().allValues("Set-Cookie");
    return PREFIX + value(set, "hearth_session") + ";" + value(set, "hearth_csrf");
  }

  static String value(List<String> setCookies, String name) {
    for (String header : setCookies) {
      if (header.startsWith(name + "=")) {
        return header.substring(name.length() + 1, header.indexOf(';'));
      }
    }
    throw new AssertionError("no cookie " + name + " in " + setCookies);
  }

  /** The Set-Cookie header of {@code name}, whole (to check its attributes). */
  static String header(HttpResponse<?> answer, String name) {
    return answer.headers().allValues("Set-Cookie").stream()
        .filter(h -> h.startsWith(name + "="))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no Set-Cookie " + name));
  }

  static String session(String token) {
    return token.substring(PREFIX.length(), token.indexOf(';'));
  }

  static String csrf(String token) {
    return token.substring(token.indexOf(';') + 1);
  }

  static HttpRequest.Builder apply(HttpRequest.Builder request, String token) {
    return request
        .header("Cookie", "hearth_session=" + session(token) + "; hearth_csrf=" + csrf(token))
        .header("X-Hearth-CSRF", csrf(token));
  }
}

package io.hearth.adapters.rtsp.restream;

import io.hearth.runtime.domain.RestreamCredential;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.net.auth.AuthChallenge;
import io.hearth.runtime.net.auth.AuthException;
import io.hearth.runtime.store.RestreamStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Checks a reader's {@code Authorization} against the re-stream credentials, for one connection:
 * Digest (MD5, RFC 2617, the scheme ffmpeg, go2rtc and Frigate speak) with a nonce of this
 * connection, or Basic over RTSPS only, so a password never crosses the network readable. Answers
 * the credential, or a 401 that says what was wrong (never which part of a secret).
 */
final class RestreamAuth {
  static final int MAX_HEADER_CHARS = 2048;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String nonce;
  private final boolean tls;

  RestreamAuth(boolean tls) {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    this.nonce = HexFormat.of().formatHex(bytes);
    this.tls = tls;
  }

  /** The challenges of a 401: Digest always, Basic too over TLS. */
  List<String> challenges() {
    String digest =
        "Digest realm=\"" + RestreamCredential.REALM + "\", nonce=\"" + nonce + "\", algorithm=MD5";
    return tls
        ? List.of(digest, "Basic realm=\"" + RestreamCredential.REALM + "\"")
        : List.of(digest);
  }

  Future<RestreamCredential> verify(RestreamStore store, String method, Optional<String> header) {
    if (header.isEmpty()) {
      return refused("this re-stream needs its credentials (user name and password)");
    }
    String value = header.get();
    if (value.length() > MAX_HEADER_CHARS) {
      return refused("the Authorization header is too long");
    }
    if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
      return basic(store, value.substring(6).trim());
    }
    try {
      List<AuthChallenge> parsed = AuthChallenge.parse(value);
      if (parsed.size() != 1 || !parsed.get(0).isScheme("Digest")) {
        return refused("only Digest (or Basic over RTSPS) is accepted");
      }
      return digest(store, method, parsed.get(0));
    } catch (AuthException e) {
      return refused("the Authorization header cannot be read: " + e.getMessage());
    }
  }

  private Future<RestreamCredential> basic(RestreamStore store, String encoded) {
    if (!tls) {
      return refused("Basic would send the password readable; use Digest, or RTSPS");
    }
    String pair;
    try {
      pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return refused("the Basic credentials are not base64");
    }
    int colon = pair.indexOf(':');
    if (colon <= 0) {
      return refused("the Basic credentials have no user name");
    }
    String secret = pair.substring(colon + 1);
    return store
        .byUsername(pair.substring(0, colon))
        .compose(found -> checked(found.filter(k -> k.matches(secret))));
  }

  private Future<RestreamCredential> digest(
      RestreamStore store, String method, AuthChallenge answer) {
    Optional<String> user = answer.parameter("username");
    Optional<String> response = answer.parameter("response");
    Optional<String> uri = answer.parameter("uri");
    if (user.isEmpty() || response.isEmpty() || uri.isEmpty()) {
      return refused("the Digest answer lacks username, uri or response");
    }
    if (!nonce.equals(answer.parameter("nonce").orElse(""))
        || !RestreamCredential.REALM.equals(answer.parameter("realm").orElse(""))) {
      return refused("the Digest answer is for another challenge; answer the latest one");
    }
    return store
        .byUsername(user.get())
        .compose(
            found ->
                checked(found.filter(k -> same(expected(k, method, uri.get(), answer), response))));
  }

  /** RFC 2617 §3.2.2.1: with qop=auth if the client chose it, else the RFC 2069 form. */
  private String expected(
      RestreamCredential credential, String method, String uri, AuthChallenge answer) {
    String ha2 = RestreamCredential.md5Hex(method + ":" + uri);
    Optional<String> qop = answer.parameter("qop");
    if (qop.isPresent()) {
      String nc = answer.parameter("nc").orElse("");
      String cnonce = answer.parameter("cnonce").orElse("");
      return RestreamCredential.md5Hex(
          String.join(":", credential.digestHa1(), nonce, nc, cnonce, qop.get(), ha2));
    }
    return RestreamCredential.md5Hex(credential.digestHa1() + ":" + nonce + ":" + ha2);
  }

  private static boolean same(String expected, Optional<String> given) {
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.US_ASCII),
        given.orElse("").toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }

  private static Future<RestreamCredential> checked(Optional<RestreamCredential> found) {
    return found
        .map(Future::succeededFuture)
        .orElseGet(() -> refused("wrong user name or password"));
  }

  private static <T> Future<T> refused(String why) {
    return Future.failedFuture(HubException.unauthorized("restream_credentials", why));
  }
}

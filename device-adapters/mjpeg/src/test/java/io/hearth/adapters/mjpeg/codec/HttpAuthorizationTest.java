package io.hearth.adapters.mjpeg.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpAuthorizationTest {
  @Test
  void digestMd5MatchesTheRfc2617Example() {
    String challenge =
        "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
            + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\","
            + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
    String header = answer(challenge, "Mufasa", "Circle Of Life", "/dir/index.html", "0a4f113b");
    assertTrue(header.contains("response=\"6629fae49393a05397450978507c4ef1\""), header);
    assertTrue(header.contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), header);
    assertTrue(header.contains("qop=auth, nc=00000001, cnonce=\"0a4f113b\""), header);
  }

  @Test
  void digestSha256MatchesTheRfc7616Example() {
    String challenge =
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256,"
            + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
            + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    String header =
        answer(
            challenge,
            "Mufasa",
            "Circle of Life",
            "/dir/index.html",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
    assertTrue(
        header.contains(
            "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""),
        header);
  }

  @Test
  void digestIsPreferredToBasicInOneHeader() {
    String header =
        answer("Basic realm=\"cam\", Digest realm=\"cam\", nonce=\"n\"", "a", "b", "/", "c");
    assertTrue(header.startsWith("Digest "), header);
    assertTrue(!header.contains("qop="), "no qop offered, so none answered: " + header);
  }

  @Test
  void basicIsUsernameColonPasswordInBase64() {
    assertEquals(
        "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
        answer("Basic realm=\"WallyWorld\"", "Aladdin", "open sesame", "/", "c"));
  }

  @Test
  void unknownSchemesAndAlgorithmsGetNoAnswer() {
    Optional<String> none =
        HttpAuthorization.answer(
            List.of("Bearer realm=\"x\"", "Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256"),
            "a",
            "b",
            "GET",
            "/",
            "c");
    assertTrue(none.isEmpty());
  }

  @Test
  void challengesParseQuotedEscapes() {
    List<AuthChallenge> parsed =
        AuthChallenge.parse("Digest realm=\"a \\\"quoted\\\" realm\", nonce=abc, Basic realm=x");
    assertEquals(2, parsed.size());
    assertEquals("a \"quoted\" realm", parsed.get(0).param("realm"));
    assertEquals("abc", parsed.get(0).param("nonce"));
    assertEquals("basic", parsed.get(1).scheme());
  }

  private static String answer(String challenge, String user, String pass, String uri, String cn) {
    return HttpAuthorization.answer(List.of(challenge), user, pass, "GET", uri, cn).orElseThrow();
  }
}

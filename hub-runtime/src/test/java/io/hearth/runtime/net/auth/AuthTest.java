package io.hearth.runtime.net.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthTest {
  private static final String RFC2617_CHALLENGE =
      "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
          + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\","
          + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

  @Test
  void answersTheRfc2617Example() throws AuthException {
    AuthChallenge challenge = AuthChallenge.parse(RFC2617_CHALLENGE).get(0);
    DigestAuth auth = DigestAuth.of(challenge, "Mufasa", "Circle Of Life", () -> "0a4f113b");
    String header = auth.authorization("GET", "/dir/index.html");
    assertEquals(
        "Digest username=\"Mufasa\", realm=\"testrealm@host.com\","
            + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\","
            + " response=\"6629fae49393a05397450978507c4ef1\", qop=auth, nc=00000001,"
            + " cnonce=\"0a4f113b\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
        header);
    assertTrue(auth.authorization("GET", "/dir/index.html").contains("nc=00000002"));
  }

  @Test
  void answersTheRfc7616Sha256Example() throws AuthException {
    AuthChallenge challenge =
        AuthChallenge.parse(
                "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256,"
                    + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                    + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"")
            .get(0);
    DigestAuth auth =
        DigestAuth.of(
            challenge,
            "Mufasa",
            "Circle of Life",
            () -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
    String header = auth.authorization("GET", "/dir/index.html");
    assertTrue(
        header.contains(
            "response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""),
        header);
    assertTrue(header.contains("algorithm=SHA-256"), header);
  }

  @Test
  void answersWithoutQopAsOldCamerasExpect() throws AuthException {
    AuthChallenge challenge =
        AuthChallenge.parse("Digest realm=\"IP Camera(C1234)\", nonce=\"abc\", stale=\"FALSE\"")
            .get(0);
    String header =
        DigestAuth.of(challenge, "admin", "12345")
            .authorization("DESCRIBE", "rtsp://10.0.0.2:554/stream1");
    assertTrue(header.contains("response=\"b3fb28cf6ac8adf166938572f85619d8\""), header);
    assertTrue(!header.contains("nc=") && !header.contains("cnonce"), header);
  }

  @Test
  void parsesSeveralChallengesWithEscapesInOneHeader() throws AuthException {
    List<AuthChallenge> challenges =
        AuthChallenge.parse(
            "Basic realm=\"cam\", Digest realm=\"say \\\"hi\\\"\", NONCE=abc123 ,stale=TRUE,"
                + " Digest realm=\"x\", nonce=\"n\", algorithm=SHA-256");
    assertEquals(3, challenges.size());
    AuthChallenge digest = challenges.get(1);
    assertTrue(digest.isScheme("digest"));
    assertEquals(Optional.of("say \"hi\""), digest.parameter("realm"));
    assertEquals(Optional.of("abc123"), digest.parameter("nonce"));
    assertEquals(Optional.of("TRUE"), digest.parameter("stale"));
    assertEquals(challenges.get(2), AuthChallenge.strongest(challenges).orElseThrow());
    assertEquals(
        challenges.get(1), AuthChallenge.strongest(challenges.subList(0, 2)).orElseThrow());
    assertEquals(
        challenges.get(0), AuthChallenge.strongest(challenges.subList(0, 1)).orElseThrow());
  }

  @Test
  void escapesQuotesInTheUserName() throws AuthException {
    AuthChallenge challenge = AuthChallenge.parse("Digest realm=\"r\", nonce=\"n\"").get(0);
    String header = DigestAuth.of(challenge, "a\"b\\c", "p").authorization("OPTIONS", "*");
    assertTrue(header.startsWith("Digest username=\"a\\\"b\\\\c\", "), header);
  }

  @Test
  void refusesMalformedChallenges() {
    assertMalformed("Digest realm=\"unterminated", "quoted string not closed");
    assertMalformed("Digest realm=\"a\rb\"", "control character in a quoted string");
    assertMalformed("Digest realm=a, realm=b", "'realm' repeated");
    assertMalformed("Digest realm=", "expected realm at column 13");
    assertMalformed("=Digest", "expected authentication scheme at column 0");
    assertMalformed("Digest realm=\"" + "x".repeat(5000) + "\"", "longer than 4096");
    assertMalformed("A, B, C, D, E, F, G, H, I", "more than 8 challenges");
    StringBuilder many = new StringBuilder("Digest ");
    for (int i = 0; i < 33; i++) {
      many.append("p").append(i).append("=1, ");
    }
    assertMalformed(many.toString(), "or over 32");
  }

  @Test
  void refusesChallengesItCannotAnswer() {
    assertDigestRefused("Digest nonce=\"n\"", "without the realm parameter");
    assertDigestRefused("Digest realm=\"r\"", "without the nonce parameter");
    assertDigestRefused("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", "unsupported");
    assertDigestRefused("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", "lacks 'auth'");
    assertDigestRefused("Basic realm=\"r\"", "expected a Digest challenge, got Basic");
  }

  @Test
  void encodesBasicCredentials() {
    assertEquals("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==", BasicAuth.header("Aladdin", "open sesame"));
    assertThrows(IllegalArgumentException.class, () -> BasicAuth.header("a:b", "p"));
    assertThrows(IllegalArgumentException.class, () -> BasicAuth.header("a", "p\r\nX: y"));
  }

  @Test
  void choosesTheStrongestChallengeAcrossHeaders() throws AuthException {
    List<AuthChallenge> offered =
        AuthChallenge.parseAll(
            List.of(
                "Basic realm=\"cam\", Digest realm=\"cam\", nonce=\"n\"",
                "Digest realm=\"cam\", nonce=\"m\", algorithm=SHA-256, Bearer realm=\"x\""));
    AuthChallenge chosen = AuthChallenge.strongest(offered).orElseThrow();
    assertEquals("SHA-256", chosen.parameter("algorithm").orElseThrow());
    assertEquals("Digest", AuthChallenge.strongest(offered.subList(0, 2)).orElseThrow().scheme());
    assertEquals(
        Optional.empty(),
        AuthChallenge.strongest(
            AuthChallenge.parse(
                "Bearer realm=\"x\", Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256")));
  }

  @Test
  void boundsTheChallengesOfAllHeadersTogether() {
    List<String> headers = java.util.Collections.nCopies(3, "Basic a=1, Basic b=2, Basic c=3");
    AuthException e = assertThrows(AuthException.class, () -> AuthChallenge.parseAll(headers));
    assertTrue(e.getMessage().contains("more than 8 challenges"), e.getMessage());
  }

  private static void assertMalformed(String header, String expected) {
    AuthException e = assertThrows(AuthException.class, () -> AuthChallenge.parse(header));
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
  }

  private static void assertDigestRefused(String header, String expected) {
    AuthException e =
        assertThrows(
            AuthException.class, () -> DigestAuth.of(AuthChallenge.parse(header).get(0), "u", "p"));
    assertTrue(e.getMessage().contains(expected), () -> e.getMessage() + " lacks " + expected);
  }
}

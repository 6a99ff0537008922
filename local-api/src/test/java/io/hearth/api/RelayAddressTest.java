package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The relay origin that goes into the pages' Content-Security-Policy is exactly wss://host[:port]
 * of the configured URL, and nothing when the URL is anything else, so a bad setting can never
 * widen the policy (another scheme, a wildcard, a second directive).
 */
class RelayAddressTest {
  @Test
  void aRelayUrlGivesItsOriginOnly() {
    assertEquals(
        "wss://relay.example.net:9443", RelayAddress.origin("wss://relay.example.net:9443"));
    assertEquals("wss://203.0.113.9", RelayAddress.origin(" wss://203.0.113.9/v1/hub?x=1 "));
  }

  @Test
  void aWsUrlOnlyWhenThePlainRelayIsAllowed() {
    assertEquals("", RelayAddress.origin("ws://relay.example.net:8080", false));
    assertEquals(
        "ws://relay.example.net:8080", RelayAddress.origin("ws://relay.example.net:8080/v1", true));
    assertEquals("", RelayAddress.origin("http://relay.example.net", true));
    assertEquals("", RelayAddress.origin("ws://a b", true));
  }

  @Test
  void anythingElseGivesNothing() {
    for (String bad :
        new String[] {
          "",
          "https://relay.example.net",
          "ws://relay.example.net",
          "wss://*",
          "wss://relay.example.net; script-src *",
          "wss://a b",
          "wss:///nohost",
          "javascript:alert(1)"
        }) {
      assertEquals("", RelayAddress.origin(bad), bad);
    }
  }
}

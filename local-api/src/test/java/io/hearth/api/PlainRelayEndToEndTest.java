package io.hearth.api;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Every test of {@link RelayEndToEndTest} again with the relay listening without TLS ({@code
 * relay.plain}, as behind a TLS-terminating load balancer) and the hub dialling it at a ws:// URL
 * ({@code bridge.allow-plain-relay}): the camera's bytes still never appear in what the relay
 * carries (here the capture is what anyone on the network sees), an unpinned key and a replayed
 * handshake still get nothing, LAN-only grants and revocation hold, and the relay's heap still
 * holds no key. Only metadata (the hub's relay id, sizes, timing) is in clear.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PlainRelayEndToEndTest extends RelayEndToEndTest {
  @BeforeAll
  static void start() throws Exception {
    startRelayAndHub(true);
  }
}

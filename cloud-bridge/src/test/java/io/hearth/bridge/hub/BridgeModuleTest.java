package io.hearth.bridge.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.ModuleCatalog;
import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.error.HubException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bridge is on the module list (found by the ServiceLoader like every module) but off unless
 * the owner turns it on, and refuses a relay URL it could not dial securely.
 */
class BridgeModuleTest {
  @Test
  void theBridgeIsListedAndOffByDefault() {
    ModuleCatalog catalog = ModuleCatalog.discover();
    assertTrue(catalog.all().stream().anyMatch(m -> m instanceof BridgeModule));
    HubConfig defaults = new ConfigLoader(catalog.configKeys()).overrides(List.of()).build();
    assertFalse(catalog.enabled(defaults).stream().anyMatch(m -> m instanceof BridgeModule));
    HubConfig on =
        new ConfigLoader(catalog.configKeys()).overrides(List.of("bridge.enabled=true")).build();
    assertTrue(catalog.enabled(on).stream().anyMatch(m -> m instanceof BridgeModule));
  }

  @Test
  void onlyAWssUrlNamingAHostIsAccepted() {
    assertEquals(
        "relay.example", BridgeModule.relayUrl("wss://relay.example:9443", false).getHost());
    for (String bad : List.of("", "ws://relay.example", "https://relay.example", "wss:///x", ":")) {
      assertThrows(HubException.class, () -> BridgeModule.relayUrl(bad, false), bad);
    }
  }

  @Test
  void aWsUrlOnlyWithTheExplicitSetting() {
    HubException refused =
        assertThrows(HubException.class, () -> BridgeModule.relayUrl("ws://relay.example", false));
    assertTrue(refused.getMessage().contains("bridge.allow-plain-relay"), refused.getMessage());
    assertEquals("ws", BridgeModule.relayUrl("ws://relay.example:8080", true).getScheme());
    for (String bad : List.of("http://relay.example", "ws:///x", "wss:///x")) {
      assertThrows(HubException.class, () -> BridgeModule.relayUrl(bad, true), bad);
    }
  }
}

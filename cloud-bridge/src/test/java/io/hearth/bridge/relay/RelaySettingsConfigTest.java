package io.hearth.bridge.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.config.ConfigLoader;
import io.hearth.runtime.config.HubConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The relay's bounds come from its configuration: the idle timeout and the hubs' time to prove
 * their key can be set, and an idle timeout a pinging hub without viewers would not survive (below
 * twice its 30 s ping) is refused at start with a message naming the key and the range.
 */
class RelaySettingsConfigTest {
  private static HubConfig config(String... sets) {
    return new ConfigLoader(new RelayCommand().configKeys()).overrides(List.of(sets)).build();
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    RelaySettings settings = RelayCommand.settings("relay.example", config());
    assertEquals(120, settings.idleTimeoutSeconds());
    assertEquals(10, settings.handshakeSeconds());
    assertEquals(RelaySettings.defaults("relay.example"), settings);
  }

  @Test
  void theIdleTimeoutAndHandshakeCanBeSet() {
    RelaySettings settings =
        RelayCommand.settings(
            "relay.example", config("relay.idle-timeout-seconds=300", "relay.handshake-seconds=5"));
    assertEquals(300, settings.idleTimeoutSeconds());
    assertEquals(5, settings.handshakeSeconds());
  }

  @Test
  void anIdleTimeoutShorterThanTwoPingsIsRefused() {
    RuntimeException refused =
        assertThrows(RuntimeException.class, () -> config("relay.idle-timeout-seconds=45"));
    String message = refused.getMessage();
    assertTrue(
        message.contains("relay.idle-timeout-seconds") && message.contains("60"),
        "the message should name the key and its lowest value: " + message);
  }
}

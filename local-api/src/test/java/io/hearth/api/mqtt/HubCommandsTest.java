package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hearth.runtime.device.Capability;
import org.junit.jupiter.api.Test;

/** What Home Assistant publishes to the hub's {@code .../set} topics, and what is refused. */
class HubCommandsTest {
  @Test
  void homeAssistantsLightAndSwitchPayloadsParse() {
    assertEquals(true, HubCommands.parse(Capability.SWITCH, "true"));
    assertEquals(false, HubCommands.parse(Capability.SWITCH, "false"));
    assertEquals(true, HubCommands.parse(Capability.SWITCH, "ON"));
    assertEquals(false, HubCommands.parse(Capability.SWITCH, "\"OFF\""));
    // brightness_scale 100: HA sends round(brightness / 255 * 100) as an integer.
    assertEquals(42.0, HubCommands.parse(Capability.DIMMER, "42"));
    assertEquals(100.0, HubCommands.parse(Capability.DIMMER, "100"));
    assertEquals(7.5, HubCommands.parse(Capability.DIMMER, "\"7.5\""));
  }

  @Test
  void badCommandsAreRefusedWithAClearReason() {
    assertEquals(
        "out of range",
        assertThrows(
                IllegalArgumentException.class, () -> HubCommands.parse(Capability.DIMMER, "255"))
            .getMessage());
    assertEquals(
        "expected a number",
        assertThrows(
                IllegalArgumentException.class,
                () -> HubCommands.parse(Capability.DIMMER, "{\"brightness\":5}"))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> HubCommands.parse(Capability.SWITCH, "toggle"));
    assertThrows(
        IllegalArgumentException.class,
        () -> HubCommands.parse(Capability.DIMMER, "1".repeat(100)));
  }
}

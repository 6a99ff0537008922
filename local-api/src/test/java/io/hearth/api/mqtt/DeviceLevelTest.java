package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The readable device level of the hub's topics: only the id in it decides anything. */
class DeviceLevelTest {
  static final String ID = "dev_abcdefghijklmnopqrst";

  @Test
  void namesBecomeStableAsciiSlugs() {
    assertEquals("living-room-thermometer", DeviceLevel.slug("Living room thermometer"));
    assertEquals("cafe-lampe-2", DeviceLevel.slug("  Café  Lampe (#2) "));
    assertEquals("device", DeviceLevel.slug("+/#"));
    assertEquals("device", DeviceLevel.slug(null));
    assertEquals(DeviceLevel.MAX_SLUG, DeviceLevel.slug("a".repeat(100)).length());
    assertEquals("desk-lamp." + ID, DeviceLevel.named(ID, "Desk lamp"));
  }

  @Test
  void theIdIsReadFromEitherFormAndNothingElseNamesADevice() {
    assertEquals(ID, DeviceLevel.idOf(ID));
    assertEquals(ID, DeviceLevel.idOf("desk-lamp." + ID));
    assertEquals(ID, DeviceLevel.idOf(DeviceLevel.named(ID, "Ünïcode Ñame")));
    assertNull(DeviceLevel.idOf("desk-lamp"));
    assertNull(DeviceLevel.idOf("." + ID));
    assertNull(DeviceLevel.idOf("Desk Lamp." + ID), "only a slug's characters");
    assertNull(DeviceLevel.idOf("a.b." + ID));
    assertNull(DeviceLevel.idOf("x." + ID + "x"));
    assertNull(DeviceLevel.idOf("a".repeat(DeviceLevel.MAX_SLUG + 1) + "." + ID));
    assertNull(DeviceLevel.idOf("+"));
  }
}

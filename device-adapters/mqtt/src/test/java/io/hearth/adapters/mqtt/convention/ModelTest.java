package io.hearth.adapters.mqtt.convention;

import static io.hearth.adapters.mqtt.convention.Msgs.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelTest {

  @Test
  void capabilityWireNamesAreSnakeCaseAndRoundTrip() {
    for (Capability c : Capability.values()) {
      assertTrue(c.wireName().matches("[a-z0-9_]+"), c::wireName);
      assertEquals(Optional.of(c), Capability.fromWireName(c.wireName()));
    }
    assertEquals("device_temperature", Capability.DEVICE_TEMPERATURE.wireName());
    assertEquals(Optional.empty(), Capability.fromWireName("TEMPERATURE"));
  }

  @Test
  void readingRefusesWrongTypesAndNonFiniteNumbers() {
    assertThrows(
        IllegalArgumentException.class, () -> Reading.of("k", Capability.TEMPERATURE, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> Reading.of("k", Capability.SWITCH, "ON"));
    assertThrows(IllegalArgumentException.class, () -> Reading.of("k", Capability.HUMIDITY, 40));
    assertEquals("°C", Reading.of("k", Capability.TEMPERATURE, 20.0).unit());
  }

  @Test
  void outboundMessageCannotBeChangedThroughItsPayload() {
    byte[] payload = utf8("ON");
    OutboundMessage m = new OutboundMessage("cmnd/p/POWER", payload, 1, false);
    payload[0] = 'X';
    m.payload()[1] = 'X';

    assertEquals("ON", m.payloadText());
    assertEquals(OutboundMessage.text("cmnd/p/POWER", "ON", 1), m);
    assertNotEquals(OutboundMessage.text("cmnd/p/POWER", "OFF", 1), m);
    assertThrows(IllegalArgumentException.class, () -> new OutboundMessage("t", payload, 3, false));
  }

  @Test
  void deviceKeysCarryChannels() {
    assertEquals("shelly:x", DeviceKeys.key("shelly", "x", 0, 0));
    assertEquals("shelly:x#1", DeviceKeys.key("shelly", "x", 1, 0));
    assertEquals(
        Optional.of(new DeviceKeys.Parts("x", 2)), DeviceKeys.parse("tasmota", "tasmota:x#2"));
    assertEquals(Optional.empty(), DeviceKeys.parse("z2m", "z2m:a#b"), "bad channel");
    assertEquals(Optional.empty(), DeviceKeys.parse("tasmota", "tasmota:x#٣"));
    assertEquals(Optional.empty(), DeviceKeys.parse("tasmota", "tasmota:"));
  }

  @Test
  void valueTemplateSubset() {
    JsonObject doc = new JsonObject("{\"a\":{\"b c\":5},\"t\":21}");

    assertEquals(21, HaValueTemplate.parse("{{ value_json.t }}").orElseThrow().extract(doc));
    assertEquals(21, HaValueTemplate.parse("{{value_json['t']}}").orElseThrow().extract(doc));
    assertEquals(
        5, HaValueTemplate.parse("{{ value_json.a[\"b c\"] }}").orElseThrow().extract(doc));
    assertEquals(null, HaValueTemplate.parse("{{ value_json.t.x }}").orElseThrow().extract(doc));
    assertEquals(Optional.of(HaValueTemplate.RAW), HaValueTemplate.parse(null));
    assertTrue(HaValueTemplate.parse("{{ value }}").isPresent());
    for (String refused :
        new String[] {
          "{{ value_json.t | float }}",
          "{{ value_json }}",
          "{{ value.x }}",
          "{% if value_json.t %}1{% endif %}",
          "{{ value_json.t * 10 }}",
          "{{ value_json['t'] }} °C"
        }) {
      assertEquals(Optional.empty(), HaValueTemplate.parse(refused), refused);
    }
  }
}

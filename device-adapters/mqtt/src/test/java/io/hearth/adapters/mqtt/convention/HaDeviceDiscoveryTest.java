package io.hearth.adapters.mqtt.convention;

import static io.hearth.adapters.mqtt.convention.Msgs.assertStatus;
import static io.hearth.adapters.mqtt.convention.Msgs.keys;
import static io.hearth.adapters.mqtt.convention.Msgs.utf8;
import static io.hearth.adapters.mqtt.convention.Msgs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mqtt.convention.Translation.Status;
import io.hearth.runtime.device.Capability;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Home Assistant discovery as devices send it today: device-based documents ({@code
 * homeassistant/device/.../config} with {@code cmps}), availability topics and modes, and one
 * physical device announced by two conventions.
 */
class HaDeviceDiscoveryTest {
  private final HomeAssistantDiscoveryConvention ha = new HomeAssistantDiscoveryConvention();

  /** A device document in HA's documented abbreviated form: two sensors on one state topic. */
  private static final String BEDROOM =
      "{\"dev\":{\"ids\":\"ea334450945afc\",\"name\":\"Bedroom\",\"mf\":\"Bla electronics\","
          + "\"mdl\":\"xya\",\"sw\":\"1.0\",\"sn\":\"ea334450945afc\",\"hw\":\"1.0rev2\"},"
          + "\"o\":{\"name\":\"bla2mqtt\",\"sw\":\"2.1\",\"url\":\"https://bla2mqtt.example.com\"},"
          + "\"cmps\":{\"t1\":{\"p\":\"sensor\",\"dev_cla\":\"temperature\",\"unit_of_meas\":\"°C\","
          + "\"val_tpl\":\"{{ value_json.temperature }}\",\"uniq_id\":\"temp01ae_t\"},"
          + "\"h1\":{\"p\":\"sensor\",\"dev_cla\":\"humidity\",\"unit_of_meas\":\"%\","
          + "\"val_tpl\":\"{{ value_json.humidity }}\",\"uniq_id\":\"temp01ae_h\"}},"
          + "\"~\":\"sensorBedroom\",\"stat_t\":\"~/state\",\"avty_t\":\"~/status\",\"qos\":1}";

  @Test
  void aDeviceDocumentIsOneDeviceWithEveryComponent() {
    Translation config = ha.translate("homeassistant/device/bedroom/config", utf8(BEDROOM));

    assertStatus(Status.ACCEPTED, config);
    DeviceDescription d = config.descriptions().get(config.descriptions().size() - 1);
    assertEquals("ha:ea334450945afc", d.deviceKey());
    assertEquals("Bedroom", d.name());
    assertEquals(
        Set.of(Capability.TEMPERATURE, Capability.HUMIDITY, Capability.AVAILABILITY),
        d.capabilities());
    assertEquals(Set.of("sensorBedroom/state", "sensorBedroom/status"), ha.stateTopics());

    Translation state =
        ha.translate("sensorBedroom/state", utf8("{\"temperature\":20.5,\"humidity\":41}"));
    assertEquals(
        Map.of(Capability.TEMPERATURE, 20.5, Capability.HUMIDITY, 41.0),
        values(state, "ha:ea334450945afc"));
  }

  @Test
  void aComponentWithOnlyItsPlatformIsRemoved() {
    ha.translate("homeassistant/device/bedroom/config", utf8(BEDROOM));
    String withoutHumidity =
        BEDROOM.replaceFirst(
            "\"h1\":\\{.*?\"uniq_id\":\"temp01ae_h\"}", "\"h1\":{\"p\":\"sensor\"}");

    ha.translate("homeassistant/device/bedroom/config", utf8(withoutHumidity));

    Translation state =
        ha.translate("sensorBedroom/state", utf8("{\"temperature\":20.5,\"humidity\":41}"));
    assertEquals(Map.of(Capability.TEMPERATURE, 20.5), values(state, "ha:ea334450945afc"));
  }

  @Test
  void anEmptyDeviceDocumentRemovesTheWholeDevice() {
    ha.translate("homeassistant/device/bedroom/config", utf8(BEDROOM));

    assertStatus(Status.IGNORED, ha.translate("homeassistant/device/bedroom/config", new byte[0]));

    assertEquals(Set.of(), ha.stateTopics());
  }

  @Test
  void aDeviceDocumentWithoutComponentsIsRefusedWithTheReason() {
    Translation t =
        ha.translate(
            "homeassistant/device/x/config", utf8("{\"dev\":{\"ids\":\"x\"},\"stat_t\":\"x/s\"}"));

    assertStatus(Status.REJECTED, t);
    assertTrue(t.reason().contains("components"), t::reason);
  }

  @Test
  void availabilityTopicSaysWhenTheDeviceGoesOffline() {
    ha.translate("homeassistant/device/bedroom/config", utf8(BEDROOM));

    assertEquals(
        Map.of(Capability.AVAILABILITY, false),
        values(ha.translate("sensorBedroom/status", utf8("offline")), "ha:ea334450945afc"));
    assertEquals(
        Map.of(Capability.AVAILABILITY, true),
        values(ha.translate("sensorBedroom/status", utf8("online")), "ha:ea334450945afc"));
    assertStatus(Status.REJECTED, ha.translate("sensorBedroom/status", utf8("maybe")));
  }

  @Test
  void availabilityModeAllNeedsEveryTopicOnline() {
    ha.translate(
        "homeassistant/switch/plug/config",
        utf8(
            "{\"name\":null,\"stat_t\":\"plug/state\",\"cmd_t\":\"plug/set\",\"uniq_id\":\"plug1\","
                + "\"avty\":[{\"t\":\"bridge/state\",\"val_tpl\":\"{{ value_json.state }}\"},"
                + "{\"t\":\"plug/availability\",\"pl_avail\":\"up\",\"pl_not_avail\":\"down\"}],"
                + "\"avty_mode\":\"all\",\"dev\":{\"ids\":[\"plug\"],\"name\":\"Plug\"}}"));

    assertEquals(
        Map.of(), values(ha.translate("bridge/state", utf8("{\"state\":\"online\"}")), "ha:plug"));
    assertEquals(
        Map.of(Capability.AVAILABILITY, true),
        values(ha.translate("plug/availability", utf8("up")), "ha:plug"));
    assertEquals(
        Map.of(Capability.AVAILABILITY, false),
        values(ha.translate("bridge/state", utf8("{\"state\":\"offline\"}")), "ha:plug"));
  }

  @Test
  void anEntityAnotherConventionReadsIsLeftToThatConvention() {
    HomeAssistantDiscoveryConvention besideZ2m =
        new HomeAssistantDiscoveryConvention(
            "homeassistant",
            id -> false,
            topic -> topic.startsWith("zigbee2mqtt/"),
            TranslationLimits.DEFAULTS);
    String z2mDoc =
        "{\"device_class\":\"temperature\",\"unit_of_measurement\":\"°C\","
            + "\"state_topic\":\"zigbee2mqtt/kitchen_sensor\",\"unique_id\":\"0x1_temperature\","
            + "\"value_template\":\"{{ value_json.temperature }}\","
            + "\"device\":{\"identifiers\":[\"zigbee2mqtt_0x1\"],\"name\":\"kitchen_sensor\"}}";

    Translation t =
        besideZ2m.translate("homeassistant/sensor/0x1/temperature/config", utf8(z2mDoc));

    assertStatus(Status.IGNORED, t);
    assertEquals(Set.of(), besideZ2m.stateTopics());
  }

  @Test
  void aSecondEntityWithACapabilityTheDeviceHasBecomesItsOwnDevice() {
    String doc =
        "{\"device_class\":\"temperature\",\"unit_of_measurement\":\"°C\",\"state_topic\":\"%s\","
            + "\"unique_id\":\"%s\",\"device\":{\"identifiers\":[\"shared\"],\"name\":\"Shared\"}}";
    ha.translate("homeassistant/sensor/a/config", utf8(String.format(doc, "a/t", "ta")));
    ha.translate("homeassistant/sensor/b/config", utf8(String.format(doc, "b/t", "tb")));

    assertEquals(Set.of("ha:shared"), keys(ha.translate("a/t", utf8("20"))));
    assertEquals(Set.of("ha:tb"), keys(ha.translate("b/t", utf8("30"))));
  }
}

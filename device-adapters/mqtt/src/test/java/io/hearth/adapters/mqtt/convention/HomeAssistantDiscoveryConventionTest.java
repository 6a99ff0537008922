package io.hearth.adapters.mqtt.convention;

import static io.hearth.adapters.mqtt.convention.Msgs.assertStatus;
import static io.hearth.adapters.mqtt.convention.Msgs.keys;
import static io.hearth.adapters.mqtt.convention.Msgs.utf8;
import static io.hearth.adapters.mqtt.convention.Msgs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mqtt.convention.Translation.Status;
import io.hearth.runtime.device.Capability;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HomeAssistantDiscoveryConventionTest {
  private static final String Z2M_TEMP_TOPIC =
      "homeassistant/sensor/0x00158d0004a1b2c3/temperature/config";
  private static final String Z2M_HUM_TOPIC =
      "homeassistant/sensor/0x00158d0004a1b2c3/humidity/config";

  private final HomeAssistantDiscoveryConvention ha = new HomeAssistantDiscoveryConvention();

  /** A sensor config as zigbee2mqtt publishes it (full key names). */
  private static String z2mSensor(String property, String deviceClass, String unit) {
    return "{\"availability\":[{\"topic\":\"zigbee2mqtt/bridge/state\","
        + "\"value_template\":\"{{ value_json.state }}\"}],\"device\":{\"identifiers\":"
        + "[\"zigbee2mqtt_0x00158d0004a1b2c3\"],\"manufacturer\":\"Aqara\","
        + "\"model\":\"Temperature, humidity and pressure sensor (WSDCGQ11LM)\","
        + "\"name\":\"kitchen_sensor\",\"via_device\":\"zigbee2mqtt_bridge_0x00124b0021b7a5c2\"},"
        + "\"device_class\":\""
        + deviceClass
        + "\",\"enabled_by_default\":true,\"object_id\":\"kitchen_sensor_"
        + property
        + "\",\"origin\":{\"name\":\"Zigbee2MQTT\",\"sw\":\"1.36.1\","
        + "\"url\":\"https://www.zigbee2mqtt.io\"},\"state_class\":\"measurement\","
        + "\"state_topic\":\"zigbee2mqtt/kitchen_sensor\",\"unique_id\":\"0x00158d0004a1b2c3_"
        + property
        + "_zigbee2mqtt\",\"unit_of_measurement\":\""
        + unit
        + "\",\"value_template\":\"{{ value_json."
        + property
        + " }}\"}";
  }

  @Test
  void startsWithOnlyTheDiscoverySubscriptions() {
    assertEquals(
        List.of("homeassistant/+/+/config", "homeassistant/+/+/+/config"), ha.subscriptions());
    assertStatus(Status.NOT_MINE, ha.translate("zigbee2mqtt/kitchen_sensor", utf8("{}")));
  }

  @Test
  void configRegistersStateTopicAndDescribesTheEntity() {
    Translation t =
        ha.translate(Z2M_TEMP_TOPIC, utf8(z2mSensor("temperature", "temperature", "°C")));

    assertStatus(Status.ACCEPTED, t);
    assertEquals(
        new DeviceDescription(
            "ha:zigbee2mqtt_0x00158d0004a1b2c3",
            "kitchen_sensor",
            "Aqara",
            "Temperature, humidity and pressure sensor (WSDCGQ11LM)",
            Set.of(Capability.TEMPERATURE, Capability.AVAILABILITY),
            "ha"),
        t.descriptions().get(0));
    assertEquals(
        Set.of("zigbee2mqtt/kitchen_sensor", "zigbee2mqtt/bridge/state"), ha.stateTopics());
    assertTrue(ha.subscriptions().contains("zigbee2mqtt/kitchen_sensor"));
  }

  @Test
  void entitiesOfOneHaDeviceAreOneDeviceFedByTheirSharedStateTopic() {
    ha.translate(Z2M_TEMP_TOPIC, utf8(z2mSensor("temperature", "temperature", "°C")));
    ha.translate(Z2M_HUM_TOPIC, utf8(z2mSensor("humidity", "humidity", "%")));

    Translation t =
        ha.translate(
            "zigbee2mqtt/kitchen_sensor",
            utf8("{\"battery\":97,\"humidity\":48.2,\"linkquality\":90,\"temperature\":21.7}"));

    assertStatus(Status.ACCEPTED, t);
    assertEquals(
        Map.of(Capability.TEMPERATURE, 21.7, Capability.HUMIDITY, 48.2),
        values(t, "ha:zigbee2mqtt_0x00158d0004a1b2c3"));
    assertEquals(Set.of("ha:zigbee2mqtt_0x00158d0004a1b2c3"), keys(t));
  }

  @Test
  void emptyRetainedConfigRemovesTheEntity() {
    ha.translate(Z2M_TEMP_TOPIC, utf8(z2mSensor("temperature", "temperature", "°C")));

    assertStatus(Status.IGNORED, ha.translate(Z2M_TEMP_TOPIC, new byte[0]));

    assertEquals(Set.of(), ha.stateTopics());
    assertStatus(
        Status.NOT_MINE,
        ha.translate("zigbee2mqtt/kitchen_sensor", utf8("{\"temperature\":21.7}")));
  }

  @Test
  void abbreviationsTildeAndFahrenheitAsEsphomeSendsThem() {
    Translation config =
        ha.translate(
            "homeassistant/sensor/livingroom/livingroom_temperature/config",
            utf8(
                "{\"dev_cla\":\"temperature\",\"unit_of_meas\":\"°F\",\"stat_cla\":\"measurement\","
                    + "\"name\":\"Living Temperature\",\"stat_t\":\"~/sensor/temperature/state\","
                    + "\"avty_t\":\"~/status\",\"uniq_id\":\"ESPsensorliving_temperature\","
                    + "\"dev\":{\"ids\":\"a4cf12345678\",\"name\":\"livingroom\","
                    + "\"sw\":\"esphome v2024.2.0\",\"mdl\":\"esp32dev\",\"mf\":\"espressif\"},"
                    + "\"~\":\"livingroom\"}"));

    assertStatus(Status.ACCEPTED, config);
    DeviceDescription d = config.descriptions().get(0);
    assertEquals("espressif", d.manufacturer());
    assertEquals("esp32dev", d.model());
    assertEquals(
        Set.of("livingroom/sensor/temperature/state", "livingroom/status"), ha.stateTopics());

    Translation state = ha.translate("livingroom/sensor/temperature/state", utf8("71.6"));
    double celsius = (Double) values(state, "ha:a4cf12345678").get(Capability.TEMPERATURE);
    assertEquals(22.0, celsius, 1e-9);
  }

  @Test
  void tildeAtTheEndIsAppended() {
    ha.translate(
        "homeassistant/binary_sensor/hall/motion/config",
        utf8(
            "{\"~\":\"hall/motion\",\"stat_t\":\"state/~\",\"dev_cla\":\"motion\","
                + "\"uniq_id\":\"hall_motion\"}"));

    assertEquals(Set.of("state/hall/motion"), ha.stateTopics());
  }

  @Test
  void doorBinarySensorOnMeansOpenSoContactIsFalse() {
    ha.translate(
        "homeassistant/binary_sensor/front_door/contact/config",
        utf8(
            "{\"name\":\"Front door\",\"device_class\":\"door\",\"state_topic\":\"home/door\","
                + "\"payload_on\":\"open\",\"payload_off\":\"closed\",\"unique_id\":\"door1\"}"));

    assertEquals(
        Map.of(Capability.CONTACT, false),
        values(ha.translate("home/door", utf8("open")), "ha:door1"));
    assertEquals(
        Map.of(Capability.CONTACT, true),
        values(ha.translate("home/door", utf8("closed")), "ha:door1"));
    Translation odd = ha.translate("home/door", utf8("ajar"));
    assertStatus(Status.REJECTED, odd);
    assertTrue(odd.has(ProblemKind.WRONG_TYPE), odd::reason);
  }

  @Test
  void bracketTemplateFormsAreUnderstood() {
    ha.translate(
        "homeassistant/sensor/meter/power/config",
        utf8(
            "{\"device_class\":\"power\",\"unit_of_measurement\":\"kW\","
                + "\"state_topic\":\"meter/state\","
                + "\"value_template\":\"{{ value_json['grid'][\\\"power\\\"] }}\","
                + "\"unique_id\":\"meter_power\"}"));

    Translation t = ha.translate("meter/state", utf8("{\"grid\":{\"power\":1.25}}"));

    assertEquals(Map.of(Capability.POWER, 1250.0), values(t, "ha:meter_power"));
  }

  @Test
  void jinjaBeyondTheSimpleFormsIsRefused() {
    Translation t =
        ha.translate(
            "homeassistant/sensor/x/t/config",
            utf8(
                "{\"device_class\":\"temperature\",\"state_topic\":\"x/state\","
                    + "\"value_template\":\"{{ value_json.t | float / 10 }}\",\"unique_id\":\"x\"}"));

    assertStatus(Status.REJECTED, t);
    assertTrue(t.has(ProblemKind.UNSUPPORTED), t::reason);
    assertEquals(Set.of(), ha.stateTopics());
  }

  @Test
  void switchCommandsUseTheDeclaredPayloadsAndRoundTrip() {
    ha.translate(
        "homeassistant/switch/sonoff/relay/config",
        utf8(
            "{\"name\":\"Heater\",\"cmd_t\":\"sonoff/relay/set\",\"stat_t\":\"sonoff/relay\","
                + "\"pl_on\":\"1\",\"pl_off\":\"0\",\"uniq_id\":\"sonoff_relay\",\"qos\":1,"
                + "\"ret\":false,\"dev\":{\"ids\":[\"sonoff\"],\"mf\":\"ITEAD\",\"mdl\":\"Basic\"}}"));

    OutboundMessage on =
        ha.command(new Command("ha:sonoff", Capability.SWITCH, true)).orElseThrow();
    assertEquals(new OutboundMessage("sonoff/relay/set", utf8("1"), 1, false), on);

    Translation echoed = ha.translate("sonoff/relay", on.payload());
    assertEquals(Map.of(Capability.SWITCH, true), values(echoed, "ha:sonoff"));
  }

  @Test
  void jsonSchemaLightAsZigbee2MqttAnnouncesIt() {
    ha.translate(
        "homeassistant/light/0x0017880104d5e6f7/light/config",
        utf8(
            "{\"brightness\":true,\"brightness_scale\":254,\"color_mode\":true,"
                + "\"command_topic\":\"zigbee2mqtt/living/lamp/set\",\"name\":null,"
                + "\"schema\":\"json\",\"state_topic\":\"zigbee2mqtt/living/lamp\","
                + "\"supported_color_modes\":[\"color_temp\"],"
                + "\"unique_id\":\"0x0017880104d5e6f7_light_zigbee2mqtt\"}"));
    String key = "ha:0x0017880104d5e6f7_light_zigbee2mqtt";

    Translation t =
        ha.translate(
            "zigbee2mqtt/living/lamp",
            utf8("{\"brightness\":254,\"color_temp\":366,\"state\":\"ON\"}"));
    assertEquals(Map.of(Capability.SWITCH, true, Capability.DIMMER, 100.0), values(t, key));

    OutboundMessage dim = ha.command(new Command(key, Capability.DIMMER, 50)).orElseThrow();
    assertEquals("zigbee2mqtt/living/lamp/set", dim.topic());
    assertEquals("{\"state\":\"ON\",\"brightness\":127}", dim.payloadText());
  }

  @Test
  void defaultSchemaLightWithBrightnessTopics() {
    ha.translate(
        "homeassistant/light/kitchen/spots/config",
        utf8(
            "{\"~\":\"kitchen/spots\",\"cmd_t\":\"~/set\",\"stat_t\":\"~/state\","
                + "\"bri_cmd_t\":\"~/brightness/set\",\"bri_stat_t\":\"~/brightness\","
                + "\"bri_scl\":100,\"uniq_id\":\"kitchen_spots\"}"));

    assertEquals(Set.of("kitchen/spots/state", "kitchen/spots/brightness"), ha.stateTopics());
    assertEquals(
        Map.of(Capability.DIMMER, 40.0),
        values(ha.translate("kitchen/spots/brightness", utf8("40")), "ha:kitchen_spots"));
    assertEquals(
        Optional.of(OutboundMessage.text("kitchen/spots/brightness/set", "75", 0)),
        ha.command(new Command("ha:kitchen_spots", Capability.DIMMER, 75)));
  }

  @Test
  void documentsHearthPublishedItselfAreIgnored() {
    Translation t =
        ha.translate(
            "homeassistant/sensor/hearth/hearth_kitchen_temperature/config",
            utf8(
                "{\"device_class\":\"temperature\",\"state_topic\":\"hearth/kitchen/temperature\","
                    + "\"unique_id\":\"hearth_kitchen_temperature\"}"));

    assertStatus(Status.IGNORED, t);
    assertEquals(Set.of(), ha.stateTopics());
  }

  @Test
  void aSecondAnnouncementCannotTakeOverAUniqueId() {
    ha.translate(Z2M_TEMP_TOPIC, utf8(z2mSensor("temperature", "temperature", "°C")));
    String hijack =
        "{\"device_class\":\"temperature\",\"state_topic\":\"evil/t\","
            + "\"unique_id\":\"0x00158d0004a1b2c3_temperature_zigbee2mqtt\"}";

    Translation t = ha.translate("homeassistant/sensor/evil/t/config", utf8(hijack));

    assertStatus(Status.REJECTED, t);
    assertEquals(
        Set.of("zigbee2mqtt/kitchen_sensor", "zigbee2mqtt/bridge/state"), ha.stateTopics());
  }

  @Test
  void wildcardStateTopicsAreRefused() {
    Translation t =
        ha.translate(
            "homeassistant/sensor/x/t/config",
            utf8("{\"device_class\":\"temperature\",\"state_topic\":\"#\",\"unique_id\":\"x\"}"));

    assertStatus(Status.REJECTED, t);
    assertTrue(t.has(ProblemKind.TOPIC_INVALID), t::reason);
    assertEquals(Set.of(), ha.stateTopics());
  }

  @Test
  void unknownDeviceClassesAndComponentsAreReported() {
    Translation cls =
        ha.translate(
            "homeassistant/sensor/x/rssi/config",
            utf8(
                "{\"device_class\":\"signal_strength\",\"state_topic\":\"x/rssi\","
                    + "\"unique_id\":\"x_rssi\"}"));
    Translation comp =
        ha.translate(
            "homeassistant/cover/x/blind/config",
            utf8("{\"command_topic\":\"x/blind/set\",\"unique_id\":\"x_blind\"}"));

    assertTrue(cls.has(ProblemKind.UNSUPPORTED), cls::reason);
    assertTrue(comp.has(ProblemKind.UNSUPPORTED), comp::reason);
    assertEquals(Set.of(), ha.stateTopics());
  }

  @Test
  void entityCountIsBounded() {
    TranslationLimits two = new TranslationLimits(65536, 65536, 32, 8192, 512, 16, 2);
    HomeAssistantDiscoveryConvention small =
        new HomeAssistantDiscoveryConvention("homeassistant", id -> false, topic -> false, two);
    for (int i = 0; i < 3; i++) {
      small.translate(
          "homeassistant/sensor/n/t" + i + "/config",
          utf8(
              "{\"device_class\":\"temperature\",\"state_topic\":\"n/t"
                  + i
                  + "\",\"unique_id\":\"t"
                  + i
                  + "\"}"));
    }

    assertEquals(Set.of("n/t0", "n/t1"), small.stateTopics());
  }

  @Test
  void nonNumericStateIsAProblemNotACrash() {
    ha.translate(Z2M_TEMP_TOPIC, utf8(z2mSensor("temperature", "temperature", "°C")));

    Translation t = ha.translate("zigbee2mqtt/kitchen_sensor", utf8("{\"temperature\":\"NaN\"}"));

    assertStatus(Status.REJECTED, t);
    assertTrue(t.has(ProblemKind.WRONG_TYPE), t::reason);
  }

  @Test
  void commandsForUnknownOrReadOnlyEntitiesAreEmpty() {
    ha.translate(Z2M_TEMP_TOPIC, utf8(z2mSensor("temperature", "temperature", "°C")));

    assertEquals(
        Optional.empty(),
        ha.command(
            new Command("ha:0x00158d0004a1b2c3_temperature_zigbee2mqtt", Capability.SWITCH, true)));
    assertEquals(Optional.empty(), ha.command(new Command("ha:nope", Capability.SWITCH, true)));
  }
}

package io.hearth.adapters.mqtt.convention;

import static io.hearth.adapters.mqtt.convention.Msgs.assertStatus;
import static io.hearth.adapters.mqtt.convention.Msgs.utf8;
import static io.hearth.adapters.mqtt.convention.Msgs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mqtt.convention.Translation.Status;
import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Zigbee2MqttConventionTest {
  private final Zigbee2MqttConvention z2m = new Zigbee2MqttConvention();

  @Test
  void subscribesToEverythingUnderTheBaseTopic() {
    assertEquals(java.util.List.of("zigbee2mqtt/#"), z2m.subscriptions());
  }

  @Test
  void aqaraWeatherSensorGivesClimateReadingsWithBatteryVoltageInVolts() {
    Translation t =
        z2m.translate(
            "zigbee2mqtt/kitchen_sensor",
            utf8(
                "{\"battery\":100,\"humidity\":52.13,\"linkquality\":87,"
                    + "\"power_outage_count\":2,\"pressure\":1012.3,"
                    + "\"temperature\":21.45,\"voltage\":3005}"));

    assertStatus(Status.ACCEPTED, t);
    assertEquals("z2m:kitchen_sensor", t.subject());
    assertEquals(
        Map.of(
            Capability.TEMPERATURE, 21.45,
            Capability.HUMIDITY, 52.13,
            Capability.PRESSURE, 1012.3,
            Capability.BATTERY, 100.0,
            Capability.VOLTAGE, 3.005,
            Capability.LINKQUALITY, 87.0),
        values(t, "z2m:kitchen_sensor"));
    assertTrue(t.problems().isEmpty(), t::reason);
  }

  @Test
  void motionSensorPrefersIlluminanceLuxOverTheRawValue() {
    Translation t =
        z2m.translate(
            "zigbee2mqtt/hall_motion",
            utf8(
                "{\"battery\":100,\"illuminance\":17654,\"illuminance_lux\":58,"
                    + "\"led_indication\":false,\"linkquality\":72,"
                    + "\"motion_sensitivity\":\"medium\",\"occupancy\":true,"
                    + "\"occupancy_timeout\":0,\"temperature\":20.19}"));

    Map<Capability, Object> v = values(t, "z2m:hall_motion");
    assertEquals(58.0, v.get(Capability.ILLUMINANCE));
    assertEquals(true, v.get(Capability.OCCUPANCY));
    assertTrue(t.problems().isEmpty(), t::reason);
  }

  @Test
  void doorSensorReportsContact() {
    Translation t =
        z2m.translate(
            "zigbee2mqtt/front_door",
            utf8(
                "{\"battery\":91,\"contact\":false,\"device_temperature\":22,"
                    + "\"linkquality\":102,\"power_outage_count\":0,\"voltage\":2995}"));

    Map<Capability, Object> v = values(t, "z2m:front_door");
    assertEquals(false, v.get(Capability.CONTACT));
    assertEquals(22.0, v.get(Capability.DEVICE_TEMPERATURE));
  }

  @Test
  void plugReportsSwitchAndMainsValues() {
    Translation t =
        z2m.translate(
            "zigbee2mqtt/desk_plug",
            utf8(
                "{\"child_lock\":\"UNLOCK\",\"current\":0.12,\"energy\":3.45,"
                    + "\"indicator_mode\":\"off/on\",\"linkquality\":144,\"power\":18,"
                    + "\"power_outage_memory\":\"restore\",\"state\":\"ON\",\"voltage\":231}"));

    assertEquals(
        Map.of(
            Capability.SWITCH, true,
            Capability.POWER, 18.0,
            Capability.ENERGY, 3.45,
            Capability.VOLTAGE, 231.0,
            Capability.CURRENT, 0.12,
            Capability.LINKQUALITY, 144.0),
        values(t, "z2m:desk_plug"));
  }

  @Test
  void bulbBrightnessBecomesDimmerPercent() {
    Translation t =
        z2m.translate(
            "zigbee2mqtt/living/lamp",
            utf8(
                "{\"brightness\":127,\"color_mode\":\"color_temp\",\"color_temp\":366,"
                    + "\"linkquality\":83,\"state\":\"OFF\",\"update\":{\"state\":\"idle\"}}"));

    Map<Capability, Object> v = values(t, "z2m:living/lamp");
    assertEquals(50.0, v.get(Capability.DIMMER));
    assertEquals(false, v.get(Capability.SWITCH));
  }

  @Test
  void brightness255IsClampedButAbsurdBrightnessIsRefused() {
    assertEquals(
        100.0,
        values(z2m.translate("zigbee2mqtt/b", utf8("{\"brightness\":255}")), "z2m:b")
            .get(Capability.DIMMER));

    Translation t = z2m.translate("zigbee2mqtt/b", utf8("{\"brightness\":9000}"));
    assertStatus(Status.REJECTED, t);
    assertTrue(t.has(ProblemKind.OUT_OF_RANGE), t::reason);
  }

  @Test
  void coverStateIsNeitherASwitchNorAProblem() {
    Translation t =
        z2m.translate("zigbee2mqtt/blind", utf8("{\"position\":40,\"state\":\"OPEN\"}"));

    assertStatus(Status.IGNORED, t);
    assertTrue(t.problems().isEmpty(), t::reason);
  }

  @Test
  void nullValuesAreSkippedQuietly() {
    Translation t = z2m.translate("zigbee2mqtt/s", utf8("{\"battery\":null,\"temperature\":19.5}"));

    assertEquals(Map.of(Capability.TEMPERATURE, 19.5), values(t, "z2m:s"));
    assertTrue(t.problems().isEmpty(), t::reason);
  }

  @Test
  void aWrongTypeSpoilsOnlyItsOwnField() {
    Translation t =
        z2m.translate(
            "zigbee2mqtt/s", utf8("{\"temperature\":\"21.5\",\"humidity\":40,\"contact\":1}"));

    assertStatus(Status.ACCEPTED, t);
    assertEquals(Map.of(Capability.HUMIDITY, 40.0), values(t, "z2m:s"));
    assertEquals(2, t.problems().size(), t::reason);
    assertTrue(t.reason().contains("'temperature' should be a number"), t::reason);
    assertTrue(t.reason().contains("'contact' should be true or false"), t::reason);
  }

  @Test
  void availabilityInBothFormats() {
    Translation legacy = z2m.translate("zigbee2mqtt/desk_plug/availability", utf8("offline"));
    Translation json =
        z2m.translate("zigbee2mqtt/desk_plug/availability", utf8("{\"state\":\"online\"}"));

    assertEquals(Map.of(Capability.AVAILABILITY, false), values(legacy, "z2m:desk_plug"));
    assertEquals(Map.of(Capability.AVAILABILITY, true), values(json, "z2m:desk_plug"));
  }

  @Test
  void bridgeTopicsAndOwnCommandsAreIgnored() {
    assertStatus(
        Status.IGNORED, z2m.translate("zigbee2mqtt/bridge/state", utf8("{\"state\":\"online\"}")));
    assertStatus(
        Status.IGNORED, z2m.translate("zigbee2mqtt/bridge/logging", utf8("{\"level\":\"info\"}")));
    assertStatus(
        Status.IGNORED, z2m.translate("zigbee2mqtt/desk_plug/set", utf8("{\"state\":\"ON\"}")));
  }

  @Test
  void otherTopicsAreNotMine() {
    assertStatus(Status.NOT_MINE, z2m.translate("tele/plug1/SENSOR", utf8("{}")));
    assertStatus(Status.NOT_MINE, z2m.translate("zigbee2mqttx/a", utf8("{}")));
    assertStatus(Status.NOT_MINE, z2m.translate("zigbee2mqtt/", utf8("{}")));
  }

  @Test
  void bridgeDevicesDescribesDevicesButNotTheCoordinator() {
    String devices =
        "[{\"ieee_address\":\"0x00124b0021b7a5c2\",\"type\":\"Coordinator\","
            + "\"friendly_name\":\"Coordinator\",\"definition\":null,\"supported\":true},"
            + "{\"ieee_address\":\"0x00158d0004a1b2c3\",\"type\":\"EndDevice\","
            + "\"friendly_name\":\"kitchen_sensor\",\"manufacturer\":\"LUMI\","
            + "\"model_id\":\"lumi.weather\",\"supported\":true,\"definition\":{"
            + "\"model\":\"WSDCGQ11LM\",\"vendor\":\"Aqara\","
            + "\"description\":\"Temperature, humidity and pressure sensor\",\"exposes\":["
            + "{\"type\":\"numeric\",\"name\":\"temperature\",\"property\":\"temperature\","
            + "\"unit\":\"°C\",\"access\":1},"
            + "{\"type\":\"numeric\",\"name\":\"humidity\",\"property\":\"humidity\","
            + "\"unit\":\"%\",\"access\":1},"
            + "{\"type\":\"numeric\",\"name\":\"battery\",\"property\":\"battery\",\"access\":1},"
            + "{\"type\":\"numeric\",\"name\":\"linkquality\",\"property\":\"linkquality\"}]}},"
            + "{\"ieee_address\":\"0x0017880104d5e6f7\",\"type\":\"Router\","
            + "\"friendly_name\":\"living/lamp\",\"definition\":{\"model\":\"9290012573A\","
            + "\"vendor\":\"Philips\",\"exposes\":[{\"type\":\"light\",\"features\":["
            + "{\"type\":\"binary\",\"name\":\"state\",\"property\":\"state\","
            + "\"value_on\":\"ON\",\"value_off\":\"OFF\"},"
            + "{\"type\":\"numeric\",\"name\":\"brightness\",\"property\":\"brightness\","
            + "\"value_min\":0,\"value_max\":254}]}]}}]";

    Translation t = z2m.translate("zigbee2mqtt/bridge/devices", utf8(devices));

    assertStatus(Status.ACCEPTED, t);
    assertEquals(2, t.descriptions().size());
    DeviceDescription sensor = t.descriptions().get(0);
    assertEquals(
        new DeviceDescription(
            "z2m:kitchen_sensor",
            "kitchen_sensor",
            "Aqara",
            "WSDCGQ11LM",
            Set.of(
                Capability.TEMPERATURE,
                Capability.HUMIDITY,
                Capability.BATTERY,
                Capability.LINKQUALITY),
            "z2m"),
        sensor);
    assertEquals(
        Set.of(Capability.SWITCH, Capability.DIMMER), t.descriptions().get(1).capabilities());
  }

  @Test
  void bridgeDevicesMayExceedTheOrdinaryLimitButNotTheInventoryOne() {
    TranslationLimits small = new TranslationLimits(100, 1000, 32, 8192, 512, 16, 10);
    Zigbee2MqttConvention c = new Zigbee2MqttConvention("zigbee2mqtt", small);
    String entry = "{\"type\":\"Router\",\"friendly_name\":\"plug_%d\",\"definition\":null},";
    StringBuilder list = new StringBuilder("[");
    for (int i = 0; i < 5; i++) {
      list.append(String.format(java.util.Locale.ROOT, entry, i));
    }
    list.setLength(list.length() - 1);
    list.append(']');
    assertTrue(list.length() > 100 && list.length() < 1000);

    assertEquals(
        5, c.translate("zigbee2mqtt/bridge/devices", utf8(list.toString())).descriptions().size());
    Translation big = c.translate("zigbee2mqtt/bridge/devices", new byte[1001]);
    assertTrue(big.has(ProblemKind.PAYLOAD_TOO_LARGE), big::reason);
    Translation state = c.translate("zigbee2mqtt/x", utf8(list.toString()));
    assertTrue(state.has(ProblemKind.PAYLOAD_TOO_LARGE), state::reason);
  }

  @Test
  void switchAndDimmerCommandsGoToTheSetTopic() {
    assertEquals(
        Optional.of(OutboundMessage.text("zigbee2mqtt/desk_plug/set", "{\"state\":\"ON\"}", 1)),
        z2m.command(new Command("z2m:desk_plug", Capability.SWITCH, true)));
    OutboundMessage dim =
        z2m.command(new Command("z2m:living/lamp", Capability.DIMMER, 50)).orElseThrow();
    assertEquals("zigbee2mqtt/living/lamp/set", dim.topic());
    assertEquals(127, new JsonObject(dim.payloadText()).getInteger("brightness"));
  }

  @Test
  void commandRoundTripsThroughTheStateItCauses() {
    OutboundMessage off =
        z2m.command(new Command("z2m:desk_plug", Capability.SWITCH, false)).orElseThrow();
    String echoedState = off.payloadText();

    Translation t = z2m.translate("zigbee2mqtt/desk_plug", utf8(echoedState));

    assertEquals(Map.of(Capability.SWITCH, false), values(t, "z2m:desk_plug"));
  }

  @Test
  void commandsItCannotCarryOutAreEmpty() {
    assertEquals(
        Optional.empty(), z2m.command(new Command("tasmota:plug1", Capability.SWITCH, true)));
    assertEquals(
        Optional.empty(), z2m.command(new Command("z2m:desk_plug", Capability.SWITCH, "yes")));
    assertEquals(Optional.empty(), z2m.command(new Command("z2m:lamp", Capability.DIMMER, 150)));
    assertEquals(
        Optional.empty(), z2m.command(new Command("z2m:lamp", Capability.TEMPERATURE, 20)));
    assertEquals(Optional.empty(), z2m.command(new Command("z2m:a/+", Capability.SWITCH, true)));
    assertEquals(Optional.empty(), z2m.command(new Command("z2m:#", Capability.SWITCH, true)));
  }
}

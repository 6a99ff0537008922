package io.hearth.adapters.mqtt.convention;

import static io.hearth.adapters.mqtt.convention.Msgs.assertStatus;
import static io.hearth.adapters.mqtt.convention.Msgs.utf8;
import static io.hearth.adapters.mqtt.convention.Msgs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mqtt.convention.Translation.Status;
import io.hearth.runtime.device.Capability;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TasmotaConventionTest {
  private final TasmotaConvention tasmota = new TasmotaConvention();

  @Test
  void subscribesToTelemetryAndStatus() {
    assertEquals(List.of("tele/+/+", "stat/+/+"), tasmota.subscriptions());
  }

  @Test
  void sensorPayloadWithClimateSensorAndEnergyMonitor() {
    Translation t =
        tasmota.translate(
            "tele/plug1/SENSOR",
            utf8(
                "{\"Time\":\"2024-03-01T10:15:00\",\"AM2301\":{\"Temperature\":21.3,"
                    + "\"Humidity\":40.0,\"DewPoint\":7.2},\"ENERGY\":{"
                    + "\"TotalStartTime\":\"2023-11-02T18:04:51\",\"Total\":12.345,"
                    + "\"Yesterday\":0.412,\"Today\":0.118,\"Period\":2,\"Power\":23,"
                    + "\"ApparentPower\":41,\"ReactivePower\":34,\"Factor\":0.56,"
                    + "\"Voltage\":229,\"Current\":0.179},\"TempUnit\":\"C\"}"));

    assertStatus(Status.ACCEPTED, t);
    assertEquals(
        Map.of(
            Capability.TEMPERATURE, 21.3,
            Capability.HUMIDITY, 40.0,
            Capability.POWER, 23.0,
            Capability.ENERGY, 12.345,
            Capability.VOLTAGE, 229.0,
            Capability.CURRENT, 0.179),
        values(t, "tasmota:plug1"));
    assertTrue(t.problems().isEmpty(), t::reason);
  }

  @Test
  void fahrenheitIsConvertedToCelsius() {
    Translation t =
        tasmota.translate(
            "tele/porch/SENSOR",
            utf8(
                "{\"Time\":\"2024-03-01T10:15:00\",\"DS18B20\":{\"Id\":\"01143A6A8EAA\","
                    + "\"Temperature\":68.0},\"TempUnit\":\"F\"}"));

    assertEquals(20.0, (Double) values(t, "tasmota:porch").get(Capability.TEMPERATURE), 1e-9);
  }

  @Test
  void bme280WithPressureInMillimetresOfMercury() {
    Translation t =
        tasmota.translate(
            "tele/weather/SENSOR",
            utf8(
                "{\"Time\":\"2024-03-01T10:15:00\",\"BME280\":{\"Temperature\":19.6,"
                    + "\"Humidity\":48.2,\"DewPoint\":8.3,\"Pressure\":760.0},"
                    + "\"PressureUnit\":\"mmHg\",\"TempUnit\":\"C\"}"));

    double hPa = (Double) values(t, "tasmota:weather").get(Capability.PRESSURE);
    assertEquals(1013.25, hPa, 0.01);
  }

  @Test
  void twoSensorsOfOneKindKeepTheFirstAndSaySo() {
    Translation t =
        tasmota.translate(
            "tele/tank/SENSOR",
            utf8(
                "{\"DS18B20-1\":{\"Id\":\"01\",\"Temperature\":40.1},"
                    + "\"DS18B20-2\":{\"Id\":\"02\",\"Temperature\":55.0},\"TempUnit\":\"C\"}"));

    assertEquals(40.1, values(t, "tasmota:tank").get(Capability.TEMPERATURE));
    assertTrue(t.reason().contains("second temperature"), t::reason);
  }

  @Test
  void multiChannelEnergyArraysBecomeChannels() {
    Translation t =
        tasmota.translate(
            "tele/dual/SENSOR",
            utf8("{\"ENERGY\":{\"Total\":1.5,\"Power\":[12,0],\"Voltage\":230}}"));

    assertEquals(12.0, values(t, "tasmota:dual").get(Capability.POWER));
    assertEquals(0.0, values(t, "tasmota:dual#2").get(Capability.POWER));
  }

  @Test
  void statePayloadGivesSwitchAndDimmer() {
    Translation t =
        tasmota.translate(
            "tele/lamp/STATE",
            utf8(
                "{\"Time\":\"2024-03-01T10:15:00\",\"Uptime\":\"0T01:02:03\",\"UptimeSec\":3723,"
                    + "\"Heap\":26,\"SleepMode\":\"Dynamic\",\"Sleep\":50,\"LoadAvg\":19,"
                    + "\"MqttCount\":1,\"POWER\":\"ON\",\"Dimmer\":42,\"Fade\":\"OFF\","
                    + "\"Wifi\":{\"AP\":1,\"SSId\":\"home\",\"RSSI\":76,\"Signal\":-62}}"));

    assertEquals(
        Map.of(Capability.SWITCH, true, Capability.DIMMER, 42.0), values(t, "tasmota:lamp"));
  }

  @Test
  void fourRelayStateBecomesFourChannels() {
    Translation t =
        tasmota.translate(
            "tele/sonoff4ch/STATE",
            utf8("{\"POWER1\":\"ON\",\"POWER2\":\"OFF\",\"POWER3\":\"OFF\",\"POWER4\":\"ON\"}"));

    assertEquals(true, values(t, "tasmota:sonoff4ch").get(Capability.SWITCH));
    assertEquals(false, values(t, "tasmota:sonoff4ch#2").get(Capability.SWITCH));
    assertEquals(true, values(t, "tasmota:sonoff4ch#4").get(Capability.SWITCH));
  }

  @Test
  void statPowerAndResult() {
    assertEquals(
        Map.of(Capability.SWITCH, false),
        values(tasmota.translate("stat/plug1/POWER", utf8("OFF")), "tasmota:plug1"));
    assertEquals(
        Map.of(Capability.SWITCH, true),
        values(tasmota.translate("stat/sonoff4ch/POWER3", utf8("ON")), "tasmota:sonoff4ch#3"));
    assertEquals(
        Map.of(Capability.DIMMER, 30.0),
        values(tasmota.translate("stat/lamp/RESULT", utf8("{\"Dimmer\":30}")), "tasmota:lamp"));
    assertStatus(
        Status.IGNORED, tasmota.translate("stat/lamp/RESULT", utf8("{\"Command\":\"Unknown\"}")));
  }

  @Test
  void lastWillGivesAvailability() {
    assertEquals(
        Map.of(Capability.AVAILABILITY, true),
        values(tasmota.translate("tele/plug1/LWT", utf8("Online")), "tasmota:plug1"));
    assertEquals(
        Map.of(Capability.AVAILABILITY, false),
        values(tasmota.translate("tele/plug1/LWT", utf8("Offline")), "tasmota:plug1"));
    Translation odd = tasmota.translate("tele/plug1/LWT", utf8("Maybe"));
    assertStatus(Status.REJECTED, odd);
    assertTrue(odd.has(ProblemKind.WRONG_TYPE), odd::reason);
  }

  @Test
  void otherTasmotaTopicsAreIgnoredAndForeignOnesNotMine() {
    assertStatus(
        Status.IGNORED, tasmota.translate("tele/plug1/INFO1", utf8("{\"Module\":\"Sonoff\"}")));
    assertStatus(Status.IGNORED, tasmota.translate("stat/plug1/STATUS", utf8("{}")));
    assertStatus(Status.NOT_MINE, tasmota.translate("cmnd/plug1/POWER", utf8("ON")));
    assertStatus(Status.NOT_MINE, tasmota.translate("zigbee2mqtt/plug1", utf8("{}")));
    assertStatus(Status.NOT_MINE, tasmota.translate("tele/a/b/SENSOR", utf8("{}")));
  }

  @Test
  void impossibleTemperatureIsRefusedButHumidityKept() {
    Translation t =
        tasmota.translate(
            "tele/plug1/SENSOR",
            utf8("{\"AM2301\":{\"Temperature\":9999,\"Humidity\":40},\"TempUnit\":\"C\"}"));

    assertEquals(Map.of(Capability.HUMIDITY, 40.0), values(t, "tasmota:plug1"));
    assertTrue(t.has(ProblemKind.OUT_OF_RANGE), t::reason);
    assertTrue(t.reason().contains("AM2301.Temperature"), t::reason);
  }

  @Test
  void commands() {
    assertEquals(
        Optional.of(OutboundMessage.text("cmnd/plug1/POWER", "ON", 1)),
        tasmota.command(new Command("tasmota:plug1", Capability.SWITCH, true)));
    assertEquals(
        Optional.of(OutboundMessage.text("cmnd/sonoff4ch/POWER2", "OFF", 1)),
        tasmota.command(new Command("tasmota:sonoff4ch#2", Capability.SWITCH, false)));
    assertEquals(
        Optional.of(OutboundMessage.text("cmnd/lamp/Dimmer", "43", 1)),
        tasmota.command(new Command("tasmota:lamp", Capability.DIMMER, 42.6)));
  }

  @Test
  void commandThenItsResultRoundTrips() {
    OutboundMessage cmd =
        tasmota.command(new Command("tasmota:sonoff4ch#2", Capability.SWITCH, true)).orElseThrow();
    String statTopic = cmd.topic().replaceFirst("^cmnd/", "stat/");

    Translation echo = tasmota.translate(statTopic, cmd.payload());

    assertEquals(Map.of(Capability.SWITCH, true), values(echo, "tasmota:sonoff4ch#2"));
  }

  @Test
  void commandsItCannotCarryOut() {
    assertEquals(
        Optional.empty(), tasmota.command(new Command("z2m:plug1", Capability.SWITCH, true)));
    assertEquals(
        Optional.empty(), tasmota.command(new Command("tasmota:a/b", Capability.SWITCH, true)));
    assertEquals(
        Optional.empty(), tasmota.command(new Command("tasmota:p#9", Capability.SWITCH, true)));
    assertEquals(
        Optional.empty(), tasmota.command(new Command("tasmota:p#2", Capability.DIMMER, 10)));
    assertEquals(
        Optional.empty(), tasmota.command(new Command("tasmota:p", Capability.DIMMER, -1)));
  }
}

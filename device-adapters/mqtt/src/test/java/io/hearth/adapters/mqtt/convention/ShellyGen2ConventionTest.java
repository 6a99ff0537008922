package io.hearth.adapters.mqtt.convention;

import static io.hearth.adapters.mqtt.convention.Msgs.assertStatus;
import static io.hearth.adapters.mqtt.convention.Msgs.utf8;
import static io.hearth.adapters.mqtt.convention.Msgs.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.adapters.mqtt.convention.Translation.Status;
import io.hearth.runtime.device.Capability;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShellyGen2ConventionTest {
  private static final String PLUG = "shellyplus1pm-a8032ab12345";
  private final ShellyGen2Convention shelly = new ShellyGen2Convention();

  @Test
  void subscriptions() {
    assertEquals(List.of("+/online", "+/status/+", "+/events/rpc"), shelly.subscriptions());
  }

  @Test
  void switchStatusGivesOutputMeteringAndRelayTemperature() {
    Translation t =
        shelly.translate(
            PLUG + "/status/switch:0",
            utf8(
                "{\"id\":0,\"source\":\"init\",\"output\":true,\"apower\":48.7,"
                    + "\"voltage\":231.4,\"freq\":50.0,\"current\":0.241,\"pf\":0.87,"
                    + "\"aenergy\":{\"total\":15234.567,\"by_minute\":[812.3,809.1,811.0],"
                    + "\"minute_ts\":1709287260},\"temperature\":{\"tC\":43.2,\"tF\":109.8}}"));

    assertStatus(Status.ACCEPTED, t);
    Map<Capability, Object> v = values(t, "shelly:" + PLUG);
    assertEquals(15.234567, (Double) v.remove(Capability.ENERGY), 1e-9, "Wh to kWh");
    assertEquals(
        Map.of(
            Capability.SWITCH, true,
            Capability.POWER, 48.7,
            Capability.VOLTAGE, 231.4,
            Capability.CURRENT, 0.241,
            Capability.DEVICE_TEMPERATURE, 43.2),
        v);
    assertTrue(t.problems().isEmpty(), t::reason);
  }

  @Test
  void secondSwitchIsItsOwnChannel() {
    Translation t =
        shelly.translate(
            "shellyplus2pm-c049ef8b1234/status/switch:1",
            utf8("{\"id\":1,\"source\":\"WS_in\",\"output\":false,\"apower\":0.0}"));

    assertEquals(
        Map.of(Capability.SWITCH, false, Capability.POWER, 0.0),
        values(t, "shelly:shellyplus2pm-c049ef8b1234#1"));
  }

  @Test
  void htSensorComponents() {
    String ht = "shellyplusht-08b61fcf5678";
    Translation temp =
        shelly.translate(ht + "/status/temperature:0", utf8("{\"id\":0,\"tC\":21.4,\"tF\":70.5}"));
    Translation hum = shelly.translate(ht + "/status/humidity:0", utf8("{\"id\":0,\"rh\":45.2}"));
    Translation bat =
        shelly.translate(
            ht + "/status/devicepower:0",
            utf8(
                "{\"id\":0,\"battery\":{\"V\":5.92,\"percent\":87},"
                    + "\"external\":{\"present\":false}}"));

    assertEquals(Map.of(Capability.TEMPERATURE, 21.4), values(temp, "shelly:" + ht));
    assertEquals(Map.of(Capability.HUMIDITY, 45.2), values(hum, "shelly:" + ht));
    assertEquals(Map.of(Capability.BATTERY, 87.0), values(bat, "shelly:" + ht));
  }

  @Test
  void onlineFlag() {
    assertEquals(
        Map.of(Capability.AVAILABILITY, true),
        values(shelly.translate(PLUG + "/online", utf8("true")), "shelly:" + PLUG));
    assertEquals(
        Map.of(Capability.AVAILABILITY, false),
        values(shelly.translate(PLUG + "/online", utf8("false")), "shelly:" + PLUG));
  }

  @Test
  void notifyStatusCarriesOnlyTheChangedFields() {
    Translation t =
        shelly.translate(
            PLUG + "/events/rpc",
            utf8(
                "{\"src\":\""
                    + PLUG
                    + "\",\"dst\":\""
                    + PLUG
                    + "/events\","
                    + "\"method\":\"NotifyStatus\",\"params\":{\"ts\":1709287301.52,"
                    + "\"switch:0\":{\"id\":0,\"output\":false,\"source\":\"button\"}}}"));

    assertEquals(Map.of(Capability.SWITCH, false), values(t, "shelly:" + PLUG));
  }

  @Test
  void notifyStatusWithTwoChannels() {
    Translation t =
        shelly.translate(
            "pro2/events/rpc",
            utf8(
                "{\"src\":\"shellypro2-1\",\"method\":\"NotifyStatus\",\"params\":{\"ts\":1.0,"
                    + "\"switch:0\":{\"id\":0,\"apower\":10.5},"
                    + "\"switch:1\":{\"id\":1,\"apower\":20.5},\"sys\":{\"uptime\":100}}}"));

    assertEquals(Map.of(Capability.POWER, 10.5), values(t, "shelly:pro2"));
    assertEquals(Map.of(Capability.POWER, 20.5), values(t, "shelly:pro2#1"));
  }

  @Test
  void otherEventsAndComponentsAreIgnored() {
    assertStatus(
        Status.IGNORED,
        shelly.translate(
            PLUG + "/events/rpc",
            utf8(
                "{\"src\":\"x\",\"method\":\"NotifyEvent\",\"params\":{\"ts\":1.0,\"events\":"
                    + "[{\"component\":\"input:0\",\"id\":0,\"event\":\"single_push\"}]}}")));
    assertStatus(Status.IGNORED, shelly.translate(PLUG + "/status/sys", utf8("{\"mac\":\"A8\"}")));
    assertStatus(Status.IGNORED, shelly.translate(PLUG + "/status/input:0", utf8("{}")));
    assertStatus(Status.NOT_MINE, shelly.translate("tele/plug1/SENSOR", utf8("{}")));
    assertStatus(Status.NOT_MINE, shelly.translate(PLUG + "/rpc", utf8("{}")));
  }

  @Test
  void notifyStatusWithoutParamsObjectIsRejected() {
    Translation t =
        shelly.translate(
            PLUG + "/events/rpc", utf8("{\"method\":\"NotifyStatus\",\"params\":[1,2]}"));

    assertStatus(Status.REJECTED, t);
    assertTrue(t.has(ProblemKind.WRONG_TYPE), t::reason);
  }

  @Test
  void switchCommandIsAnRpcRequestWithIncreasingIds() {
    OutboundMessage first =
        shelly.command(new Command("shelly:" + PLUG, Capability.SWITCH, true)).orElseThrow();
    OutboundMessage second =
        shelly
            .command(new Command("shelly:" + PLUG + "#1", Capability.SWITCH, false))
            .orElseThrow();

    assertEquals(PLUG + "/rpc", first.topic());
    assertEquals(
        new JsonObject(
            "{\"id\":1,\"src\":\"hearth\",\"method\":\"Switch.Set\","
                + "\"params\":{\"id\":0,\"on\":true}}"),
        new JsonObject(first.payloadText()));
    JsonObject body = new JsonObject(second.payloadText());
    assertEquals(2, body.getInteger("id"));
    assertEquals(new JsonObject("{\"id\":1,\"on\":false}"), body.getJsonObject("params"));
  }

  @Test
  void dimmerCommandIsLightSet() {
    OutboundMessage m =
        shelly.command(new Command("shelly:dimmer1", Capability.DIMMER, 65)).orElseThrow();

    JsonObject body = new JsonObject(m.payloadText());
    assertEquals("Light.Set", body.getString("method"));
    assertEquals(65, body.getJsonObject("params").getInteger("brightness"));
  }

  @Test
  void commandsItCannotCarryOut() {
    assertEquals(
        Optional.empty(), shelly.command(new Command("z2m:" + PLUG, Capability.SWITCH, true)));
    assertEquals(
        Optional.empty(), shelly.command(new Command("shelly:a/b", Capability.SWITCH, true)));
    assertEquals(
        Optional.empty(), shelly.command(new Command("shelly:+", Capability.SWITCH, true)));
    assertEquals(Optional.empty(), shelly.command(new Command("shelly:p", Capability.POWER, 100)));
  }
}

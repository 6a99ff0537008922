package io.hearth.adapters.mqtt;

import static io.hearth.adapters.mqtt.HubFixture.OWNER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Mosquitto;
import io.hearth.runtime.testing.MosquittoSub;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Devices of three conventions, played by mosquitto_pub through a real mosquitto, reach a hub. */
class MqttAdapterPeerTest {
  @TempDir static Path dir;
  private static Mosquitto broker;
  private static HubFixture hub;

  @BeforeAll
  static void start() throws Exception {
    broker = Mosquitto.start(dir);
    hub = new HubFixture(dir.resolve("data"), "mqtt.url=" + broker.url());
    hub.awaitConnected(true);
  }

  @AfterAll
  static void stop() throws Exception {
    if (hub != null) {
      hub.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  @Timeout(30)
  void zigbee2mqttSensorAppearsWithItsValuesAndAvailability() throws Exception {
    broker.publish(
        "zigbee2mqtt/kitchen_sensor",
        "{\"temperature\":21.5,\"humidity\":40.2,\"battery\":97,\"linkquality\":120}",
        true);

    hub.awaitDevice("z2m:kitchen_sensor");
    // The device grows as readings arrive: wait until it holds every capability reported.
    SensorDevice device =
        HubFixture.until(
            () ->
                hub.find("z2m:kitchen_sensor")
                    .filter(
                        d ->
                            d.capabilities()
                                .containsAll(
                                    Set.of(
                                        Capability.TEMPERATURE,
                                        Capability.HUMIDITY,
                                        Capability.BATTERY))),
            "kitchen_sensor with temperature, humidity and battery");
    hub.awaitState(device.id(), Capability.TEMPERATURE, 21.5);
    broker.publish("zigbee2mqtt/kitchen_sensor/availability", "{\"state\":\"offline\"}", true);

    assertEquals("mqtt", device.protocol());
    assertEquals("kitchen_sensor", device.name());
    assertTrue(
        device
            .capabilities()
            .containsAll(Set.of(Capability.TEMPERATURE, Capability.HUMIDITY, Capability.BATTERY)),
        device.capabilities()::toString);
    assertEquals(40.2, hub.awaitState(device.id(), Capability.HUMIDITY, 40.2));
    DeviceEvent offline =
        HubFixture.until(
            () ->
                Await.get(hub.devices().events().history(device.id(), null, 0, Long.MAX_VALUE, 50))
                    .stream()
                    .filter(e -> DeviceEvent.AVAILABILITY.equals(e.kind()))
                    .findFirst(),
            "availability event");
    assertEquals(false, offline.value());
  }

  @Test
  @Timeout(30)
  void aZigbee2mqttDeviceThatAlsoAnnouncesItselfToHomeAssistantIsOneDevice() throws Exception {
    for (String property : List.of("temperature", "humidity")) {
      broker.publish(
          "homeassistant/sensor/0x00158d0000000002/" + property + "/config",
          "{\"device_class\":\""
              + property
              + "\",\"unit_of_measurement\":\""
              + (property.equals("temperature") ? "°C" : "%")
              + "\",\"state_topic\":\"zigbee2mqtt/hall_sensor\",\"unique_id\":\"0x00158d0000000002_"
              + property
              + "_zigbee2mqtt\",\"value_template\":\"{{ value_json."
              + property
              + " }}\",\"device\":{\"identifiers\":[\"zigbee2mqtt_0x00158d0000000002\"],"
              + "\"name\":\"hall_sensor\"}}",
          true);
    }
    broker.publish("zigbee2mqtt/hall_sensor", "{\"temperature\":19.5,\"humidity\":50}", true);
    // A document read after the two above: once it is adopted, they have been read too.
    broker.publish(
        "homeassistant/switch/sentinel/config",
        "{\"stat_t\":\"sentinel/state\",\"cmd_t\":\"sentinel/set\",\"uniq_id\":\"sentinel\"}",
        true);

    SensorDevice z2m = hub.awaitDevice("z2m:hall_sensor");
    hub.awaitDevice("ha:sentinel");

    assertEquals(19.5, hub.awaitState(z2m.id(), Capability.TEMPERATURE, 19.5));
    assertTrue(hub.find("ha:zigbee2mqtt_0x00158d0000000002").isEmpty(), "adopted twice");
    assertTrue(hub.find("ha:0x00158d0000000002_temperature_zigbee2mqtt").isEmpty());
  }

  @Test
  @Timeout(30)
  void tasmotaPlugReportsPowerAndObeysASwitchCommand() throws Exception {
    broker.publish("tele/plug1/LWT", "Online", true);
    broker.publish(
        "tele/plug1/SENSOR", "{\"ENERGY\":{\"Power\":23,\"Voltage\":229,\"Total\":1.5}}", false);
    broker.publish("stat/plug1/POWER", "ON", false);

    SensorDevice device = hub.awaitDevice("tasmota:plug1");
    hub.awaitState(device.id(), Capability.POWER, 23.0);
    hub.awaitState(device.id(), Capability.SWITCH, true);
    String line = commandArrives("cmnd/plug1/POWER", device.id(), false);

    assertEquals("cmnd/plug1/POWER OFF", line);
    assertTrue(hub.find("tasmota:plug1").orElseThrow().capabilities().contains(Capability.SWITCH));
  }

  @Test
  @Timeout(30)
  void homeAssistantDiscoveredSwitchFollowsItsStateTopicAndTakesCommands() throws Exception {
    broker.publish(
        "homeassistant/switch/heater/relay/config",
        "{\"name\":\"Heater\",\"cmd_t\":\"heater/relay/set\",\"stat_t\":\"heater/relay\","
            + "\"pl_on\":\"1\",\"pl_off\":\"0\",\"uniq_id\":\"heater_relay\","
            + "\"dev\":{\"ids\":[\"heater\"],\"name\":\"Heater\",\"mf\":\"ITEAD\",\"mdl\":\"Basic\"}}",
        true);
    SensorDevice device = hub.awaitDevice("ha:heater");
    // The state topic is subscribed only once the config is read; retained, as HA devices do.
    broker.publish("heater/relay", "1", true);

    assertEquals(Set.of(Capability.SWITCH), device.capabilities());
    assertEquals(true, hub.awaitState(device.id(), Capability.SWITCH, true));
    assertEquals("heater/relay/set 0", commandArrives("heater/relay/set", device.id(), false));
  }

  @Test
  @Timeout(30)
  void hearthsOwnRepublishedDiscoveryDocumentsAreNotAdopted() throws Exception {
    broker.publish(
        "homeassistant/sensor/hearth/hearth_dev_1_temperature/config",
        "{\"name\":\"T\",\"stat_t\":\"hearth/dev_1/state\",\"uniq_id\":\"hearth_dev_1_temperature\","
            + "\"dev_cla\":\"temperature\",\"unit_of_meas\":\"°C\"}",
        false);
    broker.publish("zigbee2mqtt/marker", "{\"temperature\":1}", false);
    hub.awaitDevice("z2m:marker");

    List<String> addresses =
        Await.get(hub.devices().list()).stream().map(SensorDevice::address).toList();
    assertTrue(addresses.stream().noneMatch(a -> a.contains("hearth_")), addresses::toString);
  }

  /** Sends a command through the registry and returns the line mosquitto_sub saw for it. */
  private static String commandArrives(String topic, String deviceId, Object value)
      throws Exception {
    try (MosquittoSub sub = broker.subscribe(0, topic, "probe/" + topic)) {
      sub.awaitReady(broker, "probe/" + topic);
      Await.get(hub.devices().command(OWNER, deviceId, Capability.SWITCH, value));
      return sub.nextOn(topic, 10_000);
    }
  }
}

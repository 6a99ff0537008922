package io.hearth.api.mqtt;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.ValueType;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One Home Assistant entity of a Hearth device: its component and what it reads and commands. A
 * dimmable bulb (SWITCH and DIMMER) is one {@code light} whose on/off and brightness use the hub's
 * existing {@code .../switch/set} and {@code .../dimmer/set} topics (brightness on the hub's 0-100
 * scale, which HA is told with {@code brightness_scale}).
 */
record HaEntity(String component, String suffix, Capability capability) {
  private static final Set<Capability> DIAGNOSTIC =
      EnumSet.of(Capability.LINKQUALITY, Capability.DEVICE_TEMPERATURE, Capability.BATTERY);

  /** The entities of a device with these capabilities, its main one first. */
  static List<HaEntity> plan(Set<Capability> capabilities) {
    List<HaEntity> out = new ArrayList<>();
    boolean light =
        capabilities.contains(Capability.SWITCH) && capabilities.contains(Capability.DIMMER);
    if (light) {
      out.add(new HaEntity("light", "light", Capability.SWITCH));
    }
    capabilities.stream()
        .sorted()
        .filter(c -> c != Capability.AVAILABILITY)
        .filter(c -> !(light && (c == Capability.SWITCH || c == Capability.DIMMER)))
        .map(c -> new HaEntity(component(c), c.wireName(), c))
        .forEach(e -> out.add(e.isControl() && !light ? 0 : out.size(), e));
    return out;
  }

  static String component(Capability capability) {
    return switch (capability) {
      case SWITCH -> "switch";
      case DIMMER -> "number";
      default -> capability.valueType() == ValueType.BOOLEAN ? "binary_sensor" : "sensor";
    };
  }

  /** A switch or a dimmer: what the device is for, when it has one. */
  boolean isControl() {
    return component.equals("switch") || component.equals("number") || component.equals("light");
  }

  /**
   * Whether this is the device's main feature, named by the device alone (entity name null): its
   * light or switch or dimmer, or its only entity.
   */
  boolean isMain(List<HaEntity> all) {
    if (all.size() == 1) {
      return true;
    }
    return all.get(0) == this && isControl();
  }

  /** The entity name HA shows after the device's name. */
  String readableName() {
    return switch (capability) {
      case CO2 -> "Carbon dioxide";
      case LINKQUALITY -> "Link quality";
      case DIMMER -> "Brightness";
      default -> {
        String words = capability.wireName().replace('_', ' ');
        yield Character.toUpperCase(words.charAt(0)) + words.substring(1);
      }
    };
  }

  /** Adds the component's own keys: topics, payloads, classes, units. */
  void describe(JsonObject config, String deviceId) {
    String state = HaDiscovery.stateTopic(deviceId, capability);
    switch (component) {
      case "light" -> light(config, deviceId);
      case "switch" -> onOff(config.put("command_topic", state + "/set"), state);
      case "number" ->
          config
              .put("state_topic", state)
              .put("command_topic", state + "/set")
              .put("min", 0)
              .put("max", 100)
              .put("step", 1)
              .put("mode", "slider")
              .put("unit_of_measurement", "%");
      case "binary_sensor" -> binarySensor(config, state);
      default -> sensor(config, state);
    }
    if (DIAGNOSTIC.contains(capability)) {
      config.put("entity_category", "diagnostic");
    }
  }

  private static void light(JsonObject config, String deviceId) {
    String onOff = HaDiscovery.stateTopic(deviceId, Capability.SWITCH);
    String level = HaDiscovery.stateTopic(deviceId, Capability.DIMMER);
    onOff(config.put("command_topic", onOff + "/set"), onOff);
    config
        .put("brightness_state_topic", level)
        .put("brightness_command_topic", level + "/set")
        .put("brightness_scale", 100)
        .put("on_command_type", "last");
  }

  private static void onOff(JsonObject config, String state) {
    config.put("state_topic", state).put("payload_on", "true").put("payload_off", "false");
  }

  private void binarySensor(JsonObject config, String state) {
    boolean closedIsTrue = capability == Capability.CONTACT;
    // HA's door is "on" when open; Hearth's CONTACT is true when closed.
    config
        .put("state_topic", state)
        .put("payload_on", closedIsTrue ? "false" : "true")
        .put("payload_off", closedIsTrue ? "true" : "false");
    String deviceClass =
        switch (capability) {
          case MOTION -> "motion";
          case OCCUPANCY -> "occupancy";
          case CONTACT -> "door";
          default -> null;
        };
    if (deviceClass != null) {
      config.put("device_class", deviceClass);
    }
  }

  private void sensor(JsonObject config, String state) {
    config.put("state_topic", state).put("unit_of_measurement", capability.unit());
    String deviceClass =
        switch (capability) {
          case TEMPERATURE, DEVICE_TEMPERATURE -> "temperature";
          case CO2 -> "carbon_dioxide";
          case HUMIDITY, ILLUMINANCE, BATTERY, POWER, ENERGY, VOLTAGE, CURRENT, PRESSURE ->
              capability.wireName();
          default -> null;
        };
    if (deviceClass != null) {
      config.put("device_class", deviceClass);
    }
    config.put("state_class", capability == Capability.ENERGY ? "total_increasing" : "measurement");
  }
}

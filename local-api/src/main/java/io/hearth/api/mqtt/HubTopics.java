package io.hearth.api.mqtt;

import io.hearth.runtime.HubContext;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.device.EventStore;
import io.hearth.runtime.device.ValueType;
import io.hearth.runtime.domain.Principal;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's own topics on its broker: device state retained on {@code
 * hearth/<device>/<capability>}, Home Assistant discovery documents under {@code homeassistant/...}
 * (unique ids {@code hearth_...}, which the hub's own MQTT adapter ignores), commands from {@code
 * .../set} (the broker's ACL has checked the control grant), and every client publish handed to the
 * MQTT adapter over the event bus ({@code hearth.mqtt.in}) with its publishes taken back ({@code
 * hearth.mqtt.out}).
 *
 * <p>It also tells the broker which device each topic is about ({@link TopicOwners}): the MQTT
 * adapter claims the convention topics it reads a device from on {@code hearth.mqtt.owner}, and
 * marks the commands it publishes with the device they are for, so that a device's own topics are
 * readable only by those who may see that device.
 */
final class HubTopics {
  static final String IN = "hearth.mqtt.in";
  static final String OUT = "hearth.mqtt.out";
  static final String OWNER = "hearth.mqtt.owner";
  static final String ROOT = "hearth/";
  static final String DISCOVERY = "homeassistant/";
  private static final Logger LOG = LoggerFactory.getLogger(HubTopics.class);

  private final HubContext hub;
  private final LocalBroker broker;
  private final TopicOwners owners;
  private final Set<String> announced = ConcurrentHashMap.newKeySet();
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private final List<LocalBroker.Registration> registrations = new ArrayList<>();

  HubTopics(HubContext hub, LocalBroker broker, TopicOwners owners) {
    this.hub = hub;
    this.broker = broker;
    this.owners = owners;
  }

  Future<Void> start() {
    consumers.add(
        hub.vertx()
            .eventBus()
            .<DeviceEvent>localConsumer(EventStore.ADDRESS, m -> publishState(m.body())));
    consumers.add(
        hub.vertx()
            .eventBus()
            .<Buffer>localConsumer(
                OUT,
                m -> {
                  claim(m.headers().get("topic"), m.headers().get("device"));
                  broker
                      .publish(
                          m.headers().get("topic"),
                          m.body(),
                          Integer.parseInt(m.headers().get("qos")),
                          Boolean.parseBoolean(m.headers().get("retain")))
                      .onComplete(done -> m.reply(null));
                }));
    consumers.add(
        hub.vertx()
            .eventBus()
            .<Object>localConsumer(
                OWNER, m -> claim(m.headers().get("topic"), m.headers().get("device"))));
    return broker
        .subscribe("#", this::fromClient)
        .map(registrations::add)
        .compose(v -> broker.subscribe("hearth/+/+/set", this::command))
        .map(registrations::add)
        .mapEmpty();
  }

  void stop() {
    consumers.forEach(MessageConsumer::unregister);
    registrations.forEach(LocalBroker.Registration::cancel);
  }

  private void claim(String topic, String deviceId) {
    if (topic != null && deviceId != null) {
      owners.claim(topic, deviceId);
    }
  }

  private void fromClient(Message message) {
    if (message.topic().startsWith(ROOT)) {
      return;
    }
    hub.vertx()
        .eventBus()
        .publish(
            IN,
            message.payload(),
            new DeliveryOptions().setLocalOnly(true).addHeader("topic", message.topic()));
  }

  private void publishState(DeviceEvent event) {
    if (event.capability() == null) {
      if (DeviceEvent.AVAILABILITY.equals(event.kind())) {
        broker.publish(
            "hearth/" + event.deviceId() + "/availability",
            Buffer.buffer(Boolean.TRUE.equals(event.value()) ? "online" : "offline"),
            1,
            true);
      }
      return;
    }
    if (!DeviceEvent.STATE.equals(event.kind())) {
      return;
    }
    String topic = "hearth/" + event.deviceId() + "/" + event.capability().wireName();
    broker.publish(topic, Buffer.buffer(Json.encode(event.value())), 1, true);
    if (announced.add(event.deviceId() + "/" + event.capability().wireName())) {
      announce(event.deviceId(), event.capability());
    }
  }

  /** Publishes the Home Assistant discovery document of one capability, retained. */
  private void announce(String deviceId, Capability capability) {
    hub.devices()
        .get(deviceId)
        .onSuccess(
            device -> {
              String component = component(capability);
              String objectId = "hearth_" + deviceId + "_" + capability.wireName();
              JsonObject config =
                  new JsonObject()
                      .put("name", device.name() + " " + capability.wireName().replace('_', ' '))
                      .put("unique_id", objectId)
                      .put("state_topic", "hearth/" + deviceId + "/" + capability.wireName())
                      .put("availability_topic", "hearth/" + deviceId + "/availability")
                      .put(
                          "device",
                          new JsonObject()
                              .put("identifiers", List.of("hearth_" + deviceId))
                              .put("name", device.name())
                              .put("manufacturer", "Hearth")
                              .put("model", device.protocol()));
              decorate(config, deviceId, capability, component);
              broker.publish(
                  DISCOVERY + component + "/" + objectId + "/config",
                  Buffer.buffer(config.encode()),
                  1,
                  true);
            });
  }

  private static void decorate(
      JsonObject config, String deviceId, Capability capability, String component) {
    if (capability.valueType() == ValueType.BOOLEAN) {
      config.put("payload_on", "true").put("payload_off", "false");
    } else if (!capability.unit().isEmpty()) {
      config.put("unit_of_measurement", capability.unit());
    }
    if (component.equals("switch") || component.equals("number")) {
      config.put("command_topic", "hearth/" + deviceId + "/" + capability.wireName() + "/set");
    }
    String deviceClass =
        switch (capability) {
          case TEMPERATURE,
              HUMIDITY,
              ILLUMINANCE,
              BATTERY,
              POWER,
              ENERGY,
              VOLTAGE,
              CURRENT,
              PRESSURE ->
              capability.wireName();
          case CO2 -> "carbon_dioxide";
          case MOTION, OCCUPANCY -> "motion";
          case CONTACT -> "door";
          default -> null;
        };
    if (deviceClass != null) {
      config.put("device_class", deviceClass);
    }
    if (capability == Capability.CONTACT) {
      config.put("payload_on", "false").put("payload_off", "true");
    }
  }

  static String component(Capability capability) {
    return switch (capability) {
      case SWITCH -> "switch";
      case DIMMER -> "number";
      default -> capability.valueType() == ValueType.BOOLEAN ? "binary_sensor" : "sensor";
    };
  }

  private void command(Message message) {
    String[] levels = message.topic().split("/");
    Capability capability = Capability.fromWireName(levels[2]).orElse(null);
    if (capability == null) {
      return;
    }
    Object value;
    try {
      value = parse(capability, message.payload().toString());
    } catch (RuntimeException e) {
      LOG.warn("MQTT command on {} refused: {}", message.topic(), e.getMessage());
      return;
    }
    // A client's command is checked again now (the broker checked it at publish time) and
    // audited as whoever published it; the hub's own publishes are audited as the hub.
    Principal actor = message.publisher();
    (actor == null
            ? hub.devices().commandChecked(Principal.HUB, levels[1], capability, value)
            : hub.devices().command(actor, levels[1], capability, value))
        .onFailure(e -> LOG.warn("MQTT command on {} failed: {}", message.topic(), e.getMessage()));
  }

  static Object parse(Capability capability, String text) {
    String t = text.trim();
    if (capability.valueType() == ValueType.BOOLEAN) {
      return switch (t.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "on", "1" -> true;
        case "false", "off", "0" -> false;
        default -> throw new IllegalArgumentException("expected on/off or true/false");
      };
    }
    if (capability.valueType() == ValueType.NUMBER) {
      double number = Double.parseDouble(t);
      if (!capability.isPlausible(number)) {
        throw new IllegalArgumentException("out of range");
      }
      return number;
    }
    return t;
  }
}

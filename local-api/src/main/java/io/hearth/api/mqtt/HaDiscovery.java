package io.hearth.api.mqtt;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.spi.BusAddresses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The Home Assistant MQTT discovery documents of the hub and its devices, as Home Assistant's own
 * schemas accept them: one HA device per Hearth device (named once; each entity's {@code name} is
 * the capability's readable name, or null for the device's main entity, as HA composes names),
 * linked {@code via_device} to a hub device; availability from the hub's {@code hearth/status} and
 * the device's own {@code hearth/<device>/availability}, both required ({@code availability_mode:
 * all}); state classes for long-term statistics; a dimmable bulb as one {@code light}.
 *
 * <p>Object ids are {@code hearth_<device>_<capability>} (or {@code hearth_<device>_light}), which
 * {@link TopicOwners#hubDevice} reads the device from; the hub's own document names no device and
 * stays the owner's. Pure: builds JSON, publishes nothing ({@link HubTopics} does).
 */
final class HaDiscovery {
  static final String STATUS = BusAddresses.HUB_STATUS_TOPIC;

  /** What the documents say about the hub: its home id, admin page and version. */
  record Hub(String homeId, String adminUrl, String version) {
    String identifier() {
      return "hearth_hub_" + homeId.replaceAll("[^A-Za-z0-9_-]", "_");
    }
  }

  /** One retained discovery document: its topic and JSON. */
  record Document(String topic, JsonObject config) {}

  private final Hub hub;

  HaDiscovery(Hub hub) {
    this.hub = hub;
  }

  static String availabilityTopic(String deviceId) {
    return HubTopics.ROOT + deviceId + "/availability";
  }

  static String stateTopic(String deviceId, Capability capability) {
    return HubTopics.ROOT + deviceId + "/" + capability.wireName();
  }

  /**
   * The hub's own device: a connectivity sensor on {@code hearth/status}. Its topic has a node id
   * ({@code homeassistant/binary_sensor/hearth/<hub>_status/config}) and names no device, so it
   * stays the owner's.
   */
  Document hubDocument() {
    String objectId = hub.identifier() + "_status";
    JsonObject config =
        new JsonObject()
            .put("name", "Status")
            .put("unique_id", objectId)
            .put("state_topic", STATUS)
            .put("payload_on", "online")
            .put("payload_off", "offline")
            .put("device_class", "connectivity")
            .put("entity_category", "diagnostic")
            .put("qos", 1)
            .put("device", hubDevice())
            .put("origin", origin());
    return new Document(
        HubTopics.DISCOVERY + "binary_sensor/hearth/" + objectId + "/config", config);
  }

  /** Every document of one device, its main entity first. */
  List<Document> documents(SensorDevice device) {
    List<Document> out = new ArrayList<>();
    List<HaEntity> entities = HaEntity.plan(device.capabilities());
    for (HaEntity entity : entities) {
      out.add(document(device, entity, entity.isMain(entities)));
    }
    return out;
  }

  private Document document(SensorDevice device, HaEntity entity, boolean main) {
    String objectId = "hearth_" + device.id() + "_" + entity.suffix();
    JsonObject config =
        new JsonObject()
            .put("name", main ? null : entity.readableName())
            .put("unique_id", objectId)
            .put("qos", 1)
            .put("availability", availability(device.id()))
            .put("availability_mode", "all")
            .put("device", device(device))
            .put("origin", origin());
    entity.describe(config, device.id());
    return new Document(
        HubTopics.DISCOVERY + entity.component() + "/" + objectId + "/config", config);
  }

  /**
   * A camera's motion as a {@code binary_sensor} of device class motion, on the state topic the
   * camera's MOTION state is published to (whatever reported it: the hub's detector, the camera's
   * ONVIF events). Available while the hub is.
   */
  Document cameraMotion(String cameraId, String cameraName) {
    String objectId = "hearth_" + cameraId + "_motion";
    JsonObject config =
        cameraEntity(objectId, "Motion", cameraId, cameraName)
            .put("state_topic", stateTopic(cameraId, Capability.MOTION))
            .put("payload_on", "true")
            .put("payload_off", "false")
            .put("device_class", "motion");
    return new Document(HubTopics.DISCOVERY + "binary_sensor/" + objectId + "/config", config);
  }

  /**
   * The camera's latest event picture as an {@code image} entity: the JPEG arrives on {@link
   * EventImages#topic} when an event's thumbnail is taken.
   */
  Document cameraEventImage(String cameraId, String cameraName) {
    String objectId = "hearth_" + cameraId + "_event";
    JsonObject config =
        cameraEntity(objectId, "Latest event", cameraId, cameraName)
            .put("image_topic", EventImages.topic(cameraId))
            .put("content_type", "image/jpeg");
    return new Document(HubTopics.DISCOVERY + "image/" + objectId + "/config", config);
  }

  private JsonObject cameraEntity(
      String objectId, String name, String cameraId, String cameraName) {
    return new JsonObject()
        .put("name", name)
        .put("unique_id", objectId)
        .put("qos", 1)
        .put("availability_topic", STATUS)
        .put(
            "device",
            new JsonObject()
                .put("identifiers", new JsonArray().add("hearth_" + cameraId))
                .put("name", cameraName)
                .put("model", "Camera")
                .put("via_device", hub.identifier())
                .put("configuration_url", hub.adminUrl()))
        .put("origin", origin());
  }

  private static JsonArray availability(String deviceId) {
    return new JsonArray()
        .add(new JsonObject().put("topic", STATUS))
        .add(new JsonObject().put("topic", availabilityTopic(deviceId)));
  }

  private JsonObject device(SensorDevice device) {
    JsonObject out =
        new JsonObject()
            .put("identifiers", new JsonArray().add("hearth_" + device.id()))
            .put("name", device.name())
            .put("model", model(device))
            .put("via_device", hub.identifier())
            .put("configuration_url", hub.adminUrl());
    String maker = manufacturer(device);
    if (maker != null) {
      out.put("manufacturer", maker);
    }
    return out;
  }

  private JsonObject hubDevice() {
    return new JsonObject()
        .put("identifiers", new JsonArray().add(hub.identifier()))
        .put("name", "Hearth hub")
        .put("manufacturer", "Hearth")
        .put("model", "Hearth hub")
        .put("sw_version", hub.version())
        .put("configuration_url", hub.adminUrl());
  }

  /** Who published the document; the project has no public URL to give as support_url. */
  private JsonObject origin() {
    return new JsonObject().put("name", "Hearth").put("sw_version", hub.version());
  }

  /** What the adapter knows of the maker: only the demo's simulated devices are Hearth's. */
  static String manufacturer(SensorDevice device) {
    return device.address().startsWith("demo:") ? "Hearth" : null;
  }

  /** The kind of device as far as its adapter can tell, from the address it reads it at. */
  static String model(SensorDevice device) {
    String address = device.address();
    String scheme = address.contains(":") ? address.substring(0, address.indexOf(':')) : "";
    return switch (scheme) {
      case "demo" -> "Simulated device (hearth demo)";
      case "z2m" -> "Zigbee device via zigbee2mqtt";
      case "tasmota" -> "Tasmota device";
      case "shelly" -> "Shelly Gen2 device";
      case "ha" -> "MQTT device (Home Assistant discovery)";
      case "coap", "coaps" -> "CoAP device";
      default -> device.protocol() + " device";
    };
  }
}

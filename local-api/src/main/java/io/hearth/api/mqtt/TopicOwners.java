package io.hearth.api.mqtt;

import io.hearth.runtime.domain.Ids;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which device each topic is about, so the broker can treat topics as resources: a topic naming a
 * device is readable only with an events grant on that device (or by that device's own source).
 *
 * <p>The hub's own topics name their device in the topic ({@code hearth/<device>/...}, and the
 * discovery documents it publishes, {@code homeassistant/<component>/hearth_<device>_<capability>
 * /config}). Convention topics ({@code zigbee2mqtt/...}, {@code tele/...}, {@code shellies/...},
 * Home Assistant discovery of other publishers) are claimed by the MQTT adapter, the one part of
 * the hub that understands the conventions, as it reads them. A topic nobody claimed names no
 * device the broker knows of, so it stays the owner's alone: default deny.
 *
 * <p>A device's sources are the tokens whose clients published the topics the adapter claimed for
 * it (a Tasmota plug connected with a device token): they may read that device's topics, commands
 * included, without a grant on it. Thread-safe; bounded (past the bounds, new claims are ignored
 * and those topics stay the owner's).
 */
final class TopicOwners {
  static final int MAX_TOPICS = 50_000;
  static final int MAX_PER_TOPIC = 16;
  static final int MAX_SOURCES = 8;
  private static final String HUB_DISCOVERY_ID = "hearth_";

  private final Map<String, Set<String>> devicesByTopic = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> publishersByTopic = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> sourcesByDevice = new ConcurrentHashMap<>();

  /** The devices a topic is about; empty when it names none the hub knows. */
  Set<String> devicesOf(String topic) {
    String own = hubDevice(topic);
    if (own != null) {
      return Set.of(own);
    }
    return devicesByTopic.getOrDefault(topic, Set.of());
  }

  /** The adapter read a device from this topic (or the hub publishes a command to it there). */
  void claim(String topic, String deviceId) {
    if (!Ids.isWellFormed(deviceId, "dev")) {
      return;
    }
    if (!devicesByTopic.containsKey(topic) && devicesByTopic.size() >= MAX_TOPICS) {
      return;
    }
    Set<String> devices = devicesByTopic.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
    if (devices.size() < MAX_PER_TOPIC) {
      devices.add(deviceId);
    }
    publishersByTopic.getOrDefault(topic, Set.of()).forEach(token -> addSource(deviceId, token));
  }

  /** A client holding {@code tokenId} published to a topic. */
  void published(String topic, String tokenId) {
    Set<String> devices = devicesByTopic.get(topic);
    if (devices != null) {
      devices.forEach(d -> addSource(d, tokenId));
      return;
    }
    if (publishersByTopic.size() < MAX_TOPICS) {
      Set<String> tokens =
          publishersByTopic.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet());
      if (tokens.size() < MAX_SOURCES) {
        tokens.add(tokenId);
      }
    }
  }

  /** Whether the token's clients published the topics of this device. */
  boolean isSource(String deviceId, String tokenId) {
    return tokenId != null && sourcesByDevice.getOrDefault(deviceId, Set.of()).contains(tokenId);
  }

  private void addSource(String deviceId, String tokenId) {
    if (!sourcesByDevice.containsKey(deviceId) && sourcesByDevice.size() >= MAX_TOPICS) {
      return;
    }
    Set<String> tokens =
        sourcesByDevice.computeIfAbsent(deviceId, d -> ConcurrentHashMap.newKeySet());
    if (tokens.size() < MAX_SOURCES) {
      tokens.add(tokenId);
    }
  }

  /**
   * The device a hub topic names: {@code hearth/<device>/...} (the id alone or {@code <slug>.<id>},
   * see {@link DeviceLevel}) or the hub's discovery documents.
   */
  static String hubDevice(String topic) {
    if (topic.startsWith(HubTopics.ROOT)) {
      int end = topic.indexOf('/', HubTopics.ROOT.length());
      return DeviceLevel.idOf(
          topic.substring(HubTopics.ROOT.length(), end < 0 ? topic.length() : end));
    }
    if (topic.startsWith(HubTopics.DISCOVERY)) {
      String[] levels = topic.split("/", -1);
      if (levels.length == 4 && levels[2].startsWith(HUB_DISCOVERY_ID)) {
        String rest = levels[2].substring(HUB_DISCOVERY_ID.length());
        String device = rest.length() >= 24 ? rest.substring(0, 24) : rest;
        return DeviceLevel.isDeviceOrCamera(device) ? device : null;
      }
    }
    return null;
  }
}

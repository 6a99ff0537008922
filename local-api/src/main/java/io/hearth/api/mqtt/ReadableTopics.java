package io.hearth.api.mqtt;

import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes a device's state and availability on its readable topic too, {@code
 * hearth/<slug>.<id>/<leaf>} ({@link DeviceLevel}), retained, beside the id-only topic. The level
 * is looked up once per device; publishes wait on that one lookup in the order they came, so a
 * later value never lands before an earlier one.
 */
final class ReadableTopics {
  private final ModuleContext hub;
  private final HubBroker broker;
  private final Map<String, Future<String>> levels = new ConcurrentHashMap<>();

  ReadableTopics(ModuleContext hub, HubBroker broker) {
    this.hub = hub;
    this.broker = broker;
  }

  void publish(String deviceId, String leaf, Buffer payload) {
    levels
        .computeIfAbsent(
            deviceId, id -> hub.devices().get(id).map(d -> DeviceLevel.named(d.id(), d.name())))
        .onSuccess(level -> broker.publish(HubTopics.ROOT + level + "/" + leaf, payload, 1, true))
        .onFailure(e -> levels.remove(deviceId));
  }

  /** A removed device: its readable topics are cleared too, and its level forgotten. */
  void clear(String deviceId, Collection<String> leaves) {
    Future<String> level = levels.remove(deviceId);
    if (level != null) {
      level.onSuccess(
          l ->
              leaves.forEach(
                  leaf ->
                      broker.publish(HubTopics.ROOT + l + "/" + leaf, Buffer.buffer(""), 1, true)));
    }
  }
}

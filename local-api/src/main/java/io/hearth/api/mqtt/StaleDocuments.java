package io.hearth.api.mqtt;

import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears, at start, retained discovery documents of ours that name a device the hub no longer has,
 * (or camera), or an entity the device no longer has (a switch now published as a light), which the
 * last run left on the broker. A device removed while the hub runs is cleared at once ({@link
 * HubTopics}); this catches what a stopped hub could not. Only where the broker can list what it
 * retains.
 */
final class StaleDocuments {
  private static final Logger LOG = LoggerFactory.getLogger(StaleDocuments.class);

  private StaleDocuments() {}

  /**
   * @param documents the discovery topics just published for each device
   */
  static Future<Void> sweep(
      ModuleContext hub, HubBroker broker, Map<String, Set<String>> documents) {
    return hub.devices()
        .list()
        .map(all -> all.stream().map(SensorDevice::id).collect(Collectors.toSet()))
        .compose(
            devices ->
                hub.cameras()
                    .list()
                    .map(
                        cameras -> {
                          Set<String> known = new java.util.HashSet<>(devices);
                          cameras.forEach(c -> known.add(c.id()));
                          return known;
                        }))
        .compose(
            known ->
                broker
                    .retainedMatching(HubTopics.DISCOVERY + "#")
                    .map(
                        found ->
                            found.stream()
                                .map(Message::topic)
                                .filter(t -> stale(t, known, documents))))
        .compose(
            stale ->
                Future.all(
                    stale
                        .peek(t -> LOG.info("MQTT: clearing the stale discovery document {}", t))
                        .map(t -> broker.publish(t, Buffer.buffer(""), 1, true))
                        .toList()))
        .mapEmpty();
  }

  private static boolean stale(
      String topic, Set<String> knownDevices, Map<String, Set<String>> documents) {
    String device = TopicOwners.hubDevice(topic);
    if (device == null) {
      return false;
    }
    Set<String> published = documents.get(device);
    return !knownDevices.contains(device) || (published != null && !published.contains(topic));
  }
}

package io.hearth.api.mqtt;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Set;

/**
 * Home Assistant discovery for cameras: one motion {@code binary_sensor} per camera ({@link
 * HaDiscovery#cameraMotion}), retained, published with every device's documents and for a camera
 * whose motion is first reported. The state itself is the camera's MOTION state topic, which {@link
 * HubTopics} publishes like any device's.
 */
final class CameraDocuments {
  private CameraDocuments() {}

  /** Every camera's document. */
  static Future<Void> announceAll(
      ModuleContext hub,
      HubBroker broker,
      HaDiscovery discovery,
      Map<String, Set<String>> covered) {
    return hub.cameras()
        .list()
        .compose(
            all ->
                Future.all(all.stream().map(c -> announce(broker, discovery, covered, c)).toList()))
        .mapEmpty();
  }

  /** The document of the camera {@code cameraId}, if it is one. */
  static Future<Void> announceOne(
      ModuleContext hub,
      HubBroker broker,
      HaDiscovery discovery,
      Map<String, Set<String>> covered,
      String cameraId) {
    return hub.cameras().get(cameraId).compose(c -> announce(broker, discovery, covered, c));
  }

  private static Future<Void> announce(
      HubBroker broker, HaDiscovery discovery, Map<String, Set<String>> covered, Camera camera) {
    covered.put(camera.id(), Set.of(Capability.MOTION.wireName()));
    HaDiscovery.Document doc = discovery.cameraMotion(camera.id(), camera.name());
    return broker.publish(doc.topic(), Buffer.buffer(doc.config().encode()), 1, true);
  }
}

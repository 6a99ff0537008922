package io.hearth.api.mqtt;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Home Assistant discovery for cameras: one motion {@code binary_sensor} per camera ({@link
 * HaDiscovery#cameraMotion}) and, on the hub's own broker, one {@code image} of its latest event
 * ({@link HaDiscovery#cameraEventImage}, {@link EventImages}), retained, published with every
 * device's documents and for a camera whose motion is first reported. The state itself is the
 * camera's MOTION state topic, which {@link HubTopics} publishes like any device's.
 */
final class CameraDocuments {
  private CameraDocuments() {}

  /** Every camera's document. */
  static Future<Void> announceAll(
      ModuleContext hub,
      HubBroker broker,
      HaDiscovery discovery,
      Map<String, Set<String>> covered,
      Map<String, Set<String>> documents) {
    return hub.cameras()
        .list()
        .compose(
            all ->
                Future.all(
                    all.stream()
                        .map(c -> announce(broker, discovery, covered, documents, c))
                        .toList()))
        .mapEmpty();
  }

  /** The document of the camera {@code cameraId}, if it is one. */
  static Future<Void> announceOne(
      ModuleContext hub,
      HubBroker broker,
      HaDiscovery discovery,
      Map<String, Set<String>> covered,
      Map<String, Set<String>> documents,
      String cameraId) {
    return hub.cameras()
        .get(cameraId)
        .compose(c -> announce(broker, discovery, covered, documents, c));
  }

  private static Future<Void> announce(
      HubBroker broker,
      HaDiscovery discovery,
      Map<String, Set<String>> covered,
      Map<String, Set<String>> documents,
      Camera camera) {
    covered.put(camera.id(), Set.of(Capability.MOTION.wireName()));
    List<HaDiscovery.Document> docs = new ArrayList<>();
    docs.add(discovery.cameraMotion(camera.id(), camera.name()));
    if (broker.embedded()) {
      docs.add(discovery.cameraEventImage(camera.id(), camera.name()));
    }
    documents.put(
        camera.id(), docs.stream().map(HaDiscovery.Document::topic).collect(Collectors.toSet()));
    return Future.all(
            docs.stream()
                .map(d -> broker.publish(d.topic(), Buffer.buffer(d.config().encode()), 1, true))
                .toList())
        .mapEmpty();
  }
}

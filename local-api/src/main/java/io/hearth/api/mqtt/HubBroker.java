package io.hearth.api.mqtt;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where the hub's own topics ({@link HubTopics}) are published and read: the embedded broker
 * ({@link Router}), or the external broker the MQTT adapter is connected to ({@link
 * ExternalBroker}), for {@code api.mqtt.mode: external}.
 */
interface HubBroker extends LocalBroker {
  /** The retained messages a filter matches now, where the broker can tell; else none. */
  Future<List<Message>> retainedMatching(String filter);

  /** True for the hub's own broker: clients publish here, and topic owners keep topics private. */
  boolean embedded();
}

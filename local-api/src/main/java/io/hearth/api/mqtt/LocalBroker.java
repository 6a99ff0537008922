package io.hearth.api.mqtt;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * The embedded broker as the rest of the hub uses it: publish hub state (retained on {@code
 * hearth/<device>/<capability>}), and hear what clients publish (the MQTT sensor adapter reads
 * Tasmota, Shelly and zigbee2mqtt conventions this way). Calls may come from any thread.
 */
public interface LocalBroker {
  /** Routes a message to subscribers as if a client with every right had published it. */
  Future<Void> publish(String topic, Buffer payload, int qos, boolean retain);

  /** Calls the handler (on the broker's event loop) for every message matching the filter. */
  Future<Registration> subscribe(String filter, Consumer<Message> handler);

  /** An internal subscription; {@link #cancel} ends it. */
  interface Registration {
    void cancel();
  }
}

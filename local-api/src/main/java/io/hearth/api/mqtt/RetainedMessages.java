package io.hearth.api.mqtt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The last retained message per topic, in memory and in the store. An empty payload clears the
 * topic; past the configured number of topics, new topics are not retained (logged once).
 */
final class RetainedMessages {
  private static final OnceLog LOG = new OnceLog(LoggerFactory.getLogger(RetainedMessages.class));

  private final Map<String, Message> byTopic = new HashMap<>();
  private final BrokerStore store;
  private final int max;

  RetainedMessages(BrokerStore store, int max) {
    this.store = store;
    this.max = max;
  }

  /** Loads a stored message at start without writing it back. */
  void restore(Message message) {
    byTopic.put(message.topic(), message);
  }

  /** Stores, replaces or (with an empty payload) clears the retained message of its topic. */
  void update(Message message) {
    String topic = message.topic();
    if (message.payload().length() == 0) {
      if (byTopic.remove(topic) != null) {
        store.clearRetained(topic);
      }
      return;
    }
    if (!byTopic.containsKey(topic) && byTopic.size() >= max) {
      LOG.warn(
          "retained-full",
          "MQTT: {} retained topics kept, the most api.mqtt.max-retained allows; new retained"
              + " topics such as {} are delivered but not retained",
          max,
          topic);
      return;
    }
    byTopic.put(topic, message);
    store.putRetained(message);
  }

  /** The retained messages a filter matches (not those whose MQTT 5 expiry has passed). */
  List<Message> matching(String filter) {
    List<Message> found = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (Message m : byTopic.values()) {
      if (Topics.matches(filter, m.topic()) && !m.expired(now)) {
        found.add(m);
      }
    }
    return found;
  }

  int size() {
    return byTopic.size();
  }
}

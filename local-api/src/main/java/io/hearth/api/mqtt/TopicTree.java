package io.hearth.api.mqtt;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Subscriptions as a tree of topic levels, so routing a message costs its depth, not the number of
 * subscriptions. A subscriber matched by several filters gets the message once, at the highest QoS
 * granted (MQTT 3.1.1 section 3.3.5).
 */
final class TopicTree {
  private final Node root = new Node();
  private int size;

  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    final Map<Subscriber, Integer> subscribers = new IdentityHashMap<>();

    boolean isEmpty() {
      return children.isEmpty() && subscribers.isEmpty();
    }
  }

  /** Adds or replaces a subscriber's QoS on a filter. */
  void add(String filter, Subscriber subscriber, int qos) {
    Node node = root;
    for (String level : filter.split("/", -1)) {
      node = node.children.computeIfAbsent(level, k -> new Node());
    }
    if (node.subscribers.put(subscriber, qos) == null) {
      size++;
    }
  }

  /** Removes a subscriber from a filter; prunes empty branches. */
  void remove(String filter, Subscriber subscriber) {
    if (remove(root, filter.split("/", -1), 0, subscriber)) {
      size--;
    }
  }

  private boolean remove(Node node, String[] levels, int depth, Subscriber subscriber) {
    if (depth == levels.length) {
      return node.subscribers.remove(subscriber) != null;
    }
    Node child = node.children.get(levels[depth]);
    if (child == null) {
      return false;
    }
    boolean removed = remove(child, levels, depth + 1, subscriber);
    if (child.isEmpty()) {
      node.children.remove(levels[depth]);
    }
    return removed;
  }

  /** Subscribers whose filters match a topic name, each with its highest granted QoS. */
  Map<Subscriber, Integer> match(String topic) {
    Map<Subscriber, Integer> found = new IdentityHashMap<>();
    String[] levels = topic.split("/", -1);
    collect(root, levels, 0, topic.startsWith("$"), found);
    return found;
  }

  private void collect(
      Node node, String[] levels, int depth, boolean dollar, Map<Subscriber, Integer> found) {
    boolean wildcardsAllowed = !(dollar && depth == 0);
    Node hash = wildcardsAllowed ? node.children.get("#") : null;
    if (hash != null) {
      addAll(hash, found);
    }
    if (depth == levels.length) {
      addAll(node, found);
      return;
    }
    Node exact = node.children.get(levels[depth]);
    if (exact != null) {
      collect(exact, levels, depth + 1, dollar, found);
    }
    Node plus = wildcardsAllowed ? node.children.get("+") : null;
    if (plus != null) {
      collect(plus, levels, depth + 1, dollar, found);
    }
  }

  private static void addAll(Node node, Map<Subscriber, Integer> found) {
    node.subscribers.forEach((s, q) -> found.merge(s, q, Math::max));
  }

  /** How many (filter, subscriber) pairs the tree holds. */
  int size() {
    return size;
  }
}

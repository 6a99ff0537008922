package io.hearth.bridge.relay;

import io.hearth.runtime.config.ConfigKey;
import io.hearth.runtime.config.HubConfig;
import java.util.Arrays;
import java.util.List;

/** The {@code relay.cluster.*} keys of {@code hearth relay} (see docs/relay.md). */
final class ClusterKeys {
  static final ConfigKey<String> MEMBERS =
      ConfigKey.string(
          "relay.cluster.members",
          "Relay nodes of this cluster as host:port, comma-separated (TCP-IP join, no multicast);"
              + " empty runs a relay of one node.",
          "");
  static final ConfigKey<String> HOST =
      ConfigKey.string(
          "relay.cluster.host",
          "Address this node binds for its cluster peers (Hazelcast and the event bus).",
          "127.0.0.1");
  static final ConfigKey<Integer> PORT =
      ConfigKey.port("relay.cluster.port", "This node's Hazelcast port.", 5701);
  static final ConfigKey<String> NODE =
      ConfigKey.string("relay.cluster.node-name", "This node's name in logs.", "relay");
  static final ConfigKey<Integer> HEARTBEAT =
      ConfigKey.integer(
          "relay.cluster.heartbeat-seconds", "How often nodes send heartbeats.", 5, 1, 60);
  static final ConfigKey<Integer> TIMEOUT =
      ConfigKey.integer(
          "relay.cluster.member-timeout-seconds",
          "A node silent this long is removed from the cluster.",
          30,
          2,
          600);

  static final List<ConfigKey<?>> ALL = List.of(MEMBERS, HOST, PORT, NODE, HEARTBEAT, TIMEOUT);

  private ClusterKeys() {}

  static ClusterSettings settings(HubConfig config) {
    List<String> members =
        Arrays.stream(config.get(MEMBERS).split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    return new ClusterSettings(
        members,
        config.get(HOST),
        config.get(PORT),
        config.get(NODE),
        config.get(HEARTBEAT),
        config.get(TIMEOUT));
  }
}

package io.hearth.bridge.relay;

import java.util.List;

/**
 * How one relay node joins its cluster: the Hazelcast members it knows by address (TCP-IP join
 * only; multicast is never used), the address and port it listens on for its peers, its name in
 * logs, and how fast a silent member is declared dead. An empty member list means a relay of one
 * node (no Hazelcast at all).
 *
 * @param members peers as {@code host:port}, this node's own address may be among them
 * @param host the address this node binds for Hazelcast and the event bus (never a wildcard)
 * @param port this node's Hazelcast port
 * @param nodeName this node's name in logs
 * @param heartbeatSeconds how often members send heartbeats
 * @param memberTimeoutSeconds a member silent this long is removed from the cluster
 */
public record ClusterSettings(
    List<String> members,
    String host,
    int port,
    String nodeName,
    int heartbeatSeconds,
    int memberTimeoutSeconds) {

  /** Production defaults: heartbeats every 5 s, a member silent for 30 s is removed. */
  public static ClusterSettings single() {
    return new ClusterSettings(List.of(), "127.0.0.1", 5701, "relay", 5, 30);
  }

  public boolean clustered() {
    return !members.isEmpty();
  }
}

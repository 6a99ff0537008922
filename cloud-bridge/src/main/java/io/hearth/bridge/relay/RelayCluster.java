package io.hearth.bridge.relay;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.hearth.runtime.net.Transport;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the Vert.x instance of one relay node: clustered over Hazelcast when the settings name
 * members, else alone. Hazelcast joins by TCP-IP to the configured members only, binds only the
 * configured address (multicast and auto-detection are off, so nothing is ever sent on a network
 * the operator did not name), never phones home, and removes a silent member after the configured
 * timeout. The event bus binds the same address on an ephemeral port.
 */
public final class RelayCluster {
  private static final Logger LOG = LoggerFactory.getLogger(RelayCluster.class);
  private static final String VERTX_NODE_ID = "__vertx.nodeId";

  private RelayCluster() {}

  /**
   * A started node: its Vert.x and its id in the cluster. {@code nodeLeft} hears the id of each
   * member that left (died or was removed as silent).
   */
  public static Future<Node> start(ClusterSettings settings, Consumer<String> nodeLeft) {
    if (!settings.clustered()) {
      Vertx vertx = Vertx.builder().with(Transport.preferNative(new VertxOptions())).build();
      return Future.succeededFuture(new Node(logged(vertx), UUID.randomUUID().toString()));
    }
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(settings));
    VertxOptions options =
        Transport.preferNative(new VertxOptions())
            .setEventBusOptions(
                new EventBusOptions()
                    .setHost(settings.host())
                    .setClusterPublicHost(settings.host()));
    return Vertx.builder()
        .with(options)
        .withClusterManager(manager)
        .buildClustered()
        .onSuccess(v -> listen(manager, nodeLeft))
        .map(RelayCluster::logged)
        .map(v -> new Node(v, manager.getNodeId()));
  }

  /** Which transport the relay runs on, in its log either way (docs/relay.md). */
  private static Vertx logged(Vertx vertx) {
    if (vertx.isNativeTransportEnabled()) {
      LOG.info("network transport: native epoll");
    }
    return Transport.logged(vertx, LOG);
  }

  /** One running relay node: its Vert.x and the id its peers address it by. */
  public record Node(Vertx vertx, String id) {}

  static Config hazelcast(ClusterSettings settings) {
    Config config = ConfigUtil.loadConfig();
    config.setInstanceName(settings.nodeName());
    config.setClusterName("hearth-relay");
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(settings.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).setInterfaces(java.util.List.of(settings.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(settings.members());
    config.setProperty("hazelcast.socket.bind.any", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.wait.seconds.before.join", "0");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "" + settings.heartbeatSeconds());
    config.setProperty("hazelcast.max.no.heartbeat.seconds", "" + settings.memberTimeoutSeconds());
    return config;
  }

  private static void listen(HazelcastClusterManager manager, Consumer<String> nodeLeft) {
    MembershipListener listener =
        new MembershipListener() {
          @Override
          public void memberAdded(MembershipEvent event) {}

          @Override
          public void memberRemoved(MembershipEvent event) {
            Object id = event.getMember().getAttribute(VERTX_NODE_ID);
            if (id != null) {
              nodeLeft.accept(id.toString());
            }
          }
        };
    manager.getHazelcastInstance().getCluster().addMembershipListener(listener);
  }
}

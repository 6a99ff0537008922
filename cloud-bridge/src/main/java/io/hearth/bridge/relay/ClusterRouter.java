package io.hearth.bridge.relay;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.AsyncMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part of the cluster: the cluster map says which node holds which hub; a viewer whose
 * hub is on another node is forwarded one hop over the event bus to it; when a hub proves itself
 * here the other nodes hear of it, drop their stale connection of that hub, and close the viewers
 * they forwarded to its old node with "hub moved, reconnect" (4307), as they do when a node leaves.
 * Runs on the node's first event loop; what it does to a hub's connection it does on that hub's
 * loop.
 */
final class ClusterRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRouter.class);
  private static final String MAP = "hearth.relay.hubs";
  private static final String MOVED = "hearth.relay.moved";

  private final Vertx vertx;
  private final EventBus bus;
  private final String nodeId;
  private final RelaySettings settings;
  private final Map<String, HubConnection> hubs;
  private final Map<String, Set<ForwardedViewer>> forwarded = new HashMap<>();
  private volatile Loop loop;
  private volatile AsyncMap<String, String> directory;

  ClusterRouter(
      Vertx vertx, String nodeId, RelaySettings settings, Map<String, HubConnection> hubs) {
    this.vertx = vertx;
    this.bus = vertx.eventBus();
    this.nodeId = nodeId;
    this.settings = settings;
    this.hubs = hubs;
  }

  /** Call on the loop it is to run on. Completes once this node can be reached by the others. */
  Future<Void> start() {
    loop = Loop.current();
    Future<Void> open = bus.<JsonObject>consumer(openAddress(nodeId), this::onOpen).completion();
    Future<Void> moved = bus.<JsonObject>consumer(MOVED, this::onMoved).completion();
    Future<AsyncMap<String, String>> map = vertx.sharedData().getAsyncMap(MAP);
    return Future.all(open, moved, map).onSuccess(v -> directory = map.result()).mapEmpty();
  }

  /**
   * A hub proved itself on this node (on any loop): the map points at it; other nodes drop what is
   * stale.
   */
  void registered(HubConnection hub) {
    directory.put(hub.id(), nodeId);
    bus.publish(MOVED, new JsonObject().put("hub", hub.id()).put("node", nodeId));
  }

  void gone(HubConnection hub) {
    directory.removeIfPresent(hub.id(), nodeId);
  }

  /** A member left the cluster: viewers forwarded to it reconnect (their hub will move). */
  void nodeLeft(String node) {
    loop.run(() -> closeForwarded(null, node));
  }

  /** Bytes held for viewers forwarded to other nodes, counted on the router's loop. */
  Future<Long> heldBytes() {
    Loop owner = loop;
    if (owner == null) {
      return Future.succeededFuture(0L); // not started: nothing forwarded
    }
    return owner.call(
        () ->
            forwarded.values().stream()
                .flatMap(Set::stream)
                .mapToLong(ForwardedViewer::held)
                .sum());
  }

  /**
   * A viewer here (on any loop) whose hub is not: find the hub's node and forward the viewer there.
   */
  void forward(ServerWebSocket ws, String hubId) {
    ws.pause();
    loop.run(() -> find(ws, hubId));
  }

  private void find(ServerWebSocket ws, String hubId) {
    directory
        .get(hubId)
        .onComplete(
            found -> {
              String node = found.succeeded() ? found.result() : null;
              if (node == null || node.equals(nodeId)) {
                ws.close((short) RelayCodes.UNKNOWN_HUB, "that hub is not connected to this relay");
              } else {
                join(ws, hubId, node);
              }
            });
  }

  private void join(ServerWebSocket ws, String hubId, String node) {
    String address = "hearth.relay.viewer." + UUID.randomUUID();
    ForwardedViewer viewer =
        new ForwardedViewer(ws, loop, bus, address, node, settings.windowBytes());
    forwarded.computeIfAbsent(hubId, k -> new HashSet<>()).add(viewer);
    JsonObject request = new JsonObject().put("hub", hubId).put("reply", address);
    viewer
        .register()
        .compose(v -> bus.<String>request(openAddress(node), request))
        .onSuccess(reply -> viewer.joined(reply.body(), () -> unlist(hubId, viewer)))
        .onFailure(
            e -> {
              unlist(hubId, viewer);
              viewer.close(refusal(e), "the hub could not be reached");
            });
  }

  private void onOpen(Message<JsonObject> message) {
    String hubId = message.body().getString("hub");
    HubConnection hub = hubs.get(hubId);
    if (hub == null) {
      message.fail(RelayCodes.UNKNOWN_HUB, "not here");
      return;
    }
    String address = "hearth.relay.stream." + UUID.randomUUID();
    String reply = message.body().getString("reply");
    hub.loop()
        .run(
            () -> {
              RemoteStream[] made = new RemoteStream[1];
              boolean opened =
                  hub.open(n -> made[0] = new RemoteStream(bus, reply, address, n, hub));
              if (!opened) {
                message.fail(RelayCodes.TOO_MANY, "too many viewers on this hub");
                return;
              }
              made[0].registered().onComplete(v -> message.reply(address));
            });
  }

  private void onMoved(Message<JsonObject> message) {
    String hubId = message.body().getString("hub");
    String node = message.body().getString("node");
    HubConnection stale = node.equals(nodeId) ? null : hubs.get(hubId);
    if (stale != null) {
      LOG.info("relay: hub {} reconnected to another node; dropping its connection here", hubId);
      stale.loop().run(stale::replaced);
    }
    closeForwarded(hubId, node);
  }

  /** Closes forwarded viewers of {@code hubId} (all hubs if null) not on {@code keepNode}. */
  private void closeForwarded(String hubId, String node) {
    for (Map.Entry<String, Set<ForwardedViewer>> entry : Map.copyOf(forwarded).entrySet()) {
      if (hubId != null && !hubId.equals(entry.getKey())) {
        continue;
      }
      for (ForwardedViewer viewer : List.copyOf(entry.getValue())) {
        boolean stale =
            hubId == null ? viewer.hubNode().equals(node) : !viewer.hubNode().equals(node);
        if (stale) {
          viewer.close(RelayCodes.HUB_MOVED, "hub moved, reconnect");
        }
      }
    }
  }

  private void unlist(String hubId, ForwardedViewer viewer) {
    Set<ForwardedViewer> set = forwarded.get(hubId);
    if (set != null && set.remove(viewer) && set.isEmpty()) {
      forwarded.remove(hubId);
    }
  }

  private static int refusal(Throwable e) {
    if (e instanceof ReplyException r && r.failureCode() >= 4000 && r.failureCode() < 5000) {
      return r.failureCode();
    }
    return RelayCodes.UNKNOWN_HUB;
  }

  private static String openAddress(String node) {
    return "hearth.relay.node." + node + ".open";
  }
}

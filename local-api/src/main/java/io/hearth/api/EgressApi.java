package io.hearth.api;

import io.hearth.runtime.net.egress.Egress;
import io.hearth.runtime.net.egress.EgressConnection;
import io.hearth.runtime.net.egress.EgressEntry;
import io.hearth.runtime.net.egress.EgressSettings;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/egress}: the egress ledger, owner only: every connection the hub made, or was
 * refused, to an address outside the home network since it started, oldest first, and the hosts the
 * owner allowed ({@code entries}: the decisions); {@code connections}: each socket the hub opened
 * to an outside address, with its purpose and the bytes sent and received (counted on the socket,
 * so a connection nobody announced shows up too). With nothing allowed and the relay off, {@code
 * entries} holds only refusals and {@code connections} is empty.
 */
final class EgressApi {
  private final ModuleContext hub;
  private final Egress egress;

  EgressApi(ModuleContext hub) {
    this.hub = hub;
    this.egress = hub.egress();
  }

  void mount(Router router) {
    router.get(ApiRouter.API + "/egress").handler(Reply.of(this::ledger));
  }

  private Future<Reply> ledger(RoutingContext ctx) {
    Authenticator.owner(ctx);
    JsonArray entries = new JsonArray();
    egress.entries().stream().map(EgressEntry::toJson).forEach(entries::add);
    JsonArray allowed = new JsonArray();
    EgressSettings.allowedHosts(hub.config()).forEach(allowed::add);
    JsonArray connections = new JsonArray();
    egress.connections().stream().map(EgressConnection::toJson).forEach(connections::add);
    return Future.succeededFuture(
        Reply.ok(
            new JsonObject()
                .put("allowed_hosts", allowed)
                .put("entries", entries)
                .put("connections", connections)));
  }
}

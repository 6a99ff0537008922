package io.hearth.adapters.coap;

import io.hearth.runtime.HubException;
import io.hearth.runtime.discovery.Inbox;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * Answers the local API's requests to add a CoAP device ({@code POST /api/v1/devices}) over the
 * event bus, so the API needs no compile-time link to this adapter. A device added this way is the
 * owner's already, so the discovery inbox lists it as adopted and never offers it again.
 */
final class CoapAddRequests {
  /** Request: {name, url, psk_identity?, psk_key?}; reply: {devices: [...], unsupported: [...]}. */
  static final String ADDRESS = "hearth.coap.add";

  private final MessageConsumer<JsonObject> consumer;

  CoapAddRequests(Vertx vertx, CoapDevices devices, Inbox inbox) {
    consumer = vertx.eventBus().localConsumer(ADDRESS, message -> add(devices, inbox, message));
  }

  void stop() {
    consumer.unregister();
  }

  private static void add(CoapDevices devices, Inbox inbox, Message<JsonObject> message) {
    JsonObject body = message.body();
    String identity = body.getString("psk_identity");
    String key = body.getString("psk_key");
    Psk psk = identity == null ? null : Psk.of(identity, key == null ? "" : key);
    URI url = URI.create(body.getString("url"));
    devices
        .addDetailed(body.getString("name"), url, psk)
        .onSuccess(added -> listAsAdopted(inbox, url, added))
        .onSuccess(added -> message.reply(reply(added)))
        .onFailure(
            e -> message.fail(e instanceof HubException h ? h.status() : 500, e.getMessage()));
  }

  private static void listAsAdopted(Inbox inbox, URI url, CoapAddition added) {
    if (!added.devices().isEmpty()) {
      String address = CoapSightings.address(url);
      inbox.recordKnown(CoapSightings.of(address, added.links()), added.devices().get(0).id());
    }
  }

  private static JsonObject reply(CoapAddition added) {
    JsonArray devices = new JsonArray();
    added.devices().forEach(d -> devices.add(d.toJson()));
    JsonArray unsupported = new JsonArray();
    added
        .unsupported()
        .forEach(
            u ->
                unsupported.add(
                    new JsonObject()
                        .put("path", u.path())
                        .put("title", u.title())
                        .put("observable", u.observable())
                        .put("reason", u.reason())));
    return new JsonObject().put("devices", devices).put("unsupported", unsupported);
  }
}

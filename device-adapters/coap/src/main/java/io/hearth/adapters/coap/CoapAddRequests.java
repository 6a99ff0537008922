package io.hearth.adapters.coap;

import io.hearth.runtime.HubException;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;

/**
 * Answers the local API's requests to add a CoAP device ({@code POST /api/v1/devices}) over the
 * event bus, so the API needs no compile-time link to this adapter.
 */
final class CoapAddRequests {
  /** Request: {name, url, psk_identity?, psk_key?}; reply: {devices: [...], unsupported: [...]}. */
  static final String ADDRESS = "hearth.coap.add";

  private final MessageConsumer<JsonObject> consumer;

  CoapAddRequests(Vertx vertx, CoapDevices devices) {
    consumer = vertx.eventBus().localConsumer(ADDRESS, message -> add(devices, message));
  }

  void stop() {
    consumer.unregister();
  }

  private static void add(CoapDevices devices, Message<JsonObject> message) {
    JsonObject body = message.body();
    String identity = body.getString("psk_identity");
    String key = body.getString("psk_key");
    Psk psk = identity == null ? null : Psk.of(identity, key == null ? "" : key);
    devices
        .addDetailed(body.getString("name"), URI.create(body.getString("url")), psk)
        .onSuccess(added -> message.reply(reply(added)))
        .onFailure(
            e -> message.fail(e instanceof HubException h ? h.status() : 500, e.getMessage()));
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

package io.hearth.adapters.coap;

import io.hearth.runtime.discovery.Inbox;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.BusAddresses;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the local API's requests to add a CoAP device ({@code POST /api/v1/devices}) over the
 * event bus, so the API needs no compile-time link to this adapter. A device added this way is the
 * owner's already, so the discovery inbox lists it as adopted and never offers it again.
 */
final class CoapAddRequests {
  /**
   * Request: {name, url, psk_identity?, psk_key?}; reply: {devices: [...], unsupported: [...]}; a
   * failure's code is the HTTP status and its message {"error": code, "message": text}.
   */
  static final String ADDRESS = BusAddresses.COAP_ADD;

  private static final Logger LOG = LoggerFactory.getLogger(CoapAddRequests.class);

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
    Psk psk;
    URI url;
    try {
      psk = identity == null ? null : Psk.of(identity, key == null ? "" : key);
      url = new URI(String.valueOf(body.getString("url")));
    } catch (URISyntaxException e) {
      message.fail(
          400, failure(HubException.badRequest("url is not a valid URL: " + e.getReason())));
      return;
    } catch (IllegalArgumentException e) {
      message.fail(400, failure(HubException.badRequest(e.getMessage())));
      return;
    }
    devices
        .addDetailed(body.getString("name"), url, psk)
        .onSuccess(added -> listAsAdopted(inbox, url, added))
        .onSuccess(added -> message.reply(reply(added)))
        .onFailure(e -> refuse(message, e));
  }

  /**
   * Answers the failure's status; a device offering nothing usable gets one log line here, as the
   * API logs only its 5xx answers (a device's bad answer, 502, is logged there).
   */
  private static void refuse(Message<JsonObject> message, Throwable e) {
    HubException refusal =
        e instanceof HubException h ? h : new HubException(502, "coap_failed", e.getMessage());
    if (refusal.status() == 422) {
      LOG.warn("CoAP device not added: {}", refusal.getMessage());
    }
    message.fail(refusal.status(), failure(refusal));
  }

  /** The failure as the API answers it: {"error": code, "message": text}. */
  static String failure(HubException refusal) {
    return new JsonObject()
        .put("error", refusal.code())
        .put("message", refusal.getMessage())
        .encode();
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

package io.hearth.api;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.device.ValueType;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.domain.Timestamps;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.BusAddresses;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/devices}: sensors and actuators with their state, their history, and commands. A
 * member, display or automation sees only devices it holds an events grant for, and commands only
 * those it holds a control grant for.
 */
final class DevicesApi {
  static final String PATH = ApiRouter.API + "/devices";
  static final int MAX_HISTORY = 10_000;

  private final ModuleContext hub;

  DevicesApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(PATH).handler(Reply.of(this::list));
    router.post(PATH).handler(Reply.of(this::add));
    router.get(PATH + "/:id").handler(Reply.of(this::get));
    router.delete(PATH + "/:id").handler(Reply.of(this::remove));
    router.get(PATH + "/:id/history").handler(Reply.of(this::history));
    router.post(PATH + "/:id/commands").handler(Reply.of(this::command));
  }

  /**
   * Owner: removes a device, its grants, state and history. Its adapter forgets it and the hub's
   * MQTT topics (state, availability, Home Assistant documents) are cleared; a device that keeps
   * announcing itself (an MQTT device still on the broker) comes back as a new device.
   */
  private Future<Reply> remove(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    return hub.devices()
        .remove(owner, ctx.pathParam("id"))
        .map(
            device -> {
              hub.vertx()
                  .eventBus()
                  .publish(
                      BusAddresses.DEVICE_REMOVED,
                      new JsonObject()
                          .put("id", device.id())
                          .put("address", device.address())
                          .put("protocol", device.protocol()));
              return Reply.noContent();
            });
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal me = Authenticator.principal(ctx);
    return hub.devices()
        .list()
        .compose(all -> visible(me, all))
        .compose(this::withStates)
        .map(array -> Reply.ok(new JsonObject().put("devices", array)));
  }

  private Future<List<SensorDevice>> visible(Principal me, List<SensorDevice> all) {
    if (me.isOwner()) {
      return Future.succeededFuture(all);
    }
    return hub.grants()
        .forPrincipal(me.kind(), me.id())
        .map(
            grants ->
                all.stream()
                    .filter(
                        d ->
                            grants.stream()
                                .anyMatch(
                                    g ->
                                        g.targetId().equals(d.id())
                                            && g.allows(
                                                Scope.EVENTS, false, System.currentTimeMillis())))
                    .toList());
  }

  private Future<JsonArray> withStates(List<SensorDevice> devices) {
    List<Future<JsonObject>> described = devices.stream().map(this::describe).toList();
    return Future.all(described)
        .map(
            all -> {
              JsonArray array = new JsonArray();
              described.forEach(f -> array.add(f.result()));
              return array;
            });
  }

  private Future<JsonObject> describe(SensorDevice device) {
    return hub.devices()
        .events()
        .state(device.id())
        .map(
            states -> {
              JsonObject state = new JsonObject();
              states.forEach(
                  s ->
                      state.put(
                          s.capability().wireName(),
                          new JsonObject()
                              .put("value", s.value())
                              .put("unit", s.unit())
                              .put("at", Timestamps.iso(s.at()))));
              return device.toJson().put("state", state);
            });
  }

  /** Adds a CoAP device by URL (the owner); the coap adapter answers over the event bus. */
  private Future<Reply> add(RoutingContext ctx) {
    Authenticator.owner(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("name", "url", "psk_identity", "psk_key"));
    String name = body.requiredText("name");
    String url = body.optionalUrl("url");
    if (url == null || !(url.startsWith("coap://") || url.startsWith("coaps://"))) {
      throw HubException.badRequest(
          "url must be coap://host:port or coaps://host:port"
              + " (MQTT devices appear by themselves when they publish)");
    }
    JsonObject request =
        new JsonObject()
            .put("name", name)
            .put("url", url)
            .put("psk_identity", body.optionalText("psk_identity"))
            .put("psk_key", body.optionalText("psk_key"));
    return hub.vertx()
        .eventBus()
        .<JsonObject>request(
            BusAddresses.COAP_ADD,
            request,
            new io.vertx.core.eventbus.DeliveryOptions().setSendTimeout(30_000))
        .map(reply -> Reply.created(reply.body()))
        .recover(e -> Future.failedFuture(coapFailure(e)));
  }

  private static HubException coapFailure(Throwable e) {
    if (e instanceof io.vertx.core.eventbus.ReplyException reply) {
      return switch (reply.failureType()) {
        case NO_HANDLERS ->
            new HubException(
                503, "adapter_unavailable", "the coap adapter is not enabled (coap.enabled)");
        case TIMEOUT -> new HubException(504, "timeout", "the CoAP device did not answer");
        default -> refusal(reply);
      };
    }
    return new HubException(502, "coap_failed", String.valueOf(e.getMessage()));
  }

  /** The adapter's answer {"error", "message"} with its status; never a 500 for a device. */
  private static HubException refusal(io.vertx.core.eventbus.ReplyException reply) {
    int status =
        reply.failureCode() >= 400 && reply.failureCode() != 500 ? reply.failureCode() : 502;
    String text = String.valueOf(reply.getMessage());
    try {
      JsonObject failure = new JsonObject(text);
      return new HubException(
          status, failure.getString("error", "coap_failed"), failure.getString("message", ""));
    } catch (io.vertx.core.json.DecodeException | ClassCastException e) {
      return new HubException(status, "coap_failed", text);
    }
  }

  private Future<Reply> get(RoutingContext ctx) {
    String id = deviceId(ctx);
    return hub.access()
        .check(Authenticator.principal(ctx), id, Scope.EVENTS, false)
        .compose(g -> hub.devices().get(id))
        .compose(this::describe)
        .map(Reply::ok);
  }

  private Future<Reply> history(RoutingContext ctx) {
    String id = deviceId(ctx);
    Capability capability = capability(ctx.queryParams().get("capability"), false);
    long to = time(ctx, "to", Long.MAX_VALUE);
    long from = time(ctx, "from", 0);
    int limit = (int) Math.min(number(ctx, "limit", 1000), MAX_HISTORY);
    return hub.access()
        .check(Authenticator.principal(ctx), id, Scope.EVENTS, false)
        .compose(g -> hub.devices().events().history(id, capability, from, to, limit))
        .map(
            events -> {
              JsonArray array = new JsonArray();
              events.forEach(e -> array.add(e.toJson()));
              return Reply.ok(new JsonObject().put("events", array));
            });
  }

  private Future<Reply> command(RoutingContext ctx) {
    String id = deviceId(ctx);
    JsonBody body = JsonBody.of(ctx, Set.of("capability", "value"));
    Capability capability = capability(body.requiredText("capability"), true);
    Object value = value(capability, ctx.body().asJsonObject().getValue("value"));
    return hub.devices()
        .command(Authenticator.principal(ctx), id, capability, value)
        .map(
            v ->
                new Reply(
                    202,
                    new JsonObject()
                        .put("device_id", id)
                        .put("capability", capability.wireName())
                        .put("value", value)
                        .put("status", "sent")));
  }

  static Object value(Capability capability, Object raw) {
    if (capability.valueType() == ValueType.BOOLEAN && raw instanceof Boolean) {
      return raw;
    }
    if (capability.valueType() == ValueType.NUMBER
        && raw instanceof Number n
        && capability.isPlausible(n.doubleValue())) {
      return n.doubleValue();
    }
    if (capability.valueType() == ValueType.STRING && raw instanceof String s && s.length() < 200) {
      return s;
    }
    throw HubException.badRequest(
        "value for "
            + capability.wireName()
            + " must be a "
            + capability.valueType().name().toLowerCase(java.util.Locale.ROOT)
            + (capability.valueType() == ValueType.NUMBER
                ? " from " + capability.min() + " to " + capability.max()
                : ""));
  }

  static Capability capability(String name, boolean required) {
    if (name == null && !required) {
      return null;
    }
    return Capability.fromWireName(name == null ? "" : name)
        .orElseThrow(() -> HubException.badRequest("unknown capability '" + name + "'"));
  }

  static String deviceId(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (!Ids.isWellFormed(id, "dev")) {
      throw HubException.notFound("no device with id " + id);
    }
    return id;
  }

  static long number(RoutingContext ctx, String name, long fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null) {
      return fallback;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw HubException.badRequest("query parameter '" + name + "' must be a whole number");
    }
  }

  /**
   * A time query parameter: RFC 3339 ({@code 2026-12-05T19:07:46Z}, as the API answers times), or
   * epoch milliseconds as before the API had one timestamp format.
   */
  static long time(RoutingContext ctx, String name, long fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null || text.isEmpty() || text.chars().allMatch(Character::isDigit)) {
      return number(ctx, name, fallback);
    }
    try {
      return Timestamps.millis(text);
    } catch (java.time.format.DateTimeParseException e) {
      throw HubException.badRequest(
          "query parameter '" + name + "' must be a time like 2026-12-05T19:07:46Z");
    }
  }
}

package io.hearth.api;

import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The owner ties sensors to cameras: a device reporting motion or contact (an MQTT or CoAP sensor)
 * tied to a camera starts an event on that camera when it sees motion or opens ({@code GET
 * /api/v1/cameras/{id}/linked-sensors}, {@code PUT} and {@code DELETE
 * .../linked-sensors/{device}}).
 */
final class SensorLinksApi {
  private final ModuleContext hub;

  SensorLinksApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    String path = CamerasApi.PATH + "/:id/linked-sensors";
    router.get(path).handler(Reply.of(this::list));
    router.put(path + "/:device").handler(Reply.of(this::link));
    router.delete(path + "/:device").handler(Reply.of(this::unlink));
  }

  private Future<Reply> list(RoutingContext ctx) {
    Authenticator.owner(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    return hub.cameras().get(cameraId).map(camera -> Reply.ok(answer(cameraId)));
  }

  private Future<Reply> link(RoutingContext ctx) {
    Authenticator.owner(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    String deviceId = ctx.pathParam("device");
    return hub.cameras()
        .get(cameraId)
        .compose(camera -> hub.devices().get(deviceId))
        .compose(this::checkSensor)
        .compose(device -> hub.recordings().events().link(device.id(), cameraId))
        .map(v -> Reply.ok(answer(cameraId)));
  }

  private Future<Reply> unlink(RoutingContext ctx) {
    Authenticator.owner(ctx);
    String cameraId = CamerasApi.cameraId(ctx);
    return hub.recordings()
        .events()
        .unlink(ctx.pathParam("device"), cameraId)
        .map(v -> Reply.noContent());
  }

  private Future<SensorDevice> checkSensor(SensorDevice device) {
    if (device.capabilities().contains(Capability.MOTION)
        || device.capabilities().contains(Capability.CONTACT)) {
      return Future.succeededFuture(device);
    }
    return Future.failedFuture(
        new HubException(
            422, "not_a_sensor", "device " + device.id() + " reports neither motion nor contact"));
  }

  private JsonObject answer(String cameraId) {
    JsonArray sensors = new JsonArray();
    hub.recordings().events().sensors(cameraId).forEach(sensors::add);
    return new JsonObject().put("camera_id", cameraId).put("sensor_ids", sensors);
  }
}

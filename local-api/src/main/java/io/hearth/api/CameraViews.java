package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.json.JsonObject;

/**
 * A camera as each caller may see it. The owner gets its URLs with every secret masked, its
 * protocol and full status; everyone else (displays, members, automations) gets names, never
 * addresses: id, name, stream format and state, so that a viewer whose grant ends cannot go on
 * watching the camera directly.
 */
final class CameraViews {
  private final ModuleContext hub;

  CameraViews(ModuleContext hub) {
    this.hub = hub;
  }

  JsonObject of(Principal me, Camera camera) {
    return me.isOwner() ? owner(camera) : viewer(camera);
  }

  /** The owner's view: masked URLs, {@code has_credentials}, protocol, format, status. */
  JsonObject owner(Camera camera) {
    String protocol = protocol(camera);
    return camera
        .toJson()
        .put("protocol", protocol)
        .put("format", format(protocol))
        .put("status", hub.switchboard().status(camera.id()).toJson());
  }

  /** A viewer's view: exactly id, name, format and status (state and reason, no detail). */
  JsonObject viewer(Camera camera) {
    return new JsonObject()
        .put("id", camera.id())
        .put("name", camera.name())
        .put("format", format(protocol(camera)))
        .put("status", viewerStatus(hub.switchboard().status(camera.id())));
  }

  /**
   * A status without its detail, which may name the camera's address (cannot connect to
   * 192.168.1.20:554).
   */
  static JsonObject viewerStatus(CameraStatus status) {
    return status.toViewerJson();
  }

  /** How a browser plays the camera: mjpeg for MJPEG cameras, mse for H.264/H.265 ones. */
  static String format(String protocol) {
    return "mjpeg".equals(protocol) ? "mjpeg" : "mse";
  }

  private String protocol(Camera camera) {
    try {
      return hub.mediaSources().forUrl(camera.url()).protocol();
    } catch (HubException e) {
      return "unavailable";
    }
  }
}

package io.hearth.api;

import io.hearth.runtime.domain.Grant;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;

/** Grant checks for camera routes, always against the store's current grants. */
final class CameraAccess {
  private CameraAccess() {}

  /** Succeeds when the principal may do {@code scope} on the camera (from the home network). */
  static Future<Grant> check(ModuleContext hub, Principal me, String cameraId, Scope scope) {
    return hub.access().check(me, cameraId, scope, false);
  }

  /** Succeeds when the principal holds any live grant on the camera. */
  static Future<Void> anyScope(ModuleContext hub, Principal me, String cameraId) {
    return check(hub, me, cameraId, Scope.LIVE)
        .<Void>mapEmpty()
        .recover(e -> check(hub, me, cameraId, Scope.SNAPSHOT).mapEmpty())
        .recover(e -> check(hub, me, cameraId, Scope.EVENTS).mapEmpty());
  }
}

package io.hearth.adapters.onvif;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.discovery.MoveCheck;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Proves that the device at a claimed new address is the adopted ONVIF camera: asked with the
 * camera's credentials (a WS-Security digest, never the password) it must answer the device
 * information recorded at adoption (manufacturer, model, serial number, hardware id), and asked
 * with a wrong password, sent in random order with the right one, it must refuse. A device that
 * merely copies the camera's endpoint reference and answers whatever it is asked fails both.
 */
final class OnvifMoveCheck implements MoveCheck {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OnvifClient client;
  private final OnvifIdentities identities;

  OnvifMoveCheck(OnvifClient client, OnvifIdentities identities) {
    this.client = client;
    this.identities = identities;
  }

  @Override
  public Future<Void> check(Discovered entry, Camera camera) {
    if (camera.credentials() == null) {
      return Future.failedFuture(new IllegalStateException("it has no credentials to ask with"));
    }
    return identities
        .of(camera.id())
        .compose(
            recorded ->
                recorded.isEmpty()
                    ? Future.failedFuture(
                        new IllegalStateException("no device information was kept at adoption"))
                    : prove(entry, camera.credentials(), recorded.get()));
  }

  private Future<Void> prove(
      Discovered entry, Camera.Credentials right, OnvifDevice.Information recorded) {
    String host = entry.move().toHost();
    OnvifDevice genuine;
    OnvifDevice impostor;
    try {
      genuine = new OnvifDevice(client, OnvifAdopter.deviceService(entry), host, right);
      impostor = new OnvifDevice(client, OnvifAdopter.deviceService(entry), host, wrong(right));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (RANDOM.nextBoolean()) {
      return refusesWrong(impostor).compose(v -> answersSame(genuine, recorded));
    }
    return answersSame(genuine, recorded).compose(v -> refusesWrong(impostor));
  }

  private static Future<Void> answersSame(OnvifDevice device, OnvifDevice.Information recorded) {
    return device
        .information()
        .recover(
            e ->
                OnvifDevice.notAuthorized(e)
                    ? Future.failedFuture(new Refused("it refused the camera's credentials"))
                    : Future.failedFuture(e))
        .compose(
            info ->
                difference(recorded, info)
                    .<Future<Void>>map(d -> Future.failedFuture(new Refused(d)))
                    .orElse(Future.succeededFuture()));
  }

  private static Future<Void> refusesWrong(OnvifDevice device) {
    return device
        .information()
        .transform(
            r -> {
              if (r.succeeded()) {
                return Future.failedFuture(
                    new Refused("it accepted a wrong password, so its answers prove nothing"));
              }
              return OnvifDevice.notAuthorized(r.cause())
                  ? Future.succeededFuture()
                  : Future.failedFuture(r.cause());
            });
  }

  static Optional<String> difference(OnvifDevice.Information was, OnvifDevice.Information now) {
    if (!was.serial().equals(now.serial())) {
      return Optional.of("its serial number differs from the camera's");
    }
    if (!was.hardwareId().equals(now.hardwareId())) {
      return Optional.of("its hardware id differs from the camera's");
    }
    if (!was.model().equals(now.model()) || !was.manufacturer().equals(now.manufacturer())) {
      return Optional.of("its manufacturer or model differs from the camera's");
    }
    return Optional.empty();
  }

  private static Camera.Credentials wrong(Camera.Credentials right) {
    byte[] noise = new byte[18];
    RANDOM.nextBytes(noise);
    return new Camera.Credentials(right.username(), Base64.getEncoder().encodeToString(noise));
  }
}

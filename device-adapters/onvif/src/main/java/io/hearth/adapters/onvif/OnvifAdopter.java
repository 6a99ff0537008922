package io.hearth.adapters.onvif;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.discovery.Adopter;
import io.hearth.runtime.discovery.CameraAdoption;
import io.hearth.runtime.discovery.Discovered;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adopts an ONVIF inbox entry: asks the camera, with the owner's credentials, for its media profile
 * and RTSP stream URI, then creates the camera through {@link CameraAdoption} with those
 * credentials stored on it. The credentials are sent only as a WS-Security digest and are never
 * logged or answered.
 */
final class OnvifAdopter implements Adopter {
  private static final Logger LOG = LoggerFactory.getLogger(OnvifAdopter.class);

  private final OnvifClient client;
  private final CameraAdoption cameras;
  private final OnvifIdentities identities;
  private final Runnable adopted;

  OnvifAdopter(OnvifClient client, CameraAdoption cameras, OnvifIdentities identities) {
    this(client, cameras, identities, () -> {});
  }

  /** With {@code adopted} run after each adoption (the camera's events are subscribed to then). */
  OnvifAdopter(
      OnvifClient client, CameraAdoption cameras, OnvifIdentities identities, Runnable adopted) {
    this.client = client;
    this.cameras = cameras;
    this.identities = identities;
    this.adopted = adopted;
  }

  @Override
  public Future<String> adopt(
      Principal owner, Discovered entry, String name, Camera.Credentials credentials) {
    OnvifDevice device;
    try {
      device = new OnvifDevice(client, deviceService(entry), entry.sighting().host(), credentials);
    } catch (RuntimeException e) {
      return Future.failedFuture(asHubException(name, e, credentials));
    }
    return device
        .information()
        .onSuccess(
            i -> LOG.info("adopting ONVIF camera {}: {} {}", name, i.manufacturer(), i.model()))
        .compose(info -> create(owner, name, device, credentials, info))
        .onSuccess(id -> vertxLater(adopted))
        .recover(e -> Future.failedFuture(asHubException(name, e, credentials)));
  }

  /** After the inbox has marked the entry adopted (its answer comes after this future's). */
  private static void vertxLater(Runnable r) {
    io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
    if (context == null) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }

  /** The camera, with who it said it was kept for checking its moves later. */
  private Future<String> create(
      Principal owner,
      String name,
      OnvifDevice device,
      Camera.Credentials credentials,
      OnvifDevice.Information info) {
    return device
        .mediaService()
        .compose(media -> device.profile(media).compose(p -> uris(device, media, p)))
        .compose(u -> cameras.create(owner, name, u[0], u[1], credentials))
        .compose(id -> identities.remember(id, info).map(id));
  }

  /** The stream URI (RTSP) and, if the camera has one, the snapshot URI. */
  private static Future<String[]> uris(OnvifDevice device, URI media, String profile) {
    return device
        .streamUri(media, profile)
        .compose(
            stream -> {
              String scheme = stream.getScheme().toLowerCase(Locale.ROOT);
              if (!scheme.equals("rtsp") && !scheme.equals("rtsps")) {
                return Future.failedFuture(
                    new OnvifCallException(
                        OnvifCallException.Reason.BAD_ANSWER,
                        "its stream URI is " + scheme + ", not RTSP"));
              }
              return device
                  .snapshotUri(media, profile)
                  .map(URI::toString)
                  .otherwise((String) null)
                  .map(snapshot -> new String[] {stream.toString(), snapshot});
            });
  }

  static URI deviceService(Discovered entry) {
    String xaddrs = entry.sighting().details().getOrDefault(Sightings.XADDRS, "");
    return Arrays.stream(xaddrs.split("\\s+"))
        .filter(x -> Sightings.onHost(x, entry.sighting().host()))
        .findFirst()
        .map(URI::create)
        .orElseThrow(
            () ->
                new HubException(
                    422,
                    "not_adoptable",
                    entry.sighting().name()
                        + " announced no ONVIF device service address; wait for its next"
                        + " announcement or add it as a camera with POST /api/v1/cameras"));
  }

  private static HubException asHubException(
      String name, Throwable e, Camera.Credentials credentials) {
    if (e instanceof HubException hub) {
      return hub;
    }
    if (OnvifDevice.notAuthorized(e)) {
      return HubException.unauthorized(
          "adopt_failed",
          credentials == null
              ? name
                  + " asks for a user name and password: adopt it again with the camera's"
                  + " credentials"
              : name
                  + " refused the user name or password: check the camera's user name and"
                  + " password and try again");
    }
    if (e instanceof OnvifCallException c && c.reason() == OnvifCallException.Reason.UNREACHABLE) {
      return new HubException(
          504,
          "adopt_failed",
          "could not adopt "
              + name
              + ": "
              + e.getMessage()
              + "; check that the camera is on and reachable from the hub");
    }
    return new HubException(
        502,
        "adopt_failed",
        "could not adopt "
            + name
            + ": "
            + e.getMessage()
            + "; check the camera's ONVIF settings, or add it as a camera with POST /api/v1/cameras");
  }
}

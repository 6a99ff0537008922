package io.hearth.adapters.mjpeg;

import io.hearth.adapters.mjpeg.codec.Jpeg;
import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.TimeUnit;

/**
 * Fetches one JPEG from a camera's snapshot URL: authenticated on demand, bounded in size and time,
 * and checked to be a JPEG. Every failure is a {@link HubException} naming the camera.
 */
final class SnapshotFetcher {
  private final MjpegSettings settings;

  SnapshotFetcher(MjpegSettings settings) {
    this.settings = settings;
  }

  Future<Buffer> fetch(Vertx vertx, Camera camera) {
    if (camera.snapshotUrl() == null) {
      return Future.failedFuture(
          HubException.notFound(camera.name() + " has no snapshot URL configured"));
    }
    HttpClientAgent client = CameraRequests.client(vertx, settings);
    RequestOptions request = CameraRequests.get(camera.connectSnapshotUrl());
    return CameraRequests.send(
            client,
            request,
            CameraRequests.credentials(camera, camera.connectSnapshotUrl()),
            camera.plainPasswordAllowed(camera.snapshotUrl()))
        .compose(response -> read(camera, response, request.getURI()))
        .timeout(settings.snapshotTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .recover(failure -> Future.failedFuture(asHubException(camera, failure)))
        .eventually(client::close);
  }

  private Future<Buffer> read(Camera camera, HttpClientResponse response, String path) {
    if (response.statusCode() != 200) {
      CameraRequests.discard(response);
      CameraStatus status =
          OfflineReasons.ofHttpStatus(response.statusCode(), response.statusMessage(), path);
      return Future.failedFuture(OfflineReasons.toHubException(camera, status));
    }
    return CameraRequests.body(response, settings.maxFrameBytes())
        .compose(body -> checkJpeg(camera, body));
  }

  private static Future<Buffer> checkJpeg(Camera camera, Buffer body) {
    byte[] head = body.getBytes(0, Math.min(body.length(), 2));
    if (Jpeg.startsWithSoi(head)) {
      return Future.succeededFuture(body);
    }
    return Future.failedFuture(
        new HubException(
            502,
            "camera_bad_snapshot",
            camera.name()
                + ": the snapshot URL answered "
                + body.length()
                + " bytes that are not a JPEG image; check the camera's snapshot URL"));
  }

  private static HubException asHubException(Camera camera, Throwable failure) {
    if (failure instanceof HubException hub) {
      return hub;
    }
    if (failure instanceof CameraRequests.TooLarge) {
      return new HubException(
          502, "camera_bad_snapshot", camera.name() + ": the snapshot is " + failure.getMessage());
    }
    CameraStatus status = OfflineReasons.of(failure, false);
    return OfflineReasons.toHubException(camera, status);
  }
}

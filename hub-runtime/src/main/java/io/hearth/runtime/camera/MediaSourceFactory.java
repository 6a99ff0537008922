package io.hearth.runtime.camera;

import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;

/**
 * What a camera adapter module registers with {@link MediaSources}: which URLs it serves, how to
 * open a stream, and optionally how to fetch a JPEG snapshot without one.
 */
public interface MediaSourceFactory {
  /** Short protocol name shown to users: rtsp, mjpeg. */
  String protocol();

  /** Whether this adapter serves a camera at this URL. */
  boolean handles(URI url);

  MediaSource create(Vertx vertx, Camera camera);

  /**
   * Whether this adapter connects to the URL's host over the network, so the egress ledger checks
   * the host first. Only a source made inside the hub (a test pattern) says no.
   */
  default boolean connectsToHost() {
    return true;
  }

  /** A JPEG still from the camera's snapshot URL; by default, not supported (501). */
  default Future<Buffer> snapshot(Vertx vertx, Camera camera) {
    return Future.failedFuture(
        new HubException(
            501,
            "not_supported",
            "the " + protocol() + " adapter cannot take snapshots of " + camera.name()));
  }
}

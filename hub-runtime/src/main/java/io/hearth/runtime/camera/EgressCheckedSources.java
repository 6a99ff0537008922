package io.hearth.runtime.camera;

import io.hearth.runtime.net.egress.Egress;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.net.URI;

/**
 * A camera adapter behind the egress ledger: a camera's stream is opened, and its still fetched,
 * only after {@link Egress} agreed to the host of the URL the adapter will connect to. One place
 * for every camera protocol, so no adapter can forget.
 */
final class EgressCheckedSources implements MediaSourceFactory {
  private final MediaSourceFactory adapter;
  private final Egress egress;

  EgressCheckedSources(MediaSourceFactory adapter, Egress egress) {
    this.adapter = adapter;
    this.egress = egress;
  }

  @Override
  public String protocol() {
    return adapter.protocol();
  }

  @Override
  public boolean handles(URI url) {
    return adapter.handles(url);
  }

  @Override
  public MediaSource create(Vertx vertx, Camera camera) {
    MediaSource source = adapter.create(vertx, camera);
    String purpose = purpose(camera);
    return new MediaSource() {
      @Override
      public Future<Void> open(MediaSink sink) {
        return egress.check(purpose, camera.connectUrl()).compose(v -> source.open(sink));
      }

      @Override
      public Future<Void> close() {
        return source.close();
      }
    };
  }

  @Override
  public Future<Buffer> snapshot(Vertx vertx, Camera camera) {
    return egress
        .check(purpose(camera) + " still", camera.connectSnapshotUrl())
        .compose(v -> adapter.snapshot(vertx, camera));
  }

  private String purpose(Camera camera) {
    return "camera " + camera.name() + " (" + adapter.protocol() + ")";
  }
}

package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.session.Chunk;
import io.hearth.runtime.session.ChunkSink;
import io.hearth.runtime.session.SessionEnd;
import io.hearth.runtime.session.StreamSession;
import io.hearth.runtime.session.Watching;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/streams/{ticket}}: the WebSocket of one stream session. Browsers cannot set
 * headers on a WebSocket, so the single-use ticket from {@code POST .../sessions} is the
 * credential; the grant is checked again against the store before the socket opens, and every half
 * second while it is open.
 */
final class StreamSocket {
  private static final Logger LOG = LoggerFactory.getLogger(StreamSocket.class);

  static final String PATH = ApiRouter.API + "/streams/";

  private final ModuleContext hub;

  StreamSocket(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(PATH + ":ticket").handler(this::upgrade);
  }

  private void upgrade(RoutingContext ctx) {
    StreamSession session = hub.sessions().redeem(ctx.pathParam("ticket")).orElse(null);
    if (session == null) {
      ctx.fail(
          HubException.unauthorized(
              "invalid_ticket",
              "this stream URL is unknown, used"
                  + " or expired; open a new session with POST /api/v1/cameras/{id}/sessions"));
      return;
    }
    ctx.request().pause();
    hub.tokens()
        .principalOfToken(session.principal().tokenId())
        .compose(now -> hub.access().check(now, session.cameraId(), session.scope(), false))
        .compose(grant -> hub.cameras().get(session.cameraId()))
        .onFailure(ctx::fail)
        .onSuccess(
            camera ->
                ctx.request()
                    .toWebSocket()
                    .onSuccess(socket -> stream(session, camera, socket))
                    .onFailure(e -> abandoned(ctx, e)));
  }

  /**
   * The upgrade failed. When the viewer went away meanwhile (a poor link resets it while the hub
   * checks the ticket), there is nobody to answer: an expected event, not an error.
   */
  private static void abandoned(RoutingContext ctx, Throwable e) {
    if (ctx.response().headWritten() || ctx.response().closed()) {
      LOG.debug("a viewer left during its stream's upgrade: {}", e.toString());
      return;
    }
    ctx.fail(e);
  }

  private void stream(StreamSession session, Camera camera, ServerWebSocket socket) {
    Watching watching =
        session.segmentId() == null
            ? hub.sessions().watch(session, camera, new SocketSink(socket), true)
            : hub.sessions()
                .play(
                    session,
                    hub.recordings().playback(camera.id(), session.segmentId()),
                    new SocketSink(socket));
    socket.closeHandler(v -> watching.close());
    socket.handler(ignored -> {}); // viewers have nothing to say on this socket
  }

  /** The LAN transport of a stream session: each sealed chunk is one binary message. */
  private record SocketSink(ServerWebSocket socket) implements ChunkSink {
    @Override
    public boolean ready() {
      return !socket.isClosed() && !socket.writeQueueFull();
    }

    @Override
    public void write(Chunk chunk) {
      if (!socket.isClosed()) {
        socket.writeBinaryMessage(Buffer.buffer(chunk.bytes()));
      }
    }

    @Override
    public void close(SessionEnd end, String reason) {
      if (!socket.isClosed()) {
        socket.close(end.closeCode(), end.brief());
      }
    }
  }
}

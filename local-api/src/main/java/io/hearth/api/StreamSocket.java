package io.hearth.api;

import io.hearth.runtime.HubContext;
import io.hearth.runtime.HubException;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.security.Lease;
import io.hearth.runtime.session.LeaseGate;
import io.hearth.runtime.session.StreamSession;
import io.hearth.runtime.stream.Subscription;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code GET /api/v1/streams/{ticket}}: the WebSocket of one stream session. Browsers cannot set
 * headers on a WebSocket, so the single-use ticket from {@code POST .../sessions} is the
 * credential; the grant is checked again against the store before the socket opens, and every half
 * second while it is open.
 */
final class StreamSocket {
  static final String PATH = ApiRouter.API + "/streams/";

  private final HubContext hub;

  StreamSocket(HubContext hub) {
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
        .compose(now -> hub.access().check(now, session.cameraId(), Scope.LIVE, false))
        .compose(grant -> hub.cameras().get(session.cameraId()))
        .onFailure(ctx::fail)
        .onSuccess(
            camera ->
                ctx.request()
                    .toWebSocket()
                    .onSuccess(socket -> stream(session, camera, socket))
                    .onFailure(ctx::fail));
  }

  private void stream(
      StreamSession session, io.hearth.runtime.camera.Camera camera, ServerWebSocket socket) {
    SessionWriter writer = new SessionWriter(session, socket);
    AtomicReference<Subscription> subscription = new AtomicReference<>();
    Lease lease;
    try {
      lease =
          hub.sessions()
              .attach(
                  session,
                  reason -> {
                    writer.end(reason);
                    socket.close((short) 4403, "access withdrawn");
                  });
    } catch (HubException e) {
      socket.close((short) 4429, e.getMessage());
      return;
    }
    socket.closeHandler(
        v -> {
          hub.sessions().detach(session);
          Subscription open = subscription.getAndSet(null);
          if (open != null) {
            open.close();
          }
        });
    socket.handler(ignored -> {}); // viewers have nothing to say on this socket
    Future<Subscription> subscribed =
        hub.switchboard().subscribe(camera, new LeaseGate(lease, writer));
    subscribed
        .onSuccess(
            s -> {
              if (socket.isClosed()) {
                s.close();
              } else {
                subscription.set(s);
              }
            })
        .onFailure(
            e -> {
              writer.end(e.getMessage());
              socket.close((short) 4503, "camera unavailable");
            });
  }
}

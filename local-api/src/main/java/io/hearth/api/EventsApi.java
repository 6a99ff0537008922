package io.hearth.api;

import io.hearth.runtime.device.DeviceEvent;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/events}: device events as a WebSocket (text messages of JSON) or as
 * server-sent events ({@code Accept: text/event-stream}), filtered by {@code device}, {@code
 * capability} and {@code kind}, resumable from an event id ({@code after=} or SSE's {@code
 * Last-Event-ID}) so nothing is lost across a short disconnect.
 */
final class EventsApi {
  static final long HEARTBEAT_MS = 15_000;

  private final ModuleContext hub;

  EventsApi(ModuleContext hub) {
    this.hub = hub;
  }

  void mount(Router router) {
    router.get(ApiRouter.API + "/events").handler(this::open);
  }

  private void open(RoutingContext ctx) {
    try {
      Principal me = Authenticator.principal(ctx);
      EventFilter filter = EventFilter.of(ctx.queryParams());
      // A fresh feed starts after the newest event now, before the client hears back (the
      // response headers or the WebSocket upgrade), so an event it causes next is never missed.
      long requested = after(ctx);
      long after = requested < 0 ? hub.devices().events().lastId() : requested;
      if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
        ctx.request()
            .toWebSocket()
            .onFailure(ctx::fail)
            .onSuccess(ws -> websocket(me, filter, after, ws));
      } else {
        sse(ctx.response(), me, filter, after);
      }
    } catch (RuntimeException e) {
      ctx.fail(e);
    }
  }

  private void websocket(Principal me, EventFilter filter, long after, ServerWebSocket ws) {
    EventFeed feed =
        new EventFeed(
            hub,
            me,
            filter,
            new EventFeed.Sink() {
              @Override
              public boolean send(DeviceEvent event) {
                if (ws.writeQueueFull()) {
                  return false;
                }
                ws.writeTextMessage(event.toJson().encode());
                return true;
              }

              @Override
              public void end(String reason) {
                if (!ws.isClosed()) {
                  ws.close((short) 4000, reason.length() > 120 ? reason.substring(0, 120) : reason);
                }
              }
            });
    ws.closeHandler(v -> feed.stop("closed"));
    ws.handler(ignored -> {});
    feed.start(after);
  }

  private void sse(HttpServerResponse response, Principal me, EventFilter filter, long after) {
    response
        .setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("X-Accel-Buffering", "no");
    response.write(": hearth events\n\n");
    long heartbeat = hub.vertx().setPeriodic(HEARTBEAT_MS, id -> response.write(": ping\n\n"));
    EventFeed feed =
        new EventFeed(
            hub,
            me,
            filter,
            new EventFeed.Sink() {
              @Override
              public boolean send(DeviceEvent event) {
                if (response.writeQueueFull()) {
                  return false;
                }
                response.write(
                    "id: "
                        + event.id()
                        + "\nevent: "
                        + event.kind()
                        + "\ndata: "
                        + event.toJson().encode()
                        + "\n\n");
                return true;
              }

              @Override
              public void end(String reason) {
                hub.vertx().cancelTimer(heartbeat);
                if (!response.ended() && !response.closed()) {
                  response.end("event: end\ndata: " + reason.replace('\n', ' ') + "\n\n");
                }
              }
            });
    response.closeHandler(v -> feed.stop("closed"));
    feed.start(after);
  }

  private static long after(RoutingContext ctx) {
    String text = ctx.queryParams().get("after");
    if (text == null) {
      text = ctx.request().getHeader("Last-Event-ID");
    }
    if (text == null) {
      return -1;
    }
    try {
      return Math.max(0, Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      throw HubException.badRequest("after (or Last-Event-ID) must be an event id");
    }
  }
}

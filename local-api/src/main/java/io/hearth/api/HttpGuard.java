package io.hearth.api;

import io.hearth.runtime.net.Listener;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guards one HTTP(S) listener against floods: a connection over the listener's limits (in all or
 * from its address) is closed as soon as Vert.x hands it over, before any request is read; an
 * admitted connection must deliver a complete request head within the request-head timeout whenever
 * it has no request in progress (a slow-headers client, or an idle keep-alive, is closed). A
 * WebSocket is exempt once upgraded: the idle timeout covers it.
 */
final class HttpGuard {
  private final Vertx vertx;
  private final Listener listener;
  private final long headTimeoutMs;
  private final Map<HttpConnection, Guarded> connections = new ConcurrentHashMap<>();

  HttpGuard(Vertx vertx, Listener listener, long headTimeoutMs) {
    this.vertx = vertx;
    this.listener = listener;
    this.headTimeoutMs = headTimeoutMs;
  }

  /** For {@code HttpServer.connectionHandler}. */
  void connected(HttpConnection connection) {
    String address = address(connection);
    Listener.Ticket ticket = listener.admit(address);
    if (ticket == null) {
      connection.close();
      return;
    }
    Guarded guarded = new Guarded(connection, address, ticket);
    connections.put(connection, guarded);
    connection.closeHandler(v -> closed(connection));
    guarded.arm();
  }

  /** Wraps the request handler so that each request stops its connection's head timer. */
  Handler<HttpServerRequest> requests(Handler<HttpServerRequest> next) {
    return request -> {
      Guarded guarded = connections.get(request.connection());
      if (guarded != null) {
        guarded.started(request);
      }
      next.handle(request);
    };
  }

  private void closed(HttpConnection connection) {
    Guarded guarded = connections.remove(connection);
    if (guarded != null) {
      guarded.disarm();
      guarded.ticket.release();
    }
  }

  private static String address(HttpConnection connection) {
    return connection.remoteAddress() == null
        ? "unknown"
        : String.valueOf(connection.remoteAddress().hostAddress());
  }

  /** One admitted connection: its ticket, requests in progress, and head timer. */
  private final class Guarded {
    private final HttpConnection connection;
    private final String address;
    private final Listener.Ticket ticket;
    private int inProgress;
    private boolean upgraded;
    private long timer = -1;

    Guarded(HttpConnection connection, String address, Listener.Ticket ticket) {
      this.connection = connection;
      this.address = address;
      this.ticket = ticket;
    }

    synchronized void started(HttpServerRequest request) {
      disarm();
      inProgress++;
      if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
        upgraded = true;
        return;
      }
      // bodyEndHandler: the router keeps endHandler for itself.
      request.response().bodyEndHandler(v -> ended());
    }

    private synchronized void ended() {
      inProgress--;
      if (inProgress == 0 && !upgraded) {
        arm();
      }
    }

    synchronized void arm() {
      disarm();
      timer = vertx.setTimer(headTimeoutMs, id -> expired(id));
    }

    synchronized void disarm() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }

    private void expired(long id) {
      synchronized (this) {
        if (id != timer || inProgress > 0 || upgraded) {
          return;
        }
        timer = -1;
      }
      listener.timedOut(
          address, "no complete request head within " + headTimeoutMs + " ms (slow or idle)");
      connection.close();
    }
  }
}

package io.hearth.api;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * {@code GET /metrics}: Prometheus metrics ({@link Metrics}), to loopback callers only, without a
 * token. Metrics tell when cameras are watched and how busy the sensors are, which says when
 * someone is home, so they are not for the LAN; Hearth tokens carry no scopes yet, and an owner
 * token in a scraper's configuration would be a key to the whole home. A request that came through
 * a proxy (it carries {@code Forwarded} or {@code X-Forwarded-For}) is refused too, so a local
 * reverse proxy does not turn loopback into "anyone".
 */
final class MetricsApi {
  static final String PATH = "/metrics";

  private final Metrics metrics;

  MetricsApi(ModuleContext hub) {
    this.metrics = new Metrics(hub);
  }

  void mount(Router router) {
    router.get(PATH).handler(this::scrape);
  }

  private void scrape(RoutingContext ctx) {
    if (!fromLoopback(ctx)) {
      ctx.fail(
          HubException.forbidden(
              "metrics are served to this machine only (loopback); scrape from the hub itself"));
      return;
    }
    metrics
        .scrape()
        .onSuccess(
            text -> ctx.response().putHeader("Content-Type", PromText.CONTENT_TYPE).end(text))
        .onFailure(ctx::fail);
  }

  static boolean fromLoopback(RoutingContext ctx) {
    if (ctx.request().getHeader("Forwarded") != null
        || ctx.request().getHeader("X-Forwarded-For") != null) {
      return false;
    }
    SocketAddress remote = ctx.request().connection().remoteAddress();
    if (remote == null || remote.hostAddress() == null) {
      return false;
    }
    try {
      return InetAddress.getByName(remote.hostAddress()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}

package io.hearth.api;

import io.hearth.runtime.domain.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /api/v1/me}: who the caller's token speaks for. */
final class MeApi {
  void mount(Router router) {
    router
        .get(ApiRouter.API + "/me")
        .handler(
            Reply.of(
                ctx -> {
                  Principal me = Authenticator.principal(ctx);
                  return Future.succeededFuture(
                      Reply.ok(
                          new JsonObject()
                              .put("kind", me.kind().wireName())
                              .put("id", me.id())
                              .put("name", me.name())
                              .put("role", me.role() == null ? null : me.role().wireName())
                              .put("token_id", me.tokenId())));
                }));
  }
}

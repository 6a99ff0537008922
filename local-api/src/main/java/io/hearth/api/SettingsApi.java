package io.hearth.api;

import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.settings.Settings;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * The settings an owner may change in the app ({@code OwnerSetting}): {@code GET /api/v1/settings}
 * shows each with its value, where the value comes from and whether a restart is needed (the owner
 * and adults may read); {@code PATCH /api/v1/settings} changes some of them (the owner only), all
 * or none, each change audited.
 */
final class SettingsApi {
  static final String PATH = ApiRouter.API + "/settings";

  private final Settings settings;

  SettingsApi(ModuleContext hub) {
    this.settings = hub.settings();
  }

  void mount(Router router) {
    router.get(PATH).handler(Reply.of(this::list));
    router.patch(PATH).handler(Reply.of(this::change));
  }

  private Future<Reply> list(RoutingContext ctx) {
    Principal caller = Authenticator.principal(ctx);
    if (!caller.isMember() || caller.role() == Role.GUEST) {
      throw HubException.forbidden("only the home's owner and adults may see its settings");
    }
    return settings.list().map(SettingsApi::answer);
  }

  private Future<Reply> change(RoutingContext ctx) {
    Principal owner = Authenticator.owner(ctx);
    JsonObject changes = JsonBody.object(ctx);
    return settings.change(owner, changes).map(SettingsApi::answer);
  }

  private static Reply answer(List<JsonObject> all) {
    return Reply.ok(new JsonObject().put("settings", new JsonArray(all)));
  }
}

package io.hearth.api;

import io.hearth.api.settings.ApiSettings;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Assembles the API's routes: headers every answer carries, public routes, then authentication,
 * then the resources, then the pages; errors map to JSON once, in {@link ApiErrors}.
 */
final class ApiRouter {
  static final String API = "/api/v1";

  private final ModuleContext hub;

  ApiRouter(ModuleContext hub) {
    this.hub = hub;
  }

  Router build() {
    Router router = Router.router(hub.vertx());
    String policy = RelayAddress.contentSecurityPolicy(hub);
    router.route().handler(ctx -> securityHeaders(ctx, policy));
    BodyHandler body =
        BodyHandler.create(false).setBodyLimit(hub.config(ApiSettings.MAX_BODY_BYTES));
    router.route(API + "/*").handler(ctx -> bodyUnlessUpgrade(ctx, body));
    new HealthApi(hub).mount(router);
    new OpenApiDocument(hub).mount(router);
    new CaCertificateApi(hub).mount(router);
    new MetricsApi(hub).mount(router);
    DisplaysApi displays = new DisplaysApi(hub);
    displays.mountPublic(router);
    new StreamSocket(hub).mount(router);
    SigninKit signin = new SigninKit(hub);
    SigninApi signins = new SigninApi(signin);
    PasskeysApi passkeys = new PasskeysApi(signin);
    signins.mountPublic(router);
    passkeys.mountPublic(router);
    router.route(API + "/*").handler(new Authenticator(hub.tokens(), hub.signins()));
    signins.mount(router);
    passkeys.mount(router);
    new MemberPasskeysApi(hub).mount(router);
    new PasswordsApi(signin).mount(router);
    displays.mount(router);
    new CamerasApi(hub).mount(router);
    new SessionsApi(hub).mount(router);
    new MjpegApi(hub).mount(router);
    new SnapshotApi(hub).mount(router);
    new RestreamApi(hub).mount(router);
    new RecordingsApi(hub).mount(router);
    new CameraEventsApi(hub).mount(router);
    new SensorLinksApi(hub).mount(router);
    new GrantsApi(hub).mount(router);
    new RoomsApi(hub).mount(router);
    new SecurityEventsApi(hub).mount(router);
    new DevicesApi(hub).mount(router);
    new EventsApi(hub).mount(router);
    new DiscoveredApi(hub).mount(router);
    new MeApi().mount(router);
    new MembersApi(hub).mount(router);
    new TokensApi(hub).mount(router);
    new AuditApi(hub).mount(router);
    new EgressApi(hub).mount(router);
    new BridgeApi(hub).mount(router);
    new SettingsApi(hub).mount(router);
    router.route(API + "/*").handler(ctx -> ctx.fail(ApiErrors.noSuchRoute(ctx)));
    // Browsers ask for /favicon.ico whatever the page says: they get the SVG icon. A page's
    // file like the others, not an API operation (hence route(), as the static files below).
    router
        .route("/favicon.ico")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "image/svg+xml")
                    .sendFile("io/hearth/api/webroot/favicon.svg"));
    router
        .route("/*")
        .handler(
            StaticHandler.create("io/hearth/api/webroot")
                .setCachingEnabled(false)
                .setIncludeHidden(false)
                .setDirectoryListing(false));
    router.route().failureHandler(new ApiErrors()::handle);
    return router;
  }

  /**
   * A WebSocket upgrade has no body to read, but some clients send {@code Content-Length: 0}, and a
   * body handler would then read the request to its end, after which it can no longer be upgraded
   * once the asynchronous token check is done. Upgrades are paused here instead, unread.
   */
  private static void bodyUnlessUpgrade(RoutingContext ctx, BodyHandler body) {
    if (isUpgrade(ctx)) {
      ctx.request().pause();
      ctx.next();
    } else {
      body.handle(ctx);
    }
  }

  static boolean isUpgrade(RoutingContext ctx) {
    return "websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"));
  }

  /**
   * Per-viewer answers must never be cached by anyone else (DESIGN promise 3), so every answer says
   * so; pages forbid framing and sniffing. The display page plays video through a Media Source
   * object URL, hence media-src blob:; away from home it connects to the one relay of the bridge.
   */
  private static void securityHeaders(RoutingContext ctx, String policy) {
    ctx.response()
        .headers()
        .set("Cache-Control", "private, no-store")
        .set("X-Content-Type-Options", "nosniff")
        .set("X-Frame-Options", "DENY")
        .set("Referrer-Policy", "no-referrer")
        .set("Content-Security-Policy", policy);
    ctx.next();
  }
}

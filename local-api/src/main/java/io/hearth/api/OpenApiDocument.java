package io.hearth.api;

import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /api/v1/openapi.json}: the API's own description, no authentication. */
final class OpenApiDocument {
  static final String RESOURCE = "openapi.json";

  private final String document;

  OpenApiDocument(ModuleContext hub) {
    JsonObject doc = load();
    doc.getJsonObject("info").put("version", hub.version());
    this.document = doc.encodePrettily();
  }

  void mount(Router router) {
    router
        .get(ApiRouter.API + "/openapi.json")
        .handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(document));
  }

  static JsonObject load() {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the build");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

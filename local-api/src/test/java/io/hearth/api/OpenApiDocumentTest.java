package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document and the router agree, both ways. */
@Timeout(60)
class OpenApiDocumentTest {
  @TempDir Path dir;

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
    try (TestHub hub = TestHub.start(dir.resolve("data"))) {
      Router router = new ApiRouter(hub.hub.context().forModule("api")).build();
      Set<String> routed = new TreeSet<>();
      for (Route route : router.getRoutes()) {
        Set<HttpMethod> methods = route.methods();
        if (route.getPath() == null || methods == null || methods.isEmpty()) {
          continue;
        }
        String path = route.getPath().replaceAll(":([a-z_]+)", "{$1}");
        methods.forEach(m -> routed.add(m.name().toLowerCase(Locale.ROOT) + " " + path));
      }
      JsonObject served = new JsonObject(hub.get("/api/v1/openapi.json", null).body());
      Set<String> documented = new TreeSet<>();
      JsonObject paths = served.getJsonObject("paths");
      paths
          .fieldNames()
          .forEach(
              p -> paths.getJsonObject(p).fieldNames().forEach(m -> documented.add(m + " " + p)));

      assertFalse(routed.isEmpty());
      assertEquals(routed, documented);
      assertEquals("3.0.3", served.getString("openapi"));
      assertEquals(hub.hub.context().version(), served.getJsonObject("info").getString("version"));
      assertTrue(documented.contains("get /api/v1/health"));
    }
  }
}

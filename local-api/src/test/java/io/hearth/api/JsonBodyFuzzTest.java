package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the JSON bodies of every API route that reads one, against a real hub on loopback (owner
 * token, HTTPS, the hub's only camera adapter being {@code test://}, so no fuzzed URL is ever
 * dialled). Contract: no answer is a 500, every error names its code as JSON (the one 5xx allowed
 * is 503 adapter_unavailable for the device routes, whose CoAP adapter is left out on purpose); the
 * hub keeps answering. Byte 0 of the input picks the route, the rest is the body.
 */
class JsonBodyFuzzTest {
  @TempDir static Path dir;
  private static TestHub hub;
  private static List<String[]> routes;

  @BeforeAll
  static void start() throws Exception {
    hub = TestHub.start(dir);
    String camera = hub.addCamera("Fuzz door", "test://door");
    HttpResponse<String> member =
        hub.post("/api/v1/members", hub.ownerToken, "{\"name\":\"Ana\",\"role\":\"adult\"}");
    String memberId = new JsonObject(member.body()).getString("id");
    routes =
        List.of(
            new String[] {"POST", "/api/v1/cameras"},
            new String[] {"PATCH", "/api/v1/cameras/" + camera},
            new String[] {"POST", "/api/v1/cameras/" + camera + "/sessions"},
            new String[] {"POST", "/api/v1/devices"},
            new String[] {"POST", "/api/v1/devices/nosuch/commands"},
            new String[] {"POST", "/api/v1/discovered/nosuch/adopt"},
            new String[] {"POST", "/api/v1/displays/pair"},
            new String[] {"POST", "/api/v1/displays/token"},
            new String[] {"POST", "/api/v1/displays/approve"},
            new String[] {"POST", "/api/v1/displays/deny"},
            new String[] {"POST", "/api/v1/grants"},
            new String[] {"POST", "/api/v1/security-events"},
            new String[] {"POST", "/api/v1/members"},
            new String[] {"PATCH", "/api/v1/members/" + memberId},
            new String[] {"POST", "/api/v1/tokens"});
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  @FuzzTest
  void anyBodyIsAnsweredBelow500(byte[] input) throws Exception {
    if (input.length == 0) {
      return;
    }
    String[] route = routes.get((input[0] & 0xFF) % routes.size());
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.ofByteArray(input, 1, input.length - 1);
    HttpResponse<String> answer =
        hub.send(
            TestHub.authorized(HttpRequest.newBuilder(hub.https(route[1])), hub.ownerToken)
                .header("Content-Type", "application/json")
                .method(route[0], body));
    String what = route[0] + " " + route[1] + " -> " + answer.statusCode() + " " + answer.body();
    assertNotEquals(500, answer.statusCode(), what);
    if (answer.statusCode() >= 400) {
      String error = new JsonObject(answer.body()).getString("error");
      assertNotNull(error, what);
      // The only 5xx allowed: the CoAP adapter is not loaded here, so no fuzzed URL is dialled.
      assertTrue(answer.statusCode() < 500 || error.equals("adapter_unavailable"), what);
    }
  }
}

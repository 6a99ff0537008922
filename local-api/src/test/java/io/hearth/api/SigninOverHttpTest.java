package io.hearth.api;

import static io.hearth.api.ApiSecurityTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the plain-HTTP port opened to the LAN ({@code api.http-lan}), a password sent to it from a
 * LAN address is refused before it is checked (no cookie a browser would drop, no password in the
 * clear), with the HTTPS address in words; on loopback, where browsers treat HTTP as secure, it
 * works.
 */
@Timeout(60)
class SigninOverHttpTest {
  @RegisterExtension
  static final TestHub hub = TestHub.perClass("api.http-lan=true", "api.http-host=0.0.0.0");

  @Test
  void aPasswordOverLanHttpIsRefusedAndSentToHttps() throws Exception {
    InetAddress lan = lanAddress();
    Assumptions.assumeTrue(lan != null, "this machine has no non-loopback IPv4 address");
    HttpResponse<String> setUp =
        hub.post("/api/v1/setup", hub.ownerToken, "{\"password\":\"a long owner password\"}");
    assertEquals(200, setUp.statusCode(), setUp.body());
    String owner = new JsonObject(hub.get("/api/v1/me", hub.ownerToken).body()).getString("name");
    String body =
        new JsonObject().put("name", owner).put("password", "a long owner password").encode();
    int port = hub.hub.context().ports().get("api.http-port");
    HttpResponse<String> overLan = post("http://" + lan.getHostAddress() + ":" + port, body);
    assertError(overLan, 403, "https_required");
    assertTrue(overLan.body().contains("https://"), overLan.body());
    assertTrue(overLan.headers().allValues("Set-Cookie").isEmpty(), "no cookie over LAN HTTP");
    HttpResponse<String> loopback = post("http://127.0.0.1:" + port, body);
    assertEquals(200, loopback.statusCode(), loopback.body());
  }

  private static HttpResponse<String> post(String origin, String body) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(origin + "/api/v1/signin/password"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static InetAddress lanAddress() throws Exception {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
          return a;
        }
      }
    }
    return null;
  }
}

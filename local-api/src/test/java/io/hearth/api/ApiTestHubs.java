package io.hearth.api;

import io.hearth.runtime.testing.TestHubs;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every local-API test hub shares, over {@link TestHubs}: the API on ephemeral loopback ports
 * (HTTPS, plain HTTP, MQTT and MQTT over TLS), the owner token the hub writes at first start, and
 * an HTTP client that trusts the hub's own CA.
 */
public final class ApiTestHubs {
  private ApiTestHubs() {}

  /** A builder with the API's listeners on port 0 of 127.0.0.1; add modules and settings. */
  public static TestHubs.Builder builder(Path data) {
    return TestHubs.builder()
        .dataDir(data)
        .set("api.port", 0)
        .set("api.http-port", 0)
        .set("api.host", "127.0.0.1")
        .set("api.mqtt.port", 0)
        .set("api.mqtt.tls-port", 0);
  }

  /** The owner token the hub wrote to its data directory at first start. */
  public static String ownerToken(Path data) throws IOException {
    return Files.readString(data.resolve("owner.token")).trim();
  }

  /** A client that trusts the hub's CA (and nothing else). */
  public static HttpClient client(Path data, Duration connectTimeout) throws Exception {
    return HttpClient.newBuilder()
        .sslContext(TlsTrust.trusting(data.resolve("tls/ca.pem")))
        .connectTimeout(connectTimeout)
        .build();
  }
}

package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Anyone on the network may start a pairing, so one host must not be able to jam it for the others:
 * each source address may have a few pairings waiting, the owner sees who is waiting and can clear
 * the queue, and a flood of refusals costs one log line, not one stack trace each. Requests come
 * from several loopback addresses (127.0.0.x) to the hub's plain HTTP port.
 */
@Timeout(60)
class PairingJamTest {
  @RegisterExtension final TestHub hub = TestHub.perTest();

  @Test
  void oneHostCannotJamPairingForTheOthers() throws Exception {
    // GIVEN a host that asks for pairings without end
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 20; i++) {
      int status = pair("127.0.0.2");
      accepted += status == 200 ? 1 : 0;
      refused += status == 429 ? 1 : 0;
    }
    // THEN it holds only a few slots, and a display elsewhere still pairs
    assertEquals(4, accepted, "one address holds more than its share of the queue");
    assertEquals(16, refused);
    assertEquals(200, pair("127.0.0.3"), "another display could not pair");
    JsonObject waiting = new JsonObject(hub.get("/api/v1/displays/pairing", hub.ownerToken).body());
    assertEquals(5, waiting.getJsonArray("pairings").size(), waiting.encode());
    assertTrue(waiting.encode().contains("127.0.0.2"), "the owner cannot see who is pairing");
    assertTrue(!waiting.encode().contains("user_code"), "codes must not be listed");
  }

  @Test
  void aJammedQueueIsClearedByTheOwnerAndItsRefusalsAreLoggedOnce() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ApiErrors.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try {
      // GIVEN many hosts that fill the whole queue, then keep asking
      int busy = 0;
      for (int host = 10; host < 30; host++) {
        for (int i = 0; i < 4; i++) {
          busy += pair("127.0.0." + host) == 503 ? 1 : 0;
        }
      }
      assertTrue(busy >= 40, "the queue never filled: " + busy + " refusals");
      // THEN the refusals cost one log line, without a stack trace
      assertEquals(1, lines.list.size(), "log lines for " + busy + " refusals: " + lines.list);
      assertNull(lines.list.get(0).getThrowableProxy(), "an expected refusal had a stack trace");
      // WHEN the owner clears the queue, THEN a display pairs again
      assertEquals(503, pair("127.0.0.40"));
      JsonObject cleared =
          new JsonObject(hub.delete("/api/v1/displays/pairing", hub.ownerToken).body());
      assertEquals(32, cleared.getInteger("cleared"));
      assertEquals(200, pair("127.0.0.40"));
      assertEquals(401, hub.delete("/api/v1/displays/pairing", null).statusCode());
    } finally {
      logger.detachAppender(lines);
    }
  }

  /** POST /api/v1/displays/pair from a given loopback address (HTTP/1.1 by hand); the status. */
  private int pair(String source) throws Exception {
    int port = hub.hub.context().ports().get("api.http-port");
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(10_000);
      String request =
          "POST /api/v1/displays/pair HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }
}

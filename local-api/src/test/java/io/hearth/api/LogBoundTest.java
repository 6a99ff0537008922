package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.hearth.runtime.logging.FloodFilter;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * Bad input from the network costs a bounded amount of log, never a stack trace: hundreds of
 * malformed MQTT frames, refused MQTT logins, garbage HTTP, bad JSON and bad tokens, each kind sent
 * {@value #EACH} times from fresh connections, must add at most {@value #BOUND} lines at INFO and
 * above (every logger, Vert.x and Netty included, with the hub's {@link FloodFilter} installed as
 * its logback.xml does) and none with a stack trace. On an SD card a log that grows with an
 * attacker's request rate is both wear and a way to fill the disk.
 */
@Timeout(180)
class LogBoundTest {
  static final int EACH = 100;
  static final int BOUND = 40;

  /** A QoS 0 PUBLISH of "x" to topic "t". */
  static final byte[] PUBLISH = {0x30, 0x04, 0x00, 0x01, 't', 'x'};

  static final byte[] DISCONNECT = {(byte) 0xE0, 0x00};

  @RegisterExtension static final TestHub hub = TestHub.perClass();

  @Test
  void aFloodOfBadInputLogsABoundedAmountWithoutStackTraces() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level before = root.getLevel();
    Map<String, Level> quieter = levels("io.netty", "io.vertx", "io.hearth");
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    FloodFilter filter = new FloodFilter();
    filter.start();
    context.addTurboFilter(filter);
    root.setLevel(Level.INFO);
    quieter.keySet().forEach(name -> ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.INFO));
    root.addAppender(lines);
    try {
      flood();
      Thread.sleep(500); // let the last connections close and log
    } finally {
      root.detachAppender(lines);
      context.getTurboFilterList().remove(filter);
      root.setLevel(before);
      quieter.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }
    List<ILoggingEvent> traced =
        lines.list.stream().filter(e -> e.getThrowableProxy() != null).toList();
    Map<String, Long> byLogger =
        lines.list.stream()
            .collect(
                Collectors.groupingBy(
                    ILoggingEvent::getLoggerName, TreeMap::new, Collectors.counting()));
    System.out.println(
        "log lines for " + 10 * EACH + " bad inputs: " + lines.list.size() + " " + byLogger);
    assertEquals(
        List.of(),
        traced.stream().map(ILoggingEvent::getFormattedMessage).toList(),
        "stack traces");
    assertTrue(
        lines.list.size() <= BOUND,
        lines.list.size()
            + " lines: "
            + lines.list.stream().limit(20).map(ILoggingEvent::getFormattedMessage).toList());
  }

  private static Map<String, Level> levels(String... names) {
    Map<String, Level> levels = new TreeMap<>();
    for (String name : names) {
      levels.put(name, ((Logger) LoggerFactory.getLogger(name)).getLevel());
    }
    return levels;
  }

  private static void flood() throws Exception {
    int mqtt = hub.hub.context().ports().get("api.mqtt.port");
    int http = hub.hub.context().ports().get("api.http-port");
    byte[] goodConnect = connect(hub.ownerToken);
    for (int i = 0; i < EACH; i++) {
      exchange(mqtt, new byte[] {0x00, 0x02, 0x01, 0x02}); // reserved packet type 0
      exchange(mqtt, new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F});
      exchange(mqtt, connect("hth_not_a_token"));
      exchange(mqtt, concat(goodConnect, new byte[] {(byte) 0xF0, 0x00})); // reserved type 15
      exchange(
          mqtt, concat(connect("hth_not_a_token"), PUBLISH, PUBLISH, PUBLISH)); // after refusal
      exchange(mqtt, concat(goodConnect, DISCONNECT, PUBLISH, PUBLISH, PUBLISH)); // after the end
      exchange(http, ascii("GARBAGE \u0001\u0002 NOT-HTTP\r\n\r\n"));
      exchange(http, request("POST", "/api/v1/cameras", hub.ownerToken, "{\"name\": [1,"));
      exchange(http, request("GET", "/api/v1/cameras/cam_x", "hth_wrong", null));
      exchange(http, request("GET", "/api/v1/health?" + "x".repeat(9000), null, null));
    }
  }

  /** Sends bytes on a fresh connection and reads what comes back until it closes or 300 ms. */
  private static void exchange(int port, byte[] bytes) throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(300);
      OutputStream out = socket.getOutputStream();
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      try {
        while (in.read(new byte[4096]) >= 0) {
          // drain
        }
      } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
        // the hub kept the connection open, or reset it: either is fine here
      }
    }
  }

  private static byte[] request(String method, String path, String token, String body) {
    StringBuilder r = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: hub\r\n");
    if (token != null) {
      r.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    if (body != null) {
      r.append("Content-Type: application/json\r\nContent-Length: ")
          .append(body.getBytes(StandardCharsets.UTF_8).length)
          .append("\r\n");
    }
    r.append("Connection: close\r\n\r\n");
    if (body != null) {
      r.append(body);
    }
    return ascii(r.toString());
  }

  private static byte[] connect(String password) {
    byte[] header = concat(string("MQTT"), new byte[] {4, (byte) 0xC2, 0, 60});
    byte[] body = concat(header, string("bad-input"), string("user"), string(password));
    return concat(new byte[] {0x10, (byte) body.length}, body);
  }

  private static byte[] string(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    return concat(new byte[] {(byte) (bytes.length >> 8), (byte) bytes.length}, bytes);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}

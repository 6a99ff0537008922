package io.hearth.api.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes the hub's MQTT broker with the packets a signed-in client may send: after a valid CONNECT
 * (the owner's token), arbitrary bytes (PUBLISH, SUBSCRIBE, PUBREL, garbage, half packets), then
 * end of input. Contract: the broker ends every such conversation within {@link #DEADLINE_MS}
 * (answers, then closes), its answers stay bounded, and a well-formed client is still accepted
 * right after (a CONNACK with return code 0): no input takes the broker down or wedges it.
 */
class MqttPacketFuzzTest {
  private static final int DEADLINE_MS = 5000;
  private static final int MAX_ANSWER_BYTES = 1 << 20;
  private static final byte[] CONNACK_OK = {0x20, 0x02, 0x00, 0x00};
  @TempDir static Path dir;
  private static BrokerHub hub;
  private static byte[] connect;

  @BeforeAll
  static void start() throws Exception {
    hub = BrokerHub.start(dir);
    connect = connect(hub.ownerToken);
  }

  @AfterAll
  static void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  @FuzzTest
  void anyPacketsEndTheConversationAndLeaveTheBrokerServing(byte[] input) throws IOException {
    try (Socket socket = open()) {
      socket.getOutputStream().write(connect);
      socket.getOutputStream().write(input);
      socket.shutdownOutput();
      int answered = drain(socket.getInputStream());
      assertTrue(answered <= MAX_ANSWER_BYTES, answered + " bytes answered");
    } catch (SocketTimeoutException e) {
      fail("the broker neither answered nor closed within " + DEADLINE_MS + " ms");
    }
    try (Socket probe = open()) {
      probe.getOutputStream().write(connect);
      assertArrayEquals(CONNACK_OK, probe.getInputStream().readNBytes(4), "broker stopped serving");
    }
  }

  /** A connection to the broker; the test's own dialling is allowed past Jazzer's SSRF detector. */
  private static Socket open() throws IOException {
    Socket socket = new Socket();
    try (SilentCloseable allowed =
        BugDetectors.allowNetworkConnections((host, port) -> port == hub.port())) {
      socket.connect(new InetSocketAddress("127.0.0.1", hub.port()), DEADLINE_MS);
    }
    socket.setSoTimeout(DEADLINE_MS);
    return socket;
  }

  private static int drain(InputStream in) throws IOException {
    byte[] buffer = new byte[8192];
    int total = 0;
    for (int n = in.read(buffer); n >= 0 && total <= MAX_ANSWER_BYTES; n = in.read(buffer)) {
      total += n;
    }
    return total;
  }

  /** An MQTT 3.1.1 CONNECT, clean session, any user name, the token as password. */
  static byte[] connect(String token) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 60});
    string(body, "fuzz");
    string(body, "anyone");
    string(body, token);
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(0x10);
    for (int length = body.size(); ; ) {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
      if (length == 0) {
        break;
      }
    }
    packet.writeBytes(body.toByteArray());
    return packet.toByteArray();
  }

  private static void string(ByteArrayOutputStream out, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    out.write(bytes.length >> 8);
    out.write(bytes.length & 0xFF);
    out.writeBytes(bytes);
  }
}

package io.hearth.api;

import io.hearth.runtime.domain.RestreamCredential;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-driven RTSP reader, for what ffmpeg would not do: DESCRIBE (answering a Digest challenge
 * with the credentials given, if any), then SETUP and PLAY whatever the answers were, and then
 * counting every byte the hub sends afterwards, which could only be media.
 */
final class RtspProbe implements AutoCloseable {
  private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private int cseq;

  RtspProbe(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** An answer: its status line, its head and its body. */
  record Answer(int status, String head, String body) {}

  /**
   * DESCRIBE, SETUP and PLAY of the camera, with the user and password (null: none); the statuses
   * of the three answers.
   */
  List<Integer> play(String cameraId, String user, String password) throws IOException {
    String url = "rtsp://127.0.0.1:" + socket.getPort() + "/" + cameraId;
    Answer described = send("DESCRIBE", url, List.of());
    if (described.status() == 401 && user != null) {
      described = send("DESCRIBE", url, List.of(digest(described, user, password, url)));
    }
    List<Integer> statuses = new ArrayList<>(List.of(described.status()));
    String transport = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1";
    statuses.add(send("SETUP", url + "/track0", List.of(transport)).status());
    statuses.add(send("PLAY", url, List.of("Session: x")).status());
    return statuses;
  }

  /** Sends raw bytes (a malformed request, say) and reads one answer. */
  Answer raw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
    return read();
  }

  Answer send(String method, String url, List<String> headers) throws IOException {
    StringBuilder request = new StringBuilder(method + " " + url + " RTSP/1.0\r\n");
    request.append("CSeq: ").append(++cseq).append("\r\n");
    headers.forEach(h -> request.append(h).append("\r\n"));
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    return read();
  }

  /** Every byte that arrives within {@code millis} (or until the hub closes). */
  int bytesWithin(long millis) throws IOException {
    socket.setSoTimeout((int) millis);
    int total = 0;
    long end = System.currentTimeMillis() + millis;
    byte[] buffer = new byte[8192];
    try {
      while (System.currentTimeMillis() < end) {
        int n = in.read(buffer);
        if (n < 0) {
          break;
        }
        total += n;
      }
    } catch (SocketTimeoutException e) {
      // nothing more came
    }
    return total;
  }

  private Answer read() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return new Answer(-1, head.toString(StandardCharsets.UTF_8), "");
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.UTF_8);
    Matcher length = Pattern.compile("Content-Length: (\\d+)").matcher(text);
    byte[] body = length.find() ? in.readNBytes(Integer.parseInt(length.group(1))) : new byte[0];
    int status = Integer.parseInt(text.substring(9, 12));
    return new Answer(status, text, new String(body, StandardCharsets.UTF_8));
  }

  private static String digest(Answer challenge, String user, String password, String url) {
    Matcher nonce = NONCE.matcher(challenge.head());
    String value = nonce.find() ? nonce.group(1) : "";
    String ha1 = RestreamCredential.ha1(user, password);
    String ha2 = RestreamCredential.md5Hex("DESCRIBE:" + url);
    String response = RestreamCredential.md5Hex(ha1 + ":" + value + ":" + ha2);
    return String.format(
        "Authorization: Digest username=\"%s\", realm=\"%s\", nonce=\"%s\", uri=\"%s\","
            + " response=\"%s\"",
        user, RestreamCredential.REALM, value, url, response);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

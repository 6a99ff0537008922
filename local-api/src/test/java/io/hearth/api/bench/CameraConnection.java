package io.hearth.api.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * One client of the {@link ClipRtspCamera}: answers OPTIONS, DESCRIBE, SETUP (TCP interleaved
 * only), PLAY, GET_PARAMETER and TEARDOWN, skips the client's interleaved RTCP, and after PLAY
 * paces the clip at 30 fps on a second thread, each access unit tagged with its frame number.
 */
final class CameraConnection {
  private static final long FRAME_NANOS = 1_000_000_000L / H264Clip.FPS;
  private static final int RTP_TICKS_PER_FRAME = 90_000 / H264Clip.FPS;

  private final Socket socket;
  private final H264Clip clip;
  private final Function<String, SendLog> logs;
  private final String session = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  private volatile boolean closed;
  private boolean playing;
  private String path = "";
  private OutputStream out;

  CameraConnection(Socket socket, H264Clip clip, Function<String, SendLog> logs) {
    this.socket = socket;
    this.clip = clip;
    this.logs = logs;
  }

  /** Reads and answers requests until the client leaves. */
  void serve() {
    try (socket) {
      out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      for (int first; (first = in.read()) >= 0 && !closed; ) {
        if (first == '$') {
          skipInterleaved(in);
        } else {
          answer(readRequest(first, in));
        }
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      closed = true;
    }
  }

  void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private record Request(String method, String uri, Map<String, String> headers) {}

  private static void skipInterleaved(InputStream in) throws IOException {
    in.read(); // channel
    int length = (in.read() << 8) | in.read();
    in.skipNBytes(length);
  }

  private static Request readRequest(int first, InputStream in) throws IOException {
    String[] line = (((char) first) + readLine(in)).split(" ", 3);
    Map<String, String> headers = new HashMap<>();
    for (String header = readLine(in); !header.isEmpty(); header = readLine(in)) {
      int colon = header.indexOf(':');
      if (colon > 0) {
        headers.put(
            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim());
      }
    }
    in.skipNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
    return new Request(line[0], line.length > 1 ? line[1] : "", headers);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("closed mid-request");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  private void answer(Request request) throws IOException {
    String cseq = request.headers().getOrDefault("cseq", "0");
    switch (request.method()) {
      case "OPTIONS", "GET_PARAMETER" ->
          reply(
              cseq, List.of("Public: OPTIONS, DESCRIBE, SETUP, PLAY, GET_PARAMETER, TEARDOWN"), "");
      case "DESCRIBE" -> describe(request, cseq);
      case "SETUP" -> setup(request, cseq);
      case "PLAY" -> play(cseq);
      case "TEARDOWN" -> {
        reply(cseq, List.of("Session: " + session), "");
        close();
      }
      default -> write(status(cseq, "501 Not Implemented", List.of(), ""));
    }
  }

  private void describe(Request request, String cseq) throws IOException {
    path = firstSegment(request.uri());
    String base = request.uri().endsWith("/") ? request.uri() : request.uri() + "/";
    reply(cseq, List.of("Content-Type: application/sdp", "Content-Base: " + base), sdp());
  }

  private void setup(Request request, String cseq) throws IOException {
    String transport = request.headers().getOrDefault("transport", "");
    if (!transport.contains("RTP/AVP/TCP")) {
      write(status(cseq, "461 Unsupported Transport", List.of(), ""));
      return;
    }
    path = firstSegment(request.uri());
    reply(
        cseq,
        List.of(
            "Transport: RTP/AVP/TCP;unicast;interleaved=0-1",
            "Session: " + session + ";timeout=60"),
        "");
  }

  private void play(String cseq) throws IOException {
    reply(cseq, List.of("Session: " + session, "Range: npt=0.000-"), "");
    if (!playing) {
      playing = true;
      SendLog log = logs.apply(path);
      Thread pacer = new Thread(() -> stream(log), "bench-camera-pace");
      pacer.setDaemon(true);
      pacer.start();
    }
  }

  private void stream(SendLog log) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    RtpPacketizer rtp = new RtpPacketizer(random.nextInt(), random.nextInt());
    long rtpBase = random.nextInt() & 0xffffffffL;
    long start = System.nanoTime();
    try {
      for (long i = 0; !closed; i++) {
        sleepUntil(start + i * FRAME_NANOS);
        long frame = log.nextFrame();
        byte[] wire =
            rtp.packetize(tagged(clip.accessUnit(i), frame), rtpBase + i * RTP_TICKS_PER_FRAME);
        log.sent(frame, System.nanoTime());
        write(wire);
      }
    } catch (IOException e) {
      close();
    }
  }

  /** The access unit with the frame's tag before its first slice. */
  private static List<byte[]> tagged(List<byte[]> nals, long frame) {
    List<byte[]> out = new ArrayList<>(nals.size() + 1);
    boolean tagged = false;
    for (byte[] nal : nals) {
      int type = nal[0] & 0x1f;
      if (!tagged && type >= 1 && type <= 5) {
        out.add(FrameTag.sei(frame));
        tagged = true;
      }
      out.add(nal);
    }
    return out;
  }

  private static void sleepUntil(long deadline) {
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      LockSupport.parkNanos(left);
    }
  }

  private String sdp() {
    Base64.Encoder b64 = Base64.getEncoder();
    byte[] sps = clip.sps();
    String profile = HexFormat.of().formatHex(sps, 1, 4);
    return "v=0\r\n"
        + "o=- 0 0 IN IP4 127.0.0.1\r\n"
        + "s=Hearth benchmark camera\r\n"
        + "c=IN IP4 0.0.0.0\r\n"
        + "t=0 0\r\n"
        + "a=control:*\r\n"
        + "m=video 0 RTP/AVP 96\r\n"
        + "a=rtpmap:96 H264/90000\r\n"
        + "a=fmtp:96 packetization-mode=1;profile-level-id="
        + profile
        + ";sprop-parameter-sets="
        + b64.encodeToString(sps)
        + ","
        + b64.encodeToString(clip.pps())
        + "\r\n"
        + "a=framerate:"
        + H264Clip.FPS
        + "\r\n"
        + "a=control:trackID=0\r\n";
  }

  private static String firstSegment(String uri) {
    String[] segments = URI.create(uri).getPath().split("/", -1);
    return segments.length > 1 ? segments[1] : "";
  }

  private void reply(String cseq, List<String> headers, String body) throws IOException {
    write(status(cseq, "200 OK", headers, body));
  }

  private static byte[] status(String cseq, String status, List<String> headers, String body) {
    StringBuilder text = new StringBuilder("RTSP/1.0 ").append(status).append("\r\nCSeq: ");
    text.append(cseq).append("\r\n");
    headers.forEach(h -> text.append(h).append("\r\n"));
    byte[] content = body.getBytes(StandardCharsets.US_ASCII);
    if (content.length > 0) {
      text.append("Content-Length: ").append(content.length).append("\r\n");
    }
    text.append("\r\n").append(body);
    return text.toString().getBytes(StandardCharsets.US_ASCII);
  }

  private void write(byte[] bytes) throws IOException {
    synchronized (this) {
      out.write(bytes);
      out.flush();
    }
  }
}

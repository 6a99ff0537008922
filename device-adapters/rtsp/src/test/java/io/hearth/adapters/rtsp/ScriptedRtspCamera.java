package io.hearth.adapters.rtsp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny RTSP server on loopback whose every connection follows a script written in the test: the
 * way to make a camera misbehave on purpose (bogus answers, oversized heads, silence, truncation).
 */
final class ScriptedRtspCamera implements AutoCloseable {
  /** What the camera does on one accepted connection. */
  interface Script {
    void run(Conversation conversation) throws IOException, InterruptedException;
  }

  static final byte[] SPS = {0x67, 0x42, (byte) 0xC0, 0x1E, (byte) 0xDA, 0x05, 0x07, (byte) 0xC4};
  static final byte[] PPS = {0x68, (byte) 0xCE, 0x3C, (byte) 0x80};
  private static final Pattern CLIENT_PORT = Pattern.compile("client_port=(\\d+)");

  private final ServerSocket server;
  private final Script script;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final List<String> methods = new CopyOnWriteArrayList<>();
  final List<byte[]> framesFromClient = new CopyOnWriteArrayList<>();
  volatile int sessionTimeoutSeconds = 60;

  ScriptedRtspCamera(Script script) throws IOException {
    this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
    this.script = script;
    Thread acceptor = new Thread(this::acceptLoop, "scripted-camera-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "rtsp://127.0.0.1:" + server.getLocalPort() + "/cam";
  }

  /** An SDP for one H.264 stream with SPS and PPS out of band. */
  static String h264Sdp() {
    java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
    return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=scripted\r\nt=0 0\r\n"
        + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"
        + "a=fmtp:96 packetization-mode=1;sprop-parameter-sets="
        + b64.encodeToString(SPS)
        + ","
        + b64.encodeToString(PPS)
        + "\r\na=control:track1\r\n";
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setSoTimeout(30_000);
        sockets.add(socket);
        Thread worker = new Thread(() -> serve(socket), "scripted-camera-connection");
        worker.setDaemon(true);
        worker.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      script.run(new Conversation(socket, this));
    } catch (IOException | InterruptedException e) {
      // the client went away or the test ended: both are part of the play
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }

  /** One connection, seen from the camera's side. */
  static final class Conversation {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final List<String> methods;
    private final ScriptedRtspCamera camera;
    private int seq = 1000;
    private long timestamp = 90_000;

    /** The SSRC of the RTP packets {@link #rtp} makes; a script may change it (a restart). */
    volatile int ssrc = 0x1234ABCD;

    Conversation(Socket socket, ScriptedRtspCamera camera) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
      this.methods = camera.methods;
      this.camera = camera;
    }

    /** The next request's head, or null at end of stream; RTCP frames from the client skipped. */
    String read() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (true) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        if (head.size() == 0 && b == '$') {
          skipFrame();
          continue;
        }
        head.write(b);
        String text = head.toString(StandardCharsets.UTF_8);
        if (text.endsWith("\r\n\r\n")) {
          methods.add(text.substring(0, text.indexOf(' ')));
          return text;
        }
      }
    }

    private void skipFrame() throws IOException {
      int channel = in.read();
      int length = (in.read() << 8) | in.read();
      byte[] payload = in.readNBytes(length);
      byte[] frame = new byte[payload.length + 1];
      frame[0] = (byte) channel;
      System.arraycopy(payload, 0, frame, 1, payload.length);
      camera.framesFromClient.add(frame);
    }

    static String cseq(String request) {
      for (String line : request.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("cseq:")) {
          return line.substring(5).trim();
        }
      }
      return "0";
    }

    synchronized void write(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void respond(String request, String status, String headers, String body) throws IOException {
      write(
          "RTSP/1.0 "
              + status
              + "\r\nCSeq: "
              + cseq(request)
              + "\r\n"
              + headers
              + (body.isEmpty() ? "" : "Content-Length: " + body.length() + "\r\n")
              + "\r\n"
              + body);
    }

    /** Answers OPTIONS, DESCRIBE (with this SDP), SETUP (TCP interleaved) and PLAY. */
    void serveUntilPlay(String sdp) throws IOException {
      for (String request; (request = read()) != null; ) {
        String method = request.substring(0, request.indexOf(' '));
        switch (method) {
          case "OPTIONS" ->
              respond(
                  request,
                  "200 OK",
                  "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n",
                  "");
          case "DESCRIBE" -> respond(request, "200 OK", "Content-Type: application/sdp\r\n", sdp);
          case "SETUP" ->
              respond(
                  request,
                  "200 OK",
                  "Session: 4242;timeout="
                      + camera.sessionTimeoutSeconds
                      + "\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1\r\n",
                  "");
          case "PLAY" -> {
            respond(request, "200 OK", "Session: 4242\r\n", "");
            return;
          }
          default -> respond(request, "200 OK", "", "");
        }
      }
      throw new SocketException("client left before PLAY");
    }

    /** Answers requests until SETUP, which it returns unanswered; DESCRIBE gets the H.264 SDP. */
    String untilSetup() throws IOException {
      for (String request; (request = read()) != null; ) {
        if (request.startsWith("SETUP")) {
          return request;
        }
        boolean describe = request.startsWith("DESCRIBE");
        respond(
            request,
            "200 OK",
            describe ? "Content-Type: application/sdp\r\n" : "",
            describe ? h264Sdp() : "");
      }
      throw new SocketException("client left before SETUP");
    }

    /**
     * Answers a UDP SETUP naming these server ports (and this SSRC, if not null), then the PLAY
     * after it; returns the hub's RTP port.
     */
    int playUdp(String setup, int serverRtp, int serverRtcp, String announcedSsrc)
        throws IOException {
      Matcher port = CLIENT_PORT.matcher(setup);
      if (!port.find()) {
        throw new SocketException("SETUP without client_port: " + setup);
      }
      int client = Integer.parseInt(port.group(1));
      String transport =
          "RTP/AVP;unicast;client_port=%d-%d;server_port=%d-%d"
                  .formatted(client, client + 1, serverRtp, serverRtcp)
              + (announcedSsrc == null ? "" : ";ssrc=" + announcedSsrc);
      respond(setup, "200 OK", "Session: 99;timeout=60\r\nTransport: " + transport + "\r\n", "");
      respond(read(), "200 OK", "Session: 99\r\n", ""); // PLAY
      return client;
    }

    /** Sends {@code count} access units on channel 0, every {@code gop}th a keyframe. */
    void stream(int count, int gop, long intervalMillis) throws IOException, InterruptedException {
      for (int i = 0; i < count; i++) {
        boolean key = i % gop == 0;
        byte[] nal = new byte[200];
        nal[0] = (byte) (key ? 0x65 : 0x41);
        nal[1] = (byte) 0x88;
        interleaved(0, rtp(nal, true));
        timestamp += 3000;
        Thread.sleep(intervalMillis);
      }
    }

    /**
     * Sends {@code count} one-packet access units from {@code rtp} to the hub's port, one every 30
     * ms, a keyframe every tenth, each NAL unit's second byte {@code mark} (to tell streams apart).
     */
    void sendUdp(DatagramSocket rtp, int hubPort, int count, byte mark)
        throws IOException, InterruptedException {
      InetAddress hub = InetAddress.getLoopbackAddress();
      for (int i = 0; i < count; i++) {
        byte[] nal = new byte[100];
        nal[0] = (byte) (i % 10 == 0 ? 0x65 : 0x41);
        nal[1] = mark;
        byte[] packet = rtp(nal, true);
        rtp.send(new DatagramPacket(packet, packet.length, hub, hubPort));
        Thread.sleep(30); // paces the sender: a camera's frame rate
      }
    }

    /** An RTP packet with payload type 96 and the next sequence number. */
    byte[] rtp(byte[] payload, boolean marker) {
      byte[] packet = new byte[12 + payload.length];
      packet[0] = (byte) 0x80;
      packet[1] = (byte) ((marker ? 0x80 : 0) | 96);
      packet[2] = (byte) (seq >> 8);
      packet[3] = (byte) seq;
      seq++;
      for (int i = 0; i < 4; i++) {
        packet[4 + i] = (byte) (timestamp >> (24 - 8 * i));
        packet[8 + i] = (byte) (ssrc >> (24 - 8 * i));
      }
      System.arraycopy(payload, 0, packet, 12, payload.length);
      return packet;
    }

    synchronized void interleaved(int channel, byte[] payload) throws IOException {
      byte[] frame = new byte[4 + payload.length];
      frame[0] = '$';
      frame[1] = (byte) channel;
      frame[2] = (byte) (payload.length >> 8);
      frame[3] = (byte) payload.length;
      System.arraycopy(payload, 0, frame, 4, payload.length);
      out.write(frame);
      out.flush();
    }

    /** Answers every request 200 OK until the client leaves. */
    void answerAll() throws IOException {
      for (String request; (request = read()) != null; ) {
        respond(request, "200 OK", "Session: 4242\r\n", "");
      }
    }

    /** Reads and discards until the client leaves (keeps the connection open and silent). */
    void drain() throws IOException {
      while (read() != null) {
        // ignore keep-alives and reports
      }
    }

    Socket socket() {
      return socket;
    }
  }
}

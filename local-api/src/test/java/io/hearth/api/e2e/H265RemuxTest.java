package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.security.Unsealer;
import io.hearth.runtime.testing.Await;
import io.hearth.runtime.testing.Ffmpeg;
import io.hearth.runtime.testing.GstCamera;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * H.265 (and H.264) from GStreamer's RTSP server through a real hub to a viewer's sealed {@code
 * mse} session, judged by ffmpeg instead of a browser (this machine's Chromium has no HEVC decoder,
 * so {@link DisplayPageTest} skips its H.265 case): the INIT names the codec and the camera's size,
 * and its init segment followed by every MEDIA fragment is an fMP4 file that decodes, one frame per
 * fragment, without an error.
 */
class H265RemuxTest {
  private static final long READ_MILLIS = 3000;

  /**
   * A moving picture, so that every frame carries data a corrupt fragment would break: the still
   * smpte pattern's H.265 P-frames are so nearly empty that a damaged one decoded without a word.
   */
  private static final String PATTERN = "ball";

  private static final Pattern MIME = Pattern.compile("video/mp4; codecs=\"(\\w{4})\\.[^\"]+\"");

  @TempDir static Path dir;

  @RegisterExtension
  static final E2eFixture e2e =
      E2eFixture.withoutBrowser().requiring("ffmpeg", "ffmpeg").requiring("ffprobe", "ffmpeg");

  @ParameterizedTest(name = "{0}")
  @CsvSource({"h265, hvc1|hev1, hevc", "h264, avc1|avc3, h264"})
  @Timeout(60)
  void aCamerasStreamRemuxesIntoFragmentsThatDecodeFrameForFrame(
      String codec, String sampleEntries, String decoder) throws Exception {
    try (GstCamera camera =
        GstCamera.builder().codec(codec).pattern(PATTERN).format("I420").start()) {
      String cameraId = e2e.hub().addCamera(codec + " camera", camera.url());

      Received received = read(cameraId);

      Init init = received.init();
      String sampleEntry = sampleEntryNamed(init.mime, sampleEntries);
      assertEquals(GstCamera.WIDTH, init.width, "INIT width");
      assertEquals(GstCamera.HEIGHT, init.height, "INIT height");
      Path mp4 = dir.resolve(codec + ".mp4");
      Files.write(mp4, received.file());
      int frames = decodes(mp4, decoder, sampleEntry);
      int least = (int) (received.seconds() * GstCamera.FPS * 0.8);
      assertTrue(frames >= least, frames + " frames decoded, wanted at least " + least);
      assertEquals(received.media().size(), frames, "one decoded frame per MEDIA fragment");
      System.out.printf(
          "%s: %s, %d MEDIA chunks in %.1f s, %d frames decoded%n",
          codec, init.mime, received.media().size(), received.seconds(), frames);
    }
  }

  /** The MIME type's sample entry (hvc1, avc1, ...), which must be one of {@code expected}. */
  private static String sampleEntryNamed(String mime, String expected) {
    Matcher matcher = MIME.matcher(mime);
    assertTrue(matcher.matches(), "not an MSE MIME type with codecs: " + mime);
    assertTrue(matcher.group(1).matches(expected), "wanted " + expected + " in " + mime);
    return matcher.group(1);
  }

  /**
   * Lets ffprobe and ffmpeg decode the file: the codec, sample entry, size and playing time must be
   * the camera's, and not one error reported. Returns the number of frames decoded.
   */
  private static int decodes(Path mp4, String decoder, String sampleEntry) throws Exception {
    Map<String, String> probe = probe(mp4);
    System.out.println(mp4.getFileName() + ": ffprobe " + probe);
    assertEquals(decoder, probe.get("codec_name"), probe.toString());
    assertEquals(sampleEntry, probe.get("codec_tag_string"), "the MIME's sample entry");
    assertEquals(String.valueOf(GstCamera.WIDTH), probe.get("width"), probe.toString());
    assertEquals(String.valueOf(GstCamera.HEIGHT), probe.get("height"), probe.toString());
    int frames = Integer.parseInt(probe.get("nb_read_frames"));
    double expected = (double) frames / GstCamera.FPS;
    double duration = Double.parseDouble(probe.get("duration"));
    assertEquals(expected, duration, expected * 0.2, "seconds of playing time");
    run(List.of("ffmpeg", "-v", "error", "-nostdin", "-i", mp4.toString(), "-f", "null", "-"));
    return frames;
  }

  /** Opens an mse session as the owner and reads its sealed chunks for READ_MILLIS after INIT. */
  private static Received read(String cameraId) throws Exception {
    JsonObject session =
        e2e.hub()
            .ok(
                "POST",
                "/api/v1/cameras/" + cameraId + "/sessions",
                new JsonObject().put("format", "mse"));
    byte[] key = Base64.getUrlDecoder().decode(session.getString("key"));
    Received received = new Received(new Unsealer(key, session.getString("session_id"), cameraId));
    WebSocketClient client =
        e2e.vertx().createWebSocketClient(new WebSocketClientOptions().setMaxMessageSize(1 << 24));
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setHost("127.0.0.1")
            .setPort(e2e.hub().httpPort())
            .setURI(session.getString("ws_url"));
    try {
      // Handlers are set on the socket's own context, before any message can be delivered.
      WebSocket socket =
          Await.get(
              client
                  .connect(options)
                  .map(
                      s -> {
                        s.binaryMessageHandler(received::chunk);
                        s.closeHandler(v -> received.ended("the hub closed the session"));
                        return s;
                      }));
      Await.get(received.firstInit.future());
      e2e.vertx().setTimer(READ_MILLIS, id -> received.stop());
      Await.get(received.window.future());
      Await.get(socket.close());
      return received;
    } finally {
      client.close();
    }
  }

  /** Every chunk of one session, unsealed in order; fails its promises on anything unexpected. */
  private static final class Received {
    final Promise<Void> firstInit = Promise.promise();
    final Promise<Void> window = Promise.promise();
    private final Unsealer unsealer;
    private final List<byte[]> inits = new CopyOnWriteArrayList<>();
    private final List<byte[]> media = new CopyOnWriteArrayList<>();
    private volatile long initNanos;
    private volatile long endNanos;

    Received(Unsealer unsealer) {
      this.unsealer = unsealer;
    }

    void chunk(Buffer chunk) {
      if (window.future().isComplete()) {
        return;
      }
      try {
        Unsealer.Opened opened = unsealer.open(chunk.getBytes());
        switch (opened.kind()) {
          case INIT -> init(opened.payload());
          case MEDIA -> media(opened.payload());
          case CONTROL -> control(new String(opened.payload(), StandardCharsets.UTF_8));
          default -> failed("a " + opened.kind() + " chunk in an mse session");
        }
      } catch (Unsealer.Rejected e) {
        failed("chunk " + e.getMessage());
      }
    }

    private void init(byte[] payload) {
      inits.add(payload);
      if (inits.size() > 1) {
        failed("a second INIT, though the camera's parameter sets did not change");
      }
      initNanos = System.nanoTime();
      firstInit.tryComplete();
    }

    private void media(byte[] fragment) {
      if (inits.isEmpty()) {
        failed("a MEDIA chunk before any INIT");
      } else if (!"moof".equals(new String(fragment, 4, 4, StandardCharsets.US_ASCII))) {
        failed("a MEDIA chunk that does not begin with moof");
      }
      media.add(fragment);
    }

    private void control(String json) {
      String type = new JsonObject(json).getString("type");
      if (!"status".equals(type)) {
        failed("control message " + json);
      }
    }

    /** Ends the reading window; chunks after it are ignored. */
    void stop() {
      endNanos = System.nanoTime();
      window.tryComplete();
    }

    void ended(String why) {
      failed(why);
    }

    private void failed(String why) {
      IllegalStateException e =
          new IllegalStateException(why + " (after " + media.size() + " MEDIA chunks)");
      firstInit.tryFail(e);
      window.tryFail(e);
    }

    Init init() {
      return new Init(inits.get(0));
    }

    List<byte[]> media() {
      return media;
    }

    /** How long the session was read for, from the first INIT. */
    double seconds() {
      return (endNanos - initNanos) / 1e9;
    }

    /** The init segment followed by every fragment: what a viewer's source buffer is given. */
    byte[] file() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(init().segment());
      media.forEach(out::writeBytes);
      return out.toByteArray();
    }
  }

  /** An INIT payload: u16 length, MIME type, u32 width, u32 height, init segment. */
  private static final class Init {
    final String mime;
    final int width;
    final int height;
    private final byte[] segment;

    Init(byte[] payload) {
      ByteBuffer in = ByteBuffer.wrap(payload);
      byte[] type = new byte[in.getShort() & 0xffff];
      in.get(type);
      mime = new String(type, StandardCharsets.US_ASCII);
      width = in.getInt();
      height = in.getInt();
      segment = new byte[in.remaining()];
      in.get(segment);
    }

    byte[] segment() {
      return segment.clone();
    }
  }

  private static Map<String, String> probe(Path mp4) throws Exception {
    return Ffmpeg.probe(dir, 30, mp4);
  }

  private static String run(List<String> command) throws Exception {
    return Ffmpeg.run(dir, 30, command);
  }
}

package io.hearth.runtime.recording;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.media.NalUnits;
import io.hearth.runtime.stream.Viewer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Motion detection on the hub for one camera: another viewer of its feed that passes keyframes only
 * (a low-rate picture that decodes on its own) to an ffmpeg process, which scales each to a 64x36
 * grey picture; a {@link MotionTracker} compares them. The feed's frames are never held up: at most
 * {@link #QUEUED} keyframes wait for ffmpeg, others are dropped. ffmpeg's pipes are served by two
 * threads of this detector, never an event loop. ffmpeg decodes on one thread ({@code -threads 1}):
 * frame threads would hold each picture back by a frame or two, a keyframe interval each here.
 */
final class MotionDetector implements Viewer {
  static final int WIDTH = 64;
  static final int HEIGHT = 36;
  static final int QUEUED = 4;
  private static final byte[] START_CODE = {0, 0, 0, 1};
  // access unit delimiters allowing any picture type: H.264 type 9, H.265 type 35 (layer 0, tid 1)
  private static final byte[] H264_DELIMITER = {0x09, (byte) 0xf0};
  private static final byte[] H265_DELIMITER = {0x46, 0x01, 0x50};
  private static final Logger LOG = LoggerFactory.getLogger(MotionDetector.class);

  private final String cameraId;
  private final MotionTracker tracker;
  private final Consumer<Boolean> changed;
  private final BlockingQueue<byte[]> keyframes = new ArrayBlockingQueue<>(QUEUED);
  private volatile Process ffmpeg;
  private volatile boolean closed;
  private Codec codec;

  MotionDetector(String cameraId, MotionTracker tracker, Consumer<Boolean> changed) {
    this.cameraId = cameraId;
    this.tracker = tracker;
    this.changed = changed;
  }

  /**
   * A detector that tells the camera's events (with its score) and reports the camera's MOTION
   * state, or null when detection is off.
   */
  static MotionDetector reporting(
      HubConfig config, String cameraId, CameraEvents events, Devices devices) {
    int threshold = config.get(RecordingSettings.MOTION_THRESHOLD);
    if (threshold == 0) {
      return null;
    }
    MotionTracker tracker =
        new MotionTracker(threshold, config.get(RecordingSettings.MOTION_HOLD_SECONDS) * 1000L);
    return new MotionDetector(
        cameraId,
        tracker,
        moving -> {
          events.detected(cameraId, moving, tracker.lastScore());
          devices.report(cameraId, Capability.MOTION, moving, System.currentTimeMillis());
        });
  }

  @Override
  public String cameraId() {
    return cameraId;
  }

  @Override
  public boolean ready() {
    return true;
  }

  @Override
  public void deliver(MediaFrame frame) {
    if (closed || !frame.keyframe() || !frame.codec().isNalBased()) {
      return;
    }
    if (ffmpeg == null) {
      start(frame.codec());
    }
    if (frame.codec() == codec) {
      keyframes.offer(annexB(codec, frame.nalUnits())); // full: this keyframe is skipped
    }
  }

  @Override
  public void status(CameraStatus status) {}

  private void start(Codec first) {
    codec = first;
    try {
      ffmpeg =
          new ProcessBuilder(
                  "ffmpeg",
                  "-v",
                  "error",
                  "-nostdin",
                  "-probesize",
                  "32",
                  "-analyzeduration",
                  "0",
                  "-fflags",
                  "nobuffer",
                  "-flags",
                  "low_delay",
                  "-threads",
                  "1",
                  "-f",
                  first == Codec.H264 ? "h264" : "hevc",
                  "-i",
                  "pipe:0",
                  "-vf",
                  "scale=" + WIDTH + ":" + HEIGHT,
                  "-pix_fmt",
                  "gray",
                  "-f",
                  "rawvideo",
                  "pipe:1")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      LOG.warn(
          "motion detection for camera {} is off: cannot run ffmpeg ({})",
          cameraId,
          e.getMessage());
      closed = true;
      return;
    }
    thread("feed", () -> feed(ffmpeg.getOutputStream()));
    thread("read", () -> read(ffmpeg.getInputStream()));
  }

  private void thread(String role, Runnable work) {
    Thread t = new Thread(work, "hearth-motion-" + role + "-" + cameraId);
    t.setDaemon(true);
    t.start();
  }

  private void feed(OutputStream stdin) {
    try (stdin) {
      while (!closed) {
        stdin.write(keyframes.take());
        stdin.flush();
      }
    } catch (IOException | InterruptedException e) {
      stop("ffmpeg stopped taking pictures: " + e.getMessage());
    }
  }

  private void read(InputStream stdout) {
    try (stdout) {
      while (!closed) {
        byte[] grey = stdout.readNBytes(WIDTH * HEIGHT);
        if (grey.length < WIDTH * HEIGHT) {
          break;
        }
        Boolean change = tracker.picture(grey, System.currentTimeMillis());
        if (change != null) {
          changed.accept(change);
        }
      }
    } catch (IOException e) {
      LOG.debug("motion reader of camera {} ended: {}", cameraId, e.getMessage());
    }
    stop("ffmpeg ended");
  }

  private void stop(String why) {
    if (!closed) {
      LOG.info("motion detection for camera {} stopped: {}", cameraId, why);
    }
    close();
  }

  /** Stops ffmpeg and the threads. */
  void close() {
    closed = true;
    Process p = ffmpeg;
    if (p != null) {
      p.destroy();
    }
    keyframes.offer(new byte[0]); // wakes the feeding thread
  }

  /**
   * The keyframe as an Annex B byte stream for ffmpeg, its access unit delimiters moved to its end:
   * ffmpeg's parser knows a picture is whole only when the next one begins, so a delimiter after
   * the picture lets it decode now rather than when the next keyframe comes (a keyframe interval
   * later). The next keyframe then begins after that delimiter, a well-formed access unit.
   */
  static byte[] annexB(Codec codec, List<byte[]> nals) {
    int delimiter = codec == Codec.H264 ? NalUnits.H264_AUD : NalUnits.H265_AUD;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] nal : nals) {
      if (nal.length > 0 && NalUnits.type(codec, nal) != delimiter) {
        out.writeBytes(START_CODE);
        out.writeBytes(nal);
      }
    }
    out.writeBytes(START_CODE);
    out.writeBytes(codec == Codec.H264 ? H264_DELIMITER : H265_DELIMITER);
    return out.toByteArray();
  }
}

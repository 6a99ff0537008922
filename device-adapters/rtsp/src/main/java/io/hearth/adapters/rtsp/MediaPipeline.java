package io.hearth.adapters.rtsp;

import io.hearth.adapters.rtsp.codec.CodecException;
import io.hearth.adapters.rtsp.codec.RtcpReceiverReport;
import io.hearth.adapters.rtsp.codec.RtcpSenderReport;
import io.hearth.adapters.rtsp.codec.RtpPacket;
import io.hearth.runtime.camera.CameraStatus.Reason;
import io.hearth.runtime.media.MediaFrame;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What happens to the camera's packets once they arrive: RTP is parsed, put back in order (UDP
 * only), counted for receiver reports and built into frames; sender reports are remembered.
 * Malformed RTP from the camera ends the stream with PROTOCOL_ERROR; malformed RTCP is ignored, as
 * video does not depend on it. Nothing escapes as an exception.
 */
final class MediaPipeline implements RtpTransport.Receiver {
  static final int REORDER_PACKETS = 16;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FrameBuilder frames;
  private ReorderBuffer reorder;
  private final ReceptionStats stats;
  private final Consumer<MediaFrame> sink;
  private final Consumer<RtspFailure> failed;
  private final int reporterSsrc = RANDOM.nextInt();
  private long lastPacketNanos = System.nanoTime();
  private long badRtcp;
  private boolean stopped;

  MediaPipeline(
      FrameBuilder frames,
      int clockRate,
      boolean reorder,
      Consumer<MediaFrame> sink,
      Consumer<RtspFailure> failed) {
    this.frames = frames;
    this.reorder = reorder ? new ReorderBuffer(REORDER_PACKETS) : null;
    this.stats = new ReceptionStats(clockRate);
    this.sink = sink;
    this.failed = failed;
  }

  @Override
  public void rtp(byte[] data) {
    if (stopped) {
      return;
    }
    long now = System.nanoTime();
    lastPacketNanos = now;
    try {
      RtpPacket packet = RtpPacket.parse(data);
      stats.onRtp(packet, now);
      List<RtpPacket> ready = reorder == null ? List.of(packet) : reorder.push(packet);
      for (RtpPacket p : ready) {
        deliver(frames.push(p));
      }
    } catch (CodecException e) {
      fail(new RtspFailure(Reason.PROTOCOL_ERROR, e.getMessage(), e));
    } catch (RuntimeException e) {
      fail(RtspFailure.of(e));
    }
  }

  @Override
  public void rtcp(byte[] data) {
    if (stopped) {
      return;
    }
    try {
      RtcpSenderReport.find(data).ifPresent(sr -> stats.onSenderReport(sr, System.nanoTime()));
    } catch (CodecException e) {
      badRtcp++;
    }
  }

  @Override
  public void dropped(SourcePin.Verdict cause) {
    stats.onDropped(cause);
  }

  @Override
  public void failed(RtspFailure failure) {
    fail(failure);
  }

  /** The compound RR + SDES packet to send now, or empty before any RTP arrived. */
  Optional<byte[]> receiverReport() {
    return stats
        .block(System.nanoTime())
        .map(block -> RtcpReceiverReport.encode(reporterSsrc, List.of(block), "hearth"));
  }

  /** Nanoseconds (monotonic) when the last RTP packet arrived, or when the pipeline was made. */
  long lastPacketNanos() {
    return lastPacketNanos;
  }

  ReceptionStats stats() {
    return stats;
  }

  FrameBuilder frames() {
    return frames;
  }

  long badRtcp() {
    return badRtcp;
  }

  /**
   * UDP may reorder, so packets wait in a small buffer; TCP delivers in order, straight through.
   */
  void reorder(boolean enabled) {
    reorder = enabled ? new ReorderBuffer(REORDER_PACKETS) : null;
  }

  /** Stops delivering; later packets are ignored. */
  void stop() {
    stopped = true;
  }

  private void deliver(List<MediaFrame> built) {
    for (MediaFrame frame : built) {
      if (stopped) {
        return;
      }
      sink.accept(frame);
    }
  }

  private void fail(RtspFailure failure) {
    if (!stopped) {
      stopped = true;
      failed.accept(failure);
    }
  }
}

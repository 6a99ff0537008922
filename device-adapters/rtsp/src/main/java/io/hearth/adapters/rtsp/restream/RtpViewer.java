package io.hearth.adapters.rtsp.restream;

import io.hearth.adapters.rtsp.codec.NalPacketizer;
import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.stream.Viewer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * One re-stream reader as the switchboard sees it: until PLAY it keeps the current group of
 * pictures (bounded) and reports the first keyframe (its parameter sets make the SDP); from PLAY on
 * it packetizes each frame into RTP and writes it interleaved on the reader's connection. A frame
 * of another camera or codec is dropped. Calls are serialised by the session's lease gate.
 */
final class RtpViewer implements Viewer {
  static final int MAX_HELD_FRAMES = 300;
  static final long MAX_HELD_BYTES = 16L << 20;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String cameraId;
  private final NetSocket socket;
  private final Promise<MediaFrame> firstKeyframe = Promise.promise();
  private final List<MediaFrame> held = new ArrayList<>();
  private final int ssrc = RANDOM.nextInt();
  private long heldBytes;
  private Codec codec;
  private NalPacketizer packetizer;
  private int channel = -1;
  private volatile long framesSent;

  RtpViewer(String cameraId, NetSocket socket) {
    this.cameraId = cameraId;
    this.socket = socket;
  }

  /** The first keyframe, once it came. */
  Future<MediaFrame> firstKeyframe() {
    return firstKeyframe.future();
  }

  int ssrc() {
    return ssrc;
  }

  long framesSent() {
    return framesSent;
  }

  /** From now on frames go out as RTP on interleaved {@code rtpChannel}, the held ones first. */
  synchronized void play(int rtpChannel) {
    channel = rtpChannel;
    held.forEach(this::send);
    held.clear();
    heldBytes = 0;
  }

  @Override
  public String cameraId() {
    return cameraId;
  }

  @Override
  public boolean ready() {
    return !socket.writeQueueFull();
  }

  @Override
  public synchronized void deliver(MediaFrame frame) {
    if (!frame.cameraId().equals(cameraId) || !frame.codec().isNalBased()) {
      return;
    }
    if (codec == null && frame.keyframe()) {
      codec = frame.codec();
      packetizer = new NalPacketizer(codec == Codec.H265, RestreamSdp.PT, ssrc, 1400, ssrc >>> 16);
      firstKeyframe.tryComplete(frame);
    }
    if (frame.codec() != codec) {
      return;
    }
    if (channel >= 0) {
      send(frame);
    } else {
      hold(frame);
    }
  }

  @Override
  public void status(CameraStatus status) {
    if (status.state() == CameraStatus.State.OFFLINE) {
      firstKeyframe.tryFail(
          new HubException(502, "camera_offline", "the camera is offline; try again later"));
    }
  }

  private void hold(MediaFrame frame) {
    if (frame.keyframe()) {
      held.clear();
      heldBytes = 0;
    } else if (held.isEmpty()) {
      return; // never a picture without its keyframe
    }
    held.add(frame);
    heldBytes += frame.payloadLength();
    if (held.size() > MAX_HELD_FRAMES || heldBytes > MAX_HELD_BYTES) {
      held.clear(); // a reader slow to PLAY starts at the next keyframe
      heldBytes = 0;
    }
  }

  private void send(MediaFrame frame) {
    Buffer out = Buffer.buffer(frame.payloadLength() + 64);
    for (byte[] packet : packetizer.packetize(frame.nalUnits(), frame.timestamp90k())) {
      out.appendByte((byte) '$')
          .appendByte((byte) channel)
          .appendUnsignedShort(packet.length)
          .appendBytes(packet);
    }
    socket.write(out);
    framesSent++;
  }
}

package io.hearth.api;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.Fmp4Muxer;
import io.hearth.runtime.media.MediaFormatException;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.media.NalUnits;
import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.session.StreamSession;
import io.hearth.runtime.stream.Viewer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fan-out edge of one stream session: checks each frame's camera against the session's own
 * (dropping, counting and reporting a stranger's frame), remuxes H.264/H.265 into fMP4 or passes
 * JPEG through, seals every chunk with the session key, and writes it to the session's socket.
 */
final class SessionWriter implements Viewer {

  private final StreamSession session;
  private final ServerWebSocket socket;
  private final Sealer sealer;
  private Fmp4Muxer muxer;
  private List<byte[]> parameterSets = List.of();

  SessionWriter(StreamSession session, ServerWebSocket socket) {
    this.session = session;
    this.socket = socket;
    this.sealer = new Sealer(session.key(), session.id(), session.cameraId());
  }

  @Override
  public String cameraId() {
    return session.cameraId();
  }

  @Override
  public boolean ready() {
    return !socket.isClosed() && !socket.writeQueueFull();
  }

  @Override
  public synchronized void deliver(MediaFrame frame) {
    if (!FanOutEdge.admits(session, frame)) {
      return;
    }
    try {
      if (frame.codec() == Codec.JPEG) {
        send(Sealer.Kind.JPEG, frame.payload());
      } else {
        deliverVideo(frame);
      }
    } catch (MediaFormatException e) {
      control(new JsonObject().put("type", "error").put("message", e.getMessage()));
    }
  }

  private void deliverVideo(MediaFrame frame) {
    if (frame.keyframe()) {
      List<byte[]> sets = parameterSets(frame);
      if (!sets.isEmpty() && !sameSets(sets)) {
        muxer = Fmp4Muxer.of(frame.codec(), sets);
        parameterSets = sets;
        send(Sealer.Kind.INIT, init(muxer));
      }
    }
    if (muxer != null) {
      send(Sealer.Kind.MEDIA, muxer.fragment(frame));
    }
  }

  @Override
  public synchronized void status(CameraStatus status) {
    control(new JsonObject().put("type", "status").put("status", status.toJson()));
  }

  /** Tells the viewer why its session ends; the socket is closed by the caller. */
  synchronized void end(String reason) {
    control(new JsonObject().put("type", "end").put("reason", reason));
  }

  private void control(JsonObject message) {
    send(Sealer.Kind.CONTROL, message.encode().getBytes(StandardCharsets.UTF_8));
  }

  private void send(Sealer.Kind kind, byte[] payload) {
    if (!socket.isClosed()) {
      socket.writeBinaryMessage(Buffer.buffer(sealer.seal(kind, payload)));
    }
  }

  /** INIT payload: the MIME type with codecs (for MediaSource.addSourceBuffer), then the init. */
  static byte[] init(Fmp4Muxer muxer) {
    byte[] mime = muxer.mimeType().getBytes(StandardCharsets.US_ASCII);
    byte[] init = muxer.initSegment();
    return ByteBuffer.allocate(2 + mime.length + 4 + 4 + init.length)
        .putShort((short) mime.length)
        .put(mime)
        .putInt(muxer.width())
        .putInt(muxer.height())
        .put(init)
        .array();
  }

  private boolean sameSets(List<byte[]> sets) {
    if (sets.size() != parameterSets.size()) {
      return false;
    }
    for (int i = 0; i < sets.size(); i++) {
      if (!Arrays.equals(sets.get(i), parameterSets.get(i))) {
        return false;
      }
    }
    return true;
  }

  static List<byte[]> parameterSets(MediaFrame frame) {
    List<byte[]> sets = new ArrayList<>();
    for (byte[] nal : frame.nalUnits()) {
      int type = NalUnits.type(frame.codec(), nal);
      boolean isSet =
          frame.codec() == Codec.H264
              ? type == NalUnits.H264_SPS || type == NalUnits.H264_PPS
              : type == NalUnits.H265_VPS || type == NalUnits.H265_SPS || type == NalUnits.H265_PPS;
      if (isSet) {
        sets.add(nal);
      }
    }
    return sets;
  }
}

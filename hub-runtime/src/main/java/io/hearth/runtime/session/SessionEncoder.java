package io.hearth.runtime.session;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.Codec;
import io.hearth.runtime.media.Fmp4Muxer;
import io.hearth.runtime.media.MediaFormatException;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.media.NalUnits;
import io.hearth.runtime.security.Sealer;
import io.hearth.runtime.stream.Misroutes;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frame in, chunks out, for one stream session: the last check of promise 2 (a frame of another
 * camera is dropped and reported, never encoded), parameter-set tracking, remuxing H.264/H.265 into
 * fMP4 (an INIT chunk whenever the parameter sets change, then one MEDIA chunk per frame) or JPEG
 * as it is, and sealing with the session key. Every transport gets the same chunks from here.
 * Thread-safe: frames, status and the end may come from different contexts.
 */
final class SessionEncoder {
  private final StreamSession session;
  private final Sealer sealer;
  private final Misroutes misroutes;
  private Fmp4Muxer muxer;
  private List<byte[]> parameterSets = List.of();
  private boolean ended;

  /** {@code sealed}: false only for transports whose clients cannot verify (MJPEG over TLS). */
  public SessionEncoder(StreamSession session, boolean sealed, Misroutes misroutes) {
    this.session = session;
    this.sealer = sealed ? new Sealer(session.key(), session.id(), session.cameraId()) : null;
    this.misroutes = misroutes;
  }

  public StreamSession session() {
    return session;
  }

  /** Encodes one frame into {@code sink}: none, one or two chunks. */
  public synchronized void frame(MediaFrame frame, ChunkSink sink) {
    if (ended) {
      return;
    }
    if (!frame.cameraId().equals(session.cameraId())) {
      misroutes.record("session " + session.id(), frame.cameraId(), session.cameraId());
      return;
    }
    try {
      if (frame.codec() == Codec.JPEG) {
        emit(Sealer.Kind.JPEG, frame.payload(), sink);
      } else if (sealer != null) {
        video(frame, sink);
      }
    } catch (MediaFormatException e) {
      control(new JsonObject().put("type", "error").put("message", e.getMessage()), sink);
    }
  }

  /** Tells the viewer the camera's status (sealed transports only: plain ones have no place). */
  public synchronized void status(CameraStatus status, ChunkSink sink) {
    if (!ended) {
      // Only the owner sees a status's detail; it may name the camera's address.
      JsonObject shown = session.principal().isOwner() ? status.toJson() : status.toViewerJson();
      control(new JsonObject().put("type", "status").put("status", shown), sink);
    }
  }

  /** Tells the viewer why its session ends, once; nothing is encoded after it. */
  public synchronized void end(String reason, ChunkSink sink) {
    if (!ended) {
      control(new JsonObject().put("type", "end").put("reason", reason), sink);
      ended = true;
    }
  }

  private void video(MediaFrame frame, ChunkSink sink) {
    if (frame.keyframe()) {
      List<byte[]> sets = frame.parameterSets();
      if (!sets.isEmpty() && !NalUnits.same(sets, parameterSets)) {
        muxer = Fmp4Muxer.of(frame.codec(), sets);
        parameterSets = sets;
        emit(Sealer.Kind.INIT, init(muxer), sink);
      }
    }
    if (muxer != null) {
      emit(Sealer.Kind.MEDIA, muxer.fragment(frame), sink);
    }
  }

  private void control(JsonObject message, ChunkSink sink) {
    if (sealer != null) {
      emit(Sealer.Kind.CONTROL, message.encode().getBytes(StandardCharsets.UTF_8), sink);
    }
  }

  private void emit(Sealer.Kind kind, byte[] payload, ChunkSink sink) {
    sink.write(
        sealer == null
            ? new Chunk(kind, payload, false)
            : new Chunk(kind, sealer.seal(kind, payload), true));
  }

  /** INIT payload: the MIME type with codecs (for MediaSource.addSourceBuffer), then the init. */
  static byte[] init(Fmp4Muxer muxer) {
    return init(muxer.mimeType(), muxer.width(), muxer.height(), muxer.initSegment());
  }

  /** The INIT payload of live and recorded video alike (docs/wire-format.md). */
  static byte[] init(String mimeType, int width, int height, byte[] init) {
    byte[] mime = mimeType.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(2 + mime.length + 4 + 4 + init.length)
        .putShort((short) mime.length)
        .put(mime)
        .putInt(width)
        .putInt(height)
        .put(init)
        .array();
  }
}

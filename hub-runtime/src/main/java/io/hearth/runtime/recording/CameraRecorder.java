package io.hearth.runtime.recording;

import io.hearth.runtime.camera.CameraStatus;
import io.hearth.runtime.media.Fmp4Muxer;
import io.hearth.runtime.media.MediaFrame;
import io.hearth.runtime.media.NalUnits;
import io.hearth.runtime.stream.Viewer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Records one camera: another viewer of its feed, cutting the frames into segments of fragmented
 * MP4 exactly as the camera sent them (never transcoded). A segment starts at a keyframe with its
 * own init segment, so each plays alone; it ends after the segment length at the next keyframe,
 * when the parameter sets change, when it reaches its size bound, when the camera goes offline, or
 * after frames were skipped (the next segment then waits for a keyframe). Called on the
 * switchboard's context only; finished segments go to {@code finished}, which must not block.
 */
final class CameraRecorder implements Viewer {
  /**
   * A segment ready to be sealed and stored: its fragmented MP4 is {@code parts} in order (the init
   * segment, then one fragment per frame, as the muxer made them: never joined into one array),
   * {@code bytes} long.
   */
  record Finished(
      String cameraId,
      long startedAt,
      long endedAt,
      List<byte[]> parts,
      long bytes,
      String codec,
      String mime,
      int width,
      int height) {}

  static final int MAX_SEGMENT_BYTES = 32 * 1024 * 1024;

  private final String cameraId;
  private final long segmentMillis;
  private final BooleanSupplier writerReady;
  private final Consumer<Finished> finished;
  private Fmp4Muxer muxer;
  private List<byte[]> parameterSets = List.of();
  private List<byte[]> current;
  private long currentBytes;
  private long startedAt;
  private boolean skipped;

  CameraRecorder(
      String cameraId, long segmentMillis, BooleanSupplier writerReady, Consumer<Finished> done) {
    this.cameraId = cameraId;
    this.segmentMillis = segmentMillis;
    this.writerReady = writerReady;
    this.finished = done;
  }

  @Override
  public String cameraId() {
    return cameraId;
  }

  @Override
  public boolean ready() {
    boolean ready = writerReady.getAsBoolean();
    skipped |= !ready;
    return ready;
  }

  @Override
  public void deliver(MediaFrame frame) {
    if (!frame.cameraId().equals(cameraId) || !frame.codec().isNalBased()) {
      return;
    }
    if (skipped) {
      finish();
      skipped = false;
    }
    if (frame.keyframe()) {
      atKeyframe(frame);
    }
    if (current != null) {
      append(muxer.fragment(frame));
      if (currentBytes >= MAX_SEGMENT_BYTES) {
        finish();
      }
    }
  }

  private void atKeyframe(MediaFrame frame) {
    List<byte[]> sets = frame.parameterSets();
    boolean changed = !sets.isEmpty() && !NalUnits.same(sets, parameterSets);
    if (current != null && (changed || System.currentTimeMillis() - startedAt >= segmentMillis)) {
      finish();
    }
    if (changed) {
      muxer = Fmp4Muxer.of(frame.codec(), sets);
      parameterSets = sets;
    }
    if (current == null && muxer != null) {
      current = new ArrayList<>(256);
      currentBytes = 0;
      append(muxer.initSegment());
      startedAt = System.currentTimeMillis();
    }
  }

  private void append(byte[] part) {
    current.add(part);
    currentBytes += part.length;
  }

  @Override
  public void status(CameraStatus status) {
    if (status.state() == CameraStatus.State.OFFLINE) {
      finish();
    }
  }

  /** Ends the segment being written, if any (the camera stopped being recorded). */
  void finish() {
    if (current == null) {
      return;
    }
    List<byte[]> done = current;
    current = null;
    finished.accept(
        new Finished(
            cameraId,
            startedAt,
            System.currentTimeMillis(),
            Collections.unmodifiableList(done),
            currentBytes,
            muxer.codec().name().toLowerCase(java.util.Locale.ROOT),
            muxer.mimeType(),
            muxer.width(),
            muxer.height()));
  }
}

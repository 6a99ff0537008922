package io.hearth.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The pictures the events storm's viewers received, decoded with ffmpeg: every thumbnail (JPEG) and
 * every frame of every clip (MP4) must carry the watermark of the viewer's camera; a picture that
 * does not decode is counted too, as foreign, since nothing vouches for it.
 */
final class EventChecks {
  long thumbnails;
  long clips;
  long emptyClips;
  long clipFrames;
  long foreign;
  final List<String> foreignSeen = Collections.synchronizedList(new ArrayList<>());

  private EventChecks() {}

  static EventChecks decode(List<EventViewer> viewers, Path dir) throws Exception {
    EventChecks checks = new EventChecks();
    for (Watermark w : Watermark.ALL) {
      long files =
          viewers.stream()
              .filter(v -> v.watermark.equals(w))
              .mapToLong(v -> v.thumbnails.size())
              .sum();
      if (files > 0) {
        checks.thumbnails(w, files, dir.resolve("viewed"));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (EventViewer v : viewers) {
        for (Path clip : v.clipFiles) {
          done.add(pool.submit(() -> checks.clip(v.watermark, clip)));
        }
      }
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    return checks;
  }

  private void thumbnails(Watermark w, long files, Path dir) throws Exception {
    List<byte[]> frames = Watermark.decodeJpegs(dir, w.name() + "-*.jpg");
    if (frames.size() != files) {
      foreign(w.name() + " thumbnails: " + files + " fetched, " + frames.size() + " decoded");
    }
    synchronized (this) {
      thumbnails += frames.size();
    }
    for (int i = 0; i < frames.size(); i++) {
      String wrong = w.wrongIn(frames.get(i));
      if (wrong != null) {
        foreign(w.name() + " thumbnail " + i + ": " + wrong);
      }
    }
  }

  private Void clip(Watermark w, Path file) throws Exception {
    List<byte[]> frames;
    try {
      frames = Watermark.decode(file);
    } catch (java.io.IOException e) {
      foreign(e.getMessage());
      return null;
    }
    synchronized (this) {
      clips++;
      clipFrames += frames.size();
      emptyClips += frames.isEmpty() ? 1 : 0;
    }
    for (int i = 0; i < frames.size(); i++) {
      String wrong = w.wrongIn(frames.get(i));
      if (wrong != null) {
        foreign(file.getFileName() + " frame " + i + ": " + wrong);
      }
    }
    return null;
  }

  private synchronized void foreign(String what) {
    foreign++;
    if (foreignSeen.size() < 5) {
      foreignSeen.add(what);
    }
  }
}

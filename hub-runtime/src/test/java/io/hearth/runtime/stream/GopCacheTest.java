package io.hearth.runtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.media.MediaFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class GopCacheTest {
  @Test
  void keepsOnlyFromTheNewestKeyframe() {
    GopCache cache = new GopCache(1 << 20, 100);
    for (int i = 0; i < 13; i++) {
      cache.add(Frames.nth("c", i, 5, 100));
    }

    List<MediaFrame> frames = cache.frames();
    assertEquals(3, frames.size());
    assertTrue(frames.get(0).keyframe());
    assertEquals(10 * 3000, frames.get(0).timestamp90k());
    assertSame(frames.get(0), cache.latestKeyframe());
    assertEquals(3 * (100 + 4), cache.bytes());
  }

  @Test
  void framesBeforeAnyKeyframeAreNotCached() {
    GopCache cache = new GopCache(1 << 20, 100);
    cache.add(Frames.h264("c", 0, false, 10));

    assertEquals(0, cache.size());
    assertNull(cache.latestKeyframe());
  }

  @Test
  void groupOverTheFrameLimitIsDroppedUntilTheNextKeyframe() {
    GopCache cache = new GopCache(1 << 20, 4);
    for (int i = 0; i < 6; i++) {
      cache.add(Frames.nth("c", i, 10, 10)); // one keyframe, then 5 others: 6 > 4
    }
    assertEquals(0, cache.size());
    assertNull(cache.latestKeyframe());

    cache.add(Frames.nth("c", 10, 10, 10));
    assertEquals(1, cache.size());
  }

  @Test
  void groupOverTheByteLimitIsDropped() {
    GopCache cache = new GopCache(250, 100);
    cache.add(Frames.h264("c", 0, true, 96)); // 100 bytes with its length prefix
    cache.add(Frames.h264("c", 1, false, 96));
    assertEquals(200, cache.bytes());

    cache.add(Frames.h264("c", 2, false, 96));
    assertEquals(0, cache.size());
    assertEquals(0, cache.bytes());
    cache.add(Frames.h264("c", 3, false, 96));
    assertEquals(0, cache.size(), "no caching again before a keyframe");
  }

  @Test
  void keyframeLargerThanTheLimitIsNotCached() {
    GopCache cache = new GopCache(50, 100);
    cache.add(Frames.h264("c", 0, true, 96));

    assertEquals(0, cache.size());
    assertNull(cache.latestKeyframe());
  }
}

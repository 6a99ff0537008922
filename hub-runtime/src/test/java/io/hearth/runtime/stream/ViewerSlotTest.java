package io.hearth.runtime.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.testing.RecordingViewer;
import org.junit.jupiter.api.Test;

/** The fan-out edge on its own, since the feed drops another camera's frames before it. */
class ViewerSlotTest {
  private final Misroutes misroutes = new Misroutes();

  @Test
  void frameOfAnotherCameraNeverReachesTheViewer() {
    RecordingViewer viewer = new RecordingViewer("front");
    ViewerSlot slot = new ViewerSlot(viewer, misroutes);

    assertEquals(ViewerSlot.Outcome.MISROUTED, slot.offer(Frames.h264("back", 0, true, 10)));
    assertTrue(viewer.frames.isEmpty());
    assertEquals(1, slot.misroutedDropped());
    assertEquals(1, misroutes.count());
  }

  @Test
  void misroutedFrameIsDroppedEvenWhenAKeyframeIsAwaited() {
    RecordingViewer viewer = new RecordingViewer("front");
    ViewerSlot slot = new ViewerSlot(viewer, misroutes);
    slot.awaitKeyframe();

    assertEquals(ViewerSlot.Outcome.MISROUTED, slot.offer(Frames.h264("back", 0, true, 10)));
    assertEquals(ViewerSlot.Outcome.DELIVERED, slot.offer(Frames.h264("front", 1, true, 10)));
    assertEquals(1, viewer.frames.size());
  }

  @Test
  void viewerThatThrowsDoesNotBreakTheFanOut() {
    Viewer broken =
        new RecordingViewer("front") {
          @Override
          public void deliver(io.hearth.runtime.media.MediaFrame frame) {
            throw new IllegalStateException("socket gone");
          }
        };
    ViewerSlot slot = new ViewerSlot(broken, misroutes);

    assertEquals(ViewerSlot.Outcome.DELIVERED, slot.offer(Frames.h264("front", 0, true, 10)));
  }
}

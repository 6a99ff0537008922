package io.hearth.runtime.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The log's flood guard on its own: a burst of one kind a minute, other kinds unaffected, and the
 * next minute starts with one line saying how many were held back.
 */
class FloodFilterTest {
  @Test
  void aFloodOfOneKindIsCutToABurstAMinuteAndTheNextMinuteSaysHowManyWereHeldBack() {
    AtomicLong now = new AtomicLong(1_000_000);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    FloodFilter filter = new FloodFilter(now::get);
    filter.start();
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger noisy = context.getLogger("flood.test.noisy");
    noisy.setLevel(Level.INFO);
    context.addTurboFilter(filter);
    root.addAppender(lines);
    try {
      for (int i = 0; i < 1000; i++) {
        noisy.info("bad frame from {}", "10.0.0." + i);
      }
      noisy.info("another kind of line");
      assertEquals(FloodFilter.BURST + 1, lines.list.size(), "" + messages(lines));
      now.addAndGet(FloodFilter.WINDOW_MS);
      noisy.info("bad frame from {}", "10.0.0.1");
      List<String> last = messages(lines).subList(FloodFilter.BURST + 1, lines.list.size());
      assertEquals(2, last.size(), "" + last);
      assertTrue(last.get(0).startsWith("995 lines like \"bad frame from {}\""), last.get(0));
      assertEquals("bad frame from 10.0.0.1", last.get(1));
    } finally {
      root.detachAppender(lines);
      context.getTurboFilterList().remove(filter);
    }
  }

  private static List<String> messages(ListAppender<ILoggingEvent> lines) {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}

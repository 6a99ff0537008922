package io.hearth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * An expected refusal repeated many times (here the pairing queue full: 503 each) costs one log
 * line without a stack trace, not one per request (issue "hardening": log amplification).
 */
@Timeout(60)
class ErrorLogTest {
  @TempDir Path dir;

  @Test
  void aFloodOfExpectedServerRefusalsLogsOneLineWithoutATrace() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ApiErrors.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try (TestHub hub = TestHub.start(dir.resolve("data"))) {
      int refused = 0;
      for (int i = 0; i < 80; i++) {
        HttpResponse<String> answer = hub.post("/api/v1/displays/pair", null, "{}");
        refused += answer.statusCode() == 503 ? 1 : 0;
      }
      assertTrue(refused >= 40, "the pairing queue never filled: " + refused + " refusals");
      assertEquals(1, lines.list.size(), "log lines for " + refused + " refusals: " + lines.list);
      ILoggingEvent line = lines.list.get(0);
      assertNull(line.getThrowableProxy(), "an expected refusal was logged with a stack trace");
      assertTrue(line.getFormattedMessage().contains("503"), line.getFormattedMessage());
    } finally {
      logger.detachAppender(lines);
    }
  }
}

package io.hearth.runtime.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.hearth.runtime.config.ConfigException;
import io.hearth.runtime.config.ConfigKey;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The {@code log} section: how log lines look. {@code text} (the default) is one line per entry
 * with an ISO-8601 UTC time; {@code json} is one JSON object per line ({@link JsonLineLayout}). The
 * level stays with {@code HEARTH_LOG_LEVEL}, read by logback itself at start.
 */
public final class LogSettings {
  public static final ConfigKey<String> FORMAT =
      ConfigKey.string(
          "log.format",
          "How log lines (on standard error) look: text (time, level, logger, message) or json"
              + " (one object per line: time, level, logger, thread, message, error). Times are"
              + " ISO-8601 UTC in both.",
          "text");

  private LogSettings() {}

  public static List<ConfigKey<?>> keys() {
    return List.of(FORMAT);
  }

  /** Switches the console appenders to the format asked for; text leaves logback.xml's own. */
  public static void apply(String format) {
    String chosen = format.trim().toLowerCase(Locale.ROOT);
    if (chosen.equals("text")) {
      return;
    }
    if (!chosen.equals("json")) {
      throw new ConfigException("log.format must be text or json, not '" + format + "'");
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J binding (a test harness): its own format applies
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof OutputStreamAppender<ILoggingEvent> console) {
        useJson(context, console);
      }
    }
  }

  private static void useJson(LoggerContext context, OutputStreamAppender<ILoggingEvent> console) {
    JsonLineLayout layout = new JsonLineLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    console.stop();
    console.setEncoder(encoder);
    console.start();
  }
}

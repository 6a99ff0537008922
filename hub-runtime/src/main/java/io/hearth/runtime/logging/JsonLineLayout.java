package io.hearth.runtime.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.LayoutBase;
import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonObject;

/**
 * One JSON object per log line ({@code log.format: json}), for log shippers: {@code time} (RFC 3339
 * UTC, as in the API), {@code level}, {@code logger}, {@code thread}, {@code message} and, for an
 * unexpected failure, {@code error} with its stack. Messages are the same text as in the plain
 * format, so what is kept out of one (secrets) is kept out of the other.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
  @Override
  public String doLayout(ILoggingEvent event) {
    JsonObject line =
        new JsonObject()
            .put("time", Timestamps.iso(event.getTimeStamp()))
            .put("level", event.getLevel().toString())
            .put("logger", event.getLoggerName())
            .put("thread", event.getThreadName())
            .put("message", event.getFormattedMessage());
    IThrowableProxy error = event.getThrowableProxy();
    if (error != null) {
      line.put("error", ThrowableProxyUtil.asString(error));
    }
    return line.encode() + "\n";
  }
}

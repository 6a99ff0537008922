package io.hearth.api;

import java.util.Locale;

/**
 * A writer of Prometheus's text exposition format, version 0.0.4: per family one {@code # HELP} and
 * one {@code # TYPE} line, then its samples, {@code \n} line ends. Label values are escaped
 * (backslash, quote, newline); names are ours and fixed, so they are not checked here.
 */
final class PromText {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(8192);

  /** Starts a family: {@code type} is counter, gauge, histogram or summary. */
  PromText family(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample; {@code labels} alternate name and value. */
  PromText sample(String name, double value, String... labels) {
    out.append(name);
    if (labels.length > 0) {
      out.append('{');
      for (int i = 0; i + 1 < labels.length; i += 2) {
        out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"");
        out.append(escapeLabel(labels[i + 1])).append('"');
      }
      out.append('}');
    }
    return value(value);
  }

  PromText gauge(String name, String help, double value) {
    return family(name, "gauge", help).sample(name, value);
  }

  PromText counter(String name, String help, double value) {
    return family(name, "counter", help).sample(name, value);
  }

  private PromText value(double value) {
    out.append(' ');
    if (Double.isNaN(value)) {
      out.append("NaN");
    } else if (Double.isInfinite(value)) {
      out.append(value > 0 ? "+Inf" : "-Inf");
    } else if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      out.append((long) value);
    } else {
      out.append(String.format(Locale.ROOT, "%s", value));
    }
    out.append('\n');
    return this;
  }

  static String bound(double le) {
    return Double.isInfinite(le)
        ? "+Inf"
        : java.math.BigDecimal.valueOf(le).stripTrailingZeros().toPlainString();
  }

  private static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  @Override
  public String toString() {
    return out.toString();
  }
}

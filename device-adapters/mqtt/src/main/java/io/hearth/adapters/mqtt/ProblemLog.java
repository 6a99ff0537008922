package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.Problem;
import io.hearth.adapters.mqtt.convention.ProblemKind;
import io.hearth.adapters.mqtt.convention.Translation;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every problem with incoming MQTT messages, and logs the first one of each subject (device
 * key, or topic when no device is known) with its reason: a broken device is visible once in the
 * log, not once per message. The set of subjects remembered is bounded, so a flood on ever-new
 * topics ends in one line saying further problems are only counted. Used on one context only.
 */
final class ProblemLog {
  static final int MAX_SUBJECTS = 256;
  private static final Logger LOG = LoggerFactory.getLogger(ProblemLog.class);

  private final Map<ProblemKind, Long> counts = new EnumMap<>(ProblemKind.class);
  private final Set<String> logged = new HashSet<>();
  private boolean saturated;

  /** Records the problems of one translation (none is fine). */
  void report(Translation translation) {
    if (translation.problems().isEmpty()) {
      return;
    }
    for (Problem p : translation.problems()) {
      counts.merge(p.kind(), 1L, Long::sum);
    }
    logOnce(translation.subject(), translation.reason());
  }

  /** Records one problem the bridge itself found. */
  void report(String subject, ProblemKind kind, String detail) {
    counts.merge(kind, 1L, Long::sum);
    logOnce(subject, kind + ": " + detail);
  }

  long count(ProblemKind kind) {
    return counts.getOrDefault(kind, 0L);
  }

  long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** How many subjects have had their one log line. */
  int loggedSubjects() {
    return logged.size();
  }

  private void logOnce(String subject, String reason) {
    if (logged.contains(subject)) {
      return;
    }
    if (logged.size() >= MAX_SUBJECTS) {
      if (!saturated) {
        saturated = true;
        LOG.warn(
            "problems from more than {} MQTT devices or topics: further ones are counted, not"
                + " logged",
            MAX_SUBJECTS);
      }
      return;
    }
    logged.add(subject);
    LOG.warn(
        "MQTT {}: {} (logged once; later problems from it are counted)",
        printable(subject),
        printable(reason));
  }

  /** Device-supplied text goes to the log without control characters (no forged log lines). */
  static String printable(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }
}

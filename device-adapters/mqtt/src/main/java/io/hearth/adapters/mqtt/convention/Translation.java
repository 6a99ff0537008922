package io.hearth.adapters.mqtt.convention;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The result of translating one MQTT message: descriptions, readings and problems.
 *
 * <p>Translation never throws; bad input becomes {@link Status#REJECTED} with problems saying why.
 * A message may also be ACCEPTED with some problems (one bad field among good ones). The {@code
 * subject} is the device key when known, else the topic, so a caller can log a problem once per
 * device rather than once per message.
 */
public record Translation(
    Status status,
    String subject,
    List<DeviceDescription> descriptions,
    List<Reading> readings,
    List<Problem> problems) {

  /** What happened to the message as a whole. */
  public enum Status {
    /** The topic belongs to another convention. */
    NOT_MINE,
    /** The topic is this convention's, but carries nothing Hearth uses. */
    IGNORED,
    /** Readings or descriptions came out (possibly with some problems). */
    ACCEPTED,
    /** Nothing usable came out, and the problems say why. */
    REJECTED
  }

  private static final Translation NOT_MINE =
      new Translation(Status.NOT_MINE, "", List.of(), List.of(), List.of());

  public Translation {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(subject, "subject");
    descriptions = List.copyOf(descriptions);
    readings = List.copyOf(readings);
    problems = List.copyOf(problems);
  }

  public static Translation notMine() {
    return NOT_MINE;
  }

  public static Translation ignored(String subject) {
    return new Translation(Status.IGNORED, subject, List.of(), List.of(), List.of());
  }

  public static Translation rejected(String subject, ProblemKind kind, String detail) {
    return new Translation(
        Status.REJECTED, subject, List.of(), List.of(), List.of(new Problem(kind, detail)));
  }

  /** All problems in one line, for a log message; empty when there are none. */
  public String reason() {
    return problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }

  /** True when a problem of this kind was found. */
  public boolean has(ProblemKind kind) {
    return problems.stream().anyMatch(p -> p.kind() == kind);
  }
}

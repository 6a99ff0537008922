package io.hearth.adapters.mqtt.convention;

import java.util.Objects;

/** One thing wrong with an incoming message, with a reason a person can act on. */
public record Problem(ProblemKind kind, String detail) {

  public Problem {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return kind + ": " + detail;
  }
}

package io.hearth.adapters.mqtt.convention;

/** Why (part of) a message could not be translated; stable names for logs and counters. */
public enum ProblemKind {
  PAYLOAD_TOO_LARGE,
  TOPIC_INVALID,
  NOT_UTF8,
  MALFORMED_JSON,
  TOO_DEEP,
  LIMIT_EXCEEDED,
  WRONG_TYPE,
  NOT_FINITE,
  OUT_OF_RANGE,
  UNSUPPORTED,
  INTERNAL
}

package io.hearth.adapters.mqtt.convention;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks every convention shares: the topic is validated before a subclass sees it, payloads
 * are size-checked and parsed within {@link TranslationLimits}, and a bug in a subclass becomes a
 * REJECTED translation with an INTERNAL problem instead of an exception in the MQTT client.
 */
abstract class BaseConvention implements MqttConvention {
  protected final TranslationLimits limits;
  private final BoundedJson json;

  /** A parsed payload, or the translation that reports why it could not be parsed. */
  record Parsed<T>(T value, Translation error) {
    boolean ok() {
      return error == null;
    }
  }

  BaseConvention(TranslationLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.json = new BoundedJson(limits);
  }

  @Override
  public final Translation translate(String topic, byte[] payload) {
    Optional<String> badTopic = Topics.check(topic, limits);
    if (badTopic.isPresent()) {
      String subject = topic == null ? "" : Texts.clip(topic);
      return Translation.rejected(subject, ProblemKind.TOPIC_INVALID, badTopic.get());
    }
    try {
      return doTranslate(topic, payload == null ? new byte[0] : payload);
    } catch (RuntimeException e) {
      return Translation.rejected(
          Texts.clip(topic), ProblemKind.INTERNAL, "translation failed: " + e);
    }
  }

  /** Translates a message whose topic passed the common checks; may throw only on a bug. */
  protected abstract Translation doTranslate(String topic, byte[] payload);

  /** Parses an ordinary payload that must be a JSON object. */
  protected Parsed<JsonObject> jsonObject(String subject, byte[] payload) {
    Parsed<Object> any = json(subject, payload, limits.maxPayloadBytes());
    if (!any.ok()) {
      return new Parsed<>(null, any.error());
    }
    if (any.value() instanceof JsonObject o) {
      return new Parsed<>(o, null);
    }
    return new Parsed<>(
        null,
        Translation.rejected(
            subject,
            ProblemKind.WRONG_TYPE,
            "expected a JSON object, got " + BoundedJson.describe(any.value())));
  }

  /** Parses any JSON value, refusing payloads over {@code maxBytes}. */
  protected Parsed<Object> json(String subject, byte[] payload, int maxBytes) {
    if (payload.length > maxBytes) {
      return new Parsed<>(null, tooLarge(subject, payload, maxBytes));
    }
    BoundedJson.Result r = json.parse(payload);
    if (!r.ok()) {
      Problem p = r.problem();
      return new Parsed<>(null, Translation.rejected(subject, p.kind(), p.detail()));
    }
    return new Parsed<>(r.value(), null);
  }

  /** Decodes a plain-text payload (strict UTF-8, trimmed). */
  protected Parsed<String> text(String subject, byte[] payload) {
    if (payload.length > limits.maxPayloadBytes()) {
      return new Parsed<>(null, tooLarge(subject, payload, limits.maxPayloadBytes()));
    }
    return Texts.utf8(payload)
        .map(s -> new Parsed<>(s.strip(), null))
        .orElseGet(
            () ->
                new Parsed<>(
                    null,
                    Translation.rejected(
                        subject, ProblemKind.NOT_UTF8, "payload is not valid UTF-8 text")));
  }

  private static Translation tooLarge(String subject, byte[] payload, int maxBytes) {
    return Translation.rejected(
        subject,
        ProblemKind.PAYLOAD_TOO_LARGE,
        "payload of " + payload.length + " bytes exceeds the limit of " + maxBytes + " bytes");
  }
}

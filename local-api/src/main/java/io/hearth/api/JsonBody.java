package io.hearth.api;

import io.hearth.runtime.error.HubException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.TreeSet;

/**
 * A request's JSON object body, read strictly: it must be a JSON object, carry only the fields the
 * route knows (a typo is an error, not silently ignored), and each field must have its type.
 */
final class JsonBody {
  static final int MAX_TEXT = 200;

  private final JsonObject json;

  private JsonBody(JsonObject json) {
    this.json = json;
  }

  static JsonBody of(RoutingContext ctx, Set<String> allowed) {
    JsonObject json = object(ctx);
    Set<String> unknown = new TreeSet<>(json.fieldNames());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw HubException.badRequest(
          "unknown field(s) " + unknown + "; this route accepts " + new TreeSet<>(allowed));
    }
    return new JsonBody(json);
  }

  /** The body as a JSON object, whatever its fields (the route checks them itself). */
  static JsonObject object(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      throw new HubException(
          415,
          "unsupported_media_type",
          "send the body as JSON with Content-Type: application/json");
    }
    io.vertx.core.buffer.Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
    if (buffer == null || buffer.length() == 0) {
      throw HubException.badRequest("this needs a JSON object body");
    }
    JsonObject json;
    try {
      Object value = io.vertx.core.json.Json.decodeValue(buffer);
      if (!(value instanceof JsonObject object)) {
        throw HubException.badRequest("the body must be a JSON object, {...}");
      }
      json = object;
    } catch (DecodeException e) {
      throw HubException.badRequest("the body is not valid JSON: " + e.getMessage());
    }
    return json;
  }

  /** A required, non-blank text of at most 200 characters. */
  String requiredText(String field) {
    String text = optionalText(field);
    if (text == null || text.isBlank()) {
      throw HubException.badRequest("field '" + field + "' is required and must not be blank");
    }
    return text;
  }

  String optionalText(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw HubException.badRequest("field '" + field + "' must be a string");
    }
    if (text.length() > MAX_TEXT || text.chars().anyMatch(Character::isISOControl)) {
      throw HubException.badRequest(
          "field '"
              + field
              + "' must be at most "
              + MAX_TEXT
              + " characters, without control characters");
    }
    return text.strip();
  }

  /** An optional boolean. */
  /** A secret (a password) as typed: not stripped, 1 to {@code max} characters. */
  String secret(String field, int max) {
    Object value = json.getValue(field);
    if (!(value instanceof String text) || text.isEmpty()) {
      throw HubException.badRequest("field '" + field + "' is required");
    }
    if (text.length() > max) {
      throw HubException.badRequest("field '" + field + "' must be at most " + max + " characters");
    }
    return text;
  }

  /** A nested JSON object, or a 400 naming the field. */
  JsonObject requiredObject(String field) {
    Object value = json.getValue(field);
    if (!(value instanceof JsonObject object)) {
      throw HubException.badRequest("field '" + field + "' must be a JSON object");
    }
    return object;
  }

  Boolean optionalBoolean(String field) {
    Object value = json.getValue(field);
    if (value != null && !(value instanceof Boolean)) {
      throw HubException.badRequest("field '" + field + "' must be true or false");
    }
    return (Boolean) value;
  }

  /** An optional array of at most {@code max} short strings. */
  java.util.List<String> optionalStrings(String field, int max) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof io.vertx.core.json.JsonArray array)
        || array.size() > max
        || !array.stream().allMatch(v -> v instanceof String t && t.length() <= MAX_TEXT)) {
      throw HubException.badRequest(
          "field '" + field + "' must be an array of at most " + max + " strings");
    }
    return array.stream().map(String.class::cast).toList();
  }

  /** An optional URL of at most 2048 characters. */
  String optionalUrl(String field) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text) || text.length() > 2048 || text.isBlank()) {
      throw HubException.badRequest(
          "field '" + field + "' must be a URL of at most 2048" + " characters");
    }
    return text.strip();
  }

  /** An optional whole number within [min, max]. */
  Long optionalLong(String field, long min, long max) {
    Object value = json.getValue(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer || value instanceof Long)) {
      throw HubException.badRequest("field '" + field + "' must be a whole number");
    }
    long number = ((Number) value).longValue();
    if (number < min || number > max) {
      throw HubException.badRequest("field '" + field + "' must be from " + min + " to " + max);
    }
    return number;
  }
}

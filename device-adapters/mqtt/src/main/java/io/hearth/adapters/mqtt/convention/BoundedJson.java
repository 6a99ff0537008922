package io.hearth.adapters.mqtt.convention;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parses untrusted JSON bytes into Vert.x {@link JsonObject}/{@link JsonArray} values, within
 * limits: nesting depth (checked before descending, so no stack overflow), string and number
 * length, duplicate keys and trailing garbage are refused. NaN and Infinity literals are not JSON
 * and are refused by the parser; an overflowing number such as {@code 1e999} parses to an infinite
 * Double, which the value checks then refuse.
 */
final class BoundedJson {

  /** A parsed value (JsonObject, JsonArray, String, Number, Boolean, or null) or a problem. */
  record Result(Object value, Problem problem) {
    boolean ok() {
      return problem == null;
    }
  }

  private final JsonFactory factory;
  private final int maxDepth;

  BoundedJson(TranslationLimits limits) {
    this.maxDepth = limits.maxJsonDepth();
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxJsonDepth() + 1)
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(limits.maxStringLength())
            .maxNumberLength(64)
            .build();
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
  }

  /** Parses a whole payload; the first token decides the type of the result. */
  Result parse(byte[] payload) {
    try (JsonParser parser = factory.createParser(payload)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return failure(ProblemKind.MALFORMED_JSON, "empty payload, expected JSON");
      }
      Object value = readValue(parser, first, 0);
      if (parser.nextToken() != null) {
        return failure(ProblemKind.MALFORMED_JSON, "trailing content after the JSON value");
      }
      return new Result(value, null);
    } catch (TooDeepException e) {
      return failure(ProblemKind.TOO_DEEP, "JSON nested deeper than " + maxDepth + " levels");
    } catch (StreamConstraintsException e) {
      return failure(ProblemKind.LIMIT_EXCEEDED, "JSON exceeds a limit: " + e.getOriginalMessage());
    } catch (IOException e) {
      return failure(ProblemKind.MALFORMED_JSON, "malformed JSON: " + shortMessage(e));
    }
  }

  /** Parses a payload that must be a JSON object. */
  Result parseObject(byte[] payload) {
    Result r = parse(payload);
    if (r.ok() && !(r.value() instanceof JsonObject)) {
      return failure(ProblemKind.WRONG_TYPE, "expected a JSON object, got " + describe(r.value()));
    }
    return r;
  }

  private Object readValue(JsonParser p, JsonToken token, int depth) throws IOException {
    return switch (token) {
      case START_OBJECT -> readObject(p, depth + 1);
      case START_ARRAY -> readArray(p, depth + 1);
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getNumberValue();
      case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IOException("unexpected token " + token);
    };
  }

  private JsonObject readObject(JsonParser p, int depth) throws IOException {
    checkDepth(depth);
    Map<String, Object> map = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      map.put(name, readValue(p, p.nextToken(), depth));
    }
    return new JsonObject(map);
  }

  private JsonArray readArray(JsonParser p, int depth) throws IOException {
    checkDepth(depth);
    List<Object> list = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t == null) {
        throw new IOException("unexpected end of input in array");
      }
      list.add(readValue(p, t, depth));
    }
    return new JsonArray(list);
  }

  private void checkDepth(int depth) throws TooDeepException {
    if (depth > maxDepth) {
      throw new TooDeepException();
    }
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof JsonObject) {
      return "an object";
    }
    if (value instanceof JsonArray) {
      return "an array";
    }
    return value.getClass().getSimpleName().toLowerCase(Locale.ROOT)
        + " "
        + Texts.clip(String.valueOf(value));
  }

  private static Result failure(ProblemKind kind, String detail) {
    return new Result(null, new Problem(kind, detail));
  }

  private static String shortMessage(IOException e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    return m == null ? e.getClass().getSimpleName() : Texts.clip(m);
  }

  /** Thrown inside the recursive reader when the depth limit is crossed. */
  private static final class TooDeepException extends IOException {
    private static final long serialVersionUID = 1L;

    TooDeepException() {
      super("too deep", null);
    }
  }
}

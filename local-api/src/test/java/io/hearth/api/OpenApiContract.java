package io.hearth.api;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The served OpenAPI document as a contract: checks one live answer (method, path template, status,
 * content type, body) against the operation's documented response, with networknt's JSON Schema
 * validator in OpenAPI 3.0's dialect (nullable, formats asserted: a date-time must be RFC 3339).
 * Strict where the document is lenient: every object schema that lists properties and says nothing
 * of others gets {@code additionalProperties: false} here, so a field the hub answers but the
 * document does not name fails too (clients may still ignore unknown fields).
 */
final class OpenApiContract {
  private final JsonObject document;
  private final JsonObject strictComponents;
  private final SchemaRegistry registry;
  private final Set<String> exercised = new TreeSet<>();
  private final List<String> failures = new ArrayList<>();

  OpenApiContract(JsonObject document) {
    this.document = document;
    this.strictComponents = strict(document.getJsonObject("components").copy());
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
    this.registry =
        SchemaRegistry.withDefaultDialect(
            Dialects.getOpenApi30(), b -> b.schemaRegistryConfig(config));
  }

  /** Every operation of the document, as {@code "get /api/v1/health"}. */
  Set<String> operations() {
    Set<String> all = new TreeSet<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      paths.getJsonObject(path).fieldNames().forEach(m -> all.add(m + " " + path));
    }
    return all;
  }

  Set<String> exercised() {
    return exercised;
  }

  List<String> failures() {
    return failures;
  }

  /** Checks one answer; a mismatch is kept in {@link #failures()}, with what was answered. */
  void check(String method, String template, int status, String contentType, String body) {
    String operation = method.toLowerCase(Locale.ROOT) + " " + template;
    exercised.add(operation);
    JsonObject op = document.getJsonObject("paths").getJsonObject(template, new JsonObject());
    JsonObject responses =
        op.getJsonObject(method.toLowerCase(Locale.ROOT), new JsonObject())
            .getJsonObject("responses");
    if (responses == null) {
      failures.add(operation + ": not in the document");
      return;
    }
    JsonObject response = resolve(responses.getJsonObject(String.valueOf(status)));
    if (response == null) {
      failures.add(operation + ": status " + status + " is not documented; body " + cut(body));
      return;
    }
    checkContent(operation + " " + status, response.getJsonObject("content"), contentType, body);
  }

  private void checkContent(String where, JsonObject content, String contentType, String body) {
    if (content == null) {
      if (body != null && !body.isEmpty()) {
        failures.add(where + ": documented without a body, answered " + cut(body));
      }
      return;
    }
    String type = contentType == null ? "" : contentType.split(";")[0].trim();
    JsonObject media = content.getJsonObject(type);
    if (media == null) {
      failures.add(
          where + ": content type " + type + " not documented (" + content.fieldNames() + ")");
      return;
    }
    JsonObject schema = media.getJsonObject("schema");
    if (schema != null && type.equals("application/json")) {
      validate(where, schema, body);
    }
  }

  /** Validates one JSON text against a schema of the document (its $refs resolved strictly). */
  void validate(String where, JsonObject schema, String json) {
    JsonObject root = strict(schema.copy()).put("components", strictComponents);
    List<Error> errors =
        registry.getSchema(root.encode(), InputFormat.JSON).validate(json, InputFormat.JSON);
    if (!errors.isEmpty()) {
      failures.add(where + ": " + errors + " in " + cut(json));
    }
  }

  /** A component schema by name, for payloads outside HTTP answers (SSE data, say). */
  JsonObject schema(String name) {
    return new JsonObject().put("$ref", "#/components/schemas/" + name);
  }

  private JsonObject resolve(JsonObject response) {
    if (response == null || !response.containsKey("$ref")) {
      return response;
    }
    String name = response.getString("$ref").replace("#/components/responses/", "");
    return document.getJsonObject("components").getJsonObject("responses").getJsonObject(name);
  }

  /** Adds additionalProperties: false to every object schema that lists properties only. */
  static JsonObject strict(JsonObject node) {
    if (node.containsKey("properties") && !node.containsKey("additionalProperties")) {
      node.put("additionalProperties", false);
    }
    for (String key : node.fieldNames()) {
      Object value = node.getValue(key);
      if (value instanceof JsonObject child) {
        strict(child);
      } else if (value instanceof JsonArray array) {
        array.forEach(
            item -> {
              if (item instanceof JsonObject child) {
                strict(child);
              }
            });
      }
    }
    return node;
  }

  private static String cut(String body) {
    return body == null || body.length() < 400
        ? String.valueOf(body)
        : body.substring(0, 400) + "...";
  }
}

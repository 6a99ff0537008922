package io.hearth.adapters.coap.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns a CoAP payload into one scalar: a {@code Double}, a {@code Boolean} or a {@code String}.
 * Plain text (content format 0), JSON (50) and CBOR (60) are understood; a JSON or CBOR object
 * yields its {@code value} member, else its first scalar member. Bounded in bytes, nesting and
 * string length; anything else is a {@link CoapCodecException} with a reason a user can read.
 */
public final class PayloadDecoder {
  public static final int TEXT = 0;
  public static final int LINK_FORMAT = 40;
  public static final int JSON = 50;
  public static final int CBOR = 60;

  /** Californium's "no content format option". */
  public static final int UNDEFINED = -1;

  private static final StreamReadConstraints LIMITS =
      StreamReadConstraints.builder().maxNestingDepth(8).maxStringLength(4096).build();
  private static final JsonFactory JSON_FACTORY =
      JsonFactory.builder().streamReadConstraints(LIMITS).build();
  private static final CBORFactory CBOR_FACTORY =
      CBORFactory.builder().streamReadConstraints(LIMITS).build();

  private final int maxBytes;

  public PayloadDecoder(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The scalar this payload carries. */
  public Object decode(int contentFormat, byte[] payload) throws CoapCodecException {
    if (payload.length > maxBytes) {
      throw new CoapCodecException(
          "payload too large: " + payload.length + " bytes, limit " + maxBytes);
    }
    return switch (contentFormat) {
      case TEXT, UNDEFINED -> text(payload);
      case JSON -> structured(JSON_FACTORY, payload, "JSON");
      case CBOR -> structured(CBOR_FACTORY, payload, "CBOR");
      default ->
          throw new CoapCodecException(
              "unsupported content format " + contentFormat + " (expected 0, 50 or 60)");
    };
  }

  /** UTF-8 text; a number or a boolean word becomes that type, anything else stays text. */
  static Object text(byte[] payload) throws CoapCodecException {
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload))
              .toString()
              .trim();
    } catch (CharacterCodingException e) {
      throw new CoapCodecException("text payload is not valid UTF-8");
    }
    if (text.isEmpty()) {
      throw new CoapCodecException("empty payload");
    }
    if (text.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
      throw new CoapCodecException("text payload contains control characters");
    }
    return scalar(text);
  }

  private static Object scalar(String text) {
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("on")) {
      return true;
    }
    if (text.equalsIgnoreCase("false") || text.equalsIgnoreCase("off")) {
      return false;
    }
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static Object structured(JsonFactory factory, byte[] payload, String kind)
      throws CoapCodecException {
    try (JsonParser parser = factory.createParser(payload)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new CoapCodecException("empty " + kind + " payload");
      }
      Object value = first == JsonToken.START_OBJECT ? member(parser) : tokenValue(parser);
      if (value == null) {
        throw new CoapCodecException(kind + " payload holds no number, boolean or string");
      }
      return value;
    } catch (IOException e) {
      throw new CoapCodecException("malformed " + kind + " payload: " + firstLine(e));
    }
  }

  private static Object member(JsonParser parser) throws IOException {
    Object first = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken token = parser.nextToken();
      if (token.isStructStart()) {
        parser.skipChildren();
        continue;
      }
      Object value = tokenValue(parser);
      if ("value".equals(name) && value != null) {
        return value;
      }
      first = first == null ? value : first;
    }
    return first;
  }

  private static Object tokenValue(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token.isNumeric()) {
      return parser.getDoubleValue();
    }
    if (token.isBoolean()) {
      return token == JsonToken.VALUE_TRUE;
    }
    return token == JsonToken.VALUE_STRING ? scalar(parser.getText().trim()) : null;
  }

  private static String firstLine(IOException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

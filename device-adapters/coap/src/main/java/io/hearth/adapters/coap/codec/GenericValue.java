package io.hearth.adapters.coap.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads a resource the hub cannot classify (a clock, a counter, a status word): a finite number
 * becomes a {@code Double}, anything else a single line of text of at most {@link #MAX_TEXT_CHARS}
 * characters (whitespace and control characters folded into single spaces, the rest cut with an
 * ellipsis). Text, JSON and CBOR payloads are understood; other content formats are refused.
 */
public final class GenericValue {
  public static final int MAX_TEXT_CHARS = 256;
  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,3})?");

  private final PayloadDecoder decoder;
  private final int maxBytes;

  public GenericValue(int maxBytes) {
    this.decoder = new PayloadDecoder(maxBytes);
    this.maxBytes = maxBytes;
  }

  /** A Double or a String. */
  public Object decode(int contentFormat, byte[] payload) throws CoapCodecException {
    if (payload.length > maxBytes) {
      throw new CoapCodecException(
          "payload too large: " + payload.length + " bytes, limit " + maxBytes);
    }
    return switch (contentFormat) {
      case PayloadDecoder.TEXT, PayloadDecoder.UNDEFINED -> fromText(utf8(payload));
      case PayloadDecoder.JSON, PayloadDecoder.CBOR -> structured(contentFormat, payload);
      default ->
          throw new CoapCodecException(
              "content format " + contentFormat + " is neither text (0), JSON (50) nor CBOR (60)");
    };
  }

  private Object structured(int contentFormat, byte[] payload) throws CoapCodecException {
    Object value = decoder.decode(contentFormat, payload);
    if (value instanceof Double number && Double.isFinite(number)) {
      return number;
    }
    return fromText(String.valueOf(value));
  }

  private static Object fromText(String raw) throws CoapCodecException {
    String text = fold(raw);
    if (text.isEmpty()) {
      throw new CoapCodecException("empty payload");
    }
    if (NUMBER.matcher(text).matches()) {
      double number = Double.parseDouble(text);
      if (Double.isFinite(number)) {
        return number;
      }
    }
    return cut(text);
  }

  private static String fold(String raw) {
    StringBuilder out = new StringBuilder();
    boolean space = false;
    for (int i = 0; i < raw.length() && out.length() <= MAX_TEXT_CHARS; i++) {
      char c = raw.charAt(i);
      boolean blank = Character.isWhitespace(c) || Character.isISOControl(c);
      if (blank && !space && out.length() > 0) {
        out.append(' ');
      } else if (!blank) {
        out.append(c);
      }
      space = blank;
    }
    return out.toString().strip();
  }

  private static String cut(String text) {
    if (text.length() <= MAX_TEXT_CHARS) {
      return text;
    }
    int end = MAX_TEXT_CHARS - 1;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  private static String utf8(byte[] payload) throws CoapCodecException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(payload))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CoapCodecException("text payload is not valid UTF-8");
    }
  }
}

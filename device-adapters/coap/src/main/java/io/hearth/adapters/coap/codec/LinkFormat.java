package io.hearth.adapters.coap.codec;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A bounded parser for RFC 6690 CoRE link format ({@code </time>;rt="ticks";obs,</a>;ct=0}), the
 * answer to {@code GET /.well-known/core}. Free of Vert.x and Californium; every limit (bytes,
 * links, attributes per link, attribute length) is checked, and bad input ends in a {@link
 * CoapCodecException} naming the offset.
 */
public final class LinkFormat {
  public static final int DEFAULT_MAX_BYTES = 16 * 1024;
  public static final int DEFAULT_MAX_LINKS = 128;
  static final int MAX_ATTRIBUTES = 32;
  static final int MAX_VALUE_CHARS = 1024;

  private final int maxBytes;
  private final int maxLinks;

  public LinkFormat(int maxBytes, int maxLinks) {
    if (maxBytes <= 0 || maxLinks <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    this.maxBytes = maxBytes;
    this.maxLinks = maxLinks;
  }

  public static LinkFormat withDefaults() {
    return new LinkFormat(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINKS);
  }

  /** Parses a UTF-8 document. */
  public List<WebLink> parse(byte[] payload) throws CoapCodecException {
    if (payload.length > maxBytes) {
      throw new CoapCodecException(
          "link format too large: " + payload.length + " bytes, limit " + maxBytes);
    }
    try {
      return parse(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(payload))
              .toString());
    } catch (CharacterCodingException e) {
      throw new CoapCodecException("link format is not valid UTF-8");
    }
  }

  /** Parses a document already decoded to text. */
  public List<WebLink> parse(String text) throws CoapCodecException {
    if (text.length() > maxBytes) {
      throw new CoapCodecException("link format too large: limit " + maxBytes + " bytes");
    }
    Scanner in = new Scanner(text);
    List<WebLink> links = new ArrayList<>();
    in.skipSpace();
    while (!in.atEnd()) {
      if (links.size() == maxLinks) {
        throw new CoapCodecException("more than " + maxLinks + " links");
      }
      links.add(link(in));
      in.skipSpace();
      if (!in.atEnd()) {
        in.expect(',');
        in.skipSpace();
      }
    }
    return List.copyOf(links);
  }

  private static WebLink link(Scanner in) throws CoapCodecException {
    in.expect('<');
    String target = in.until('>');
    in.expect('>');
    Map<String, String> attributes = new LinkedHashMap<>();
    in.skipSpace();
    while (in.peek() == ';') {
      in.next();
      in.skipSpace();
      if (attributes.size() == MAX_ATTRIBUTES) {
        throw in.error("more than " + MAX_ATTRIBUTES + " attributes on " + target);
      }
      String name = in.token().toLowerCase(Locale.ROOT);
      String value = "";
      if (in.peek() == '=') {
        in.next();
        value = in.peek() == '"' ? in.quoted() : in.token();
      }
      attributes.putIfAbsent(name, value);
      in.skipSpace();
    }
    return new WebLink(target, attributes);
  }

  /** A cursor over the text that knows RFC 6690's tokens and quoted strings. */
  private static final class Scanner {
    private final String text;
    private int pos;

    Scanner(String text) {
      this.text = text;
    }

    boolean atEnd() {
      return pos >= text.length();
    }

    char peek() {
      return atEnd() ? '\0' : text.charAt(pos);
    }

    char next() {
      return text.charAt(pos++);
    }

    void skipSpace() {
      while (!atEnd() && (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n')) {
        pos++;
      }
    }

    void expect(char c) throws CoapCodecException {
      if (peek() != c) {
        throw error(atEnd() ? "expected '" + c + "' before the end" : "expected '" + c + "'");
      }
      pos++;
    }

    String until(char end) throws CoapCodecException {
      int start = pos;
      while (!atEnd() && peek() != end) {
        if (pos - start >= MAX_VALUE_CHARS) {
          throw error("link target longer than " + MAX_VALUE_CHARS + " characters");
        }
        pos++;
      }
      return text.substring(start, pos);
    }

    String token() throws CoapCodecException {
      int start = pos;
      while (!atEnd() && isTokenChar(peek())) {
        if (pos - start >= MAX_VALUE_CHARS) {
          throw error("attribute longer than " + MAX_VALUE_CHARS + " characters");
        }
        pos++;
      }
      if (start == pos) {
        throw error("expected an attribute name or value");
      }
      return text.substring(start, pos);
    }

    String quoted() throws CoapCodecException {
      expect('"');
      StringBuilder value = new StringBuilder();
      while (peek() != '"') {
        if (atEnd()) {
          throw error("unterminated quoted string");
        }
        if (value.length() >= MAX_VALUE_CHARS) {
          throw error("quoted string longer than " + MAX_VALUE_CHARS + " characters");
        }
        char c = next();
        value.append(c == '\\' && !atEnd() ? next() : c);
      }
      pos++;
      return value.toString();
    }

    static boolean isTokenChar(char c) {
      return c > ' ' && c < 0x7f && ",;=\"<>".indexOf(c) < 0;
    }

    CoapCodecException error(String message) {
      return new CoapCodecException(message + " at offset " + pos);
    }
  }
}

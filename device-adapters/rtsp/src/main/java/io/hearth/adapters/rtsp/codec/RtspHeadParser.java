package io.hearth.adapters.rtsp.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses the first line and header fields of one RTSP head (already size-bounded): a response's
 * status line for the client, a request line for the re-stream server.
 */
final class RtspHeadParser {
  /** The most header fields one response may carry. */
  static final int MAX_HEADER_FIELDS = 64;

  private static final Pattern VERSION = Pattern.compile("RTSP/[0-9]\\.[0-9]");

  /** A parsed head: status line, headers and the announced body length. */
  record Head(String version, int statusCode, String reason, RtspHeaders headers, int bodyLength) {}

  private RtspHeadParser() {}

  static Head parse(byte[] buffer, int length, int maxBody) throws CodecException {
    String text = new String(buffer, 0, length, StandardCharsets.UTF_8);
    String[] lines = text.split("\r?\n", -1);
    String[] status = parseStatusLine(lines[0]);
    List<RtspHeaders.Field> fields = parseFields(lines);
    RtspHeaders headers = RtspHeaders.of(fields);
    int code = Integer.parseInt(status[1]);
    return new Head(status[0], code, status[2], headers, bodyLength(headers, maxBody));
  }

  /** A request head and the length of the body that follows it. */
  record Request(RtspRequestHead head, int bodyLength) {}

  static Request parseRequest(byte[] buffer, int length, int maxBody) throws CodecException {
    String text = new String(buffer, 0, length, StandardCharsets.UTF_8);
    String[] lines = text.split("\r?\n", -1);
    checkNoControl(lines[0], "request line");
    String[] parts = lines[0].split(" ", -1);
    if (parts.length != 3 || !Text.isToken(parts[0]) || parts[1].isEmpty()) {
      throw new CodecException(
          "request line: expected '<METHOD> <url> RTSP/1.0', got '" + Text.shorten(lines[0]) + "'");
    }
    if (!VERSION.matcher(parts[2]).matches()) {
      throw new CodecException("request line: unknown version '" + Text.shorten(parts[2]) + "'");
    }
    RtspHeaders headers = RtspHeaders.of(parseFields(lines));
    String cseq = headers.get("CSeq").map(String::trim).orElse("");
    if (!Text.isDigits(cseq, 9)) {
      throw new CodecException("request without a valid CSeq header");
    }
    RtspRequestHead head = new RtspRequestHead(parts[0], parts[1], Integer.parseInt(cseq), headers);
    return new Request(head, bodyLength(headers, maxBody));
  }

  private static String[] parseStatusLine(String line) throws CodecException {
    checkNoControl(line, "status line");
    int firstSpace = line.indexOf(' ');
    String version = firstSpace < 0 ? line : line.substring(0, firstSpace);
    if (!VERSION.matcher(version).matches()) {
      throw new CodecException(
          "status line: expected 'RTSP/1.0 <code> <reason>', got '" + Text.shorten(line) + "'");
    }
    String rest = line.substring(firstSpace + 1);
    int secondSpace = rest.indexOf(' ');
    String code = secondSpace < 0 ? rest : rest.substring(0, secondSpace);
    if (!Text.isDigits(code, 3) || code.length() != 3 || code.charAt(0) == '0') {
      throw new CodecException(
          "status line: expected a 3-digit status code, got '" + Text.shorten(code) + "'");
    }
    String reason = secondSpace < 0 ? "" : rest.substring(secondSpace + 1).trim();
    return new String[] {version, code, reason};
  }

  private static List<RtspHeaders.Field> parseFields(String[] lines) throws CodecException {
    List<RtspHeaders.Field> fields = new ArrayList<>();
    for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
      String line = lines[i];
      checkNoControl(line, "header line " + i);
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        appendContinuation(fields, line, i);
      } else {
        fields.add(parseField(line, i));
      }
      if (fields.size() > MAX_HEADER_FIELDS) {
        throw new CodecException("more than " + MAX_HEADER_FIELDS + " header fields");
      }
    }
    return fields;
  }

  private static RtspHeaders.Field parseField(String line, int index) throws CodecException {
    int colon = line.indexOf(':');
    String name = colon < 0 ? "" : line.substring(0, colon);
    if (!Text.isToken(name)) {
      throw new CodecException(
          "header line " + index + ": expected 'Name: value', got '" + Text.shorten(line) + "'");
    }
    return new RtspHeaders.Field(name, line.substring(colon + 1).trim());
  }

  private static void appendContinuation(List<RtspHeaders.Field> fields, String line, int index)
      throws CodecException {
    if (fields.isEmpty()) {
      throw new CodecException("header line " + index + ": continuation line before any header");
    }
    RtspHeaders.Field last = fields.remove(fields.size() - 1);
    fields.add(new RtspHeaders.Field(last.name(), last.value() + " " + line.trim()));
  }

  private static int bodyLength(RtspHeaders headers, int maxBody) throws CodecException {
    int length = -1;
    for (String value : headers.getAll("Content-Length")) {
      int parsed = Text.parseBounded(value.trim(), maxBody, "Content-Length");
      if (length >= 0 && parsed != length) {
        throw new CodecException(
            "conflicting Content-Length headers: " + length + " and " + parsed);
      }
      length = parsed;
    }
    return Math.max(length, 0);
  }

  private static void checkNoControl(String line, String what) throws CodecException {
    int at = Text.indexOfControl(line);
    if (at >= 0) {
      throw new CodecException(
          what + ": control character at column " + at + " in '" + Text.shorten(line) + "'");
    }
  }
}

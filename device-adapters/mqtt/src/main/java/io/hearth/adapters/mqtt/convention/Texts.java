package io.hearth.adapters.mqtt.convention;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Small text helpers for untrusted input: strict UTF-8 decoding and clipping for log lines. */
final class Texts {
  static final int CLIP = 120;

  private Texts() {}

  /** Decodes strict UTF-8 (malformed bytes refused rather than replaced). */
  static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** At most {@value #CLIP} characters, with control characters made visible, for log lines. */
  static String clip(String s) {
    String shortened = s.length() > CLIP ? s.substring(0, CLIP) + "..." : s;
    StringBuilder out = new StringBuilder(shortened.length());
    shortened.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? 0x3f : c));
    return out.toString();
  }
}

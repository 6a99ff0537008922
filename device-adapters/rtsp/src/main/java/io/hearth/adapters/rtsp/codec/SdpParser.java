package io.hearth.adapters.rtsp.codec;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Line-by-line SDP reader behind {@link Sdp#parse}; one instance per parse. */
final class SdpParser {
  static final int MAX_FORMATS = 32;
  static final int MAX_FMTP_PARAMETERS = 32;

  private final URI requestBase;
  private String sessionName = "";
  private String sessionControl = "";
  private boolean sawVersion;
  private final List<Draft> drafts = new ArrayList<>();

  /** A media section while its attributes are being read. */
  private static final class Draft {
    String type = "";
    int port;
    String protocol = "";
    final List<Integer> payloadTypes = new ArrayList<>();
    String control = "";
    final Map<Integer, RtpMap> rtpMaps = new HashMap<>();
    final Map<Integer, Map<String, String>> fmtp = new HashMap<>();
  }

  SdpParser(URI requestBase) {
    this.requestBase = requestBase;
  }

  Sdp parse(String text) throws CodecException {
    if (text.length() > Sdp.MAX_BYTES) {
      throw new CodecException("SDP of " + text.length() + " chars exceeds " + Sdp.MAX_BYTES);
    }
    String[] lines = text.split("\r?\n", Sdp.MAX_LINES + 2);
    if (lines.length > Sdp.MAX_LINES + 1) {
      throw new CodecException("SDP has more than " + Sdp.MAX_LINES + " lines");
    }
    int number = 0;
    for (String line : lines) {
      number++;
      if (!line.isEmpty()) {
        parseLine(line, number);
      }
    }
    if (!sawVersion) {
      throw new CodecException("SDP: expected 'v=0' as the first line, found none");
    }
    return build();
  }

  private void parseLine(String line, int number) throws CodecException {
    if (line.length() > Sdp.MAX_LINE_LENGTH) {
      throw new CodecException("SDP line " + number + " is longer than " + Sdp.MAX_LINE_LENGTH);
    }
    if (line.length() < 2 || line.charAt(1) != '=' || Text.indexOfControl(line) >= 0) {
      throw new CodecException(
          "SDP line " + number + ": expected '<letter>=<value>', got '" + Text.shorten(line) + "'");
    }
    char type = line.charAt(0);
    String value = line.substring(2);
    if (!sawVersion) {
      if (type != 'v' || !value.trim().equals("0")) {
        throw new CodecException("SDP: expected 'v=0' first, got '" + Text.shorten(line) + "'");
      }
      sawVersion = true;
      return;
    }
    switch (type) {
      case 's' -> sessionName = drafts.isEmpty() ? value : sessionName;
      case 'm' -> startMedia(value);
      case 'a' -> attribute(value);
      default -> {} // o=, c=, t=, b=, i= ... carry nothing an RTSP client needs
    }
  }

  private void startMedia(String value) throws CodecException {
    if (drafts.size() == Sdp.MAX_MEDIA) {
      throw new CodecException("SDP has more than " + Sdp.MAX_MEDIA + " media sections");
    }
    String[] parts = value.trim().split(" +", MAX_FORMATS + 4);
    if (parts.length < 4 || parts.length > MAX_FORMATS + 3 || !Text.isToken(parts[0])) {
      throw new CodecException(
          "m=: expected '<media> <port> <proto> <fmt> ...' with 1 to "
              + MAX_FORMATS
              + " formats, got '"
              + Text.shorten(value)
              + "'");
    }
    Draft draft = new Draft();
    draft.type = parts[0].toLowerCase(Locale.ROOT);
    String port = parts[1].contains("/") ? parts[1].substring(0, parts[1].indexOf('/')) : parts[1];
    draft.port = Text.parseBounded(port, 65535, "m= port");
    draft.protocol = parts[2];
    for (int i = 3; i < parts.length; i++) {
      draft.payloadTypes.add(Text.parseBounded(parts[i], 127, "m= RTP payload type"));
    }
    drafts.add(draft);
  }

  private void attribute(String value) throws CodecException {
    int colon = value.indexOf(':');
    String name = (colon < 0 ? value : value.substring(0, colon)).toLowerCase(Locale.ROOT);
    String content = colon < 0 ? "" : value.substring(colon + 1).trim();
    Draft media = drafts.isEmpty() ? null : drafts.get(drafts.size() - 1);
    if (name.equals("control")) {
      if (media == null) {
        sessionControl = content;
      } else {
        media.control = content;
      }
    } else if (media != null && name.equals("rtpmap")) {
      RtpMap map = RtpMap.parse(content);
      media.rtpMaps.put(map.payloadType(), map);
    } else if (media != null && name.equals("fmtp")) {
      parseFmtp(media, content);
    }
  }

  private static void parseFmtp(Draft media, String content) throws CodecException {
    int space = content.indexOf(' ');
    if (space < 0) {
      throw new CodecException(
          "a=fmtp: expected '<pt> <parameters>', got '" + Text.shorten(content) + "'");
    }
    int pt = Text.parseBounded(content.substring(0, space), 127, "a=fmtp payload type");
    String[] items = content.substring(space + 1).split(";", MAX_FMTP_PARAMETERS + 1);
    if (items.length > MAX_FMTP_PARAMETERS) {
      throw new CodecException("a=fmtp has more than " + MAX_FMTP_PARAMETERS + " parameters");
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      String key = (eq < 0 ? item : item.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
      if (!key.isEmpty()) {
        params.put(key, eq < 0 ? "" : item.substring(eq + 1).trim());
      }
    }
    media.fmtp.put(pt, params);
  }

  private Sdp build() throws CodecException {
    URI base = ControlUrl.resolve(requestBase, sessionControl);
    List<SdpMedia> media = new ArrayList<>();
    for (Draft d : drafts) {
      URI control = ControlUrl.resolve(base, d.control);
      media.add(
          new SdpMedia(d.type, d.port, d.protocol, d.payloadTypes, control, d.rtpMaps, d.fmtp));
    }
    return new Sdp(sessionName.trim(), base, media);
  }
}

package io.hearth.adapters.rtsp.codec;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A parsed session description (RFC 8866 subset an RTSP client needs): session name, and the media
 * sections with resolved control URLs, rtpmap and fmtp. Parsing is bounded by {@link #MAX_BYTES},
 * {@link #MAX_LINES}, {@link #MAX_LINE_LENGTH} and {@link #MAX_MEDIA}.
 *
 * @param base the URL relative controls were resolved against
 */
public record Sdp(String sessionName, URI base, List<SdpMedia> media) {
  public static final int MAX_BYTES = 64 * 1024;
  public static final int MAX_LINES = 512;
  public static final int MAX_LINE_LENGTH = 4096;
  public static final int MAX_MEDIA = 16;

  public Sdp {
    media = List.copyOf(media);
  }

  /**
   * Parses an SDP body.
   *
   * @param base Content-Base, else Content-Location, else the DESCRIBE request URL; see {@link
   *     #baseUrl(RtspHeaders, String)}
   */
  public static Sdp parse(String text, URI base) throws CodecException {
    return new SdpParser(base).parse(text);
  }

  /**
   * The base URL for a DESCRIBE answer (RFC 2326 §C.1.1): Content-Base, else Content-Location, else
   * the request URL.
   */
  public static URI baseUrl(RtspHeaders headers, String requestUrl) throws CodecException {
    Optional<String> header = headers.get("Content-Base").or(() -> headers.get("Content-Location"));
    return ControlUrl.parseAbsolute(header.orElse(requestUrl), "SDP base URL");
  }

  /** The first media section of the given type ({@code video}, {@code audio}). */
  public Optional<SdpMedia> first(String type) {
    return media.stream().filter(m -> m.type().equalsIgnoreCase(type)).findFirst();
  }
}

package io.hearth.adapters.rtsp.codec;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One media section of an SDP ({@code m=video 0 RTP/AVP 96} and its attributes), with its control
 * URL already resolved so SETUP can use it as is.
 *
 * @param type {@code video}, {@code audio}, {@code application}, ...
 * @param protocol for example {@code RTP/AVP}
 * @param payloadTypes the formats of the m= line, as RTP payload types, in preference order
 * @param control the absolute URL to SETUP this stream
 * @param rtpMaps {@code a=rtpmap} by payload type
 * @param formatParameters {@code a=fmtp} by payload type; keys lower-cased
 */
public record SdpMedia(
    String type,
    int port,
    String protocol,
    List<Integer> payloadTypes,
    URI control,
    Map<Integer, RtpMap> rtpMaps,
    Map<Integer, Map<String, String>> formatParameters) {

  public SdpMedia {
    payloadTypes = List.copyOf(payloadTypes);
    rtpMaps = Map.copyOf(rtpMaps);
    Map<Integer, Map<String, String>> copy = new LinkedHashMap<>();
    formatParameters.forEach((pt, params) -> copy.put(pt, Map.copyOf(params)));
    formatParameters = Map.copyOf(copy);
  }

  /** The first, preferred payload type. */
  public int payloadType() {
    return payloadTypes.get(0);
  }

  /** The rtpmap of the preferred payload type, if the SDP gave one. */
  public Optional<RtpMap> rtpMap() {
    return Optional.ofNullable(rtpMaps.get(payloadType()));
  }

  /** The fmtp parameters of the preferred payload type (empty if none). */
  public Map<String, String> fmtp() {
    return formatParameters.getOrDefault(payloadType(), Map.of());
  }

  /** True if the preferred payload type is the named encoding, for example {@code H264}. */
  public boolean isEncoding(String encodingName) {
    return rtpMap().map(map -> map.is(encodingName)).orElse(false);
  }
}

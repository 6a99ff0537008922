package io.hearth.adapters.mdns.participant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The participants the mDNS module browses for: built in, contributed, and configured. */
public final class Participants {
  private Participants() {}

  /** The built-in ones: RTSP, ONVIF, CoAP, MQTT, HTTP (MJPEG cameras, Shelly) and HomeKit. */
  public static List<MdnsParticipant> builtIn() {
    return List.of(
        new RtspParticipant(),
        new OnvifParticipant(),
        new CoapParticipant(),
        new MqttParticipant(),
        new HttpParticipant(),
        new HomeKitParticipant());
  }

  /**
   * One participant per service type: built-in first, then any found by {@link ServiceLoader}
   * (which may not replace a built-in), then {@code extraTypes} as generic ones.
   */
  public static Map<String, MdnsParticipant> all(List<String> extraTypes) {
    Map<String, MdnsParticipant> byType = new LinkedHashMap<>();
    List<MdnsParticipant> found = new ArrayList<>(builtIn());
    ServiceLoader.load(MdnsParticipant.class).forEach(found::add);
    extraTypes.stream().map(GenericParticipant::new).forEach(found::add);
    for (MdnsParticipant p : found) {
      byType.putIfAbsent(p.serviceType(), p);
    }
    return byType;
  }
}

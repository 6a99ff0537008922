package io.hearth.adapters.coap;

import io.hearth.adapters.coap.codec.CoapCodecException;
import io.hearth.adapters.coap.codec.GenericValue;
import io.hearth.adapters.coap.codec.LinkTargets;
import io.hearth.adapters.coap.codec.ResourceMap;
import io.hearth.adapters.coap.codec.WebLink;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.vertx.core.Future;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns one discovered resource into a Hearth device. A resource whose hints name a capability
 * ({@link ResourceMap}) becomes that capability; any other is read once and becomes a generic
 * {@link Capability#VALUE} (a number) or {@link Capability#TEXT}, so every RFC 6690 device shows
 * up. A resource that cannot be reached or read is not a device: its outcome says why.
 */
final class CoapResources {
  static final int MAX_ATTRIBUTE_CHARS = 256;

  private final CoapLink link;
  private final Devices devices;
  private final GenericValue generic;

  /** A resource as a device with what to watch, or the reason it is none. */
  record Outcome(WebLink link, SensorDevice device, ResourceWatch.Target target, String refusal) {
    static Outcome refused(WebLink link, String reason) {
      return new Outcome(link, null, null, reason);
    }

    CoapAddition.Unsupported unsupported() {
      return new CoapAddition.Unsupported(link.target(), link.title(), link.observable(), refusal);
    }
  }

  CoapResources(CoapLink link, Devices devices, CoapSettings settings) {
    this.link = link;
    this.devices = devices;
    this.generic = new GenericValue(settings.maxPayloadBytes());
  }

  /** Never fails for the device's sake; only the hub's own storage can fail it. */
  Future<Outcome> add(String name, URI base, Psk psk, WebLink web) {
    URI uri;
    try {
      uri = LinkTargets.resolve(base, web.target());
    } catch (CoapCodecException e) {
      return Future.succeededFuture(Outcome.refused(web, e.getMessage()));
    }
    ResourceMap.Mapping mapping = ResourceMap.map(web);
    if (mapping.capability().isPresent()) {
      return register(name, uri, psk, web, mapping.capability().get(), false);
    }
    return probe(uri, psk)
        .transform(
            read ->
                read.succeeded()
                    ? register(name, uri, psk, web, read.result(), true)
                    : Future.succeededFuture(Outcome.refused(web, reason(read.cause()))));
  }

  /** Reads the resource once: a number makes it a VALUE, anything else readable a TEXT. */
  private Future<Capability> probe(URI uri, Psk psk) {
    return link.get(uri, psk)
        .compose(
            reply -> {
              if (!reply.success()) {
                return Future.failedFuture(new CoapCodecException("answered " + reply.code()));
              }
              try {
                Object value = generic.decode(reply.contentFormat(), reply.payload());
                return Future.succeededFuture(
                    value instanceof Double ? Capability.VALUE : Capability.TEXT);
              } catch (CoapCodecException e) {
                return Future.failedFuture(e);
              }
            });
  }

  private Future<Outcome> register(
      String name, URI uri, Psk psk, WebLink web, Capability capability, boolean isGeneric) {
    String label = name + " " + (web.title().isEmpty() ? web.target() : web.title());
    return devices
        .ensure(CoapDevices.PROTOCOL, uri.toString(), label, Set.of(capability), attributes(web))
        .map(
            device ->
                new Outcome(
                    web,
                    device,
                    new ResourceWatch.Target(
                        uri, psk, web.observable(), device, capability, isGeneric),
                    null));
  }

  /** The device's own words for the resource, each cut to a sane length. */
  static Map<String, String> attributes(WebLink web) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (String name : new String[] {"rt", "if", "title"}) {
      web.attribute(name)
          .filter(v -> !v.isEmpty())
          .ifPresent(v -> kept.put(name, LinkTargets.preview(v, MAX_ATTRIBUTE_CHARS)));
    }
    return kept;
  }

  private static String reason(Throwable e) {
    return String.valueOf(e.getMessage());
  }
}

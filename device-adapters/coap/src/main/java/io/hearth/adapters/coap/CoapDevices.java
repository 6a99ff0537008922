package io.hearth.adapters.coap;

import io.hearth.adapters.coap.codec.CoapCodecException;
import io.hearth.adapters.coap.codec.LinkFormat;
import io.hearth.adapters.coap.codec.PayloadDecoder;
import io.hearth.adapters.coap.codec.ResourceMap;
import io.hearth.adapters.coap.codec.WebLink;
import io.hearth.runtime.HubException;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Adds CoAP devices by URL: reads {@code /.well-known/core}, registers one Hearth device per
 * resource that maps to a capability ({@link ResourceMap}), and keeps each resource's state with a
 * {@link ResourceWatch}. Remembers each device's PSK for commands (in memory only).
 */
public final class CoapDevices {
  static final String PROTOCOL = "coap";

  private final Vertx vertx;
  private final Context context;
  private final CoapLink link;
  private final CoapSettings settings;
  private final Devices devices;
  private final Map<String, Map<String, ResourceWatch>> watches = new ConcurrentHashMap<>();
  private final Map<String, Psk> keys = new ConcurrentHashMap<>();
  private volatile CoapDeviceStore store;

  CoapDevices(Vertx vertx, CoapLink link, CoapSettings settings, Devices devices) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.link = link;
    this.settings = settings;
    this.devices = devices;
  }

  /** Adds the device at {@code url} ({@code coap://host:port}); {@code psk} only for coaps. */
  public Future<List<SensorDevice>> add(String name, URI url, Psk psk) {
    return addDetailed(name, url, psk).map(CoapAddition::devices);
  }

  /** Like {@link #add}, also listing the resources Hearth cannot report and why. */
  public Future<CoapAddition> addDetailed(String name, URI url, Psk psk) {
    URI base;
    try {
      base = base(url, psk);
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
    Future<CoapAddition> added =
        link.get(base.resolve("/.well-known/core"), psk)
            .compose(reply -> links(base, reply))
            .compose(found -> register(name, base, psk, found));
    if (store == null) {
      return added;
    }
    // Kept, so the device is read and watched again after a restart.
    return added.compose(addition -> store.save(name, base, psk).map(addition));
  }

  /** Keeps every device added from now on in {@code store}. */
  void persistTo(CoapDeviceStore store) {
    this.store = store;
  }

  /** The last value a resource gave, as text: {@code lastValue("coap://h:5683", "/time")}. */
  public Optional<String> lastValue(String device, String resource) {
    ResourceWatch watch = watches.getOrDefault(key(device), Map.of()).get(resource);
    return watch == null ? Optional.empty() : watch.lastValue();
  }

  /** Whether the resource answered last time; empty before the first exchange. */
  public Optional<Boolean> online(String device, String resource) {
    ResourceWatch watch = watches.getOrDefault(key(device), Map.of()).get(resource);
    return watch == null ? Optional.empty() : watch.online();
  }

  /** The PSK a device was added with, for commands to its resources. */
  Psk pskFor(URI resource) {
    return keys.get(key(resource.getScheme() + "://" + resource.getRawAuthority()));
  }

  void stop() {
    watches.values().forEach(m -> m.values().forEach(ResourceWatch::stop));
    watches.clear();
  }

  static URI base(URI url, Psk psk) {
    String scheme = url.getScheme() == null ? "" : url.getScheme();
    if (!scheme.equals("coap") && !scheme.equals("coaps")) {
      throw HubException.badRequest("url must start with coap:// or coaps://, got " + url);
    }
    if (url.getHost() == null) {
      throw HubException.badRequest("url needs a host: " + url);
    }
    if (scheme.equals("coaps") && psk == null) {
      throw HubException.badRequest("coaps:// needs a PSK identity and key");
    }
    try {
      return new URI(scheme, null, url.getHost(), url.getPort(), "/", null, null);
    } catch (URISyntaxException e) {
      throw HubException.badRequest("bad url " + url + ": " + e.getMessage());
    }
  }

  private Future<List<WebLink>> links(URI base, CoapReply reply) {
    if (!reply.success()) {
      return Future.failedFuture(
          new HubException(
              502, "coap_refused", base + " answered " + reply.code() + " to /.well-known/core"));
    }
    int format = reply.contentFormat();
    if (format != PayloadDecoder.LINK_FORMAT && format != PayloadDecoder.UNDEFINED) {
      return Future.failedFuture(
          new HubException(
              502, "bad_link_format", base + " answered /.well-known/core in format " + format));
    }
    try {
      return Future.succeededFuture(
          new LinkFormat(settings.maxPayloadBytes(), LinkFormat.DEFAULT_MAX_LINKS)
              .parse(reply.payload()));
    } catch (CoapCodecException e) {
      return Future.failedFuture(
          new HubException(502, "bad_link_format", base + ": " + e.getMessage()));
    }
  }

  private Future<CoapAddition> register(String name, URI base, Psk psk, List<WebLink> found) {
    String key = key(base.toString());
    Map<String, ResourceWatch> old = watches.put(key, new ConcurrentHashMap<>());
    if (old != null) {
      old.values().forEach(ResourceWatch::stop);
    }
    if (psk != null) {
      keys.put(key, psk);
    }
    List<Future<SensorDevice>> registered = new ArrayList<>();
    List<CoapAddition.Unsupported> unsupported = new ArrayList<>();
    for (WebLink web : found) {
      if (!web.target().equals("/.well-known/core")) {
        resource(name, base, psk, ResourceMap.map(web), registered, unsupported);
      }
    }
    return Future.all(registered)
        .map(all -> new CoapAddition(all.<SensorDevice>list(), unsupported, found));
  }

  private void resource(
      String name,
      URI base,
      Psk psk,
      ResourceMap.Mapping mapping,
      List<Future<SensorDevice>> registered,
      List<CoapAddition.Unsupported> unsupported) {
    WebLink web = mapping.link();
    URI uri = base.resolve(web.target());
    if (mapping.capability().isEmpty()) {
      unsupported.add(
          new CoapAddition.Unsupported(
              web.target(), web.title(), web.observable(), mapping.reason()));
      if (web.observable()) {
        watch(base, web.target(), new ResourceWatch.Target(uri, psk, true, null, null));
      }
      return;
    }
    String label = name + " " + (web.title().isEmpty() ? web.target() : web.title());
    registered.add(
        devices
            .ensure(PROTOCOL, uri.toString(), label, Set.of(mapping.capability().get()))
            .onSuccess(
                device ->
                    watch(
                        base,
                        web.target(),
                        new ResourceWatch.Target(
                            uri, psk, web.observable(), device, mapping.capability().get()))));
  }

  private void watch(URI base, String path, ResourceWatch.Target target) {
    ResourceWatch watch = new ResourceWatch(vertx, link, settings, devices, target);
    Map<String, ResourceWatch> byPath = watches.get(key(base.toString()));
    if (byPath != null) {
      ResourceWatch previous = byPath.put(path, watch);
      if (previous != null) {
        previous.stop();
      }
      context.runOnContext(v -> watch.start());
    }
  }

  private static String key(String device) {
    return device.endsWith("/") ? device.substring(0, device.length() - 1) : device;
  }
}

package io.hearth.adapters.coap;

import io.hearth.adapters.coap.codec.CoapCodecException;
import io.hearth.adapters.coap.codec.LinkFormat;
import io.hearth.adapters.coap.codec.LinkTargets;
import io.hearth.adapters.coap.codec.PayloadDecoder;
import io.hearth.adapters.coap.codec.WebLink;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds CoAP devices by URL: reads {@code /.well-known/core}, registers one Hearth device per
 * readable resource ({@link CoapResources}: a known capability, else a generic value), and keeps
 * each resource's state with a {@link ResourceWatch}. Remembers each device's PSK for commands (in
 * memory only).
 */
public final class CoapDevices {
  static final String PROTOCOL = "coap";
  private static final Logger LOG = LoggerFactory.getLogger(CoapDevices.class);

  private final Vertx vertx;
  private final Context context;
  private final CoapLink link;
  private final CoapSettings settings;
  private final Devices devices;
  private final CoapResources resources;
  private final Map<String, Map<String, ResourceWatch>> watches = new ConcurrentHashMap<>();
  private final Map<String, Psk> keys = new ConcurrentHashMap<>();
  private volatile CoapDeviceStore store;

  CoapDevices(Vertx vertx, CoapLink link, CoapSettings settings, Devices devices) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.link = link;
    this.settings = settings;
    this.devices = devices;
    this.resources = new CoapResources(link, devices, settings);
  }

  /** Adds the device at {@code url} ({@code coap://host:port}); {@code psk} only for coaps. */
  public Future<List<SensorDevice>> add(String name, URI url, Psk psk) {
    return addDetailed(name, url, psk).map(CoapAddition::devices);
  }

  /**
   * Like {@link #add}, also listing the resources Hearth cannot read and why. Fails with a {@link
   * HubException} that names the device and what to do: 502 for a bad answer, 504 for none, 422
   * when no resource is readable; never with anything else for the device's sake.
   */
  public Future<CoapAddition> addDetailed(String name, URI url, Psk psk) {
    URI base;
    try {
      base = base(url, psk);
    } catch (HubException e) {
      return Future.failedFuture(e);
    }
    Future<CoapAddition> added =
        link.get(base.resolve("/.well-known/core"), psk)
            .recover(e -> Future.failedFuture(noAnswer(base, e)))
            .compose(reply -> links(base, reply))
            .compose(found -> register(name, base, psk, found))
            .compose(addition -> usable(base, addition))
            .recover(e -> Future.failedFuture(asHubException(base, e)));
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

  private static Throwable noAnswer(URI base, Throwable e) {
    return e instanceof HubException h ? AddErrors.noAnswer(base, h) : e;
  }

  private Future<List<WebLink>> links(URI base, CoapReply reply) {
    if (!reply.success()) {
      return Future.failedFuture(AddErrors.refused(base, reply.code()));
    }
    int format = reply.contentFormat();
    if (format != PayloadDecoder.LINK_FORMAT && format != PayloadDecoder.UNDEFINED) {
      return Future.failedFuture(
          AddErrors.badDocument(base, "content format " + format + ", not link format (40)"));
    }
    try {
      List<WebLink> found =
          new LinkFormat(settings.maxPayloadBytes(), LinkFormat.DEFAULT_MAX_LINKS)
              .parse(reply.payload());
      checkTargets(base, found);
      return Future.succeededFuture(found);
    } catch (CoapCodecException e) {
      return Future.failedFuture(
          AddErrors.badDocument(base, "a document Hearth cannot read: " + e.getMessage()));
    }
  }

  /** One good target is enough (the bad ones are listed as unsupported); none is garbage. */
  private static void checkTargets(URI base, List<WebLink> found) throws CoapCodecException {
    CoapCodecException first = null;
    for (WebLink web : found) {
      try {
        LinkTargets.resolve(base, web.target());
        return;
      } catch (CoapCodecException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private Future<CoapAddition> register(String name, URI base, Psk psk, List<WebLink> found) {
    List<Future<CoapResources.Outcome>> outcomes = new ArrayList<>();
    for (WebLink web : found) {
      if (!web.target().equals("/.well-known/core")) {
        outcomes.add(resources.add(name, base, psk, web));
      }
    }
    return Future.all(outcomes)
        .map(all -> watchAll(base, psk, all.<CoapResources.Outcome>list(), found));
  }

  private CoapAddition watchAll(
      URI base, Psk psk, List<CoapResources.Outcome> outcomes, List<WebLink> found) {
    List<CoapAddition.Unsupported> unsupported = new ArrayList<>();
    List<CoapResources.Outcome> readable = new ArrayList<>();
    for (CoapResources.Outcome outcome : outcomes) {
      if (outcome.device() == null) {
        unsupported.add(outcome.unsupported());
      } else {
        readable.add(outcome);
      }
    }
    if (!readable.isEmpty()) {
      watchOnly(base, psk, readable);
    }
    List<SensorDevice> added = readable.stream().map(CoapResources.Outcome::device).toList();
    return new CoapAddition(added, unsupported, found);
  }

  /** Replaces whatever was watched on this device by these resources. */
  private void watchOnly(URI base, Psk psk, List<CoapResources.Outcome> readable) {
    String key = key(base.toString());
    Map<String, ResourceWatch> old = watches.put(key, new ConcurrentHashMap<>());
    if (old != null) {
      old.values().forEach(ResourceWatch::stop);
    }
    if (psk != null) {
      keys.put(key, psk);
    }
    readable.forEach(o -> watch(base, o.link().target(), o.target()));
  }

  /** A device with nothing readable is not added; a list of nothing but bad targets is garbage. */
  private static Future<CoapAddition> usable(URI base, CoapAddition addition) {
    if (!addition.devices().isEmpty()) {
      return Future.succeededFuture(addition);
    }
    return Future.failedFuture(AddErrors.nothingUsable(base, addition.unsupported()));
  }

  private static HubException asHubException(URI base, Throwable e) {
    if (e instanceof HubException h) {
      return h;
    }
    LOG.error("adding the CoAP device at {} failed unexpectedly", base, e);
    return AddErrors.unexpected(base, e);
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

package io.hearth.adapters.coap;

import io.hearth.adapters.coap.codec.CapabilityValue;
import io.hearth.adapters.coap.codec.CoapCodecException;
import io.hearth.adapters.coap.codec.GenericValue;
import io.hearth.adapters.coap.codec.PayloadDecoder;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one resource's state current: observes it (RFC 7641) when it says it is observable,
 * re-registering after a loss, and polls it otherwise. Good values are reported; a bad payload is
 * logged once (until a good one comes) and the last good value stays; a silent device is reported
 * unavailable. Runs entirely on the Vert.x context.
 */
final class ResourceWatch {
  private static final Logger LOG = LoggerFactory.getLogger(ResourceWatch.class);

  private final Vertx vertx;
  private final CoapLink link;
  private final CoapSettings settings;
  private final Target target;
  private final PayloadDecoder decoder;
  private final GenericValue genericDecoder;
  private final Set<Capability> known = EnumSet.noneOf(Capability.class);
  private final Devices devices;
  private volatile String lastValue;
  private Boolean online;
  private boolean garbageLogged;
  private long timer = -1;
  private CoapLink.Observation observation;
  private boolean stopped;

  /**
   * What is watched: the resource, its key, and the device and capability it feeds. A generic
   * target feeds {@link Capability#VALUE} or {@link Capability#TEXT}, whichever each value is.
   */
  record Target(
      URI uri,
      Psk psk,
      boolean observable,
      SensorDevice device,
      Capability capability,
      boolean generic) {}

  ResourceWatch(Vertx vertx, CoapLink link, CoapSettings settings, Devices devices, Target target) {
    this.vertx = vertx;
    this.link = link;
    this.settings = settings;
    this.devices = devices;
    this.target = target;
    this.decoder = new PayloadDecoder(settings.maxPayloadBytes());
    this.genericDecoder = new GenericValue(settings.maxPayloadBytes());
    known.addAll(target.device().capabilities());
  }

  void start() {
    if (target.observable()) {
      observe();
    } else {
      poll();
    }
  }

  /** The last good value as text (what the device said, before any conversion). */
  Optional<String> lastValue() {
    return Optional.ofNullable(lastValue);
  }

  private void observe() {
    link.observe(target.uri(), target.psk(), this::accept, this::lost)
        .onSuccess(o -> observation = stopped ? cancel(o) : o)
        .onFailure(this::lost);
  }

  private static CoapLink.Observation cancel(CoapLink.Observation o) {
    o.cancel();
    return null;
  }

  private void lost(Throwable reason) {
    observation = null;
    unavailable(reason);
    // Re-register after a pause; the pause keeps a dead device from costing a busy loop.
    schedule(Math.min(settings.pollIntervalMs(), 5_000), this::observe);
  }

  private void poll() {
    link.get(target.uri(), target.psk())
        .onSuccess(this::accept)
        .onFailure(this::unavailable)
        .onComplete(done -> schedule(settings.pollIntervalMs(), this::poll));
  }

  private void schedule(long delayMs, Runnable action) {
    if (!stopped) {
      timer = vertx.setTimer(delayMs, t -> action.run());
    }
  }

  private void accept(CoapReply reply) {
    if (stopped) {
      return;
    }
    available(true);
    if (!reply.success()) {
      garbage("answered " + reply.code());
      return;
    }
    try {
      if (target.generic()) {
        acceptGeneric(genericDecoder.decode(reply.contentFormat(), reply.payload()));
      } else {
        Object value = decoder.decode(reply.contentFormat(), reply.payload());
        Object canonical = CapabilityValue.convert(target.capability(), value);
        lastValue = String.valueOf(value instanceof String ? value : canonical);
        devices.report(target.device().id(), target.capability(), canonical, now());
      }
      garbageLogged = false;
    } catch (CoapCodecException e) {
      garbage(e.getMessage());
    }
  }

  /** A number is a VALUE, anything else TEXT; the device gains the capability on first sight. */
  private void acceptGeneric(Object value) {
    Capability capability = value instanceof Double ? Capability.VALUE : Capability.TEXT;
    if (known.add(capability)) {
      SensorDevice device = target.device();
      devices
          .ensure(device.protocol(), device.address(), device.name(), Set.of(capability))
          .onFailure(
              e -> LOG.warn("{}: cannot record {}: {}", target.uri(), capability, e.getMessage()));
    }
    lastValue = String.valueOf(value);
    devices.report(target.device().id(), capability, value, now());
  }

  private void garbage(String reason) {
    if (!garbageLogged) {
      garbageLogged = true;
      LOG.warn("{}: ignoring its answer ({}); keeping the last good value", target.uri(), reason);
    }
  }

  private void unavailable(Throwable reason) {
    if (!stopped && !Boolean.FALSE.equals(online)) {
      LOG.warn("{}: unavailable: {}", target.uri(), reason.getMessage());
    }
    available(false);
  }

  private void available(boolean now) {
    if (stopped || Boolean.valueOf(now).equals(online)) {
      return;
    }
    online = now;
    devices.availability(target.device().id(), now, now());
  }

  /** Whether the last exchange worked; empty before the first. */
  Optional<Boolean> online() {
    return Optional.ofNullable(online);
  }

  void stop() {
    stopped = true;
    vertx.cancelTimer(timer);
    if (observation != null) {
      observation.cancel();
      observation = null;
    }
  }

  private static long now() {
    return System.currentTimeMillis();
  }
}

package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.DeviceDescription;
import io.hearth.adapters.mqtt.convention.ProblemKind;
import io.hearth.adapters.mqtt.convention.Reading;
import io.hearth.adapters.mqtt.convention.Translation;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.Devices;
import io.hearth.runtime.device.SensorDevice;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries translations into the device registry: registers (or grows) a device the first time its
 * key or a new capability is seen, then reports its readings, availability included. The map from
 * convention key to Hearth device id lives only as long as the bridge; it names devices, it grants
 * nothing. Reports of one device stay in order because each waits on that device's latest
 * registration. Used on one context only.
 */
final class DeviceFeed {
  static final String PROTOCOL = "mqtt";
  static final int MAX_DEVICES = 10_000;

  private final Devices devices;
  private final ProblemLog problems;
  private final Map<String, Known> known = new HashMap<>();
  private Registered registered = (key, name, id) -> {};

  /** Told of each device once it is registered (the discovery inbox lists it). */
  interface Registered {
    void registered(String key, String name, String deviceId);
  }

  /** A device key's registration so far: its id (once stored) and the capabilities sent. */
  private record Known(Future<String> id, Set<Capability> capabilities) {}

  DeviceFeed(Devices devices, ProblemLog problems) {
    this.devices = devices;
    this.problems = problems;
  }

  /**
   * Registers what the translation describes and reports what it read, timed {@code at}; returns
   * the ids of the devices it named (each completes once the device is registered).
   */
  List<Future<String>> apply(Translation translation, long at) {
    List<Future<String>> named = new ArrayList<>();
    for (DeviceDescription d : translation.descriptions()) {
      add(named, ensure(d.deviceKey(), d.name(), d.capabilities()));
    }
    for (Reading r : translation.readings()) {
      Future<String> id = ensure(r.deviceKey(), "", Set.of(r.capability()));
      if (id != null) {
        id.onSuccess(deviceId -> report(deviceId, r, at));
        add(named, id);
      }
    }
    return named;
  }

  private static void add(List<Future<String>> named, Future<String> id) {
    if (id != null && !named.contains(id)) {
      named.add(id);
    }
  }

  void onRegistered(Registered listener) {
    this.registered = listener;
  }

  int size() {
    return known.size();
  }

  private void report(String deviceId, Reading r, long at) {
    if (r.capability() == Capability.AVAILABILITY) {
      devices.availability(deviceId, (Boolean) r.value(), at);
    } else {
      devices.report(deviceId, r.capability(), r.value(), at);
    }
  }

  /** The device id, registering first when the key or a capability is new; null when refused. */
  private Future<String> ensure(String key, String name, Set<Capability> capabilities) {
    Known k = known.get(key);
    if (k != null && k.capabilities().containsAll(capabilities)) {
      return k.id();
    }
    if (k == null && known.size() >= MAX_DEVICES) {
      problems.report(key, ProblemKind.LIMIT_EXCEEDED, "more than " + MAX_DEVICES + " devices");
      return null;
    }
    Set<Capability> all = EnumSet.noneOf(Capability.class);
    all.addAll(capabilities);
    Future<String> before = Future.succeededFuture();
    if (k != null) {
      all.addAll(k.capabilities());
      before = k.id().otherwiseEmpty();
    }
    String label = name.isEmpty() ? key.substring(key.indexOf(':') + 1) : name;
    Future<String> id =
        before.compose(ignored -> devices.ensure(PROTOCOL, key, label, all)).map(SensorDevice::id);
    Known entry = new Known(id, Set.copyOf(all));
    known.put(key, entry);
    id.onFailure(e -> forget(key, entry, e))
        .onSuccess(deviceId -> registered.registered(key, label, deviceId));
    return id;
  }

  /** The owner removed the device: it is registered anew if it speaks again. */
  void forget(String key) {
    known.remove(key);
  }

  private void forget(String key, Known entry, Throwable cause) {
    known.remove(key, entry);
    problems.report(key, ProblemKind.INTERNAL, "could not register the device: " + cause);
  }
}

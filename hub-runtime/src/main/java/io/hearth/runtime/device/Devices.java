package io.hearth.runtime.device;

import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.Scope;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.security.Access;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of sensors and actuators, what adapters call: {@link #ensure} a device they see,
 * {@link #report} its values, {@link #registerCommands} to carry commands; and what the API calls
 * to read and command them, always through {@link Access}.
 */
public final class Devices {
  private final Database db;
  private final EventStore events;
  private final Access access;
  private final Map<String, CommandHandler> handlers = new ConcurrentHashMap<>();

  public Devices(Database db, EventStore events, Access access) {
    this.db = db;
    this.events = events;
    this.access = access;
  }

  public EventStore events() {
    return events;
  }

  /** The device at this address, registered now if new; its capabilities grow as seen. */
  public Future<SensorDevice> ensure(
      String protocol, String address, String name, Set<Capability> capabilities) {
    return ensure(protocol, address, name, capabilities, null);
  }

  /**
   * Like {@link #ensure(String, String, String, Set)}, also keeping what the device says about the
   * sensor ({@code attributes}, replacing earlier ones; null keeps them).
   */
  public Future<SensorDevice> ensure(
      String protocol,
      String address,
      String name,
      Set<Capability> capabilities,
      Map<String, String> attributes) {
    return db.write(
        c ->
            SensorRows.byAddress(c, address)
                .map(found -> describe(c, grow(c, found, capabilities), attributes))
                .orElseGet(
                    () ->
                        insert(
                            c,
                            new SensorDevice(
                                Ids.newId("dev"),
                                name,
                                protocol,
                                address,
                                capabilities,
                                System.currentTimeMillis(),
                                attributes == null ? Map.of() : attributes))));
  }

  /** Queues a reported value (in the capability's canonical unit) for the history and state. */
  public boolean report(String deviceId, Capability capability, Object value, long at) {
    return events.append(
        new DeviceEvent(0, deviceId, DeviceEvent.STATE, capability, value, capability.unit(), at));
  }

  /** Queues a change of availability (online true/false). */
  public boolean availability(String deviceId, boolean online, long at) {
    return events.append(
        new DeviceEvent(0, deviceId, DeviceEvent.AVAILABILITY, null, online, "", at));
  }

  public void registerCommands(String protocol, CommandHandler handler) {
    handlers.put(protocol, handler);
  }

  public void unregisterCommands(String protocol) {
    handlers.remove(protocol);
  }

  public Future<List<SensorDevice>> list() {
    return db.read(SensorRows::all);
  }

  public Future<SensorDevice> get(String id) {
    return db.read(c -> SensorRows.byId(c, id))
        .map(found -> found.orElseThrow(() -> HubException.notFound("no device with id " + id)));
  }

  /**
   * Removes a sensor or switch, with its grants (by cascade), state and history; audited. Returns
   * the device as it was, so its adapter can forget it ({@code BusAddresses.DEVICE_REMOVED}).
   */
  public Future<SensorDevice> remove(Principal actor, String id) {
    return db.write(
        c -> {
          SensorDevice device =
              SensorRows.byId(c, id)
                  .orElseThrow(() -> HubException.notFound("no device with id " + id));
          SensorRows.delete(c, id);
          AuditLog.append(c, actor, "device.remove", id, device.toJson());
          return device;
        });
  }

  /** Sends a command after checking the caller's control grant; audited. */
  public Future<Void> command(
      Principal principal, String deviceId, Capability capability, Object value) {
    return access
        .check(principal, deviceId, Scope.CONTROL, false)
        .compose(grant -> commandChecked(principal, deviceId, capability, value));
  }

  /**
   * Sends a command whose control grant the caller has already checked (the MQTT broker's ACL did,
   * at publish time); audited under {@code actor}.
   */
  public Future<Void> commandChecked(
      Principal actor, String deviceId, Capability capability, Object value) {
    return get(deviceId)
        .compose(
            device -> {
              CommandHandler handler = handlers.get(device.protocol());
              if (handler == null) {
                return Future.failedFuture(
                    new HubException(
                        503,
                        "adapter_unavailable",
                        "the "
                            + device.protocol()
                            + " adapter is not running; enable it to command "
                            + device.name()));
              }
              return handler
                  .execute(device, capability, value)
                  .compose(v -> audit(actor, device, capability, value));
            });
  }

  private Future<Void> audit(
      Principal principal, SensorDevice device, Capability capability, Object value) {
    events.append(
        new DeviceEvent(
            0,
            device.id(),
            DeviceEvent.COMMAND,
            capability,
            value,
            capability.unit(),
            System.currentTimeMillis()));
    return db.write(
        c -> {
          AuditLog.append(
              c,
              principal,
              "device.command",
              device.id(),
              new JsonObject().put("capability", capability.wireName()).put("value", value));
          return null;
        });
  }

  private static SensorDevice insert(Connection c, SensorDevice device) {
    try {
      SensorRows.insert(c, device);
      AuditLog.append(c, Principal.HUB, "device.register", device.id(), device.toJson());
      return device;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot register device " + device.address(), e);
    }
  }

  private static SensorDevice grow(Connection c, SensorDevice found, Set<Capability> seen) {
    if (found.capabilities().containsAll(seen)) {
      return found;
    }
    Set<Capability> all = EnumSet.noneOf(Capability.class);
    all.addAll(found.capabilities());
    all.addAll(seen);
    try {
      SensorRows.updateCapabilities(c, found.id(), all);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update device " + found.address(), e);
    }
    return found.withCapabilities(all);
  }

  private static SensorDevice describe(
      Connection c, SensorDevice found, Map<String, String> attributes) {
    if (attributes == null || attributes.equals(found.attributes())) {
      return found;
    }
    try {
      SensorRows.updateAttributes(c, found.id(), attributes);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update device " + found.address(), e);
    }
    return found.withAttributes(attributes);
  }
}

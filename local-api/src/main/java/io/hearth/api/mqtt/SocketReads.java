package io.hearth.api.mqtt;

import io.vertx.core.net.NetSocket;
import io.vertx.mqtt.MqttEndpoint;
import java.lang.reflect.Field;
import java.util.EnumSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds and releases reading from one client's socket, for as many reasons at once as apply. It is
 * how the broker slows a client down instead of dropping what the client sent: a publisher past its
 * rate, or whose messages a subscriber cannot take yet, is simply not read for a while (its packets
 * wait in the kernel, TCP pushes back, nothing acknowledged is lost); and packets a client sends
 * right after CONNECT (allowed by MQTT 3.1.1 and 5, section 3.1.4) wait until the CONNACK is out
 * instead of being thrown away.
 *
 * <p>Vert.x MQTT does not expose its endpoint's socket, so it is found by reflection, once per
 * connection. Where that fails (a Vert.x version that changed it), reads are never held: the broker
 * still works, floods are then refused as before, and one warning says so.
 */
final class SocketReads {
  /** Why reads are held. */
  enum Reason {
    CONNECTING,
    RATE,
    SUBSCRIBERS_BEHIND
  }

  private static final Logger LOG = LoggerFactory.getLogger(SocketReads.class);
  private static final Field SOCKET = socketField();

  private final NetSocket socket;
  private final Set<Reason> held = EnumSet.noneOf(Reason.class);

  private SocketReads(NetSocket socket) {
    this.socket = socket;
  }

  static SocketReads of(MqttEndpoint endpoint) {
    if (SOCKET == null || !SOCKET.getDeclaringClass().isInstance(endpoint)) {
      return new SocketReads(null);
    }
    try {
      return new SocketReads((NetSocket) SOCKET.get(endpoint));
    } catch (ReflectiveOperationException | ClassCastException e) {
      return new SocketReads(null);
    }
  }

  /** Whether reads can be held at all on this connection. */
  boolean controllable() {
    return socket != null;
  }

  boolean holding(Reason reason) {
    return held.contains(reason);
  }

  void hold(Reason reason) {
    if (held.isEmpty() && socket != null) {
      socket.pause();
    }
    held.add(reason);
  }

  void release(Reason reason) {
    if (held.remove(reason) && held.isEmpty() && socket != null) {
      socket.resume();
    }
  }

  private static Field socketField() {
    try {
      Field field = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("conn");
      if (!NetSocket.class.isAssignableFrom(field.getType())) {
        throw new NoSuchFieldException("conn is a " + field.getType());
      }
      field.setAccessible(true);
      return field;
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn(
          "MQTT: cannot reach the client sockets of this Vert.x version ({}); publishers past"
              + " their rate are refused instead of slowed, and packets sent before CONNACK are"
              + " lost",
          e.toString());
      return null;
    }
  }
}

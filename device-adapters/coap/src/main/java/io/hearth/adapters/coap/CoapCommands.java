package io.hearth.adapters.coap;

import io.hearth.adapters.coap.codec.PayloadDecoder;
import io.hearth.runtime.device.Capability;
import io.hearth.runtime.device.CommandHandler;
import io.hearth.runtime.device.SensorDevice;
import io.hearth.runtime.error.HubException;
import io.vertx.core.Future;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * Carries commands to CoAP devices: a PUT of the value as plain text to the device's resource
 * ({@code 1}/{@code 0} for on/off, the number otherwise), and a POST if the device says PUT is not
 * allowed. Fails with 502 when the device refuses and 504 when it does not answer.
 */
final class CoapCommands implements CommandHandler {
  private final CoapLink link;
  private final CoapDevices devices;

  CoapCommands(CoapLink link, CoapDevices devices) {
    this.link = link;
    this.devices = devices;
  }

  @Override
  public Future<Void> execute(SensorDevice device, Capability capability, Object value) {
    URI uri;
    byte[] payload;
    try {
      uri = URI.create(device.address());
      payload = encode(capability, value);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(HubException.badRequest(e.getMessage()));
    }
    Psk psk = devices.pskFor(uri);
    return send("PUT", uri, psk, payload)
        .compose(
            reply ->
                reply.code().startsWith("4.05")
                    ? send("POST", uri, psk, payload)
                    : Future.succeededFuture(reply))
        .compose(reply -> outcome(device, reply));
  }

  private Future<CoapReply> send(String method, URI uri, Psk psk, byte[] payload) {
    return link.send(method, uri, psk, payload, PayloadDecoder.TEXT);
  }

  private static Future<Void> outcome(SensorDevice device, CoapReply reply) {
    if (reply.success()) {
      return Future.succeededFuture();
    }
    return Future.failedFuture(
        new HubException(
            502,
            "device_refused",
            device.name()
                + " refused the command: "
                + reply.code()
                + " ("
                + device.address()
                + ")"));
  }

  /** The value as the text a CoAP device expects. */
  static byte[] encode(Capability capability, Object value) {
    String text =
        switch (capability.valueType()) {
          case BOOLEAN -> bool(capability, value) ? "1" : "0";
          case NUMBER -> number(capability, value);
          default -> String.valueOf(value);
        };
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean bool(Capability capability, Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException(capability.wireName() + " takes true or false");
  }

  private static String number(Capability capability, Object value) {
    if (!(value instanceof Number n) || !capability.isPlausible(n.doubleValue())) {
      throw new IllegalArgumentException(
          capability.wireName()
              + " takes a number from "
              + capability.min()
              + " to "
              + capability.max());
    }
    double d = n.doubleValue();
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}

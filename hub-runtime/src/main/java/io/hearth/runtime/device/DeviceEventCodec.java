package io.hearth.runtime.device;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * Carries {@link DeviceEvent}s on the local event bus as they are: the record is immutable, so
 * every consumer gets the same instance, instead of a JSON copy per consumer that each turns back
 * into a record (at thousands of sensor readings a second, that garbage was the latency tail). Over
 * the wire (never used by the hub, which publishes events locally) it is the event's JSON.
 */
final class DeviceEventCodec implements MessageCodec<DeviceEvent, DeviceEvent> {
  @Override
  public void encodeToWire(Buffer buffer, DeviceEvent event) {
    Buffer json = event.toJson().toBuffer();
    buffer.appendInt(json.length()).appendBuffer(json);
  }

  @Override
  public DeviceEvent decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return DeviceEvent.fromJson(new JsonObject(buffer.getBuffer(pos + 4, pos + 4 + length)));
  }

  @Override
  public DeviceEvent transform(DeviceEvent event) {
    return event;
  }

  @Override
  public String name() {
    return "hearth.device-event";
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}

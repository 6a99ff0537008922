package io.hearth.runtime.net.egress;

import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection the hub opened to an address outside the home network, as the socket saw it: when,
 * to where, for what (the purpose the ledger was told for that address, or {@code unannounced}),
 * and the bytes each way, counted as they pass. Shared between the connection's event loop
 * (counting) and readers of the ledger.
 */
public final class EgressConnection {
  private final long openedAt;
  private final String purpose;
  private final String destination;
  private final String transport;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();
  private volatile long closedAt;

  EgressConnection(long openedAt, String purpose, String destination, String transport) {
    this.openedAt = openedAt;
    this.purpose = purpose;
    this.destination = destination;
    this.transport = transport;
  }

  void sent(long bytes) {
    sent.addAndGet(bytes);
  }

  void received(long bytes) {
    received.addAndGet(bytes);
  }

  void closed(long at) {
    closedAt = at;
  }

  public long openedAt() {
    return openedAt;
  }

  public String purpose() {
    return purpose;
  }

  public String destination() {
    return destination;
  }

  public long bytesSent() {
    return sent.get();
  }

  public long bytesReceived() {
    return received.get();
  }

  public boolean open() {
    return closedAt == 0;
  }

  public JsonObject toJson() {
    JsonObject json =
        new JsonObject()
            .put("opened_at", Timestamps.iso(openedAt))
            .put("purpose", purpose)
            .put("destination", destination)
            .put("transport", transport)
            .put("bytes_sent", sent.get())
            .put("bytes_received", received.get());
    return closedAt == 0 ? json.put("open", true) : json.put("closed_at", Timestamps.iso(closedAt));
  }
}

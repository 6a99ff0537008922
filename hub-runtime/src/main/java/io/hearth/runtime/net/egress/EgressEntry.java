package io.hearth.runtime.net.egress;

import io.hearth.runtime.domain.Timestamps;
import io.vertx.core.json.JsonObject;

/**
 * One connection the hub made, or was refused, to an address outside the home network.
 *
 * @param at epoch milliseconds
 * @param purpose what wanted it, e.g. {@code camera Porch (rtsp)}
 * @param destination host and port as configured
 * @param addresses the outside addresses the host resolved to
 * @param outcome {@code allowed} or {@code refused}
 */
public record EgressEntry(
    long at, String purpose, String destination, String addresses, String outcome) {
  public JsonObject toJson() {
    return new JsonObject()
        .put("at", Timestamps.iso(at))
        .put("purpose", purpose)
        .put("destination", destination)
        .put("addresses", addresses)
        .put("outcome", outcome);
  }
}

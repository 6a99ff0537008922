package io.hearth.runtime.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A listener admits within its limits in all and per address, and counts what it did. */
class ConnectionLimitsTest {
  @Test
  void aListenerAdmitsWithinBothLimitsAndCountsRefusals() {
    Listener listener = new ConnectionLimits(60_000).listener("http", 3, 2);

    Listener.Ticket first = listener.admit("10.0.0.1");
    assertNotNull(first);
    assertNotNull(listener.admit("10.0.0.1"));
    assertNull(listener.admit("10.0.0.1"), "a third from one address passed the per-address limit");
    assertNotNull(listener.admit("10.0.0.2"));
    assertNull(listener.admit("10.0.0.3"), "a fourth in all passed the total limit");

    assertEquals(new Listener.Counts(3, 3, 2, 0), listener.counts());
  }

  @Test
  void aTicketGivesItsPlaceBackOnceOnly() {
    Listener listener = new ConnectionLimits(60_000).listener("mqtt", 10, 1);
    Listener.Ticket ticket = listener.admit("10.0.0.1");

    ticket.release();
    ticket.release();
    Listener.Ticket again = listener.admit("10.0.0.1");

    assertNotNull(again);
    assertNull(listener.admit("10.0.0.1"), "a double release made room for two");
    assertEquals(1, listener.counts().open());
  }
}

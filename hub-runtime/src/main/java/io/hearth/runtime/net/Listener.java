package io.hearth.runtime.net;

import java.util.HashMap;
import java.util.Map;

/**
 * The connection limits and counters of one listening socket: at most {@code max} connections open
 * at once, at most {@code maxPerAddress} of them from one source address. Safe to use from any
 * thread (a listener's connections may be spread over several event loops).
 */
public final class Listener {
  private final String name;
  private final int max;
  private final int maxPerAddress;
  private final ConnectionLimits owner;
  private final Map<String, Integer> perAddress = new HashMap<>();
  private long accepted;
  private long refused;
  private long timedOut;
  private int open;

  Listener(String name, int max, int maxPerAddress, ConnectionLimits owner) {
    this.name = name;
    this.max = max;
    this.maxPerAddress = maxPerAddress;
    this.owner = owner;
  }

  /** A snapshot of the counters: open now, and accepted, refused and timed out since start. */
  public record Counts(int open, long accepted, long refused, long timedOut) {}

  /** One admitted connection; {@link #release()} when it closes (more calls do nothing). */
  public interface Ticket {
    void release();
  }

  public String name() {
    return name;
  }

  /**
   * Admits a new connection from {@code address}, or returns null (counted, logged at most once a
   * minute) when the listener or that address already has its maximum open.
   */
  public Ticket admit(String address) {
    String cause = take(address);
    if (cause == null) {
      return new Once(address);
    }
    owner.log(
        name,
        cause,
        "{}: refused a connection from {}: {} (connections.{}.{}); refusals are counted in health",
        name,
        address,
        cause.equals("total") ? max + " open in all" : maxPerAddress + " open from that address",
        name,
        cause.equals("total") ? "max" : "max-per-address");
    return null;
  }

  /** Counts a refusal for a limit kept elsewhere (the MQTT broker's most clients in all). */
  public void refuse(String address, String why) {
    synchronized (this) {
      refused++;
    }
    owner.log(name, "other:" + why, "{}: refused a connection from {}: {}", name, address, why);
  }

  /** Counts a connection closed because it was too slow (handshake, request head, CONNECT). */
  public void timedOut(String address, String what) {
    synchronized (this) {
      timedOut++;
    }
    owner.log(name, "slow:" + what, "{}: closed a connection from {}: {}", name, address, what);
  }

  public synchronized Counts counts() {
    return new Counts(open, accepted, refused, timedOut);
  }

  /** Null if admitted, else the cause of the refusal. */
  private synchronized String take(String address) {
    int fromAddress = perAddress.getOrDefault(address, 0);
    String cause = open >= max ? "total" : fromAddress >= maxPerAddress ? "per-address" : null;
    if (cause != null) {
      refused++;
      return cause;
    }
    open++;
    accepted++;
    perAddress.put(address, fromAddress + 1);
    return null;
  }

  private synchronized void give(String address) {
    open--;
    int left = perAddress.getOrDefault(address, 1) - 1;
    if (left <= 0) {
      perAddress.remove(address);
    } else {
      perAddress.put(address, left);
    }
  }

  private final class Once implements Ticket {
    private final String address;
    private boolean released;

    Once(String address) {
      this.address = address;
    }

    @Override
    public void release() {
      synchronized (this) {
        if (released) {
          return;
        }
        released = true;
      }
      give(address);
    }
  }
}

package io.hearth.adapters.mdns;

import io.hearth.adapters.mdns.participant.ServiceRecord;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to one service type on one JmDNS: asks to resolve each added service (persistently, so a
 * later change of address or TXT is heard as well) and hands resolved ones on as {@link
 * ServiceRecord}s. Resolving may wait, so it runs on the resolver threads, not JmDNS's own.
 */
final class Resolution implements ServiceListener {
  private static final Logger LOG = LoggerFactory.getLogger(Resolution.class);

  private final JmDNS jmdns;

  /** How long to wait, step by step, for a TXT record JmDNS has not read yet (sum ~0.7 s). */
  static final long[] TXT_GRACE_MS = {20, 150, 500};

  private final ScheduledExecutorService resolver;
  private final Consumer<ServiceRecord> resolved;

  Resolution(JmDNS jmdns, ScheduledExecutorService resolver, Consumer<ServiceRecord> resolved) {
    this.jmdns = jmdns;
    this.resolver = resolver;
    this.resolved = resolved;
  }

  @Override
  public void serviceAdded(ServiceEvent event) {
    String type = event.getType();
    String name = event.getName();
    try {
      resolver.execute(() -> jmdns.requestServiceInfo(type, name, true, 1));
    } catch (RejectedExecutionException e) {
      // Closing.
    }
  }

  @Override
  public void serviceRemoved(ServiceEvent event) {
    // The inbox keeps what it saw; a device that comes back is the same entry.
  }

  @Override
  public void serviceResolved(ServiceEvent event) {
    ServiceInfo info = event.getInfo();
    if (info == null || !info.hasData()) {
      return;
    }
    ServiceRecord record = record(info, info.getTextBytes());
    if (!record.txt().isEmpty()) {
      resolved.accept(record);
      return;
    }
    // JmDNS may resolve a service before the TXT record of the same packet is read, and the TXT
    // can change its identity (a MAC): look again in a moment, from JmDNS's cache.
    // Reported without TXT only if none has come after the last wait: an entry keyed by its
    // instance name would otherwise stand beside the one its TXT (a MAC, an id) names.
    later(info, 0);
  }

  private void later(ServiceInfo info, int step) {
    try {
      resolver.schedule(() -> withCachedTxt(info, step), TXT_GRACE_MS[step], TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closing.
    }
  }

  private void withCachedTxt(ServiceInfo info, int step) {
    try {
      ServiceInfo cached = jmdns.getServiceInfo(info.getType(), info.getName(), false, 1);
      byte[] txt = cached == null ? info.getTextBytes() : cached.getTextBytes();
      ServiceRecord record = record(info, txt);
      if (record.txt().isEmpty() && step + 1 < TXT_GRACE_MS.length) {
        later(info, step + 1);
        return;
      }
      resolved.accept(record);
    } catch (RuntimeException e) {
      LOG.debug("mDNS: ignoring a service that cannot be read: {}", e.toString());
    }
  }

  /** Our record of a JmDNS service: IPv4 before IPv6, the latest announced address first. */
  static ServiceRecord record(ServiceInfo info, byte[] txt) {
    List<InetAddress> addresses = new ArrayList<>();
    addLatestFirst(addresses, info.getInet4Addresses());
    addLatestFirst(addresses, info.getInet6Addresses());
    return new ServiceRecord(
        info.getType(),
        TxtRecords.clean(info.getName(), TxtRecords.MAX_VALUE),
        info.getServer() == null ? null : TxtRecords.clean(info.getServer(), TxtRecords.MAX_VALUE),
        info.getPort(),
        addresses,
        TxtRecords.parse(txt));
  }

  private static void addLatestFirst(List<InetAddress> into, InetAddress[] addresses) {
    for (int i = addresses.length - 1; i >= 0; i--) {
      into.add(addresses[i]);
    }
  }
}

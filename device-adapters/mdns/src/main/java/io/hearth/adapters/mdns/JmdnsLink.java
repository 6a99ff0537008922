package io.hearth.adapters.mdns;

import io.hearth.adapters.mdns.participant.ServiceRecord;
import io.hearth.runtime.discovery.DiscoveryInterfaces;
import io.hearth.runtime.discovery.ServiceAnnouncement;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MdnsLink} on JmDNS: one JmDNS per interface and address family that {@code
 * discovery.interfaces} chooses, checked every few seconds and rebuilt only where an address
 * changed. Every blocking JmDNS call (create, register, close) runs on one worker thread, so the
 * event loop never waits and changes happen in order.
 */
final class JmdnsLink implements MdnsLink {
  private static final Logger LOG = LoggerFactory.getLogger(JmdnsLink.class);

  private final DiscoveryInterfaces interfaces;
  private final String hostName;
  private final long pollMs;
  private final Map<String, Consumer<ServiceRecord>> browsers = new LinkedHashMap<>();
  private final ScheduledExecutorService worker =
      Executors.newScheduledThreadPool(1, named("mdns"));
  private final ScheduledExecutorService resolver =
      Executors.newScheduledThreadPool(2, named("mdns-resolve"));
  // Touched on the worker thread only.
  private final Map<String, Instance> instances = new HashMap<>();
  private List<ServiceAnnouncement> announced = List.of();

  /**
   * One JmDNS on one address, and its receiving thread when it could be found: JmDNS's listener
   * survives only IOExceptions, and one malformed datagram (an AAAA record of 4 bytes) ends it with
   * a ClassCastException, so the link watches it and opens the instance again.
   */
  private record Instance(InetAddress address, JmDNS jmdns, Thread listener) {
    boolean deaf() {
      return listener != null && !listener.isAlive();
    }
  }

  JmdnsLink(DiscoveryInterfaces interfaces, String hostName, long pollMs) {
    this.interfaces = interfaces;
    this.hostName = hostName;
    this.pollMs = pollMs;
  }

  @Override
  public void browse(String type, Consumer<ServiceRecord> resolved) {
    browsers.put(ServiceRecord.normalType(type) + ".local.", resolved);
  }

  @Override
  public Future<Void> start() {
    Promise<Void> started = Promise.promise();
    worker.execute(
        () -> {
          refresh();
          started.complete();
        });
    worker.scheduleWithFixedDelay(this::refresh, pollMs, pollMs, TimeUnit.MILLISECONDS);
    worker.scheduleWithFixedDelay(this::revive, 1, 1, TimeUnit.SECONDS);
    return started.future();
  }

  @Override
  public void advertise(List<ServiceAnnouncement> announcements) {
    List<ServiceAnnouncement> copy = List.copyOf(announcements);
    worker.execute(
        () -> {
          if (copy.equals(announced)) {
            return;
          }
          announced = copy;
          instances.values().forEach(i -> i.jmdns().unregisterAllServices());
          instances.values().forEach(this::register);
        });
  }

  @Override
  public Future<Void> close() {
    Promise<Void> closed = Promise.promise();
    worker.execute(
        () -> {
          closeAll(new ArrayList<>(instances.values()));
          instances.clear();
          resolver.shutdownNow();
          worker.shutdown();
          closed.complete();
        });
    return closed.future();
  }

  /** The interfaces' addresses as wanted now, one per interface and family. */
  private Map<String, InetAddress> wanted() {
    Map<String, InetAddress> wanted = new LinkedHashMap<>();
    try {
      for (var nic : interfaces.select()) {
        for (InetAddress a : java.util.Collections.list(nic.getInetAddresses())) {
          String key = nic.getName() + (a instanceof java.net.Inet6Address ? "/ipv6" : "/ipv4");
          wanted.putIfAbsent(key, a);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("mDNS: cannot list network interfaces, keeping the current ones: {}", e.toString());
      return null;
    }
    return wanted;
  }

  /** Opens again every instance whose receiving thread a malformed datagram ended. */
  private void revive() {
    List<Instance> deaf = new ArrayList<>();
    instances.entrySet().removeIf(e -> e.getValue().deaf() && deaf.add(e.getValue()));
    if (deaf.isEmpty()) {
      return;
    }
    deaf.forEach(
        i ->
            LOG.warn(
                "mDNS on {} stopped listening after a malformed datagram from the network;"
                    + " opening it again",
                i.address().getHostAddress()));
    closeAll(deaf);
    refresh();
  }

  private void refresh() {
    Map<String, InetAddress> wanted = wanted();
    if (wanted == null) {
      return;
    }
    List<Instance> gone = new ArrayList<>();
    for (var it = instances.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (!Objects.equals(wanted.get(e.getKey()), e.getValue().address())) {
        gone.add(e.getValue());
        it.remove();
      }
    }
    closeAll(gone);
    List<Instance> opened = new ArrayList<>();
    wanted.forEach(
        (key, address) -> {
          if (!instances.containsKey(key)) {
            Instance instance = open(address);
            if (instance != null) {
              instances.put(key, instance);
              opened.add(instance);
            }
          }
        });
    opened.forEach(this::register);
    if (instances.isEmpty() && !wanted.isEmpty()) {
      LOG.warn("mDNS runs on no interface; check discovery.interfaces ({})", interfaces);
    }
  }

  private Instance open(InetAddress address) {
    try {
      JmDNS jmdns = JmDNS.create(address, hostName);
      browsers.forEach(
          (type, consumer) ->
              jmdns.addServiceListener(type, new Resolution(jmdns, resolver, consumer)));
      LOG.info("mDNS on {}", address.getHostAddress());
      return new Instance(address, jmdns, listenerOf(jmdns));
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "mDNS cannot open on {}: {}; will try again in {} ms",
          address.getHostAddress(),
          e.toString(),
          pollMs);
      return null;
    }
  }

  private void register(Instance instance) {
    for (ServiceAnnouncement a : announced) {
      try {
        ServiceInfo info =
            ServiceInfo.create(a.type() + ".local.", a.name(), a.port(), 0, 0, a.txt());
        instance.jmdns().registerService(info);
      } catch (IOException | RuntimeException e) {
        LOG.warn(
            "mDNS cannot advertise {} on {}: {}",
            a.type(),
            instance.address().getHostAddress(),
            e.toString());
      }
    }
  }

  /** Closes in parallel: each JmDNS says goodbye and waits a little. */
  private static void closeAll(List<Instance> closing) {
    List<Thread> threads = new ArrayList<>();
    for (Instance i : closing) {
      Thread t = new Thread(() -> closeQuietly(i), "hearth-mdns-close");
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static void closeQuietly(Instance instance) {
    try {
      instance.jmdns().close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("mDNS close on {}: {}", instance.address(), e.toString());
    }
  }

  /** JmDNS's receiving thread ("SocketListener(name)"), its death logged as one line. */
  private static Thread listenerOf(JmDNS jmdns) {
    String name = "SocketListener(" + jmdns.getName() + ")";
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals(name)) {
        t.setUncaughtExceptionHandler(
            (thread, e) -> LOG.warn("mDNS: {} ended: {}", thread.getName(), e.toString()));
        return t;
      }
    }
    LOG.debug("mDNS: no thread named {}; a stopped listener is not watched", name);
    return null;
  }

  private static ThreadFactory named(String name) {
    return runnable -> {
      Thread t = new Thread(runnable, "hearth-" + name);
      t.setDaemon(true);
      return t;
    };
  }
}

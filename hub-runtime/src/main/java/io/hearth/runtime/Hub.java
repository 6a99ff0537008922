package io.hearth.runtime;

import io.hearth.runtime.config.HubConfig;
import io.hearth.runtime.domain.Home;
import io.hearth.runtime.error.ExitCode;
import io.hearth.runtime.error.HubStartException;
import io.hearth.runtime.net.Transport;
import io.hearth.runtime.net.egress.EgressMeter;
import io.hearth.runtime.security.HubCertificates;
import io.hearth.runtime.security.SealerWarmUp;
import io.hearth.runtime.settings.Settings;
import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.SettingStore;
import io.hearth.runtime.stream.StreamSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.metrics.MetricsOptions;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the hub process: prepares the data directory, opens the store, makes the home and its keys
 * on first start, then starts the enabled modules in order. {@link #start} and {@link #stop} block
 * the calling thread (main, a shutdown hook, a test), never an event loop.
 */
public final class Hub {
  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);

  /** A graceful stop finishes within this, so SIGTERM ends the process within 5 s. */
  public static final Duration STOP_BUDGET = Duration.ofMillis(4000);

  static final Duration MODULE_START_LIMIT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Database database;
  private final HubContext context;
  private final Deque<HubModule> running = new ArrayDeque<>();
  private boolean stopped;

  private Hub(Vertx vertx, Database database, HubContext context) {
    this.vertx = vertx;
    this.database = database;
    this.context = context;
  }

  /** Starts the hub; fails with HubStartException (carrying the exit code) if it cannot. */
  public static Hub start(HubConfig fileConfig, ModuleCatalog catalog) {
    long startedAt = System.currentTimeMillis();
    DataDirectory data = DataDirectory.prepare(fileConfig.get(RuntimeSettings.DATA_DIR));
    EgressMeter meter = new EgressMeter();
    Vertx vertx = newVertx(meter);
    Database database = null;
    try {
      database = Database.open(vertx, data.path().resolve("hearth.db"));
      HubConfig config =
          Settings.overlay(
              fileConfig, await(new SettingStore(database).all(), Duration.ofSeconds(10)));
      Home home =
          await(
              HomeBootstrap.ensure(database, data.path(), config.get(RuntimeSettings.HOME_NAME)),
              Duration.ofSeconds(10));
      HubCertificates certificates = certificates(data, config);
      HubContext context =
          new HubContext(
              vertx, fileConfig, config, data.path(), home, database, certificates, startedAt);
      meter.attach(context.egress());
      Hub hub = new Hub(vertx, database, context);
      context.accessWatch().start();
      SealerWarmUp.start();
      await(context.devices().events().start(), Duration.ofSeconds(10));
      await(context.inbox().start(), Duration.ofSeconds(10));
      context.cameraFollowing().start(vertx);
      hub.startModules(catalog.enabled(config));
      data.writePorts(new JsonObject(new java.util.TreeMap<>(context.ports())));
      LOG.info(
          "Hearth {} is up in {} ms; ports {}",
          Version.current(),
          System.currentTimeMillis() - startedAt,
          context.ports());
      return hub;
    } catch (RuntimeException e) {
      if (database != null) {
        database.close();
      }
      vertx.close();
      throw e;
    }
  }

  public HubContext context() {
    return context;
  }

  /** Stops modules in reverse order, drains and closes the store; idempotent, bounded. */
  /** Waits for one service to close, at most {@code seconds}; a failure is logged, not thrown. */
  private static void closing(String failure, io.vertx.core.Future<?> closed, int seconds) {
    try {
      await(closed, Duration.ofSeconds(seconds));
    } catch (RuntimeException e) {
      LOG.warn("{}: {}", failure, e.getMessage());
    }
  }

  public synchronized void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    context.sessions().close();
    context.accessWatch().close("the hub is stopping");
    long deadline = System.nanoTime() + STOP_BUDGET.toNanos();
    while (!running.isEmpty()) {
      HubModule module = running.pop();
      context.operations().stopped(module.name());
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      try {
        await(module.stop(), left);
      } catch (RuntimeException e) {
        LOG.warn("module {} did not stop cleanly: {}", module.name(), e.getMessage());
      }
    }
    closing(
        "events not flushed",
        context.devices().events().drain(System.currentTimeMillis() + 1500),
        2);
    closing("recordings did not close cleanly", context.recordings().close(), 6);
    closing("switchboard did not close cleanly", context.switchboard().close(), 1);
    database.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Vert.x did not close in time: {}", e.toString());
    }
    LOG.info("Hearth stopped");
  }

  /**
   * Vert.x on the native epoll transport where it loads ({@link Transport}). The {@code meter}
   * counts the bytes of outbound connections for the egress ledger.
   */
  static Vertx newVertx(EgressMeter meter) {
    VertxOptions options =
        Transport.preferNative(new VertxOptions())
            .setMetricsOptions(new MetricsOptions().setEnabled(true));
    Vertx vertx = Vertx.builder().with(options).withMetrics(meter).build();
    vertx.exceptionHandler(new io.hearth.runtime.logging.UnhandledErrors());
    return Transport.logged(vertx, LOG);
  }

  private void startModules(List<HubModule> modules) {
    boolean warmed = false;
    for (HubModule module : modules) {
      if (!warmed && module.startOrder() >= HubModule.API_START_ORDER) {
        afterAdapters();
        warmed = true;
      }
      try {
        migrate(module);
        await(module.start(context.forModule(module.name())), MODULE_START_LIMIT);
        running.push(module);
        context.operations().started(module.name());
        LOG.info("module {} started", module.name());
      } catch (RuntimeException e) {
        stop();
        throw startFailure(module, e);
      }
    }
    if (!warmed) {
      afterAdapters();
    }
  }

  /** Once the camera adapters run: connect watched cameras, and start the recorders. */
  private void afterAdapters() {
    warmFeeds();
    try {
      await(context.recordings().start(), Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.error(
          "recordings are off until the next start: {}. Live video is not affected.",
          e.getMessage());
    }
  }

  /** The module's own tables, before it starts; a failure names the module and the cause. */
  private void migrate(HubModule module) {
    try {
      await(database.migrate(module.name(), module.schema()), MODULE_START_LIMIT);
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      throw new HubStartException(
          ExitCode.ENVIRONMENT,
          "module "
              + module.name()
              + " cannot prepare its tables in the database: "
              + root.getMessage(),
          e);
    }
  }

  /**
   * Once the adapters run and before the API listens: cameras that displays watch start connecting,
   * so that displays coming back after a restart find their picture ready. Never fails the start.
   */
  private void warmFeeds() {
    if (!context.config(StreamSettings.CONNECT_AT_START)) {
      return;
    }
    try {
      int count = await(FeedWarmUp.start(context), Duration.ofSeconds(5));
      LOG.info("connecting {} cameras that displays watch", count);
    } catch (RuntimeException e) {
      LOG.warn(
          "cameras not connected at start ({}); each connects for its first viewer",
          e.getMessage());
    }
  }

  private static HubStartException startFailure(HubModule module, RuntimeException e) {
    Throwable cause = e.getCause() instanceof ExecutionException ? e.getCause().getCause() : e;
    if (cause instanceof HubStartException start) {
      return start;
    }
    if (cause instanceof BindException
        || String.valueOf(cause.getMessage()).contains("Address already in use")) {
      return new HubStartException(
          ExitCode.ENVIRONMENT,
          "module "
              + module.name()
              + " cannot listen: the port is already in use. Stop the other program or choose"
              + " another port (for example --set api.port=0).",
          cause);
    }
    return new HubStartException(
        ExitCode.FAILURE,
        "module " + module.name() + " failed to start: " + cause.getMessage(),
        cause);
  }

  private static HubCertificates certificates(DataDirectory data, HubConfig config) {
    HubCertificates certificates = new HubCertificates(data.path());
    try {
      certificates.ensure(
          NetworkAddresses.hostNames(config.get(RuntimeSettings.HOST_NAMES)),
          NetworkAddresses.all());
      return certificates;
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new HubStartException(
          ExitCode.ENVIRONMENT,
          "cannot prepare the hub's TLS keys under "
              + data.path().resolve("tls")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Waits for a future from a thread that is not an event loop. */
  static <T> T await(Future<T> future, Duration limit) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no answer within " + limit.toMillis() + " ms", e);
    }
  }
}

package io.hearth.runtime.store;

import io.hearth.runtime.error.ExitCode;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.error.HubStartException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded SQLite store. WAL mode with {@code synchronous=FULL}, so a write is on disk when its
 * future completes and a power cut loses nothing acknowledged. All work runs on storage threads:
 * one writer (SQLite admits one at a time; queueing here beats busy-waiting in the driver) and a
 * small pool of readers, each with its own connection. Futures complete on the caller's context.
 *
 * <p>A write generation counts write transactions: it moves after every one (committed or rolled
 * back) before its future completes, so an answer computed from reads that started at generation
 * {@code g} still holds while {@link #generation()} is {@code g}. That is what lets a caller keep
 * an answer across time without keeping it across a change.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final int READERS = 2;

  private final Vertx vertx;
  private final Path file;
  private final Connection writer;
  private final BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(READERS);
  private final ExecutorService writeThread;
  private final ExecutorService readThreads;
  private final AtomicLong generation = new AtomicLong();
  private final LongAdder reads = new LongAdder();
  private final StoreTimings timings = new StoreTimings();
  private final TableOwners owners = new TableOwners();

  private Database(Vertx vertx, Path file) throws SQLException {
    this.vertx = vertx;
    this.file = file;
    this.writer = connect(file, false);
    for (int i = 0; i < READERS; i++) {
      readers.add(connect(file, true));
    }
    this.writeThread = Executors.newSingleThreadExecutor(named("hearth-db-writer"));
    this.readThreads = Executors.newFixedThreadPool(READERS, named("hearth-db-reader"));
  }

  /**
   * Opens (creating if needed, readable by this user only) and migrates the database. Blocking:
   * call it from a worker thread or before the event loops start.
   */
  public static Database open(Vertx vertx, Path file) {
    try {
      if (!Files.exists(file)) {
        SecureFiles.createPrivateFile(file);
      }
      Database db = new Database(vertx, file);
      Migrations.apply(db.writer);
      db.owners.readExisting(db.writer);
      return db;
    } catch (SQLException e) {
      throw new HubStartException(
          ExitCode.ENVIRONMENT,
          "cannot open the database "
              + file
              + ": "
              + e.getMessage()
              + ". If it is damaged, restore it from a backup or move it aside.",
          e);
    } catch (java.io.IOException e) {
      throw new HubStartException(
          ExitCode.ENVIRONMENT,
          "cannot create the database "
              + file
              + ": "
              + e.getMessage()
              + ". Check that the data directory is writable by this user.",
          e);
    }
  }

  /**
   * Runs work in one transaction on the writer thread; committed before the future completes, and
   * {@link #generation()} has moved by then (also when the work failed and was rolled back).
   */
  public <T> Future<T> write(SqlWork<T> work) {
    return submit(writeThread, () -> inTransaction(writer, work, true));
  }

  /**
   * Like {@link #write}, for the hub's high-rate records that no access decision reads (device
   * events and state, the MQTT broker's sessions and queues, audit entries of their own): it does
   * not move {@link #generation()}, so sensors reporting every 50 ms do not make every open stream
   * re-read its token and grant. The work sees a connection that refuses any statement naming a
   * table an access decision reads ({@link AccessTables}), so a misuse fails loudly instead of
   * leaving a revocation unnoticed until the next half-second check.
   */
  public <T> Future<T> writeOutsideAccess(SqlWork<T> work) {
    return submit(
        writeThread, () -> inTransaction(writer, c -> work.run(AccessTables.guard(c)), false));
  }

  /**
   * Applies a module's own scripts that have not run yet ({@link ModuleSchema}), in one write
   * transaction; the hub calls it before the module starts.
   */
  public Future<Void> migrate(String module, ModuleSchema schema) {
    return write(
        c -> {
          for (String script : schema.scripts()) {
            owners.claim(module, Migrations.read(schema.anchor(), "migrations/" + script));
          }
          return ModuleMigrations.apply(c, module, schema);
        });
  }

  /**
   * The store as {@code module} sees it: its own tables only (those its {@link #migrate} scripts
   * create), and writes that do not move the access generation.
   */
  public ModuleStore forModule(String module) {
    return new ModuleStore(this, owners, module);
  }

  /** Runs read-only work on a reader connection. */
  public <T> Future<T> read(SqlWork<T> work) {
    reads.increment();
    return submit(readThreads, () -> withReader(work));
  }

  /**
   * How many write transactions have ended since the store opened. Read it before reading the
   * store: if it has not moved since, nothing those reads saw has changed.
   */
  public long generation() {
    return generation.get();
  }

  /** How long reads and writes wait and run (for {@code /metrics}). */
  public StoreTimings timings() {
    return timings;
  }

  /** Read units asked for since the store opened (for tests that count the store's work). */
  long readsRequested() {
    return reads.sum();
  }

  private <T> T withReader(SqlWork<T> work) throws SQLException, InterruptedException {
    Connection connection = readers.take();
    try {
      return work.run(connection);
    } finally {
      readers.add(connection);
    }
  }

  private <T> T inTransaction(Connection connection, SqlWork<T> work, boolean movesGeneration)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      try {
        connection.setAutoCommit(true);
      } finally {
        // After the commit or rollback, before the caller's future completes, on every path (a
        // failed rollback or an Error too): moving it when nothing changed only costs a re-read.
        if (movesGeneration) {
          generation.incrementAndGet();
        }
      }
    }
  }

  private <T> Future<T> submit(ExecutorService executor, BlockingWork<T> work) {
    Context context = vertx.getOrCreateContext();
    Promise<T> promise = Promise.promise();
    StoreTimings.Kind kind =
        executor == writeThread ? StoreTimings.Kind.WRITE : StoreTimings.Kind.READ;
    long asked = System.nanoTime();
    try {
      executor.execute(() -> timed(kind, asked, () -> complete(context, promise, work)));
    } catch (RejectedExecutionException e) {
      return Future.failedFuture(
          new HubException(503, "unavailable", "the hub is shutting down; try again shortly"));
    }
    return promise.future();
  }

  private void timed(StoreTimings.Kind kind, long asked, java.util.function.BooleanSupplier run) {
    long started = System.nanoTime();
    boolean ok = run.getAsBoolean();
    timings.record(kind, started - asked, System.nanoTime() - started, !ok);
  }

  /** Runs the work and completes the promise on the caller's context; false if it failed. */
  private static <T> boolean complete(Context context, Promise<T> promise, BlockingWork<T> work) {
    try {
      T result = work.run();
      context.runOnContext(v -> promise.complete(result));
      return true;
    } catch (Exception e) {
      Throwable failure = e instanceof HubException ? e : StorageFailures.of(e);
      context.runOnContext(v -> promise.fail(failure));
      return false;
    }
  }

  /** Finishes queued writes, checkpoints the WAL and closes every connection. Blocking. */
  @Override
  public void close() {
    drain(writeThread);
    drain(readThreads);
    try (Statement statement = writer.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (SQLException e) {
      LOG.warn("WAL checkpoint at close failed: {}", e.getMessage());
    }
    closeQuietly(writer);
    readers.forEach(Database::closeQuietly);
  }

  private static void drain(ExecutorService executor) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(4, TimeUnit.SECONDS)) {
        LOG.warn("database work still running at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Connection connect(Path file, boolean readOnly) throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = connection.createStatement()) {
      s.execute("PRAGMA busy_timeout=5000");
      s.execute("PRAGMA foreign_keys=ON");
      if (!readOnly) {
        s.execute("PRAGMA journal_mode=WAL");
      }
      s.execute("PRAGMA synchronous=FULL");
      if (readOnly) {
        s.execute("PRAGMA query_only=ON");
      }
    }
    return connection;
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("closing a connection: {}", e.getMessage());
    }
  }

  private static java.util.concurrent.ThreadFactory named(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @FunctionalInterface
  private interface BlockingWork<T> {
    T run() throws Exception;
  }
}

package io.hearth.runtime.store;

import io.hearth.runtime.error.HubException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed store operation becomes at the API's edge: a broken constraint is a 409 naming the
 * rule, anything else a 500 with the cause in the log (once, with its stack: it is unexpected).
 */
final class StorageFailures {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private StorageFailures() {}

  static Throwable of(Exception e) {
    if (e instanceof SQLException sql
        && sql.getMessage() != null
        && sql.getMessage().contains("SQLITE_CONSTRAINT")) {
      return new HubException(
          409,
          "conflict",
          "that would break a rule of the store: " + sql.getMessage().replaceFirst(".*\\(", "("),
          e);
    }
    LOG.error("storage failure", e);
    return new HubException(
        500, "storage_error", "the hub could not read or write its database; see the hub's log", e);
  }
}

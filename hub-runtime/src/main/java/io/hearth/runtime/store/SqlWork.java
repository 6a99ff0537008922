package io.hearth.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of database work run on a storage thread, never on an event loop.
 *
 * @param <T> its result
 */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}

package io.hearth.runtime.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A connection that shows every statement's SQL text to a check before it is prepared or executed.
 * What the store uses to keep work within the tables it may touch: writes outside access away from
 * the access tables ({@link AccessTables}), and a module within its own tables ({@link
 * ModuleStore}).
 */
final class StatementGuard {
  /** Refuses a statement by throwing; returns normally to let it run. */
  @FunctionalInterface
  interface Check {
    void check(String sql) throws SQLException;
  }

  private StatementGuard() {}

  static Connection guard(Connection connection, Check check) {
    return proxy(Connection.class, connection, check);
  }

  private static <T> T proxy(Class<T> type, T target, Check check) {
    InvocationHandler handler =
        (Object self, Method method, Object[] args) -> {
          if (args != null && args.length > 0 && args[0] instanceof String sql && runsSql(method)) {
            check.check(sql);
          }
          try {
            Object result = method.invoke(target, args);
            if (result instanceof Statement statement
                && method.getReturnType() == Statement.class) {
              return proxy(Statement.class, statement, check);
            }
            return result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(
        Proxy.newProxyInstance(
            StatementGuard.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static boolean runsSql(Method method) {
    String name = method.getName();
    return name.startsWith("prepare")
        || name.startsWith("execute")
        || name.equals("addBatch")
        || name.equals("nativeSQL");
  }
}

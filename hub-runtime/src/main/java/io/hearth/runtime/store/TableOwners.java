package io.hearth.runtime.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which module owns each table: a module owns the tables its own scripts create ({@link
 * ModuleSchema}); every other table is the hub's. The store refuses a module's statement that names
 * a table it does not own, so one module cannot read or change another's rows, nor the hub's tokens
 * and grants, whatever its SQL says.
 */
final class TableOwners {
  static final String HUB = "hub";

  private static final Pattern CREATED =
      Pattern.compile(
          "CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?(\\w+)\"?", Pattern.CASE_INSENSITIVE);
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> owners = new ConcurrentHashMap<>();

  /** Every table that exists now becomes the hub's unless a module claimed it. */
  void readExisting(Connection c) throws SQLException {
    Sql.list(c, "SELECT name FROM sqlite_master WHERE type = 'table'", r -> r.getString("name"))
        .forEach(name -> owners.putIfAbsent(name.toLowerCase(Locale.ROOT), HUB));
  }

  /** {@code module} owns the tables its script text creates. */
  void claim(String module, String scriptText) {
    Matcher m = CREATED.matcher(scriptText);
    while (m.find()) {
      owners.put(m.group(1).toLowerCase(Locale.ROOT), module);
    }
  }

  /** The tables {@code module} owns. */
  Set<String> ownedBy(String module) {
    return owners.entrySet().stream()
        .filter(e -> e.getValue().equals(module))
        .map(Map.Entry::getKey)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** The first table {@code sql} names that {@code module} does not own, or null. */
  String foreignTable(String module, String sql) {
    Matcher m = WORD.matcher(sql);
    while (m.find()) {
      String owner = owners.get(m.group().toLowerCase(Locale.ROOT));
      if (owner != null && !owner.equals(module)) {
        return m.group();
      }
    }
    return null;
  }
}

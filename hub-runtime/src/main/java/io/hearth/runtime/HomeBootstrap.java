package io.hearth.runtime;

import io.hearth.runtime.domain.Home;
import io.hearth.runtime.domain.Ids;
import io.hearth.runtime.domain.IssuedToken;
import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.store.AuditLog;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.HomeStore;
import io.hearth.runtime.store.MemberStore;
import io.hearth.runtime.store.SecureFiles;
import io.hearth.runtime.store.TokenStore;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * First start: creates the home, its owner and the owner's token, written once to {@code
 * <data>/owner.token} (mode 0600) before the transaction that makes it valid commits. A crash in
 * between leaves no home, so the next start simply does it again.
 */
final class HomeBootstrap {
  static final String OWNER_TOKEN_FILE = "owner.token";

  private HomeBootstrap() {}

  static Future<Home> ensure(Database db, Path dataDir, String homeName) {
    return db.write(c -> HomeStore.find(c).orElseGet(() -> create(c, dataDir, homeName)));
  }

  private static Home create(Connection c, Path dataDir, String homeName) {
    try {
      long now = System.currentTimeMillis();
      Home home = new Home(Ids.newId("home"), homeName, now);
      HomeStore.insert(c, home);
      Member owner = new Member(Ids.newId("mem"), "Owner", Role.OWNER, now);
      MemberStore.insert(c, owner);
      IssuedToken token =
          TokenStore.issue(
              c, Principal.HUB, PrincipalKind.MEMBER, owner.id(), "owner (first start)", null);
      AuditLog.append(c, Principal.HUB, "home.create", home.id(), home.toJson());
      SecureFiles.replacePrivateFile(
          dataDir.resolve(OWNER_TOKEN_FILE),
          (token.secret() + "\n").getBytes(StandardCharsets.UTF_8));
      return home;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the home: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + OWNER_TOKEN_FILE, e);
    }
  }
}

package io.hearth.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hearth.runtime.domain.Signin;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Migration 017 on a database of version 16: sign-ins opened before it name no passkey (removing a
 * passkey cannot tell them apart, so they stay until they end as before), and from then on a
 * passkey's removal ends exactly the live sign-ins it opened: not another passkey's, not the one
 * kept (the remover's), not one already revoked, idle too long or past its expiry (those are not
 * counted as ended).
 */
class SigninPasskeyMigrationTest {
  @TempDir Path dir;

  @Test
  void oldSignInsNameNoPasskeyAndRemovalEndsOnlyTheLiveOnesAPasskeyOpened() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("h.db"))) {
      Migrations.apply(c, 16);
      Sql.update(
          c, "INSERT INTO member (id, name, role, created_at) VALUES ('mem_a', 'Ana', 'adult', 1)");
      long now = System.currentTimeMillis();
      Sql.update(
          c,
          "INSERT INTO signin (id, member_id, hash, csrf_hash, method, created_at, last_used_at,"
              + " expires_at) VALUES ('sgn_old', 'mem_a', X'01', X'02', 'passkey', ?, ?, ?)",
          now,
          now,
          now + Signin.ABSOLUTE_MS);

      Migrations.apply(c, 17);

      assertNull(SigninStore.byId(c, "sgn_old").orElseThrow().passkeyId());
      insert(c, "sgn_live1", "pky_phone", now, now + Signin.ABSOLUTE_MS);
      insert(c, "sgn_live2", "pky_phone", now - 1000, now + Signin.ABSOLUTE_MS);
      insert(c, "sgn_idle", "pky_phone", now - Signin.IDLE_MS - 1, now + Signin.ABSOLUTE_MS);
      insert(c, "sgn_expired", "pky_phone", now, now - 1);
      insert(c, "sgn_out", "pky_phone", now, now + Signin.ABSOLUTE_MS);
      SigninStore.revoke(c, "sgn_out", now - 5);
      insert(c, "sgn_laptop", "pky_laptop", now, now + Signin.ABSOLUTE_MS);
      assertEquals("pky_phone", SigninStore.byId(c, "sgn_live1").orElseThrow().passkeyId());

      assertEquals(2, SigninStore.revokeOpenedWith(c, "pky_phone", null, now));

      assertNotNull(SigninStore.byId(c, "sgn_live1").orElseThrow().revokedAt());
      assertNotNull(SigninStore.byId(c, "sgn_live2").orElseThrow().revokedAt());
      assertEquals(now - 5, SigninStore.byId(c, "sgn_out").orElseThrow().revokedAt());
      assertNull(SigninStore.byId(c, "sgn_laptop").orElseThrow().revokedAt());
      assertNull(SigninStore.byId(c, "sgn_old").orElseThrow().revokedAt());
      assertEquals(0, SigninStore.revokeOpenedWith(c, "pky_phone", null, now + 1), "nothing twice");
      insert(c, "sgn_laptop2", "pky_laptop", now, now + Signin.ABSOLUTE_MS);
      assertEquals(1, SigninStore.revokeOpenedWith(c, "pky_laptop", "sgn_laptop", now));
      assertNull(SigninStore.byId(c, "sgn_laptop").orElseThrow().revokedAt(), "the one kept");
      assertNotNull(SigninStore.byId(c, "sgn_laptop2").orElseThrow().revokedAt());
    }
  }

  private static void insert(Connection c, String id, String passkey, long used, long expires)
      throws Exception {
    Signin s =
        new Signin(
            id, "mem_a", "passkey", passkey, null, "test", "10.0.0.2", used, used, expires, null);
    SigninStore.insert(c, s, id.getBytes(), new byte[] {9});
  }
}

package io.hearth.runtime.security;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.domain.IssuedToken;
import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Principal;
import io.hearth.runtime.domain.PrincipalKind;
import io.hearth.runtime.domain.Role;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.store.Database;
import io.hearth.runtime.store.MemberStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class TokenServiceTest {
  @TempDir Path dir;
  Vertx vertx;
  Database db;
  TokenService tokens;
  Member ana;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = Database.open(vertx, dir.resolve("hearth.db"));
    tokens = new TokenService(db);
    ana = get(new MemberStore(db).create(Principal.HUB, "Ana", Role.ADULT));
  }

  @AfterEach
  void close() {
    db.close();
    vertx.close();
  }

  @Test
  void aTokenAuthenticatesAsItsMember() throws Exception {
    IssuedToken issued =
        get(tokens.issue(Principal.HUB, PrincipalKind.MEMBER, ana.id(), "laptop", null));
    assertTrue(issued.secret().startsWith("hth_"));
    assertTrue(issued.secret().length() >= 40);
    Principal who = get(tokens.authenticate(issued.secret()));
    assertEquals(ana.id(), who.id());
    assertEquals(Role.ADULT, who.role());
    assertEquals(issued.token().id(), who.tokenId());
  }

  @Test
  void onlyAHashOfTheSecretIsStored() throws Exception {
    IssuedToken issued =
        get(tokens.issue(Principal.HUB, PrincipalKind.MEMBER, ana.id(), "laptop", null));
    db.close();
    String secretPart = issued.secret().substring(4);
    for (String file : new String[] {"hearth.db", "hearth.db-wal"}) {
      Path path = dir.resolve(file);
      if (Files.exists(path)) {
        String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(secretPart), file + " holds the token secret");
      }
    }
    db = Database.open(vertx, dir.resolve("hearth.db"));
  }

  @Test
  void wrongRevokedExpiredAndOversizedTokensAreRefusedWithTheirReason() throws Exception {
    assertEquals("invalid_token", refusal(tokens.authenticate("hth_" + "A".repeat(43))));
    assertEquals("invalid_token", refusal(tokens.authenticate("hth_" + "A".repeat(10_000))));
    assertEquals("invalid_token", refusal(tokens.authenticate("not-a-token")));

    IssuedToken revoked =
        get(tokens.issue(Principal.HUB, PrincipalKind.MEMBER, ana.id(), "old", null));
    get(tokens.revoke(Principal.HUB, revoked.token().id()));
    assertEquals("token_revoked", refusal(tokens.authenticate(revoked.secret())));

    IssuedToken expired =
        get(
            tokens.issue(
                Principal.HUB,
                PrincipalKind.MEMBER,
                ana.id(),
                "brief",
                System.currentTimeMillis() - 1));
    assertEquals("token_expired", refusal(tokens.authenticate(expired.secret())));
  }

  @Test
  void aDeletedMembersTokensStopWorking() throws Exception {
    IssuedToken issued =
        get(tokens.issue(Principal.HUB, PrincipalKind.MEMBER, ana.id(), "laptop", null));
    get(new MemberStore(db).create(Principal.HUB, "Owner", Role.OWNER));
    get(new MemberStore(db).delete(Principal.HUB, ana.id()));
    assertEquals("token_revoked", refusal(tokens.authenticate(issued.secret())));
  }

  private static String refusal(Future<Principal> attempt) throws Exception {
    try {
      get(attempt);
      throw new AssertionError("the token was accepted");
    } catch (ExecutionException e) {
      HubException error = (HubException) e.getCause();
      assertEquals(401, error.status());
      assertFalse(error.getMessage().contains("hth_"), "the message repeats the token");
      return error.code();
    }
  }
}

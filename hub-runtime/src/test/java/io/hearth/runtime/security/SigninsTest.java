package io.hearth.runtime.security;

import static io.hearth.runtime.testing.Await.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hearth.runtime.domain.Member;
import io.hearth.runtime.domain.Passkey;
import io.hearth.runtime.domain.Principal;
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

/**
 * People's sign-ins in the store: a cookie's secret resolves to its member on every call, only
 * hashes are kept, and an ended sign-in (signed out, revoked, its member removed, a password
 * change) stops authenticating at once, for requests and for the streams it opened alike.
 */
@Timeout(30)
class SigninsTest {
  @TempDir Path dir;
  Vertx vertx;
  Database db;
  Signins signins;
  TokenService tokens;
  Credentials credentials;
  Member ana;

  @BeforeEach
  void open() throws Exception {
    vertx = Vertx.vertx();
    db = Database.open(vertx, dir.resolve("hearth.db"));
    signins = new Signins(db);
    tokens = new TokenService(db);
    credentials = new Credentials(db);
    ana = get(new MemberStore(db).create(Principal.HUB, "Ana", Role.ADULT));
  }

  @AfterEach
  void close() {
    db.close();
    vertx.close();
  }

  @Test
  void aCookieAuthenticatesAsItsMemberAndItsStreamsReauthoriseByTheSignin() throws Exception {
    Signins.Opened opened = get(signins.open(ana, "password", "test", "127.0.0.1"));
    Signins.Current current = get(signins.authenticate(opened.secret()));
    assertEquals(ana.id(), current.principal().id());
    assertEquals(opened.signin().id(), current.principal().tokenId());
    TokenService.TokenPrincipal holder =
        get(tokens.principalAndExpiryOfToken(current.principal().tokenId()));
    assertEquals(ana.id(), holder.principal().id());
    assertEquals(opened.signin().endsAt(), holder.expiresAt());
  }

  @Test
  void onlyHashesOfTheSecretsAreStored() throws Exception {
    Signins.Opened opened = get(signins.open(ana, "password", "test", "127.0.0.1"));
    db.close();
    for (String file : new String[] {"hearth.db", "hearth.db-wal"}) {
      Path path = dir.resolve(file);
      if (Files.exists(path)) {
        String bytes = new String(Files.readAllBytes(path), StandardCharsets.ISO_8859_1);
        assertFalse(bytes.contains(opened.secret().substring(4)), file + " holds the cookie");
        assertFalse(bytes.contains(opened.csrf().substring(4)), file + " holds the CSRF value");
      }
    }
    db = Database.open(vertx, dir.resolve("hearth.db"));
  }

  @Test
  void aRevokedSigninStopsAuthenticatingAndItsStreamsWithIt() throws Exception {
    Signins.Opened opened = get(signins.open(ana, "password", "test", "127.0.0.1"));
    get(signins.revoke(Principal.HUB, opened.signin().id(), "signin.revoke"));
    assertEquals("signed_out", refusal(signins.authenticate(opened.secret())));
    assertEquals("signed_out", refusal(tokens.principalAndExpiryOfToken(opened.signin().id())));
  }

  @Test
  void aPasswordChangeEndsTheOtherSigninsButKeepsTheOneMakingIt() throws Exception {
    Signins.Opened phone = get(signins.open(ana, "password", "phone", "10.0.0.2"));
    Signins.Opened laptop = get(signins.open(ana, "password", "laptop", "10.0.0.3"));
    get(credentials.setPassword(Principal.HUB, ana.id(), "$argon2id$x", laptop.signin().id()));
    assertEquals("signed_out", refusal(signins.authenticate(phone.secret())));
    assertEquals(ana.id(), get(signins.authenticate(laptop.secret())).principal().id());
    assertEquals(1, get(signins.of(ana.id())).size());
  }

  @Test
  void removingAPasskeyEndsItsSigninsAndOneItIsStillOpeningIsRefused() throws Exception {
    Passkey key =
        new Passkey(
            "pky_phoneaaaaaaaaaaaaaaa",
            ana.id(),
            new byte[] {1, 2, 3},
            new byte[] {4},
            0,
            "Ana's phone",
            1,
            null);
    get(credentials.addPasskey(Principal.HUB, key));
    Signins.Opened byKey = get(signins.open(ana, "passkey", key.id(), "phone", "10.0.0.2"));
    Signins.Opened byPassword = get(signins.open(ana, "password", "laptop", "10.0.0.3"));
    assertEquals(1, get(credentials.deletePasskey(Principal.HUB, key.id(), ana.id(), null)));
    assertEquals("signed_out", refusal(signins.authenticate(byKey.secret())));
    assertEquals("signed_out", refusal(tokens.principalAndExpiryOfToken(byKey.signin().id())));
    assertEquals(ana.id(), get(signins.authenticate(byPassword.secret())).principal().id());
    // A passkey sign-in whose check passed just before the removal opens nothing after it.
    assertEquals(
        "unknown_passkey", refusal(signins.open(ana, "passkey", key.id(), "phone", "10.0.0.2")));
    assertEquals(1, get(signins.of(ana.id())).size());
  }

  @Test
  void removingTheMemberEndsTheirSignins() throws Exception {
    Member owner = get(new MemberStore(db).create(Principal.HUB, "Olu", Role.OWNER));
    Signins.Opened opened = get(signins.open(ana, "password", "test", "127.0.0.1"));
    get(new MemberStore(db).delete(Principal.HUB, ana.id()));
    assertEquals("signed_out", refusal(signins.authenticate(opened.secret())));
    assertTrue(get(credentials.candidates("ana")).isEmpty());
    assertEquals(1, get(credentials.candidates(" OLU ")).size(), owner.name());
  }

  @Test
  void setUpIsRefusedOnceAnOwnerCanSignIn() throws Exception {
    Member owner = get(new MemberStore(db).create(Principal.HUB, "Olu", Role.OWNER));
    Principal as =
        new Principal(
            io.hearth.runtime.domain.PrincipalKind.MEMBER, owner.id(), "Olu", Role.OWNER, null);
    assertFalse(get(credentials.setupDone()));
    get(credentials.setUpOwner(as, "$argon2id$first"));
    assertTrue(get(credentials.setupDone()));
    ExecutionException again =
        assertThrows(
            ExecutionException.class, () -> get(credentials.setUpOwner(as, "$argon2id$2")));
    assertEquals(409, ((HubException) again.getCause()).status());
    assertEquals("$argon2id$first", get(credentials.passwordHash(owner.id())).orElseThrow());
  }

  private static String refusal(Future<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> get(future));
    return ((HubException) e.getCause()).code();
  }
}

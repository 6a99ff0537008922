package io.hearth.api.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pieces of sign-in that hold no I/O: Argon2id hashes, the throttle and the challenges. */
@Timeout(60)
class SigninPartsTest {
  @Test
  void argon2idHashesCarryTheirParametersAndSaltAndCheckOnlyTheRightPassword() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (PasswordHasher hasher = new PasswordHasher(vertx)) {
      String one = hasher.hash("correct horse").await(30, TimeUnit.SECONDS);
      String two = hasher.hash("correct horse").await(30, TimeUnit.SECONDS);
      assertTrue(one.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), one);
      assertNotEquals(one, two, "each hash has its own salt");
      assertTrue(hasher.verify("correct horse", one).await(30, TimeUnit.SECONDS));
      assertFalse(hasher.verify("correct horsf", one).await(30, TimeUnit.SECONDS));
      assertFalse(hasher.verify("correct horse", null).await(30, TimeUnit.SECONDS));
      String greedy = one.replace("m=19456", "m=4000000");
      assertFalse(PasswordHasher.matches("correct horse", greedy), "no minute-long hash on demand");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aThrottleLocksAfterTheFreeFailuresDoublingAndForgetsOnSuccess() {
    AtomicLong now = new AtomicLong(1_000_000);
    Throttle throttle = new Throttle(2, 100, now::get);
    throttle.failed("ana");
    throttle.failed("ana");
    assertEquals(0, throttle.retryAfterSeconds("ana"));
    throttle.failed("ana");
    assertEquals(30, throttle.retryAfterSeconds("ana"));
    throttle.failed("ana");
    assertEquals(60, throttle.retryAfterSeconds("ana"));
    now.addAndGet(60_000);
    assertEquals(0, throttle.retryAfterSeconds("ana"));
    for (int i = 0; i < 20; i++) {
      throttle.failed("ana");
    }
    assertEquals(15 * 60, throttle.retryAfterSeconds("ana"), "at most 15 minutes");
    throttle.succeeded("ana");
    assertEquals(0, throttle.retryAfterSeconds("ana"));
  }

  @Test
  void aThrottleKeepsABoundedNumberOfKeys() {
    Throttle throttle = new Throttle(0, 3, () -> 5_000);
    for (int i = 0; i < 10; i++) {
      throttle.failed("name" + i);
    }
    assertEquals(0, throttle.retryAfterSeconds("name0"), "the oldest keys were dropped");
    assertTrue(throttle.retryAfterSeconds("name9") > 0);
  }

  @Test
  void aChallengeIsSingleUseExpiresAndIsBoundToItsPurposeAndMember() {
    AtomicLong now = new AtomicLong(0);
    Challenges challenges = new Challenges(10, now::get);
    Challenges.Challenge c = challenges.issue("register", "mem_a");
    assertEquals(32, c.bytes().length);
    assertNull(challenges.take(c.id(), "register", "mem_b"), "another member's challenge");
    assertNull(challenges.take(c.id(), "register", "mem_a"), "a refused try used it up");
    Challenges.Challenge d = challenges.issue("signin", null);
    assertNull(challenges.take(d.id(), "register", null), "another purpose");
    Challenges.Challenge e = challenges.issue("signin", null);
    assertNotNull(challenges.take(e.id(), "signin", null));
    assertNull(challenges.take(e.id(), "signin", null), "single use");
    Challenges.Challenge f = challenges.issue("signin", null);
    now.addAndGet(Challenges.TTL_MS);
    assertNull(challenges.take(f.id(), "signin", null), "expired");
  }

  @Test
  void outstandingChallengesAreBounded() {
    Challenges challenges = new Challenges(3, () -> 0);
    Challenges.Challenge first = challenges.issue("signin", null);
    for (int i = 0; i < 3; i++) {
      challenges.issue("signin", null);
    }
    assertNull(challenges.take(first.id(), "signin", null), "the oldest was dropped");
  }

  @Test
  void oneAddressFloodingSignInChallengesPushesOutOnlyItsOwnAndNoRegistration() {
    Challenges challenges = new Challenges(100, () -> 0);
    Challenges.Challenge neighbour = challenges.issue("signin", null, "192.168.1.20");
    Challenges.Challenge registering = challenges.issue("register", "mem_a", "192.168.1.21");
    Challenges.Challenge firstOfFlood = challenges.issue("signin", null, "192.168.1.66");
    for (int i = 0; i < 10_000; i++) {
      challenges.issue("signin", null, "192.168.1.66");
    }
    assertNull(challenges.take(firstOfFlood.id(), "signin", null), "the flood's own oldest went");
    assertNotNull(challenges.take(neighbour.id(), "signin", null), "another address's sign-in");
    assertNotNull(challenges.take(registering.id(), "register", "mem_a"), "a registration");
    Challenges many = new Challenges(3, () -> 0);
    Challenges.Challenge bound = many.issue("register", "mem_b");
    for (int i = 0; i < 50; i++) {
      many.issue("signin", null, "10.0.0." + i);
    }
    assertNotNull(many.take(bound.id(), "register", "mem_b"), "anonymous ones never push it out");
  }
}

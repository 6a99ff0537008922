package io.hearth.bridge.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The KK channel between a display and its hub: both ends agree only when each holds the static key
 * the other pinned, for the same hub id; tampering, a wrong key, a replayed first message and
 * oversized messages all fail.
 */
class ChannelTest {
  static final String RELAY_ID = "a".repeat(32);
  final KeyPair hub = gen();
  final KeyPair display = gen();
  final ReplayGuard guard = new ReplayGuard(600_000, 1024);

  @Test
  void aPinnedDisplayAndItsHubTalkBothWays() throws Exception {
    Handshake h = Handshake.initiator(display, X25519.raw(hub.getPublic()), RELAY_ID);
    Responder.Accepted<String> hubSide = accept(h.writeFirst()).orElseThrow();
    assertEquals("kitchen", hubSide.holder());
    Channel mine = h.readSecond(hubSide.reply());
    byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(hello, hubSide.channel().open(mine.seal(hello)));
    assertArrayEquals(hello, mine.open(hubSide.channel().seal(hello)));
    assertArrayEquals(hello, mine.open(hubSide.channel().seal(hello))); // counters move in step
  }

  @Test
  void aDisplayWithAnotherKeyOrForAnotherHubIdGetsNothing() throws Exception {
    KeyPair stranger = gen();
    Handshake wrongKey = Handshake.initiator(stranger, X25519.raw(hub.getPublic()), RELAY_ID);
    assertTrue(accept(wrongKey.writeFirst()).isEmpty());
    Handshake wrongId = Handshake.initiator(display, X25519.raw(hub.getPublic()), "b".repeat(32));
    assertTrue(accept(wrongId.writeFirst()).isEmpty());
    // A hub that is not the pinned one (a relay in the middle) cannot answer the display.
    Handshake h = Handshake.initiator(display, X25519.raw(gen().getPublic()), RELAY_ID);
    assertTrue(accept(h.writeFirst()).isEmpty());
  }

  @Test
  void aDisplayRefusesAnAnswerFromAnyoneButItsHub() throws Exception {
    Handshake h = Handshake.initiator(display, X25519.raw(hub.getPublic()), RELAY_ID);
    byte[] first = h.writeFirst();
    KeyPair fakeHub = gen();
    Responder impostor = new Responder(fakeHub, RELAY_ID, new ReplayGuard(1000, 8));
    Optional<Responder.Accepted<String>> forged =
        impostor.accept(
            first, List.of(new Responder.Pinned<>("x", X25519.raw(display.getPublic()))));
    assertTrue(forged.isEmpty(), "the impostor cannot even read the first message");
  }

  @Test
  void tamperedMessagesFailToOpen() throws Exception {
    Handshake h = Handshake.initiator(display, X25519.raw(hub.getPublic()), RELAY_ID);
    byte[] first = h.writeFirst();
    byte[] bent = first.clone();
    bent[40] ^= 1;
    assertTrue(accept(bent).isEmpty());
    Responder.Accepted<String> hubSide = accept(first).orElseThrow();
    byte[] reply = hubSide.reply().clone();
    reply[reply.length - 1] ^= 1;
    assertThrows(GeneralSecurityException.class, () -> h.readSecond(reply));
    byte[] sealed = hubSide.channel().seal(new byte[100]);
    sealed[3] ^= 1;
    Handshake again = Handshake.initiator(display, X25519.raw(hub.getPublic()), RELAY_ID);
    Responder.Accepted<String> second = accept(again.writeFirst()).orElseThrow();
    Channel mine = again.readSecond(second.reply());
    byte[] ok = second.channel().seal(new byte[100]);
    ok[20] ^= 1;
    assertThrows(GeneralSecurityException.class, () -> mine.open(ok));
  }

  @Test
  void aReplayedFirstMessageIsRefusedAndOutsideTheWindowYieldsNothingUsable() throws Exception {
    Handshake h = Handshake.initiator(display, X25519.raw(hub.getPublic()), RELAY_ID);
    byte[] first = h.writeFirst();
    Responder.Accepted<String> original = accept(first).orElseThrow();
    Channel recordedDisplay = h.readSecond(original.reply());
    assertTrue(accept(first).isEmpty(), "a replay within the window is refused");
    // Past the window the hub answers with a fresh ephemeral: keys the recorder cannot derive.
    Responder forgetful = new Responder(hub, RELAY_ID, new ReplayGuard(600_000, 8));
    Responder.Accepted<String> replayed = forgetful.accept(first, pins()).orElseThrow();
    assertFalse(java.util.Arrays.equals(original.reply(), replayed.reply()));
    byte[] secret = replayed.channel().seal("camera list".getBytes(StandardCharsets.UTF_8));
    assertThrows(GeneralSecurityException.class, () -> recordedDisplay.open(secret));
  }

  @Test
  void messagesAreBoundedAndRecordsReassembleAcrossSplits() throws Exception {
    Handshake h = Handshake.initiator(display, X25519.raw(hub.getPublic()), RELAY_ID);
    Responder.Accepted<String> hubSide = accept(h.writeFirst()).orElseThrow();
    Channel mine = h.readSecond(hubSide.reply());
    assertThrows(IllegalArgumentException.class, () -> mine.seal(new byte[65_537]));
    byte[] framed = Records.frame(mine.seal(new byte[65_536]));
    Records reader = new Records();
    assertTrue(reader.feed(java.util.Arrays.copyOf(framed, 1000)).isEmpty());
    List<byte[]> got = reader.feed(java.util.Arrays.copyOfRange(framed, 1000, framed.length));
    assertEquals(65_536, hubSide.channel().open(got.get(0)).length);
    byte[] huge = {0x7f, 0, 0, 0};
    assertThrows(IllegalArgumentException.class, () -> new Records().feed(huge));
  }

  private Optional<Responder.Accepted<String>> accept(byte[] first) throws Exception {
    return new Responder(hub, RELAY_ID, guard).accept(first, pins());
  }

  private List<Responder.Pinned<String>> pins() throws Exception {
    return List.of(
        new Responder.Pinned<>("other", X25519.raw(gen().getPublic())),
        new Responder.Pinned<>("kitchen", X25519.raw(display.getPublic())));
  }

  private static KeyPair gen() {
    try {
      return X25519.generate();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

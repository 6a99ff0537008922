package io.hearth.bridge.channel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Arrays;

/**
 * The Noise KK handshake ({@code -> s; <- s; ... -> e, es, ss; <- e, ee, se}) between a display
 * (initiator) and its hub (responder), on static X25519 keys each learnt from the other at pairing
 * on the home network. Both messages are 32 bytes of ephemeral key and a 16-byte tag over an empty
 * payload; the prologue binds the protocol version and the hub's relay id, so a handshake meant for
 * one home fails at another. A failure throws {@link GeneralSecurityException}, saying nothing
 * about which check failed.
 */
public final class Handshake {
  public static final int MESSAGE_BYTES = X25519.KEY_BYTES + CipherState.TAG_BYTES;
  private static final byte[] EMPTY = new byte[0];

  private final SymmetricState state = new SymmetricState();
  private final KeyPair self;
  private final byte[] remoteStatic;
  private KeyPair ephemeral;
  private byte[] remoteEphemeral;

  private Handshake(KeyPair self, byte[] remoteStatic) {
    this.self = self;
    this.remoteStatic = remoteStatic.clone();
  }

  /** The prologue both sides mix in first: protocol version and the hub's relay id. */
  static byte[] prologue(String relayId) {
    return ("hearth-channel-v1\0" + relayId).getBytes(StandardCharsets.US_ASCII);
  }

  /** The display's side, knowing the hub's static key and relay id from pairing. */
  public static Handshake initiator(KeyPair display, byte[] hubStatic, String relayId)
      throws GeneralSecurityException {
    Handshake h = new Handshake(display, hubStatic);
    h.premessages(relayId, X25519.raw(display.getPublic()), hubStatic);
    return h;
  }

  /** The hub's side for one candidate display key (see {@link Responder}). */
  static Handshake responder(KeyPair hub, byte[] displayStatic, String relayId)
      throws GeneralSecurityException {
    Handshake h = new Handshake(hub, displayStatic);
    h.premessages(relayId, displayStatic, X25519.raw(hub.getPublic()));
    return h;
  }

  private void premessages(String relayId, byte[] initiator, byte[] responder)
      throws GeneralSecurityException {
    state.mixHash(prologue(relayId));
    state.mixHash(initiator);
    state.mixHash(responder);
  }

  /** Initiator: {@code -> e, es, ss}. */
  public byte[] writeFirst() throws GeneralSecurityException {
    return writeFirst(X25519.generate());
  }

  /** Initiator's first message with a given ephemeral (the known-answer test fixes it). */
  byte[] writeFirst(KeyPair fresh) throws GeneralSecurityException {
    ephemeral = fresh;
    byte[] e = X25519.raw(ephemeral.getPublic());
    state.mixHash(e);
    state.mixKey(X25519.dh(ephemeral.getPrivate(), remoteStatic));
    state.mixKey(X25519.dh(self.getPrivate(), remoteStatic));
    return SymmetricState.concat(e, state.encryptAndHash(EMPTY));
  }

  /** Initiator: {@code <- e, ee, se}; gives the channel. */
  public Channel readSecond(byte[] message) throws GeneralSecurityException {
    byte[] re = ephemeralOf(message);
    state.mixHash(re);
    state.mixKey(X25519.dh(ephemeral.getPrivate(), re));
    state.mixKey(X25519.dh(self.getPrivate(), re));
    state.decryptAndHash(tagOf(message));
    CipherState[] keys = state.split();
    return new Channel(keys[0], keys[1]);
  }

  /** Responder: {@code -> e, es, ss}; fails unless the initiator holds the expected static key. */
  void readFirst(byte[] message) throws GeneralSecurityException {
    remoteEphemeral = ephemeralOf(message);
    state.mixHash(remoteEphemeral);
    state.mixKey(X25519.dh(self.getPrivate(), remoteEphemeral));
    state.mixKey(X25519.dh(self.getPrivate(), remoteStatic));
    state.decryptAndHash(tagOf(message));
  }

  /** Responder: {@code <- e, ee, se}; returns the message and the channel. */
  Channel writeSecond(byte[][] messageOut) throws GeneralSecurityException {
    return writeSecond(X25519.generate(), messageOut);
  }

  /** Responder's second message with a given ephemeral (the known-answer test fixes it). */
  Channel writeSecond(KeyPair fresh, byte[][] messageOut) throws GeneralSecurityException {
    ephemeral = fresh;
    byte[] e = X25519.raw(ephemeral.getPublic());
    state.mixHash(e);
    state.mixKey(X25519.dh(ephemeral.getPrivate(), remoteEphemeral));
    state.mixKey(X25519.dh(ephemeral.getPrivate(), remoteStatic));
    messageOut[0] = SymmetricState.concat(e, state.encryptAndHash(EMPTY));
    CipherState[] keys = state.split();
    return new Channel(keys[1], keys[0]);
  }

  /** The handshake hash so far (Noise's h): the transcript both sides must agree on. */
  byte[] hash() {
    return state.hash();
  }

  static byte[] ephemeralOf(byte[] message) throws GeneralSecurityException {
    if (message == null || message.length != MESSAGE_BYTES) {
      throw new GeneralSecurityException("handshake message of the wrong size");
    }
    return Arrays.copyOf(message, X25519.KEY_BYTES);
  }

  private static byte[] tagOf(byte[] message) {
    return Arrays.copyOfRange(message, X25519.KEY_BYTES, MESSAGE_BYTES);
  }
}

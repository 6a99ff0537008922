package io.hearth.bridge.channel;

import java.security.GeneralSecurityException;

/**
 * An established end-to-end channel: one AES-256-GCM key per direction from the handshake, counter
 * nonces, at most {@value #MAX_PLAINTEXT} bytes of plaintext per message. A message that was
 * tampered with, reordered, replayed or sealed by anyone else fails to open, and the caller closes
 * the channel. Not thread-safe.
 */
public final class Channel {
  public static final int MAX_PLAINTEXT = 65_536;
  public static final int MAX_CIPHERTEXT = MAX_PLAINTEXT + CipherState.TAG_BYTES;
  private static final byte[] NO_AD = new byte[0];

  final CipherState send;
  final CipherState receive;

  Channel(CipherState send, CipherState receive) {
    this.send = send;
    this.receive = receive;
  }

  public byte[] seal(byte[] plaintext) throws GeneralSecurityException {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("channel message over " + MAX_PLAINTEXT + " bytes");
    }
    return send.encrypt(NO_AD, plaintext);
  }

  public byte[] open(byte[] ciphertext) throws GeneralSecurityException {
    if (ciphertext.length > MAX_CIPHERTEXT || ciphertext.length < CipherState.TAG_BYTES) {
      throw new GeneralSecurityException("channel message of a wrong size");
    }
    return receive.decrypt(NO_AD, ciphertext);
  }
}

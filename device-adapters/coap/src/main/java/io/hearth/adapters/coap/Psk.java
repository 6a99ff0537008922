package io.hearth.adapters.coap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A DTLS pre-shared key: the identity the hub presents and the secret; never printed. */
public record Psk(String identity, byte[] key) {

  public Psk {
    if (identity == null || identity.isEmpty()) {
      throw new IllegalArgumentException("a PSK needs an identity");
    }
    if (key == null || key.length == 0) {
      throw new IllegalArgumentException("a PSK needs a key");
    }
    key = key.clone();
  }

  /** A key given as text (as libcoap's {@code -k} takes it), encoded as UTF-8. */
  public static Psk of(String identity, String key) {
    return new Psk(identity, key == null ? null : key.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public byte[] key() {
    return key.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Psk p && p.identity.equals(identity) && Arrays.equals(p.key, key);
  }

  @Override
  public int hashCode() {
    return identity.hashCode() * 31 + Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "Psk[identity=" + identity + ", key=***]";
  }
}

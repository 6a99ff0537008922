package io.hearth.api;

import io.hearth.bridge.BridgeIdentity;
import io.hearth.bridge.channel.Channel;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * The secrets of one remote session, taken from the hub's side, to look for where they must not be.
 */
final class SessionSecrets {
  private SessionSecrets() {}

  /**
   * The keys of this remote session: the stream session's key (from the hub's answer), the
   * channel's two transport keys, and the hub's static channel private key (from its data dir).
   */
  static List<byte[]> of(JsonObject session, Channel channel, Path hubData) throws Exception {
    byte[] hubPrivate = BridgeIdentity.load(hubData).channel().getPrivate().getEncoded();
    return List.of(
        Base64.getUrlDecoder().decode(session.getString("key")),
        transportKey(channel, "send"),
        transportKey(channel, "receive"),
        java.util.Arrays.copyOfRange(hubPrivate, hubPrivate.length - 32, hubPrivate.length));
  }

  /** A transport key of the channel, read by reflection (the channel never hands it out). */
  static byte[] transportKey(Channel channel, String direction) throws Exception {
    java.lang.reflect.Field field = Channel.class.getDeclaredField(direction);
    field.setAccessible(true);
    Object state = field.get(channel);
    java.lang.reflect.Method key = state.getClass().getDeclaredMethod("keyBytes");
    key.setAccessible(true);
    return (byte[]) key.invoke(state);
  }
}

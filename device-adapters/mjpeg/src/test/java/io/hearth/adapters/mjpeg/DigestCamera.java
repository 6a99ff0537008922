package io.hearth.adapters.mjpeg;

import static io.hearth.adapters.mjpeg.ScriptedHttpCamera.ascii;

import io.hearth.runtime.camera.Camera;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted camera that demands HTTP Digest (MD5, qop=auth) and checks the answer with its own,
 * independent computation before it streams.
 */
final class DigestCamera implements BiConsumer<String, NetSocket> {
  private static final String REALM = "IP Camera";
  private static final String NONCE = "4e6f6e63652d313233";
  private static final Pattern PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

  private final Camera.Credentials credentials;
  private final Consumer<NetSocket> stream;

  DigestCamera(Camera.Credentials credentials, Consumer<NetSocket> stream) {
    this.credentials = credentials;
    this.stream = stream;
  }

  @Override
  public void accept(String head, NetSocket socket) {
    Matcher auth = Pattern.compile("(?im)^Authorization: Digest (.*)$").matcher(head);
    if (auth.find() && valid(params(auth.group(1).trim()), requestUri(head))) {
      stream.accept(socket);
      return;
    }
    socket.end(
        ascii(
            "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm=\""
                + REALM
                + "\", qop=\"auth\", nonce=\""
                + NONCE
                + "\", opaque=\"xyz\"\r\nContent-Length: 0\r\n\r\n"));
  }

  private boolean valid(Map<String, String> p, String uri) {
    String ha1 = md5(credentials.username() + ":" + REALM + ":" + credentials.password());
    String ha2 = md5("GET:" + uri);
    String expected =
        md5(ha1 + ":" + NONCE + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2);
    return expected.equals(p.get("response"))
        && uri.equals(p.get("uri"))
        && "xyz".equals(p.get("opaque"))
        && credentials.username().equals(p.get("username"));
  }

  private static String requestUri(String head) {
    return head.substring(0, head.indexOf("\r\n")).split(" ", -1)[1];
  }

  private static Map<String, String> params(String text) {
    Map<String, String> params = new HashMap<>();
    Matcher m = PARAM.matcher(text);
    while (m.find()) {
      params.put(m.group(1), m.group(2) != null ? m.group(2) : m.group(3));
    }
    return params;
  }

  private static String md5(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

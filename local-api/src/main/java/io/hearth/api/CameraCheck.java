package io.hearth.api;

import io.hearth.runtime.camera.Camera;
import io.hearth.runtime.camera.MediaSourceFactory;
import io.hearth.runtime.error.HubException;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;

/**
 * Tries a camera's address the moment the owner adds or changes it, so that the answer can say in
 * words what is wrong ("nothing answers at 192.168.1.20 port 554") instead of "idle" until someone
 * watches. The camera is saved either way (it may be switched off for now): the result is a warning
 * in the answer's {@code check}, never a refusal. The connection asks the egress ledger first, like
 * every connection the hub makes, and is closed as soon as it opens.
 */
final class CameraCheck {
  static final int TIMEOUT_MS = 2000;
  private static final Map<String, Integer> DEFAULT_PORTS =
      Map.of("rtsp", 554, "rtsps", 322, "http", 80, "https", 443);

  private final ModuleContext hub;
  private final NetClient client;

  CameraCheck(ModuleContext hub) {
    this.hub = hub;
    this.client = hub.vertx().createNetClient(new NetClientOptions().setConnectTimeout(TIMEOUT_MS));
  }

  /** The adapter for the URL, or a 400 that tells the owner which addresses work. */
  static MediaSourceFactory adapter(ModuleContext hub, URI url) {
    try {
      return hub.mediaSources().forUrl(url);
    } catch (HubException e) {
      throw HubException.badRequest(
          "Hearth cannot play "
              + url.getScheme()
              + ":// addresses. Use the camera's RTSP address (rtsp://…) or its MJPEG address"
              + " (http://…): the camera's app or manual names them.");
    }
  }

  /** {@code {ok, message}}: whether something answers at the camera's address, in words. */
  Future<JsonObject> check(Camera camera) {
    URI url = camera.connectUrl();
    String host = url.getHost();
    int port = port(url);
    return hub.egress()
        .check("camera " + camera.name() + " (connection test)", host, port)
        .compose(v -> client.connect(port, host))
        .map(
            socket -> {
              socket.close();
              return result(true, "The hub reached the camera at " + host + " port " + port + ".");
            })
        .recover(e -> Future.succeededFuture(result(false, words(e, host, port))));
  }

  static int port(URI url) {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return DEFAULT_PORTS.getOrDefault(url.getScheme().toLowerCase(Locale.ROOT), 80);
  }

  private static JsonObject result(boolean ok, String message) {
    return new JsonObject().put("ok", ok).put("message", message);
  }

  /** What went wrong and what to do, for people; never an exception's own text. */
  static String words(Throwable e, String host, int port) {
    String saved = " The camera is saved; the hub keeps trying when someone watches.";
    if (e instanceof HubException h && "egress_refused".equals(h.code())) {
      return "The hub may not connect to "
          + host
          + ": it is outside the home network. Allow it in the hub's egress settings if that is"
          + " intended."
          + saved;
    }
    if (e instanceof UnknownHostException
        || e instanceof HubException h2 && "unreachable".equals(h2.code())) {
      return "The name "
          + host
          + " is not known on this network. Use the camera's IP address."
          + saved;
    }
    if (e instanceof ConnectException && !(e.getCause() instanceof UnknownHostException)) {
      if (String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
        return "Nothing answers at "
            + host
            + " port "
            + port
            + ". Check the address and port in the camera's app or manual."
            + saved;
      }
    }
    return "No answer from "
        + host
        + " port "
        + port
        + " within "
        + TIMEOUT_MS / 1000
        + " seconds. Is the camera switched on and on the home network?"
        + saved;
  }
}

package io.hearth.runtime.net;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;

/**
 * Vert.x on Linux's epoll transport where Netty's native library loads (x86-64 and arm64 are on the
 * class path): per packet it costs less CPU than the JDK's NIO selector, which the hub relaying
 * video and the relay forwarding it feel all day. Anywhere else, NIO, with the reason logged.
 * {@code -Dhearth.transport=nio} forces NIO.
 */
public final class Transport {
  private Transport() {}

  /** {@code options}, preferring the native transport unless NIO is forced. */
  public static VertxOptions preferNative(VertxOptions options) {
    return options.setPreferNativeTransport(!"nio".equals(System.getProperty("hearth.transport")));
  }

  /** Says which transport {@code vertx} runs on (native at {@code debug}, NIO and why at info). */
  public static Vertx logged(Vertx vertx, Logger log) {
    if (vertx.isNativeTransportEnabled()) {
      log.debug("network transport: native epoll");
    } else {
      Throwable why = vertx.unavailableNativeTransportCause();
      log.info(
          "network transport: Java NIO (the native epoll transport is unavailable: {})",
          why == null ? "unknown reason" : why.getMessage());
    }
    return vertx;
  }
}

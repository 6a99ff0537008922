package io.hearth.runtime.net.egress;

import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClientConfig;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TcpClientConfig;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.TransportMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.spi.observability.HttpRequest;
import io.vertx.core.spi.observability.HttpResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Counts the bytes of every outbound connection the hub's Vert.x opens (TCP, HTTP, WebSocket; the
 * relay link, cameras, ONVIF) through Vert.x's metrics SPI, and hands the ones to an address
 * outside the home network to the {@link Egress} ledger. It sees the socket itself, not what a
 * caller said it would connect to: a connection to the outside that nobody asked the ledger about
 * shows up as {@code unannounced} instead of going unseen. Server-side connections (viewers,
 * sensors) are not metered: they cost nothing here.
 */
public final class EgressMeter implements VertxMetricsFactory, VertxMetrics {
  private volatile Opener ledger;

  /** Where a metered connection is recorded: null when the peer is home (nothing to record). */
  @FunctionalInterface
  public interface Opener {
    EgressConnection opened(InetAddress address, int port, String name, String transport);
  }

  @Override
  public VertxMetrics metrics(VertxOptions options) {
    return this;
  }

  /** From now on, connections outside the home network are recorded in {@code egress}. */
  public void attach(Egress egress) {
    this.ledger = egress::opened;
  }

  /** As {@link #attach(Egress)}, with any recorder (tests). */
  void attach(Opener opener) {
    this.ledger = opener;
  }

  /**
   * HTTP and WebSocket clients: their connections carry the TCP client's metric only when an
   * endpoint metric exists (Vert.x 5 ties the two), so there is one that counts nothing itself.
   */
  @Override
  public HttpClientMetrics<?, ?> createHttpClientMetrics(HttpClientConfig config) {
    return new HttpClientMetrics<Object, Object>() {
      @Override
      public ClientMetrics<Object, HttpRequest, HttpResponse> createEndpointMetrics(
          SocketAddress remote, int maxPoolSize) {
        return NO_REQUEST_METRICS;
      }
    };
  }

  private static final ClientMetrics<Object, HttpRequest, HttpResponse> NO_REQUEST_METRICS =
      new ClientMetrics<>() {};

  @Override
  public TransportMetrics<?> createTcpClientMetrics(TcpClientConfig config, String type) {
    return new Connections(type);
  }

  /** One per client: a connection is metered only when its peer is outside the home. */
  private final class Connections implements TransportMetrics<EgressConnection> {
    private final String type;

    Connections(String type) {
      this.type = type;
    }

    @Override
    public EgressConnection connected(SocketAddress remote, String remoteName) {
      Opener opener = ledger;
      InetAddress address = address(remote);
      if (opener == null || address == null) {
        return null;
      }
      return opener.opened(address, remote.port(), remoteName, type);
    }

    @Override
    public void disconnected(EgressConnection connection, SocketAddress remote) {
      if (connection != null) {
        connection.closed(System.currentTimeMillis());
      }
    }

    @Override
    public void bytesRead(EgressConnection connection, SocketAddress remote, long bytes) {
      if (connection != null) {
        connection.received(bytes);
      }
    }

    @Override
    public void bytesWritten(EgressConnection connection, SocketAddress remote, long bytes) {
      if (connection != null) {
        connection.sent(bytes);
      }
    }
  }

  private static InetAddress address(SocketAddress remote) {
    if (remote == null || remote.hostAddress() == null) {
      return null;
    }
    try {
      return InetAddress.getByName(remote.hostAddress()); // a literal: no lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }
}

package io.hearth.adapters.coap;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Californium client endpoints, created on first use: one plain UDP endpoint, and one DTLS endpoint
 * per pre-shared key. Their blocking start and stop run on worker threads.
 */
final class Endpoints {
  static {
    CoapConfig.register();
    UdpConfig.register();
    DtlsConfig.register();
  }

  private static final String PLAIN = "";

  private final Vertx vertx;
  private final Configuration config;
  private final Map<Object, Future<Endpoint>> endpoints = new ConcurrentHashMap<>();

  Endpoints(Vertx vertx, CoapSettings settings) {
    this.vertx = vertx;
    // Without a file: Californium must not write Californium3.properties into the working dir.
    this.config = Configuration.createStandardWithoutFile();
    config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, settings.maxPayloadBytes());
    config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY);
    config.set(DtlsConfig.DTLS_MAX_RETRANSMISSIONS, 2);
  }

  /** The started endpoint for this key, or the plain one when {@code psk} is null. */
  Future<Endpoint> endpoint(Psk psk) {
    Object key = psk == null ? PLAIN : psk;
    return endpoints.computeIfAbsent(key, k -> vertx.executeBlocking(() -> start(psk)));
  }

  private Endpoint start(Psk psk) throws java.io.IOException {
    CoapEndpoint.Builder builder = new CoapEndpoint.Builder().setConfiguration(config);
    if (psk == null) {
      builder.setInetSocketAddress(new InetSocketAddress(0));
    } else {
      builder.setConnector(new DTLSConnector(dtls(psk)));
    }
    Endpoint endpoint = builder.build();
    endpoint.start();
    return endpoint;
  }

  private DtlsConnectorConfig dtls(Psk psk) {
    return DtlsConnectorConfig.builder(config)
        .setAddress(new InetSocketAddress(0))
        .setAdvancedPskStore(new AdvancedSinglePskStore(psk.identity(), psk.key()))
        .build();
  }

  /** Destroys every endpoint (closing its socket) on a worker thread. */
  Future<Void> close() {
    List<Future<Endpoint>> all = new ArrayList<>(endpoints.values());
    endpoints.clear();
    List<Future<Void>> closed = new ArrayList<>();
    for (Future<Endpoint> started : all) {
      closed.add(
          started.compose(
              endpoint -> vertx.executeBlocking(() -> destroy(endpoint)),
              failed -> Future.succeededFuture()));
    }
    return Future.join(closed).mapEmpty();
  }

  private static Void destroy(Endpoint endpoint) {
    endpoint.destroy();
    return null;
  }
}

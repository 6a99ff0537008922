package io.hearth.runtime.camera;

import io.hearth.runtime.error.HubException;
import io.hearth.runtime.net.egress.Egress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The camera adapters registered by the enabled modules, looked up by camera URL. With an {@link
 * Egress}, every adapter it hands out connects only where the egress ledger agrees.
 */
public final class MediaSources {
  private final List<MediaSourceFactory> factories = new CopyOnWriteArrayList<>();
  private final Egress egress;

  /** Adapters behind the egress ledger (the hub's). */
  public MediaSources(Egress egress) {
    this.egress = egress;
  }

  /** Adapters as registered, for tests of the stream path that make no connection. */
  public MediaSources() {
    this(null);
  }

  public void register(MediaSourceFactory factory) {
    factories.add(factory);
  }

  public void unregister(MediaSourceFactory factory) {
    factories.remove(factory);
  }

  /** The adapter for a URL, or a 400 naming the schemes that are served. */
  public MediaSourceFactory forUrl(URI url) {
    for (MediaSourceFactory factory : factories) {
      if (factory.handles(url)) {
        return egress == null || !factory.connectsToHost()
            ? factory
            : new EgressCheckedSources(factory, egress);
      }
    }
    throw HubException.badRequest(
        "no enabled camera adapter handles "
            + url.getScheme()
            + ":// URLs; enabled: "
            + factories.stream().map(MediaSourceFactory::protocol).toList());
  }
}

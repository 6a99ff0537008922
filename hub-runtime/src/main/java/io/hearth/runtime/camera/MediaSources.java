package io.hearth.runtime.camera;

import io.hearth.runtime.HubException;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The camera adapters registered by the enabled modules, looked up by camera URL. */
public final class MediaSources {
  private final List<MediaSourceFactory> factories = new CopyOnWriteArrayList<>();

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
        return factory;
      }
    }
    throw HubException.badRequest(
        "no enabled camera adapter handles "
            + url.getScheme()
            + ":// URLs; enabled: "
            + factories.stream().map(MediaSourceFactory::protocol).toList());
  }
}

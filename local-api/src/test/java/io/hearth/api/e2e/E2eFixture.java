package io.hearth.api.e2e;

import io.hearth.runtime.spi.HubModule;
import io.hearth.runtime.testing.Peers;
import io.hearth.runtime.testing.TestDirs;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one set-up of the end-to-end tests: a real hub ({@link E2eHub}) on a fresh data directory, a
 * Vert.x for the test's own clients and cameras and, unless asked not to, headless Chromium; all
 * started once for the test class and closed after it. Register it as {@code @RegisterExtension
 * static final E2eFixture e2e = E2eFixture.withChromium();} and open tabs with {@link #newPage()}.
 */
final class E2eFixture implements BeforeAllCallback, AfterAllCallback {
  private final boolean browser;
  private final Map<String, String> peers = new LinkedHashMap<>();
  private Modules modules = dir -> List.of();
  private String[] settings = {};
  private Path dir;
  private E2eHub hub;
  private Vertx vertx;
  private Chromium chromium;

  private E2eFixture(boolean browser) {
    this.browser = browser;
    if (browser) {
      peers.put("chromium", "chromium");
    }
  }

  /** Hub, Vert.x and Chromium (the test is skipped, or fails in CI, without Chromium). */
  static E2eFixture withChromium() {
    return new E2eFixture(true);
  }

  /** Hub and Vert.x only, for tests that judge the hub's answers with other peers. */
  static E2eFixture withoutBrowser() {
    return new E2eFixture(false);
  }

  /** More modules for the hub, made in the class's directory before it starts. */
  interface Modules {
    List<HubModule> make(Path dir) throws Exception;
  }

  /** The hub also runs {@code modules}, with these settings ("key=value" lines). */
  E2eFixture withModules(Modules modules, String... settings) {
    this.modules = modules;
    this.settings = settings;
    return this;
  }

  /** Another peer the test needs: {@code command} from Debian package {@code debianPackage}. */
  E2eFixture requiring(String command, String debianPackage) {
    peers.put(command, debianPackage);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    for (Map.Entry<String, String> peer : peers.entrySet()) {
      Peers.require(peer.getKey(), peer.getValue());
    }
    dir = TestDirs.create("hearth-e2e");
    vertx = Vertx.vertx();
    hub = E2eHub.start(dir.resolve("data"), modules.make(dir), settings);
    if (browser) {
      chromium = Chromium.start();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (hub != null) {
      hub.close();
    }
    if (vertx != null) {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
    if (dir != null) {
      TestDirs.delete(dir);
    }
  }

  E2eHub hub() {
    return hub;
  }

  /** Replaces the hub with a new one on an empty data directory: a first start, no owner yet. */
  E2eHub freshHub() throws Exception {
    hub.close();
    hub = E2eHub.start(dir.resolve("data-" + System.nanoTime()));
    return hub;
  }

  Vertx vertx() {
    return vertx;
  }

  /** A new tab in its own browser context (fresh storage, as a new display would have). */
  BrowserPage newPage() throws Exception {
    if (chromium == null) {
      throw new IllegalStateException("this fixture was made withoutBrowser()");
    }
    return chromium.newPage();
  }

  /** Pairs {@code page} at the hub's own origin as display {@code name} for {@code cameras}. */
  String pair(DisplayPage page, String name, String... cameras) throws Exception {
    return page.pair(hub.origin(), hub, name, cameras);
  }
}

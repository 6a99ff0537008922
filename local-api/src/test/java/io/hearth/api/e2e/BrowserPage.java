package io.hearth.api.e2e;

import io.hearth.runtime.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/** One tab: navigate, evaluate JavaScript (awaiting promises), and wait for a condition. */
final class BrowserPage implements AutoCloseable {
  private final Cdp cdp;

  /** How long a navigation may take to commit before it is sent again. */
  private static final Duration COMMIT = Duration.ofSeconds(10);

  private final List<String> console = Collections.synchronizedList(new ArrayList<>());
  private final java.util.Set<String> committed = ConcurrentHashMap.newKeySet();

  private Runnable disposed = () -> {};

  private BrowserPage(Cdp cdp) {
    this.cdp = cdp;
  }

  /**
   * A tab on {@code cdp}; {@code disposed} runs when it closes (its browser context is disposed
   * there, with the idle connections the context kept to the hub).
   */
  static BrowserPage open(Cdp cdp, Runnable disposed) throws Exception {
    BrowserPage page = new BrowserPage(cdp);
    page.disposed = disposed;
    cdp.onEvent(page::event);
    cdp.send("Runtime.enable", new JsonObject());
    cdp.send("Page.enable", new JsonObject());
    cdp.send("Log.enable", new JsonObject());
    // A new tab loads about:blank first; a navigation sent before that settles can be lost to it.
    Eventually.within(
        Duration.ofSeconds(10),
        "the new tab's about:blank loaded",
        () -> "complete".equals(page.evalQuietly("document.readyState")));
    return page;
  }

  private void event(JsonObject event) {
    String method = event.getString("method");
    if ("Page.frameNavigated".equals(method)) {
      JsonObject frame = event.getJsonObject("params").getJsonObject("frame");
      if (frame != null && frame.getString("parentId") == null) {
        committed.add(frame.getString("loaderId"));
      }
    } else if ("Log.entryAdded".equals(method)) {
      JsonObject entry = event.getJsonObject("params").getJsonObject("entry");
      console.add(
          "log: "
              + entry.getString("level")
              + " "
              + entry.getString("text")
              + (entry.getString("url") != null ? " (" + entry.getString("url") + ")" : ""));
    } else if ("Runtime.consoleAPICalled".equals(method)) {
      console.add("console: " + event.getJsonObject("params").getJsonArray("args").encode());
    } else if ("Runtime.exceptionThrown".equals(method)) {
      console.add("exception: " + event.getJsonObject("params").encode());
    }
  }

  /**
   * Loads {@code url} and returns once its document has committed (a navigation that only changes
   * the hash returns at once). A navigation that does not commit within {@link #COMMIT} is sent
   * once more; the error says where the tab stayed.
   */
  void navigate(String url) throws Exception {
    for (int attempt = 1; ; attempt++) {
      JsonObject result = cdp.send("Page.navigate", new JsonObject().put("url", url));
      if (result.containsKey("errorText")) {
        throw new IllegalStateException(
            "cannot load " + url + ": " + result.getString("errorText"));
      }
      String loader = result.getString("loaderId");
      long deadline = System.nanoTime() + COMMIT.toNanos();
      while (loader != null && !committed.contains(loader) && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      if (loader == null || committed.contains(loader)) {
        return;
      }
      if (attempt == 2) {
        throw new IllegalStateException(
            "navigating to "
                + url
                + " did not commit within "
                + COMMIT.toMillis()
                + " ms, twice; the tab shows "
                + where());
      }
      console.add("note: navigating to " + url + " did not commit; sent again");
    }
  }

  /** The tab's address and document state, for error messages. */
  String where() {
    Object at = evalQuietly("location.href + ' (' + document.readyState + ')'");
    return String.valueOf(at);
  }

  /** {@link #eval} that answers null instead of failing (the page may be between documents). */
  private Object evalQuietly(String expression) {
    try {
      return eval(expression);
    } catch (Exception e) {
      return null;
    }
  }

  /** The value of an expression (promises awaited), as JSON-compatible Java values. */
  Object eval(String expression) throws Exception {
    JsonObject result =
        cdp.send(
            "Runtime.evaluate",
            new JsonObject()
                .put("expression", expression)
                .put("returnByValue", true)
                .put("awaitPromise", true));
    if (result.containsKey("exceptionDetails")) {
      throw new IllegalStateException(
          "script failed: " + expression + ": " + result.getJsonObject("exceptionDetails"));
    }
    return result.getJsonObject("result").getValue("value");
  }

  /** Evaluates until the value satisfies {@code done}; fails with the last value on timeout. */
  Object await(String expression, Predicate<Object> done, Duration timeout) throws Exception {
    Object[] last = {null};
    try {
      return Eventually.value(timeout, expression, () -> settled(expression, done, last));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; last value: "
              + last[0]
              + "; the tab shows "
              + where()
              + "\n"
              + String.join("\n", console));
    }
  }

  /** The value if it satisfies {@code done}, else null; keeps the last value or error seen. */
  private Object settled(String expression, Predicate<Object> done, Object[] last)
      throws Exception {
    try {
      Object value = eval(expression);
      last[0] = value;
      return value != null && done.test(value) ? value : null;
    } catch (IllegalStateException e) {
      last[0] = e.getMessage(); // the page may still be loading
      return null;
    }
  }

  /** Emulates a screen of {@code width} × {@code height} CSS pixels (a phone when mobile). */
  void emulate(int width, int height, boolean mobile) throws Exception {
    cdp.send(
        "Emulation.setDeviceMetricsOverride",
        new JsonObject()
            .put("width", width)
            .put("height", height)
            .put("deviceScaleFactor", 1)
            .put("mobile", mobile));
  }

  /** Saves what the tab shows now as a PNG. */
  void screenshot(java.nio.file.Path file) throws Exception {
    JsonObject shot = cdp.send("Page.captureScreenshot", new JsonObject().put("format", "png"));
    java.nio.file.Files.createDirectories(file.getParent());
    java.nio.file.Files.write(file, java.util.Base64.getDecoder().decode(shot.getString("data")));
  }

  /**
   * Adds the authenticator a phone or laptop has (platform, resident keys, user verification, its
   * user always present) through DevTools' WebAuthn domain; returns its id.
   */
  String virtualAuthenticator() throws Exception {
    cdp.send("WebAuthn.enable", new JsonObject());
    JsonObject options =
        new JsonObject()
            .put("protocol", "ctap2")
            .put("transport", "internal")
            .put("hasResidentKey", true)
            .put("hasUserVerification", true)
            .put("isUserVerified", true)
            .put("automaticPresenceSimulation", true);
    return cdp.send("WebAuthn.addVirtualAuthenticator", new JsonObject().put("options", options))
        .getString("authenticatorId");
  }

  /** A DevTools command on this tab (WebAuthn, Emulation, Page.captureScreenshot...). */
  JsonObject send(String method, JsonObject params) throws Exception {
    return cdp.send(method, params);
  }

  List<String> console() {
    return List.copyOf(console);
  }

  @Override
  public void close() {
    try {
      cdp.send("Page.close", new JsonObject());
    } catch (Exception e) {
      // the tab is gone already
    }
    cdp.close();
    disposed.run();
  }
}

package io.hearth.api.e2e;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/** One tab: navigate, evaluate JavaScript (awaiting promises), and wait for a condition. */
final class BrowserPage implements AutoCloseable {
  private final Cdp cdp;
  private final List<String> console = Collections.synchronizedList(new ArrayList<>());

  private BrowserPage(Cdp cdp) {
    this.cdp = cdp;
  }

  static BrowserPage open(Cdp cdp) throws Exception {
    BrowserPage page = new BrowserPage(cdp);
    cdp.onEvent(page::event);
    cdp.send("Runtime.enable", new JsonObject());
    cdp.send("Page.enable", new JsonObject());
    return page;
  }

  private void event(JsonObject event) {
    String method = event.getString("method");
    if ("Runtime.consoleAPICalled".equals(method)) {
      console.add("console: " + event.getJsonObject("params").getJsonArray("args").encode());
    } else if ("Runtime.exceptionThrown".equals(method)) {
      console.add("exception: " + event.getJsonObject("params").encode());
    }
  }

  void navigate(String url) throws Exception {
    JsonObject result = cdp.send("Page.navigate", new JsonObject().put("url", url));
    if (result.containsKey("errorText")) {
      throw new IllegalStateException("cannot load " + url + ": " + result.getString("errorText"));
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
    long deadline = System.nanoTime() + timeout.toNanos();
    Object value = null;
    String last = null;
    while (System.nanoTime() < deadline) {
      try {
        value = eval(expression);
      } catch (IllegalStateException e) {
        value = null; // the page may still be loading
        last = e.getMessage();
      }
      if (value != null && done.test(value)) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "timed out after "
            + timeout
            + " waiting on "
            + expression
            + "; last value: "
            + (value == null ? last : value)
            + "\n"
            + String.join("\n", console));
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
  }
}

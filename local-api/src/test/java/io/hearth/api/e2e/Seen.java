package io.hearth.api.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What a person sees in a tab: text that is on screen (rendered, not hidden, inside the viewport),
 * and no machine text (exception messages, ids) anywhere on the page. Each step of a journey waits
 * on these and saves a screenshot under target/screenshots/&lt;size&gt;/.
 */
final class Seen {
  static final Duration WAIT = Duration.ofSeconds(20);

  /** Exception text, Netty errors, ids of cameras, displays, members and grants. */
  static final Pattern MACHINE_TEXT =
      Pattern.compile(
          "Exception|finishConnect|error\\(-?\\d+\\)|\\b(cam|dsp|mem|grt|ses)_[0-9a-z]{6,}"
              + "|no live live grant|TypeError|undefined|\\[object");

  private final BrowserPage tab;
  private final Path shots;
  private int step;

  Seen(BrowserPage tab, Path shots) {
    this.tab = tab;
    this.shots = shots;
  }

  BrowserPage tab() {
    return tab;
  }

  /**
   * Waits until an element matching {@code selector} whose text contains {@code text} is rendered
   * and entirely inside the viewport; returns its text.
   */
  String inView(String selector, String text) throws Exception {
    String script =
        "(() => { const want = "
            + quote(text)
            + "; for (const e of document.querySelectorAll("
            + quote(selector)
            + ")) { if (!e.textContent.includes(want) || !e.checkVisibility()) continue;"
            + " const r = e.getBoundingClientRect();"
            + " if (r.width > 0 && r.top >= -1 && r.left >= -1 && r.bottom <= innerHeight + 1"
            + " && r.right <= innerWidth + 1) return e.textContent; } return null; })()";
    try {
      return (String) tab.await(script, v -> v instanceof String, WAIT);
    } catch (AssertionError e) {
      tab.screenshot(shots.resolve("failed-" + (step + 1) + ".png"));
      throw new AssertionError(
          e.getMessage() + "\npage text:\n" + tab.eval("document.body.innerText"), e);
    }
  }

  /** Waits until an element matching {@code selector} with {@code text} is rendered. */
  void rendered(String selector, String text) throws Exception {
    tab.await(
        "[...document.querySelectorAll("
            + quote(selector)
            + ")].some(e => e.checkVisibility()"
            + " && e.textContent.includes("
            + quote(text)
            + "))",
        Boolean.TRUE::equals,
        WAIT);
  }

  /** Waits until the element is not rendered (hidden, or gone). */
  void gone(String selector) throws Exception {
    tab.await(
        "(() => { const e = document.querySelector("
            + quote(selector)
            + ");"
            + " return !e || !e.checkVisibility(); })()",
        Boolean.TRUE::equals,
        WAIT);
  }

  /** No exception text or id in what the page shows (its rendered text). */
  void noMachineText() throws Exception {
    String text = (String) tab.eval("document.body.innerText");
    assertFalse(MACHINE_TEXT.matcher(text).find(), "machine text on the page:\n" + text);
  }

  /** True if no element is wider than the viewport and no word was broken mid-letter. */
  JsonObject layout() throws Exception {
    return new JsonObject(
        (String)
            tab.eval(
                "JSON.stringify({overflow: document.documentElement.scrollWidth > innerWidth,"
                    + " width: document.documentElement.scrollWidth})"));
  }

  /** Opens the hub's admin page at {@code #section} and signs in there with the owner token. */
  Seen ownerAdmin(E2eHub hub, String section) throws Exception {
    tab.navigate(hub.origin() + "/admin/#" + section);
    inView("#sign-in label", "Owner token");
    fill("token", hub.ownerToken);
    tab.eval("document.getElementById('sign-in').requestSubmit()");
    gone("#sign-in");
    return this;
  }

  /** Saves a numbered screenshot of this step. */
  void shot(String name) throws Exception {
    step++;
    tab.screenshot(shots.resolve(String.format("%02d-%s.png", step, name)));
  }

  /** Navigates and clicks a selector's element (scrolling it into view first, as a finger). */
  void click(String selector) throws Exception {
    tab.eval(
        "(() => { const e = document.querySelector("
            + quote(selector)
            + "); e.scrollIntoView({block: 'center'}); e.click(); })()");
  }

  /** Clicks the first button whose text (or label) starts with {@code label}. */
  void press(String label) throws Exception {
    tab.await(
        "(() => { const b = [...document.querySelectorAll('button')].find(b => b.checkVisibility()"
            + " && ((b.getAttribute('aria-label') || b.textContent).startsWith("
            + quote(label)
            + "))); if (!b) return false; b.scrollIntoView({block: 'center'}); b.click();"
            + " return true; })()",
        Boolean.TRUE::equals,
        WAIT);
  }

  /** Sets input values by id, pairs of id and value. */
  void fill(String... fields) throws Exception {
    StringBuilder script = new StringBuilder();
    for (int i = 0; i < fields.length; i += 2) {
      script
          .append("document.getElementById(")
          .append(quote(fields[i]))
          .append(").value = ")
          .append(quote(fields[i + 1]))
          .append(";");
    }
    tab.eval(script.toString());
  }

  static String quote(String text) {
    String array = new JsonArray().add(text).encode();
    return array.substring(1, array.length() - 1);
  }
}

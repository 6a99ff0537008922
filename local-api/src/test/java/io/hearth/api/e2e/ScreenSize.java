package io.hearth.api.e2e;

/** The three screens the household's pages are judged at: a laptop, a phone, a wall display. */
enum ScreenSize {
  DESKTOP(1280, 800, false),
  PHONE(390, 844, true),
  DISPLAY(1024, 600, false);

  final int width;
  final int height;
  final boolean mobile;

  ScreenSize(int width, int height, boolean mobile) {
    this.width = width;
    this.height = height;
    this.mobile = mobile;
  }

  /** target/screenshots/&lt;size&gt;/ of the module. */
  java.nio.file.Path shots() {
    return java.nio.file.Path.of(
        "target", "screenshots", name().toLowerCase(java.util.Locale.ROOT));
  }

  /** A new tab of this size. */
  BrowserPage open(E2eFixture e2e) throws Exception {
    BrowserPage tab = e2e.newPage();
    tab.emulate(width, height, mobile);
    return tab;
  }
}

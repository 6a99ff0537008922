package io.hearth.runtime.store.testmodule;

/** Marks the package whose {@code migrations/} folder holds a test module's scripts. */
public final class Anchor {
  private Anchor() {}
}

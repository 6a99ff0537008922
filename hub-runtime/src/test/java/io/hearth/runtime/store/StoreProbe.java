package io.hearth.runtime.store;

/** What tests may observe of a {@link Database}'s work beyond its public face. */
public final class StoreProbe {
  private StoreProbe() {}

  /** Read units asked of the store since it opened. */
  public static long readsRequested(Database db) {
    return db.readsRequested();
  }
}

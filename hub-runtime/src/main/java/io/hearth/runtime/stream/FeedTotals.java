package io.hearth.runtime.stream;

/**
 * Sums of {@link FeedStats}: the switchboard keeps those of closed feeds here, so that its totals
 * only ever grow (Prometheus counters) although feeds come and go. Synchronized: feeds close on the
 * switchboard's context, scrapes read from the API's.
 */
final class FeedTotals {
  private int viewers;
  private long framesIn;
  private long delivered;
  private long skipped;
  private long misrouted;
  private long connects;

  synchronized void add(FeedStats s) {
    viewers += s.viewers();
    framesIn += s.framesIn();
    delivered += s.framesDelivered();
    skipped += s.framesSkipped();
    misrouted += s.misroutedFrames();
    connects += s.connects();
  }

  /** A copy without viewers (a closed feed has none left). */
  synchronized FeedTotals copy() {
    FeedTotals copy = new FeedTotals();
    copy.add(new FeedStats(0, framesIn, delivered, skipped, misrouted, connects));
    return copy;
  }

  synchronized FeedStats stats() {
    return new FeedStats(viewers, framesIn, delivered, skipped, misrouted, connects);
  }
}

package io.hearth.adapters.onvif;

import io.hearth.adapters.onvif.OnvifCallException.Reason;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A camera's events through an ONVIF PullPoint subscription: CreatePullPointSubscription, then
 * PullMessages one after the other, each held by the camera up to {@code onvif.event-pull-seconds}.
 * An answer the hub refuses (not XML, too large) is logged in one line and the loop goes on; a few
 * in a row, or any other failure, and the subscription is made anew.
 */
final class PullPoint extends EventSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(PullPoint.class);
  static final int MAX_REFUSED_IN_A_ROW = 5;

  static final int FAULTS_BEFORE_FALLBACK = 2;

  private final URI events;
  private final Runnable fallback;
  private int createFaults;
  private final Refusals refusals = new Refusals(LOG, "ONVIF events (PullPoint)");
  private int refusedInARow;

  PullPoint(
      Vertx vertx,
      EventCalls calls,
      OnvifEventSettings settings,
      MotionReport report,
      String cameraId,
      URI events,
      Runnable fallback) {
    super(vertx, calls, settings, report, cameraId);
    this.events = events;
    this.fallback = fallback;
  }

  /**
   * CreatePullPointSubscription; after {@value #FAULTS_BEFORE_FALLBACK} faults in a row (the camera
   * refuses PullPoint, it is not merely unreachable) the fallback, if any, takes over.
   */
  @Override
  protected Future<EventCalls.Subscription> open(long gen) {
    return calls
        .createPullPoint(events, settings.subscriptionSeconds())
        .onComplete(
            r -> {
              boolean fault =
                  r.failed()
                      && r.cause() instanceof OnvifCallException c
                      && c.reason() == Reason.FAULT;
              createFaults = fault ? createFaults + 1 : 0;
              if (fault && createFaults >= FAULTS_BEFORE_FALLBACK && fallback != null) {
                fallback.run();
              }
            });
  }

  @Override
  protected void opened(long gen, URI address) {
    pull(gen, address);
  }

  private void pull(long gen, URI address) {
    if (!current(gen)) {
      return;
    }
    calls
        .pull(address, settings.pullSeconds())
        .onSuccess(
            read -> {
              if (current(gen)) {
                healthy();
                refusedInARow = 0;
                read.motion().forEach(report::motion);
                pull(gen, address);
              }
            })
        .onFailure(e -> pulledNothing(gen, address, e));
  }

  private void pulledNothing(long gen, URI address, Throwable e) {
    if (!current(gen)) {
      return;
    }
    boolean refused = e instanceof OnvifCallException c && c.reason() == Reason.BAD_ANSWER;
    if (refused && ++refusedInARow < MAX_REFUSED_IN_A_ROW) {
      refusals.log("camera " + cameraId, e.getMessage());
      vertx.setTimer(100, t -> pull(gen, address));
      return;
    }
    refusedInARow = 0;
    failed(gen, "failed while pulling messages", e);
  }
}

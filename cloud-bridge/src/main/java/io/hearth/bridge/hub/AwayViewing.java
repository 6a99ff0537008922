package io.hearth.bridge.hub;

import io.hearth.bridge.BridgeIdentity;
import io.hearth.bridge.channel.ReplayGuard;
import io.hearth.bridge.channel.Responder;
import io.hearth.bridge.link.Backoff;
import io.hearth.bridge.link.RelayLink;
import io.hearth.bridge.link.RelayStream;
import io.hearth.runtime.spi.ModuleContext;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocketClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watching from away, on or off at the owner's word ({@link BridgeSettings#AWAY_VIEWING}, a setting
 * in the app that applies at once). On: the hub keeps its one link to the relay the file names.
 * Off: each display watching from away is told so inside its channel, its session ends, and the
 * link closes and stays closed, so the relay no longer lists the hub and joins no one to it. The
 * switch never chooses a relay: it stops and resumes the one {@code bridge.relay-url} names.
 * Everything runs on the link's context.
 */
final class AwayViewing {
  private static final Logger LOG = LoggerFactory.getLogger(AwayViewing.class);
  static final long REPLAY_WINDOW_MS = 10 * 60_000L;

  private final ModuleContext hub;
  private final String host;
  private final int port;
  private final BridgeState state;
  private final RelayLink link;
  private final List<RemoteViewer> viewers = new ArrayList<>();
  private final Backoff egressBackoff = Backoff.standard();
  private boolean on;
  private int turns; // each switch, so a ledger answer that comes after a later switch is dropped
  private long egressRetry = -1;
  private volatile boolean stopped;

  AwayViewing(
      ModuleContext hub,
      BridgeIdentity identity,
      WebSocketClientOptions options,
      String host,
      int port) {
    this.hub = hub;
    this.host = host;
    this.port = port;
    this.state = new BridgeState(hub.operations(), host + ":" + port);
    Responder responder =
        new Responder(
            identity.channel(), identity.relayId(), new ReplayGuard(REPLAY_WINDOW_MS, 4096));
    this.link =
        new RelayLink(hub.vertx(), identity.relay(), options, s -> viewer(responder, s))
            .lostHandler(state::lost);
    link.welcomeHandler(r -> state.connected(link.relayId()));
  }

  /**
   * At the module's start: on asks the egress ledger and keeps the link (a refusal fails the start,
   * as before the switch existed); off opens nothing.
   */
  Future<Void> start(boolean wanted) {
    return onContext(() -> wanted ? on() : off());
  }

  /**
   * The owner switched: off tells and ends every viewer from away, then closes the link; on asks
   * the ledger again (a refusal is reported and asked again after a backoff) and keeps the link.
   */
  Future<Void> switchTo(boolean wanted) {
    return onContext(() -> wanted ? resume() : off());
  }

  /** The module stops: the link closes, and no later switch opens it again. */
  Future<Void> stop() {
    stopped = true;
    return onContext(this::off).eventually(() -> onContext(this::reportStopped));
  }

  private Future<Void> onContext(Supplier<Future<Void>> step) {
    Promise<Void> done = Promise.promise();
    link.context().runOnContext(v -> step.get().onComplete(done));
    return done.future();
  }

  private Future<Void> reportStopped() {
    state.stopped();
    return Future.succeededFuture();
  }

  private Future<Void> on() {
    if (on || stopped) {
      return Future.succeededFuture();
    }
    on = true;
    int turn = ++turns;
    state.connecting();
    return hub.egress().check("relay", host, port).onSuccess(v -> connect(turn));
  }

  private void connect(int turn) {
    if (!on || stopped || turn != turns) {
      return;
    }
    egressBackoff.reset();
    link.keepConnected(List.of(host + ":" + port), Backoff.standard())
        .onSuccess(id -> LOG.info("bridge: connected to the relay at {} as {}", host, id));
  }

  private Future<Void> resume() {
    return on().recover(
            e -> {
              on = false;
              long delay = egressBackoff.nextDelayMillis();
              state.lost("the hub may not connect to the relay: " + e.getMessage(), delay);
              egressRetry =
                  hub.vertx()
                      .setTimer(
                          delay,
                          t -> {
                            egressRetry = -1;
                            resume();
                          });
              return Future.succeededFuture();
            });
  }

  private Future<Void> off() {
    if (egressRetry >= 0) {
      hub.vertx().cancelTimer(egressRetry);
      egressRetry = -1;
    }
    boolean was = on;
    on = false;
    turns++;
    List.copyOf(viewers).forEach(RemoteViewer::turnedOff);
    viewers.clear();
    if (!stopped) {
      state.turnedOff();
    }
    if (was) {
      LOG.info("bridge: watching from away turned off; the link to the relay is closed");
    }
    return link.close();
  }

  /** A viewer the relay joined; one that raced the switch to off is closed at once. */
  private void viewer(Responder responder, RelayStream stream) {
    viewers.removeIf(RemoteViewer::isEnded);
    if (!on) {
      stream.close();
      return;
    }
    RemoteViewer viewer = new RemoteViewer(hub, responder, stream, state);
    viewers.add(viewer);
    viewer.start();
  }
}

package io.hearth.adapters.mqtt;

import io.hearth.adapters.mqtt.convention.OutboundMessage;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttLink} on Eclipse Paho v3's asynchronous client. Paho calls back on its own threads;
 * each callback hops onto the Vert.x context. Paho's blocking connect and disconnect run through
 * {@code executeBlocking}. Inbound messages waiting for the context are bounded ({@link
 * #MAX_PENDING}): beyond that, a flood is dropped and counted rather than queued without limit.
 */
public final class PahoMqttLink implements MqttLink {
  /** Most received messages waiting for the Vert.x context before new ones are dropped. */
  static final int MAX_PENDING = 20_000;

  private static final Logger LOG = LoggerFactory.getLogger(PahoMqttLink.class);
  private static final long CONNECT_WAIT_MS = 15_000;

  private final Context context;
  private final MqttAsyncClient client;
  private final MqttConnectOptions options;
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean overloadLogged = new AtomicBoolean();
  private volatile BiConsumer<String, byte[]> messageHandler = (topic, payload) -> {};
  private volatile Handler<Throwable> lostHandler = cause -> {};

  /** A link to the broker of these settings, calling back on this context. */
  public PahoMqttLink(Context context, MqttSettings settings) {
    this.context = context;
    this.options = PahoOptions.from(settings);
    try {
      this.client =
          new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      throw new IllegalArgumentException("unusable mqtt.url " + settings.url() + ": " + e, e);
    }
    client.setCallback(new Callbacks());
  }

  @Override
  public Future<Void> connect() {
    return blocking(
        () -> {
          client.connect(options).waitForCompletion(CONNECT_WAIT_MS);
          return null;
        });
  }

  @Override
  public Future<Void> subscribe(Collection<String> filters, int qos) {
    String[] topics = filters.toArray(new String[0]);
    int[] qoss = new int[topics.length];
    Arrays.fill(qoss, qos);
    return call(
        listener -> client.subscribe(topics, qoss, null, listener),
        token -> refused(token, topics));
  }

  @Override
  public Future<Void> unsubscribe(Collection<String> filters) {
    String[] topics = filters.toArray(new String[0]);
    return call(listener -> client.unsubscribe(topics, null, listener), token -> null);
  }

  @Override
  public Future<Void> publish(OutboundMessage m) {
    return call(
        listener -> client.publish(m.topic(), m.payload(), m.qos(), m.retain(), null, listener),
        token -> null);
  }

  @Override
  public Future<Void> disconnect() {
    return blocking(
        () -> {
          try {
            if (client.isConnected()) {
              client.disconnect(500).waitForCompletion(1000);
            }
          } catch (MqttException e) {
            client.disconnectForcibly(0, 0, false);
          }
          client.close(true);
          return null;
        });
  }

  /** Runs a blocking Paho call on a worker, in order (a disconnect waits for a connect). */
  private Future<Void> blocking(java.util.concurrent.Callable<Void> call) {
    try {
      return context.executeBlocking(call, true);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return Future.failedFuture(e); // Vert.x is closing
    }
  }

  @Override
  public boolean isConnected() {
    return client.isConnected();
  }

  @Override
  public MqttLink messageHandler(BiConsumer<String, byte[]> handler) {
    this.messageHandler = handler;
    return this;
  }

  @Override
  public MqttLink connectionLostHandler(Handler<Throwable> handler) {
    this.lostHandler = handler;
    return this;
  }

  /** Messages dropped because too many were waiting for the context. */
  public long dropped() {
    return dropped.get();
  }

  /** Starts a Paho action and completes the future on the context when Paho answers. */
  private Future<Void> call(PahoAction action, TokenCheck check) {
    Promise<Void> promise = Promise.promise();
    IMqttActionListener listener =
        new IMqttActionListener() {
          @Override
          public void onSuccess(IMqttToken token) {
            Throwable refusal = check.problem(token);
            context.runOnContext(
                v -> {
                  if (refusal == null) {
                    promise.complete();
                  } else {
                    promise.fail(refusal);
                  }
                });
          }

          @Override
          public void onFailure(IMqttToken token, Throwable cause) {
            context.runOnContext(v -> promise.fail(cause));
          }
        };
    try {
      action.start(listener);
    } catch (MqttException | RuntimeException e) {
      return Future.failedFuture(e);
    }
    return promise.future();
  }

  private static Throwable refused(IMqttToken token, String[] topics) {
    int[] granted = token.getGrantedQos();
    for (int i = 0; granted != null && i < granted.length; i++) {
      if (granted[i] == 0x80) {
        String topic = i < topics.length ? topics[i] : "?";
        return new IllegalStateException("the broker refused the subscription to " + topic);
      }
    }
    return null;
  }

  private void arrived(String topic, byte[] payload) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      if (overloadLogged.compareAndSet(false, true)) {
        LOG.warn("more than {} MQTT messages waiting: dropping new ones", MAX_PENDING);
      }
      return;
    }
    context.runOnContext(
        v -> {
          if (pending.decrementAndGet() < MAX_PENDING / 2) {
            overloadLogged.set(false);
          }
          messageHandler.accept(topic, payload);
        });
  }

  /** One Paho call that takes an action listener. */
  @FunctionalInterface
  private interface PahoAction {
    void start(IMqttActionListener listener) throws MqttException;
  }

  /** Turns a successful token into a failure (SUBACK refusals), or null when all is well. */
  @FunctionalInterface
  private interface TokenCheck {
    Throwable problem(IMqttToken token);
  }

  private final class Callbacks implements MqttCallback {
    @Override
    public void connectionLost(Throwable cause) {
      context.runOnContext(v -> lostHandler.handle(cause));
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
      arrived(topic, message.getPayload());
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
      // Publishers are told through their own action listeners.
    }
  }
}

package io.hearth.runtime.testing;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A running mosquitto_sub whose {@code topic payload} lines a test reads with a bound. */
public final class MosquittoSub implements AutoCloseable {
  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  public MosquittoSub(Process process) {
    this.process = process;
    Thread reader = new Thread(this::read, "mosquitto_sub-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** The next line within the timeout, or null. */
  public String next(long timeoutMs) throws InterruptedException {
    return lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** The next line on this topic within the timeout (skipping probes), or null. */
  public String nextOn(String topic, long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (System.nanoTime() < deadline) {
      String line = next(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      if (line != null && line.startsWith(topic + " ")) {
        return line;
      }
    }
    return null;
  }

  /** Waits until the broker has this subscriber's subscription, by sending it probes. */
  public void awaitReady(Mosquitto broker, String probeTopic) throws Exception {
    for (int i = 0; i < 50; i++) {
      broker.publish(probeTopic, "probe", false);
      String line = next(200);
      if (line != null && line.startsWith(probeTopic)) {
        return;
      }
    }
    throw new AssertionError("mosquitto_sub never subscribed");
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (java.io.IOException e) {
      lines.add("! " + e);
    }
  }

  @Override
  public void close() {
    process.destroy();
  }
}

package io.hearth.api.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * Every 100 ms during a flood: asks the hub's health (over one kept-alive loopback connection, as a
 * watchdog would) and reads the hub process's resident memory and open file descriptors from /proc.
 * Keeps the worst of each.
 */
final class FloodSampler implements Runnable {
  private final long pid;
  private final URI health;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private volatile boolean running = true;
  volatile long maxHealthMs;
  volatile long healthFailures;
  volatile long healthAnswers;
  volatile long maxRssKb;
  volatile long maxFds;
  volatile JsonObject lastHealth = new JsonObject();

  FloodSampler(long pid, int httpPort) {
    this.pid = pid;
    this.health = URI.create("http://127.0.0.1:" + httpPort + "/api/v1/health");
  }

  @Override
  public void run() {
    while (running) {
      long started = System.nanoTime();
      pollHealth();
      maxRssKb = Math.max(maxRssKb, status("VmRSS:"));
      maxFds = Math.max(maxFds, fds());
      long left = 100 - (System.nanoTime() - started) / 1_000_000;
      sleep(Math.max(1, left));
    }
  }

  void stop() {
    running = false;
  }

  /** A line of /proc/PID/status in kB (VmRSS:, VmHWM:), or -1. */
  long status(String field) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  long fds() {
    try (Stream<Path> entries = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
      return entries.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private void pollHealth() {
    long started = System.nanoTime();
    try {
      HttpResponse<String> answer =
          client.send(
              HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        healthFailures++;
        return;
      }
      lastHealth = new JsonObject(answer.body());
      healthAnswers++;
    } catch (IOException | RuntimeException e) {
      healthFailures++;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
    maxHealthMs = Math.max(maxHealthMs, (System.nanoTime() - started) / 1_000_000);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

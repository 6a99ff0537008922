package io.hearth.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tells systemd that the hub is ready (a {@code Type=notify} service) once {@code Hub.start} has
 * returned, i.e. every listener is bound. The JDK has no unix datagram socket to send {@code
 * READY=1} to {@code $NOTIFY_SOCKET} itself, so it runs {@code systemd-notify --ready}, which waits
 * until systemd has read the message (the unit needs {@code NotifyAccess=all}). Runs on the main
 * thread, never on an event loop; does nothing outside a notify service.
 */
final class ServiceReadiness {
  static final String COMMAND = "systemd-notify";
  private static final long TIMEOUT_SECONDS = 20;

  private ServiceReadiness() {}

  /** Returns whether systemd was told; a failure is one line on {@code err}. */
  static boolean announce(Map<String, String> env, String command, String status, PrintStream err) {
    if (env.get("NOTIFY_SOCKET") == null) {
      return false;
    }
    try {
      Process process =
          new ProcessBuilder(List.of(command, "--ready", "--status=" + status))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        err.println("hearth: " + command + " did not finish in " + TIMEOUT_SECONDS + " s");
        return false;
      }
      if (process.exitValue() != 0) {
        err.println("hearth: " + command + " --ready failed (exit " + process.exitValue() + ")");
        return false;
      }
      return true;
    } catch (IOException e) {
      err.println("hearth: cannot tell systemd the hub is ready: " + e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
